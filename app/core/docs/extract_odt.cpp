// OpenDocument Text: content.xml from the zip. text:h (with text:outline-level) gives the
// heading path; text:p (also inside lists, tables and frames) gives paragraphs; text:s, text:tab
// and text:line-break keep the spacing; notes' citations, annotations and tracked changes are
// left out.
#include "docs/extract.h"
#include "docs/zip_reader.h"

#include <QXmlStreamReader>

namespace causerie::docs {
namespace {

const QString kTextNs = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:text:1.0");
const QString kOfficeNs = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:office:1.0");

struct Paragraph {
  QString text;
  int level = 0;  // outline level of a text:h, 0 for text:p
};

}  // namespace

Result<ExtractedDocument> extractOdt(const QString& path) {
  auto zip = ZipReader::open(path);
  if (!zip) return fail(QStringLiteral("not an ODT document (%1)").arg(zip.error()));
  auto content = zip->read(QStringLiteral("content.xml"));
  if (!content) return fail(QStringLiteral("not an ODT document (%1)").arg(content.error()));

  DocumentBuilder builder(QStringLiteral("odt"));
  QXmlStreamReader xml(*content);
  QList<Paragraph> open;  // text:p / text:h being read; frames can nest them
  int skipDepth = 0;      // inside an element whose text we leave out
  while (!xml.atEnd()) {
    const auto token = xml.readNext();
    if (token == QXmlStreamReader::StartElement) {
      const auto ns = xml.namespaceUri();
      const auto name = xml.name();
      if (skipDepth > 0) {
        ++skipDepth;
        continue;
      }
      if ((ns == kTextNs && (name == QLatin1String("note-citation") || name == QLatin1String("tracked-changes"))) ||
          (ns == kOfficeNs && name == QLatin1String("annotation"))) {
        skipDepth = 1;
        continue;
      }
      if (ns != kTextNs) continue;
      if (name == QLatin1String("p")) {
        open.append(Paragraph{});
      } else if (name == QLatin1String("h")) {
        Paragraph p;
        p.level = qMax(1, xml.attributes().value(kTextNs, QStringLiteral("outline-level")).toInt());
        open.append(p);
      } else if (!open.isEmpty() && name == QLatin1String("s")) {
        const int count = qMax(1, xml.attributes().value(kTextNs, QStringLiteral("c")).toInt());
        open.last().text += QString(qMin(count, 100), QLatin1Char(' '));
      } else if (!open.isEmpty() && name == QLatin1String("tab")) {
        open.last().text += QLatin1Char('\t');
      } else if (!open.isEmpty() && name == QLatin1String("line-break")) {
        open.last().text += QLatin1Char('\n');
      }
    } else if (token == QXmlStreamReader::EndElement) {
      if (skipDepth > 0) {
        --skipDepth;
        continue;
      }
      if (xml.namespaceUri() == kTextNs && (xml.name() == QLatin1String("p") || xml.name() == QLatin1String("h")) &&
          !open.isEmpty()) {
        const Paragraph p = open.takeLast();
        if (p.level > 0) builder.heading(p.level, p.text);
        else builder.paragraph(p.text);
      }
    } else if (token == QXmlStreamReader::Characters && skipDepth == 0 && !open.isEmpty()) {
      // ODF collapses white space in text like HTML; text:s holds the spaces that count.
      QString t = xml.text().toString();
      for (QChar& c : t)
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t')) c = QLatin1Char(' ');
      open.last().text += t;
    }
  }
  if (xml.hasError()) {
    return fail(QStringLiteral("damaged ODT document (content.xml, line %1: %2)")
                    .arg(xml.lineNumber())
                    .arg(xml.errorString()));
  }
  return builder.take();
}

}  // namespace causerie::docs
