#include "docs/extract.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace causerie::docs {

QString formatForPath(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("txt") || suffix == QLatin1String("text")) return QStringLiteral("text");
  if (suffix == QLatin1String("md") || suffix == QLatin1String("markdown")) return QStringLiteral("markdown");
  if (suffix == QLatin1String("html") || suffix == QLatin1String("htm") || suffix == QLatin1String("xhtml"))
    return QStringLiteral("html");
  if (suffix == QLatin1String("pdf")) return QStringLiteral("pdf");
  if (suffix == QLatin1String("odt")) return QStringLiteral("odt");
  if (suffix == QLatin1String("docx")) return QStringLiteral("docx");
  return {};
}

Result<QString> decodeUtf8Text(const QByteArray& bytes) {
  if (bytes.contains('\0')) return fail(QStringLiteral("not a text file (it holds binary data)"));
  QByteArray body = bytes;
  if (body.startsWith("\xEF\xBB\xBF")) body.remove(0, 3);  // UTF-8 byte order mark
  QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
  QString text = decoder(body);
  if (decoder.hasError()) return fail(QStringLiteral("not UTF-8 text"));
  text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
  text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
  return text;
}

Result<ExtractedDocument> extractFile(const QString& path) {
  const QString format = formatForPath(path);
  if (format.isEmpty()) return fail(QStringLiteral("not a supported format"));
  const QFileInfo info(path);
  if (!info.isFile()) return fail(QStringLiteral("not a file"));
  if (info.size() > kMaxFileBytes) {
    return fail(QStringLiteral("too big (%1 MiB; at most %2 MiB)")
                    .arg(info.size() / (1024 * 1024))
                    .arg(kMaxFileBytes / (1024 * 1024)));
  }
  if (format == QLatin1String("pdf")) return extractPdf(path);
  if (format == QLatin1String("odt")) return extractOdt(path);
  if (format == QLatin1String("docx")) return extractDocx(path);
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return fail(QStringLiteral("cannot read: %1").arg(file.errorString()));
  const QByteArray bytes = file.readAll();
  if (format == QLatin1String("markdown")) return extractMarkdown(bytes);
  if (format == QLatin1String("html")) return extractHtml(bytes);
  return extractPlainText(bytes);
}

}  // namespace causerie::docs
