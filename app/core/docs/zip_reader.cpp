#include "docs/zip_reader.h"

#include <zip.h>

namespace causerie::docs {

void ZipReader::Closer::operator()(zip* archive) const {
  if (archive) zip_discard(archive);
}

Result<ZipReader> ZipReader::open(const QString& path) {
  int code = 0;
  zip_t* archive = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY, &code);
  if (!archive) {
    if (code == ZIP_ER_NOZIP) return fail(QStringLiteral("not a zip file"));
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const QString why = QString::fromUtf8(zip_error_strerror(&error));
    zip_error_fini(&error);
    return fail(QStringLiteral("cannot open the zip file: %1").arg(why));
  }
  ZipReader reader;
  reader.archive_ = std::shared_ptr<zip>(archive, Closer{});
  return reader;
}

bool ZipReader::contains(const QString& member) const {
  return zip_name_locate(archive_.get(), member.toUtf8().constData(), 0) >= 0;
}

QByteArray ZipReader::readOptional(const QString& member) const {
  if (!contains(member)) return {};
  auto bytes = read(member);
  return bytes ? *bytes : QByteArray();
}

Result<QByteArray> ZipReader::read(const QString& member, qint64 maxBytes) const {
  const QByteArray name = member.toUtf8();
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(archive_.get(), name.constData(), 0, &stat) != 0)
    return fail(QStringLiteral("%1 is missing from the archive").arg(member));
  if (!(stat.valid & ZIP_STAT_SIZE)) return fail(QStringLiteral("%1 has no size in the archive").arg(member));
  if (qint64(stat.size) > maxBytes) return fail(QStringLiteral("%1 is too big").arg(member));
  zip_file_t* file = zip_fopen(archive_.get(), name.constData(), 0);
  if (!file) {
    return fail(QStringLiteral("cannot read %1: %2").arg(member, QString::fromUtf8(zip_strerror(archive_.get()))));
  }
  QByteArray bytes(qsizetype(stat.size), Qt::Uninitialized);
  qint64 done = 0;
  while (done < qint64(stat.size)) {
    const zip_int64_t n = zip_fread(file, bytes.data() + done, zip_uint64_t(qint64(stat.size) - done));
    if (n <= 0) break;
    done += n;
  }
  const QString why = QString::fromUtf8(zip_file_strerror(file));
  zip_fclose(file);
  if (done != qint64(stat.size)) return fail(QStringLiteral("%1 is damaged in the archive (%2)").arg(member, why));
  return bytes;
}

}  // namespace causerie::docs
