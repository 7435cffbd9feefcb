// Word (DOCX): word/document.xml from the zip. A paragraph's heading level comes from its
// outline level (w:outlineLvl, in the paragraph or its style, following w:basedOn) or from a
// style named "heading N"; runs' w:t, w:tab and w:br make the text. Tables' cells are
// paragraphs; deleted text (w:del) and field codes (w:instrText) are left out.
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
  QHash<QString, Style> styles;
  if (zip->contains(QStringLiteral("word/styles.xml"))) {
    if (auto bytes = zip->read(QStringLiteral("word/styles.xml"))) styles = readStyles(*bytes);
  }

  DocumentBuilder builder(QStringLiteral("docx"));
  QXmlStreamReader xml(*body);
  QString text;
  int outline = -1;       // the current paragraph's own outline level
  QString style;          // the current paragraph's style
  int depth = 0;          // nesting of w:p (text boxes can hold paragraphs)
  int skipDepth = 0;      // inside w:del / w:instrText
  bool inText = false;    // inside w:t
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
        }
      } else if (name == QLatin1String("pStyle")) {
        style = wVal(xml);
      } else if (name == QLatin1String("outlineLvl")) {
        outline = wVal(xml).toInt();
      } else if (name == QLatin1String("t")) {
        inText = true;
      } else if (name == QLatin1String("tab")) {
        text += QLatin1Char('\t');
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
        if (level >= 0 && level < 9) builder.heading(level + 1, text);
        else builder.paragraph(text);
      }
    } else if (token == QXmlStreamReader::Characters && inText && skipDepth == 0) {
      text += xml.text();
    }
  }
  if (xml.hasError()) {
    return fail(QStringLiteral("damaged DOCX document (word/document.xml, line %1: %2)")
                    .arg(xml.lineNumber())
                    .arg(xml.errorString()));
  }
  return builder.take();
}

}  // namespace causerie::docs
