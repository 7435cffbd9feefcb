#include "docs/document.h"


namespace causerie::docs {

ExtractedDocument buildDocument(const QString& format, const QList<PagedBlock>& blocks, bool paged, int pageCount) {
  DocumentBuilder builder(format);
  for (const PagedBlock& b : blocks) {
    const int page = paged ? b.page : 0;
    if (b.level > 0) builder.heading(b.level, b.text, page);
    else builder.paragraph(b.text, page);
  }
  if (paged) builder.setPageCount(pageCount);
  return builder.take();
}

QString tidyText(const QString& text) {
  QStringList lines;
  for (QString line : text.split(QLatin1Char('\n'))) {
    line.replace(QLatin1Char('\t'), QLatin1Char(' '));
    line.replace(QChar(0x00A0), QLatin1Char(' '));
    lines << line.simplified();
  }
  while (!lines.isEmpty() && lines.first().isEmpty()) lines.removeFirst();
  while (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();
  // Blank lines inside a paragraph would read as paragraph breaks: keep at most one line break.
  QStringList out;
  for (const QString& line : lines)
    if (!line.isEmpty()) out << line;
  return out.join(QLatin1Char('\n'));
}

void DocumentBuilder::append(const QString& text, int page, bool isHeading) {
  if (!doc_.text.isEmpty()) doc_.text += QLatin1String("\n\n");
  Block block;
  block.start = doc_.text.size();
  doc_.text += text;
  block.end = doc_.text.size();
  block.page = page;
  for (const auto& h : headings_) block.headingPath << h.second;
  block.isHeading = isHeading;
  doc_.blocks.append(block);
}

void DocumentBuilder::setHeadingPath(const QStringList& path) {
  headings_.clear();
  for (qsizetype i = 0; i < path.size(); ++i) headings_.append({int(i) + 1, path[i]});
}

void DocumentBuilder::heading(int level, const QString& text, int page) {
  const QString clean = tidyText(text).replace(QLatin1Char('\n'), QLatin1Char(' '));
  if (clean.isEmpty()) return;
  while (!headings_.isEmpty() && headings_.last().first >= level) headings_.removeLast();
  headings_.append({level, clean});
  append(clean, page, true);
}

void DocumentBuilder::paragraph(const QString& text, int page, bool preformatted) {
  QString clean = preformatted ? text : tidyText(text);
  if (preformatted) {
    while (clean.endsWith(QLatin1Char('\n'))) clean.chop(1);
    while (clean.startsWith(QLatin1Char('\n'))) clean.remove(0, 1);
  }
  if (clean.trimmed().isEmpty()) return;
  append(clean, page, false);
}

}  // namespace causerie::docs
