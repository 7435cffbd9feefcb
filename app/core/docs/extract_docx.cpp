// Word (DOCX): word/document.xml from the zip. A paragraph's heading level comes from its
// outline level (w:outlineLvl, in the paragraph or its style, following w:basedOn) or from a
// style named "heading N"; runs' w:t, w:tab and w:br make the text. Tables' cells are
// paragraphs; deleted text (w:del) and field codes (w:instrText) are left out.
//
// Pages: Word records where its last layout broke the pages (w:lastRenderedPageBreak): when the
// file has those marks they are the pages; otherwise the explicit breaks (w:br w:type="page",
// w:pageBreakBefore) are. A paragraph is on the page of its first character. Without either,
// pages are known only when docProps/app.xml says the document has one page; else 0 (unknown).
#include "docs/extract.h"
#include "docs/zip_reader.h"

#include <QHash>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace causerie::docs {
namespace {

const QString kW = QStringLiteral("http://schemas.openxmlformats.org/wordprocessingml/2006/main");

struct Style {
  int outline = -1;  // 0-based outline level, -1 when none
  QString basedOn;
};

QString wVal(const QXmlStreamReader& xml) { return xml.attributes().value(kW, QStringLiteral("val")).toString(); }

int levelFromName(const QString& name) {
  static const QRegularExpression heading(QStringLiteral("^(?:heading|titre|berschrift|t[ií]tulo)\\s*([1-9])$"),
                                          QRegularExpression::CaseInsensitiveOption);
  const auto m = heading.match(name.trimmed());
  return m.hasMatch() ? m.captured(1).toInt() - 1 : -1;
}

// styleId -> style, from word/styles.xml (missing or damaged styles: none).
QHash<QString, Style> readStyles(const QByteArray& bytes) {
  QHash<QString, Style> styles;
  QXmlStreamReader xml(bytes);
  QString id;
  Style style;
  while (!xml.atEnd()) {
    const auto token = xml.readNext();
    if (token == QXmlStreamReader::StartElement && xml.namespaceUri() == kW) {
      const auto name = xml.name();
      if (name == QLatin1String("style")) {
        id = xml.attributes().value(kW, QStringLiteral("styleId")).toString();
        style = Style{};
      } else if (!id.isEmpty() && name == QLatin1String("name")) {
        if (style.outline < 0) style.outline = levelFromName(wVal(xml));
      } else if (!id.isEmpty() && name == QLatin1String("basedOn")) {
        style.basedOn = wVal(xml);
      } else if (!id.isEmpty() && name == QLatin1String("outlineLvl")) {
        style.outline = wVal(xml).toInt();
      }
    } else if (token == QXmlStreamReader::EndElement && xml.namespaceUri() == kW && xml.name() == QLatin1String("style")) {
      if (!id.isEmpty()) styles.insert(id, style);
      id.clear();
    }
  }
  return styles;
}

// <Pages> of docProps/app.xml, 0 when absent.
int appPages(const QByteArray& bytes) {
  QXmlStreamReader xml(bytes);
  while (!xml.atEnd())
    if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("Pages")) return qMax(0, xml.readElementText().toInt());
  return 0;
}

// An OOXML on/off property: absent w:val, "true", "1" or "on" is on.
bool wOn(const QXmlStreamReader& xml) {
  const auto v = xml.attributes().value(kW, QStringLiteral("val"));
  return v.isEmpty() || v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("on");
}

int styleOutline(const QHash<QString, Style>& styles, QString id) {
  for (int hops = 0; hops < 16 && !id.isEmpty(); ++hops) {
    const auto it = styles.constFind(id);
    if (it == styles.constEnd()) return levelFromName(id);
    if (it->outline >= 0) return it->outline;
    id = it->basedOn;
  }
  return -1;
}

}  // namespace

Result<ExtractedDocument> extractDocx(const QString& path) {
  auto zip = ZipReader::open(path);
  if (!zip) return fail(QStringLiteral("not a DOCX document (%1)").arg(zip.error()));
  auto body = zip->read(QStringLiteral("word/document.xml"));
  if (!body) return fail(QStringLiteral("not a DOCX document (%1)").arg(body.error()));
  return extractDocxParts(*body, zip->readOptional(QStringLiteral("word/styles.xml")), zip->readOptional(QStringLiteral("docProps/app.xml")));
}

Result<ExtractedDocument> extractDocxParts(const QByteArray& document, const QByteArray& stylesXml, const QByteArray& appXml) {
  const QHash<QString, Style> styles = stylesXml.isEmpty() ? QHash<QString, Style>() : readStyles(stylesXml);
  const int declaredPages = appXml.isEmpty() ? 0 : appPages(appXml);
  const bool rendered = document.contains("lastRenderedPageBreak");
  QList<PagedBlock> paragraphs;
  QXmlStreamReader xml(document);
  QString text;
  int outline = -1;       // the current paragraph's own outline level
  QString style;          // the current paragraph's style
  int depth = 0;          // nesting of w:p (text boxes can hold paragraphs)
  int skipDepth = 0;      // inside w:del / w:instrText
  bool inText = false;    // inside w:t
  int page = 1;           // the page being read
  int paraPage = 0;       // the page of the current paragraph's first character (0: none yet)
  bool explicitBreaks = false;
  auto textAt = [&](const QString& piece) {
    if (paraPage == 0 && !piece.trimmed().isEmpty()) paraPage = page;
    text += piece;
  };
  while (!xml.atEnd()) {
    const auto token = xml.readNext();
    if (token == QXmlStreamReader::StartElement) {
      if (skipDepth > 0) {
        ++skipDepth;
        continue;
      }
      if (xml.namespaceUri() != kW) continue;
      const auto name = xml.name();
      if (name == QLatin1String("del") || name == QLatin1String("instrText") || name == QLatin1String("delText")) {
        skipDepth = 1;
      } else if (name == QLatin1String("p")) {
        if (depth++ == 0) {
          text.clear();
          outline = -1;
          style.clear();
          paraPage = 0;
        }
      } else if (name == QLatin1String("pStyle")) {
        style = wVal(xml);
      } else if (name == QLatin1String("outlineLvl")) {
        outline = wVal(xml).toInt();
      } else if (name == QLatin1String("t")) {
        inText = true;
      } else if (name == QLatin1String("tab")) {
        text += QLatin1Char('\t');
      } else if (name == QLatin1String("lastRenderedPageBreak")) {
        ++page;
      } else if (name == QLatin1String("br") && xml.attributes().value(kW, QStringLiteral("type")) == QLatin1String("page")) {
        explicitBreaks = true;
        if (!rendered) ++page;
      } else if (name == QLatin1String("pageBreakBefore") && wOn(xml)) {
        explicitBreaks = true;
        // Word ignores it on the document's first paragraph.
        if (!rendered && !paragraphs.isEmpty()) ++page;
      } else if (name == QLatin1String("br") || name == QLatin1String("cr")) {
        text += QLatin1Char('\n');
      }
    } else if (token == QXmlStreamReader::EndElement) {
      if (skipDepth > 0) {
        --skipDepth;
        continue;
      }
      if (xml.namespaceUri() != kW) continue;
      if (xml.name() == QLatin1String("t")) {
        inText = false;
      } else if (xml.name() == QLatin1String("p") && depth > 0 && --depth == 0) {
        const int level = outline >= 0 ? outline : styleOutline(styles, style);
        // Outline level 9 means body text in Word.
        paragraphs.append(PagedBlock{text, level >= 0 && level < 9 ? level + 1 : 0, paraPage ? paraPage : page});
      }
    } else if (token == QXmlStreamReader::Characters && inText && skipDepth == 0) {
      textAt(xml.text().toString());
    }
  }
  if (xml.hasError()) {
    return fail(QStringLiteral("damaged DOCX document (word/document.xml, line %1: %2)")
                    .arg(xml.lineNumber())
                    .arg(xml.errorString()));
  }
  // Pages are known from the layout's marks, explicit breaks, or a one-page declaration.
  const bool paged = rendered || explicitBreaks || declaredPages == 1;
  return buildDocument(QStringLiteral("docx"), paragraphs, paged, qMax(page, declaredPages));
}

}  // namespace causerie::docs
