#include "docs/html_entities.h"

#include <QHash>

namespace causerie::docs {
namespace {

const QHash<QString, char32_t>& namedEntities() {
  static const QHash<QString, char32_t> table = [] {
    QHash<QString, char32_t> t;
    // U+00A0..U+00FF in order, as HTML 4 names them.
    const char* latin1[] = {
        "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",
        "uml",    "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",
        "deg",    "plusmn", "sup2",   "sup3",   "acute",  "micro",  "para",   "middot",
        "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12", "frac34", "iquest",
        "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
        "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",
        "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",
        "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",  "szlig",
        "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
        "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
        "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide",
        "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};
    for (int i = 0; i < 96; ++i) t.insert(QString::fromLatin1(latin1[i]), char32_t(0xA0 + i));
    const struct { const char* name; char32_t code; } others[] = {
        {"amp", '&'},        {"lt", '<'},          {"gt", '>'},          {"quot", '"'},
        {"apos", '\''},      {"OElig", 0x152},     {"oelig", 0x153},     {"Yuml", 0x178},
        {"ndash", 0x2013},   {"mdash", 0x2014},    {"lsquo", 0x2018},    {"rsquo", 0x2019},
        {"sbquo", 0x201A},   {"ldquo", 0x201C},    {"rdquo", 0x201D},    {"bdquo", 0x201E},
        {"dagger", 0x2020},  {"Dagger", 0x2021},   {"bull", 0x2022},     {"hellip", 0x2026},
        {"permil", 0x2030},  {"lsaquo", 0x2039},   {"rsaquo", 0x203A},   {"euro", 0x20AC},
        {"trade", 0x2122},   {"larr", 0x2190},     {"rarr", 0x2192},     {"uarr", 0x2191},
        {"darr", 0x2193},    {"harr", 0x2194},     {"rArr", 0x21D2},     {"lArr", 0x21D0},
        {"ensp", 0x2002},    {"emsp", 0x2003},     {"thinsp", 0x2009},   {"zwnj", 0x200C},
        {"zwj", 0x200D},     {"lrm", 0x200E},      {"rlm", 0x200F},      {"minus", 0x2212},
        {"le", 0x2264},      {"ge", 0x2265},       {"ne", 0x2260},       {"infin", 0x221E},
        {"circ", 0x2C6},     {"tilde", 0x2DC},     {"prime", 0x2032},    {"Prime", 0x2033},
        {"nbhy", 0x2011},    {"NewLine", '\n'},    {"Tab", '\t'}};
    for (const auto& o : others) t.insert(QString::fromLatin1(o.name), o.code);
    return t;
  }();
  return table;
}

void appendCodePoint(QString& out, char32_t code) {
  if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
  out += QString::fromUcs4(&code, 1);
}

}  // namespace

QString decodeHtmlEntities(const QString& text) {
  if (!text.contains(QLatin1Char('&'))) return text;
  QString out;
  out.reserve(text.size());
  const qsizetype n = text.size();
  for (qsizetype i = 0; i < n; ++i) {
    if (text[i] != QLatin1Char('&')) {
      out += text[i];
      continue;
    }
    const qsizetype semi = text.indexOf(QLatin1Char(';'), i + 1);
    if (semi < 0 || semi - i > 12) {
      out += text[i];
      continue;
    }
    const QString name = text.mid(i + 1, semi - i - 1);
    bool ok = false;
    char32_t code = 0;
    if (name.startsWith(QLatin1Char('#'))) {
      const bool hex = name.size() > 1 && (name[1] == QLatin1Char('x') || name[1] == QLatin1Char('X'));
      code = char32_t(name.mid(hex ? 2 : 1).toUInt(&ok, hex ? 16 : 10));
    } else if (auto it = namedEntities().constFind(name); it != namedEntities().constEnd()) {
      code = *it;
      ok = true;
    }
    if (!ok) {
      out += text[i];
      continue;
    }
    appendCodePoint(out, code);
    i = semi;
  }
  return out;
}

}  // namespace causerie::docs
