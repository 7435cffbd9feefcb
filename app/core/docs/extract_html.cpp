// HTML: a small tolerant reader (tags, comments, character references; no DOM). h1-h6 give the
// heading path; block elements (p, div, li, tr, ...) end paragraphs; pre keeps its lines;
// script, style, head and the like are skipped. The encoding comes from the BOM or <meta charset>,
// else UTF-8 (Latin-1 when the bytes are not UTF-8).
#include "docs/extract.h"
#include "docs/html_entities.h"

#include <QSet>
#include <QStringDecoder>

namespace causerie::docs {
namespace {

const QSet<QString>& skippedElements() {
  static const QSet<QString> s = {QStringLiteral("script"), QStringLiteral("style"),
                                  QStringLiteral("noscript"), QStringLiteral("template"),
                                  QStringLiteral("head"), QStringLiteral("title"),
                                  QStringLiteral("svg"), QStringLiteral("math"),
                                  QStringLiteral("iframe"), QStringLiteral("object")};
  return s;
}

const QSet<QString>& blockElements() {
  static const QSet<QString> s = {
      QStringLiteral("p"),       QStringLiteral("div"),        QStringLiteral("li"),
      QStringLiteral("ul"),      QStringLiteral("ol"),         QStringLiteral("dl"),
      QStringLiteral("dt"),      QStringLiteral("dd"),         QStringLiteral("tr"),
      QStringLiteral("table"),   QStringLiteral("section"),    QStringLiteral("article"),
      QStringLiteral("header"),  QStringLiteral("footer"),     QStringLiteral("nav"),
      QStringLiteral("aside"),   QStringLiteral("blockquote"), QStringLiteral("hr"),
      QStringLiteral("figure"),  QStringLiteral("figcaption"), QStringLiteral("caption"),
      QStringLiteral("main"),    QStringLiteral("address"),    QStringLiteral("form"),
      QStringLiteral("fieldset"), QStringLiteral("body"),      QStringLiteral("html"),
      QStringLiteral("details"), QStringLiteral("summary"),    QStringLiteral("thead"),
      QStringLiteral("tbody"),   QStringLiteral("tfoot")};
  return s;
}

QString decode(const QByteArray& bytes) {
  if (auto encoding = QStringConverter::encodingForHtml(bytes)) {
    QStringDecoder decoder(*encoding);
    const QString text = decoder(bytes);
    if (!decoder.hasError()) return text;
  }
  QStringDecoder utf8(QStringConverter::Utf8);
  const QString text = utf8(bytes);
  if (!utf8.hasError()) return text;
  return QString::fromLatin1(bytes);
}

// The element name of a tag's inside ("a href=x" -> "a", "/p" -> "p"), lower-cased.
QString tagName(const QString& tag, bool& closing) {
  qsizetype i = 0;
  closing = tag.startsWith(QLatin1Char('/'));
  if (closing) ++i;
  const qsizetype start = i;
  while (i < tag.size() && (tag[i].isLetterOrNumber() || tag[i] == QLatin1Char('-') || tag[i] == QLatin1Char(':'))) ++i;
  return tag.mid(start, i - start).toLower();
}

int headingLevel(const QString& name) {
  if (name.size() == 2 && name[0] == QLatin1Char('h') && name[1] >= QLatin1Char('1') && name[1] <= QLatin1Char('6'))
    return name[1].unicode() - '0';
  return 0;
}

class HtmlReader {
 public:
  ExtractedDocument read(const QString& html) {
    const qsizetype n = html.size();
    qsizetype i = 0;
    while (i < n) {
      if (html[i] != QLatin1Char('<')) {
        const qsizetype next = html.indexOf(QLatin1Char('<'), i);
        const qsizetype end = next < 0 ? n : next;
        text(html.mid(i, end - i));
        i = end;
        continue;
      }
      if (html.mid(i, 4) == QLatin1String("<!--")) {
        const qsizetype end = html.indexOf(QLatin1String("-->"), i + 4);
        i = end < 0 ? n : end + 3;
        continue;
      }
      if (html.mid(i, 9) == QLatin1String("<![CDATA[")) {
        const qsizetype end = html.indexOf(QLatin1String("]]>"), i + 9);
        const qsizetype stop = end < 0 ? n : end;
        rawText(html.mid(i + 9, stop - i - 9));
        i = end < 0 ? n : end + 3;
        continue;
      }
      // A '<' that does not start a tag is text.
      if (i + 1 >= n || !(html[i + 1].isLetter() || html[i + 1] == QLatin1Char('/') ||
                          html[i + 1] == QLatin1Char('!') || html[i + 1] == QLatin1Char('?'))) {
        text(QStringLiteral("<"));
        ++i;
        continue;
      }
      const qsizetype close = tagEnd(html, i + 1);
      const QString inside = html.mid(i + 1, close - i - 1);
      i = close < n ? close + 1 : n;
      if (inside.startsWith(QLatin1Char('!')) || inside.startsWith(QLatin1Char('?'))) continue;
      bool closing = false;
      const QString name = tagName(inside, closing);
      const bool selfClosing = inside.endsWith(QLatin1Char('/'));
      if (!closing && skippedElements().contains(name) && !selfClosing) {
        // Skip to the matching end tag (these elements do not nest in practice).
        const QString endTag = QStringLiteral("</") + name;
        qsizetype end = i;
        while (true) {
          end = html.indexOf(endTag, end, Qt::CaseInsensitive);
          if (end < 0) break;
          const qsizetype after = end + endTag.size();
          if (after >= n || !html[after].isLetterOrNumber()) break;
          end = after;
        }
        if (end < 0) {
          i = n;
        } else {
          i = tagEnd(html, end + 1);
          i = i < n ? i + 1 : n;
        }
        continue;
      }
      element(name, closing);
    }
    flush();
    return builder_.take();
  }

 private:
  static qsizetype tagEnd(const QString& html, qsizetype from) {
    // The '>' that ends the tag, past quoted attribute values.
    QChar quote;
    for (qsizetype j = from; j < html.size(); ++j) {
      const QChar c = html[j];
      if (!quote.isNull()) {
        if (c == quote) quote = QChar();
      } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
        quote = c;
      } else if (c == QLatin1Char('>')) {
        return j;
      }
    }
    return html.size();
  }

  void element(const QString& name, bool closing) {
    if (name == QLatin1String("br")) {
      current_ += QLatin1Char('\n');
      return;
    }
    if (name == QLatin1String("td") || name == QLatin1String("th")) {
      current_ += QLatin1Char(' ');
      return;
    }
    if (const int level = headingLevel(name)) {
      flush();
      if (closing) {
        headingLevel_ = 0;
      } else {
        headingLevel_ = level;
      }
      return;
    }
    if (name == QLatin1String("pre")) {
      flush();
      pre_ = !closing;
      return;
    }
    if (blockElements().contains(name)) flush();
  }

  void text(const QString& raw) { rawText(decodeHtmlEntities(raw)); }

  void rawText(const QString& t) {
    if (pre_) {
      current_ += t;
      return;
    }
    QString collapsed = t;
    for (QChar& c : collapsed)
      if (c == QLatin1Char('\n') || c == QLatin1Char('\t') || c == QLatin1Char('\r')) c = QLatin1Char(' ');
    current_ += collapsed;
  }

  void flush() {
    if (headingLevel_ > 0) {
      builder_.heading(headingLevel_, current_);
    } else {
      builder_.paragraph(current_, 0, pre_);
    }
    current_.clear();
  }

  DocumentBuilder builder_{QStringLiteral("html")};
  QString current_;
  int headingLevel_ = 0;
  bool pre_ = false;
};

}  // namespace

Result<ExtractedDocument> extractHtml(const QByteArray& bytes) {
  if (bytes.contains('\0')) return fail(QStringLiteral("not an HTML file (it holds binary data)"));
  return HtmlReader().read(decode(bytes));
}

}  // namespace causerie::docs
