// OpenDocument Text: content.xml from the zip. text:h (with text:outline-level) gives the
// heading path; text:p (also inside lists, tables and frames) gives paragraphs; text:s, text:tab
// and text:line-break keep the spacing; notes' citations, annotations and tracked changes are
// left out.
//
// Pages: LibreOffice marks where its layout broke the pages (text:soft-page-break, announced by
// text:use-soft-page-breaks on office:text); paragraph styles break them too (fo:break-before
// or fo:break-after "page", in content.xml's automatic styles or styles.xml, through
// style:parent-style-name). A paragraph is on the page of its first character. Without marks
// nor breaks, pages are known only when meta.xml's statistics say one page; else 0 (unknown).
#include "docs/extract.h"
#include "docs/zip_reader.h"

#include <QHash>
#include <QXmlStreamReader>

namespace causerie::docs {
namespace {

const QString kTextNs = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:text:1.0");
const QString kOfficeNs = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:office:1.0");
const QString kStyleNs = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:style:1.0");
const QString kFoNs = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0");
const QString kMetaNs = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:meta:1.0");

// A text:p or text:h being read (level: a text:h's outline level), its page that of its first
// character (0 until it has one).
struct Paragraph : PagedBlock {
  QString style;
};

struct PageStyle {
  bool before = false, after = false;  // fo:break-before / fo:break-after "page"
  QString parent;
};

// Paragraph styles' page breaks from the style:style elements of one XML part.
void readPageStyles(const QByteArray& bytes, QHash<QString, PageStyle>& styles) {
  QXmlStreamReader xml(bytes);
  QString name;
  while (!xml.atEnd()) {
    const auto token = xml.readNext();
    if (token == QXmlStreamReader::StartElement && xml.namespaceUri() == kStyleNs) {
      if (xml.name() == QLatin1String("style")) {
        name = xml.attributes().value(kStyleNs, QStringLiteral("name")).toString();
        styles[name].parent = xml.attributes().value(kStyleNs, QStringLiteral("parent-style-name")).toString();
      } else if (xml.name() == QLatin1String("paragraph-properties") && !name.isEmpty()) {
        const auto a = xml.attributes();
        if (a.value(kFoNs, QStringLiteral("break-before")) == QLatin1String("page")) styles[name].before = true;
        if (a.value(kFoNs, QStringLiteral("break-after")) == QLatin1String("page")) styles[name].after = true;
      }
    } else if (token == QXmlStreamReader::EndElement && xml.namespaceUri() == kStyleNs && xml.name() == QLatin1String("style")) {
      name.clear();
    }
  }
}

// The style's breaks, inherited through its parents.
PageStyle pageBreaks(const QHash<QString, PageStyle>& styles, QString name) {
  PageStyle out;
  for (int hops = 0; hops < 16 && !name.isEmpty(); ++hops) {
    const auto it = styles.constFind(name);
    if (it == styles.constEnd()) break;
    out.before = out.before || it->before;
    out.after = out.after || it->after;
    name = it->parent;
  }
  return out;
}

// meta:page-count of meta.xml's statistics, 0 when absent.
int metaPages(const QByteArray& bytes) {
  QXmlStreamReader xml(bytes);
  while (!xml.atEnd())
    if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("document-statistic"))
      return qMax(0, xml.attributes().value(kMetaNs, QStringLiteral("page-count")).toInt());
  return 0;
}

}  // namespace

Result<ExtractedDocument> extractOdt(const QString& path) {
  auto zip = ZipReader::open(path);
  if (!zip) return fail(QStringLiteral("not an ODT document (%1)").arg(zip.error()));
  auto content = zip->read(QStringLiteral("content.xml"));
  if (!content) return fail(QStringLiteral("not an ODT document (%1)").arg(content.error()));

  return extractOdtParts(*content, zip->readOptional(QStringLiteral("styles.xml")), zip->readOptional(QStringLiteral("meta.xml")));
}

Result<ExtractedDocument> extractOdtParts(const QByteArray& content, const QByteArray& stylesXml, const QByteArray& metaXml) {
  QHash<QString, PageStyle> styles;
  if (!stylesXml.isEmpty()) readPageStyles(stylesXml, styles);
  readPageStyles(content, styles);  // automatic styles, after the common ones they derive from
  const int declaredPages = metaXml.isEmpty() ? 0 : metaPages(metaXml);

  QList<PagedBlock> done;
  QXmlStreamReader xml(content);
  QList<Paragraph> open;  // text:p / text:h being read; frames can nest them
  int skipDepth = 0;      // inside an element whose text we leave out
  int page = 1;
  bool paged = false;     // soft page breaks announced, or a hard one seen
  auto startParagraph = [&](Paragraph p) {
    p.style = xml.attributes().value(kTextNs, QStringLiteral("style-name")).toString();
    // A break before the document's first paragraph does not add a page.
    if (open.isEmpty() && pageBreaks(styles, p.style).before) {
      paged = true;
      if (!done.isEmpty()) ++page;
    }
    open.append(p);
  };
  auto addText = [&](const QString& t) {
    if (open.last().page == 0 && !t.trimmed().isEmpty()) open.last().page = page;
    open.last().text += t;
  };
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
      if (ns == kOfficeNs && name == QLatin1String("text") &&
          xml.attributes().value(kTextNs, QStringLiteral("use-soft-page-breaks")) == QLatin1String("true"))
        paged = true;
      if (ns != kTextNs) continue;
      if (name == QLatin1String("p")) {
        startParagraph(Paragraph{});
      } else if (name == QLatin1String("h")) {
        Paragraph p;
        p.level = qMax(1, xml.attributes().value(kTextNs, QStringLiteral("outline-level")).toInt());
        startParagraph(p);
      } else if (name == QLatin1String("soft-page-break")) {
        ++page;
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
        Paragraph p = open.takeLast();
        if (p.page == 0) p.page = page;
        if (open.isEmpty() && pageBreaks(styles, p.style).after) {
          paged = true;
          ++page;
        }
        done.append(p);
      }
    } else if (token == QXmlStreamReader::Characters && skipDepth == 0 && !open.isEmpty()) {
      // ODF collapses white space in text like HTML; text:s holds the spaces that count.
      QString t = xml.text().toString();
      for (QChar& c : t)
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t')) c = QLatin1Char(' ');
      addText(t);
    }
  }
  if (xml.hasError()) {
    return fail(QStringLiteral("damaged ODT document (content.xml, line %1: %2)")
                    .arg(xml.lineNumber())
                    .arg(xml.errorString()));
  }
  paged = paged || declaredPages == 1;
  // The last page that holds a paragraph (a break after the last one opens an empty page).
  int pages = 1;
  for (const PagedBlock& p : done) pages = qMax(pages, p.page);
  return buildDocument(QStringLiteral("odt"), done, paged, qMax(pages, declaredPages));
}

}  // namespace causerie::docs
