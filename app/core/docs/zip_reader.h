// Reading members of a zip file (ODT, DOCX) with libzip.
#pragma once

#include "docs/document.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <memory>

struct zip;

namespace causerie::docs {

class ZipReader {
 public:
  // Opens `path` read-only, or says why not ("not a zip file", "damaged zip file", ...).
  static Result<ZipReader> open(const QString& path);

  bool contains(const QString& member) const;
  // The whole member (at most `maxBytes` once uncompressed), or why not.
  Result<QByteArray> read(const QString& member, qint64 maxBytes = 512ll * 1024 * 1024) const;
  // An optional member: its bytes, or none when it is absent or cannot be read.
  QByteArray readOptional(const QString& member) const;

 private:
  struct Closer {
    void operator()(zip* archive) const;
  };
  std::shared_ptr<zip> archive_;
};

}  // namespace causerie::docs
