// Markdown (CommonMark's block structure, read line by line): ATX (# ...) and setext (===, ---)
// headings give the heading path; blank lines end paragraphs; fenced code stays as written.
// Links and images keep their text; other inline markup is left as typed.
#include "docs/extract.h"

#include <QRegularExpression>

namespace causerie::docs {
namespace {

QString inlineText(QString text) {
  static const QRegularExpression image(QStringLiteral("!\\[([^\\]]*)\\]\\([^)]*\\)"));
  static const QRegularExpression link(QStringLiteral("\\[([^\\]]*)\\]\\([^)]*\\)"));
  text.replace(image, QStringLiteral("\\1"));
  text.replace(link, QStringLiteral("\\1"));
  return text;
}

}  // namespace

Result<ExtractedDocument> extractMarkdown(const QByteArray& bytes) {
  auto text = decodeUtf8Text(bytes);
  if (!text) return Error{text.error()};
  static const QRegularExpression atx(QStringLiteral("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$"));
  static const QRegularExpression setext1(QStringLiteral("^ {0,3}=+[ \\t]*$"));
  static const QRegularExpression setext2(QStringLiteral("^ {0,3}-+[ \\t]*$"));
  static const QRegularExpression fence(QStringLiteral("^ {0,3}(```+|~~~+)"));

  DocumentBuilder builder(QStringLiteral("markdown"));
  QStringList paragraph;
  auto flush = [&] {
    if (!paragraph.isEmpty()) builder.paragraph(inlineText(paragraph.join(QLatin1Char('\n'))));
    paragraph.clear();
  };
  const QStringList lines = text->split(QLatin1Char('\n'));
  for (qsizetype i = 0; i < lines.size(); ++i) {
    const QString& line = lines[i];
    if (auto m = fence.match(line); m.hasMatch()) {
      flush();
      const QString marker = m.captured(1);
      QStringList code;
      for (++i; i < lines.size(); ++i) {
        if (lines[i].trimmed().startsWith(marker)) break;
        code << lines[i];
      }
      builder.paragraph(code.join(QLatin1Char('\n')), 0, true);
      continue;
    }
    if (auto m = atx.match(line); m.hasMatch()) {
      flush();
      builder.heading(int(m.captured(1).size()), inlineText(m.captured(2)));
      continue;
    }
    if (line.trimmed().isEmpty()) {
      flush();
      continue;
    }
    if (!paragraph.isEmpty() && (setext1.match(line).hasMatch() || setext2.match(line).hasMatch())) {
      const int level = setext1.match(line).hasMatch() ? 1 : 2;
      const QString title = paragraph.join(QLatin1Char(' '));
      paragraph.clear();
      builder.heading(level, inlineText(title));
      continue;
    }
    paragraph << line;
  }
  flush();
  return builder.take();
}

}  // namespace causerie::docs
