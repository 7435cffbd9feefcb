// Hugging Face Hub client: search GGUF models and list a repository's files.
// The base URL is a setting (a mirror speaking the same API works). TLS verification is on.
//   search:  GET {base}/api/models?search=Q&filter=gguf&sort=downloads&direction=-1&limit=N
//   files:   GET {base}/api/models/{repo}/tree/main?recursive=true
//   fetch:   {base}/{repo}/resolve/main/{path}   (redirects to a CDN; X-Linked-Etag = sha256)
#pragma once

#include "models/models_result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace causerie::models {

struct HfModel {
  QString repository;  // "bartowski/Llama-3.2-1B-Instruct-GGUF"
  qint64 downloads = 0;
  qint64 likes = 0;
  QStringList tags;
  QString lastModified;  // ISO 8601 as sent
};

struct HfFile {
  QString path;          // in the repository
  qint64 size = 0;       // bytes (the LFS object's size)
  QString sha256;        // lfs.oid when the file is in LFS, else empty
  QString quantization;  // from the file name ("Q4_K_M"), empty when none found
  bool splitPart = false;  // "-00001-of-00003.gguf": one shard of a split model
};

class HfClient : public QObject {
  Q_OBJECT
 public:
  explicit HfClient(QNetworkAccessManager* nam, QUrl baseUrl = QUrl(QStringLiteral("https://huggingface.co")),
                    QObject* parent = nullptr);

  void setBaseUrl(const QUrl& url) { base_ = url; }
  QUrl baseUrl() const { return base_; }

  // The callbacks run on this object's thread; not called when the client is destroyed first.
  void search(const QString& query, int limit, std::function<void(Result<QList<HfModel>>)> done);
  // GGUF files only.
  void listFiles(const QString& repository, std::function<void(Result<QList<HfFile>>)> done);
  QUrl fileUrl(const QString& repository, const QString& path) const;

  static Result<QList<HfModel>> parseSearch(const QByteArray& json);
  static Result<QList<HfFile>> parseTree(const QByteArray& json);
  static QString quantizationFromFileName(const QString& fileName);
  // The first file whose quantization appears in `preference` (in that order); single files
  // preferred to split shards. nullptr when the list has no GGUF file.
  static const HfFile* pickQuantization(const QList<HfFile>& files, const QStringList& preference = defaultPreference());
  static QStringList defaultPreference();  // Q4_K_M, Q4_K_S, Q5_K_M, Q4_0, Q6_K, Q8_0, ...

 private:
  QNetworkReply* get(const QUrl& url);
  QString base() const;

  QNetworkAccessManager* nam_;
  QUrl base_;
};

}  // namespace causerie::models
