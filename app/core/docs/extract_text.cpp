// Plain text: UTF-8 only (a binary file named .txt is refused); paragraphs are separated by
// blank lines.
#include "docs/extract.h"

#include <QRegularExpression>

namespace causerie::docs {

Result<ExtractedDocument> extractPlainText(const QByteArray& bytes) {
  auto text = decodeUtf8Text(bytes);
  if (!text) return Error{text.error()};
  DocumentBuilder builder(QStringLiteral("text"));
  static const QRegularExpression blankLines(QStringLiteral("\\n[ \\t]*\\n"));
  for (const QString& paragraph : text->split(blankLines)) builder.paragraph(paragraph);
  return builder.take();
}

}  // namespace causerie::docs
