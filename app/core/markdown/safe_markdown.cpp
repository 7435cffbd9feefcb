#include "markdown/safe_markdown.h"

#include <optional>

namespace causerie::markdown {
namespace {

constexpr qsizetype kMaxLabel = 1000;         // characters searched for a link text's `]`
constexpr qsizetype kMaxTarget = 4096;        // characters of a link target and its title
constexpr int kMaxDepth = 4;                  // links inside link texts, at most
constexpr qsizetype kBudgetPerChar = 64;      // scanning steps allowed per input character

bool isAsciiPunct(QChar c) {
  const char16_t u = c.unicode();
  return (u >= 0x21 && u <= 0x2f) || (u >= 0x3a && u <= 0x40) || (u >= 0x5b && u <= 0x60) ||
         (u >= 0x7b && u <= 0x7e);
}
bool isAsciiLetter(QChar c) {
  const char16_t u = c.unicode();
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}
// A character that, after `<`, may start raw HTML or an autolink.
bool opensTag(QChar c) { return isAsciiLetter(c) || c == u'/' || c == u'!' || c == u'?'; }

QString unescape(const QString& s) {
  QString out;
  out.reserve(s.size());
  for (qsizetype i = 0; i < s.size(); ++i) {
    if (s[i] == u'\\' && i + 1 < s.size() && isAsciiPunct(s[i + 1])) ++i;
    out += s[i];
  }
  return out;
}

// A percent-encoded URL as a link target: the characters Markdown reads there escaped.
QString escapeTarget(const QString& encoded) {
  QString out;
  for (const QChar c : encoded) {
    if (c == u'(' || c == u')' || c == u'[' || c == u']' || c == u'!' || c == u'`' || c == u'*' || c == u'_') out += u'\\';
    out += c;
  }
  return out;
}

// `[label](target "title")`: where its parts are in the source.
struct InlineLink {
  qsizetype labelBegin = 0, labelEnd = 0;  // the text between the brackets
  QString target;                          // unescaped, without <>
  qsizetype end = 0;                       // one past the closing parenthesis
};

class Sanitizer {
 public:
  Sanitizer(const QString& source, MarkdownUse use, const MarkdownLabels& labels)
      : s_(source), use_(use), labels_(labels), budget_(source.size() * kBudgetPerChar + 4096) {}

  // The safe text, or nothing when the input needed more work than its size allows (then the
  // caller shows it escaped as a whole).
  std::optional<QString> run() {
    QString out;
    out.reserve(s_.size() + 16);
    if (!span(0, s_.size(), 0, out)) return std::nullopt;
    return out;
  }

 private:
  bool spend(qsizetype steps) { return (budget_ -= steps) >= 0; }

  void skipSpace(qsizetype& i, qsizetype end) const {
    bool newline = false;
    while (i < end && (s_[i] == u' ' || s_[i] == u'\t' || (s_[i] == u'\n' && !newline))) {
      if (s_[i] == u'\n') newline = true;
      ++i;
    }
  }

  // The `]` that closes the `[` at `open` (nested brackets counted), or -1.
  qsizetype closingBracket(qsizetype open, qsizetype end) {
    qsizetype i = open + 1;
    int depth = 0;
    for (; i < end && i - open <= kMaxLabel; ++i) {
      const QChar c = s_[i];
      if (c == u'\\' && i + 1 < end) {
        ++i;
        continue;
      }
      if (c == u'\n' && i + 1 < end && s_[i + 1] == u'\n') break;  // paragraph end
      if (c == u'[') ++depth;
      else if (c == u']' && depth-- == 0) break;
    }
    spend(i - open);
    return i < end && s_[i] == u']' ? i : -1;
  }

  // Parses an inline link or image whose `[` is at `open`, within [open, end).
  std::optional<InlineLink> inlineLink(qsizetype open, qsizetype end) {
    qsizetype i = closingBracket(open, end);
    if (i < 0) return std::nullopt;
    InlineLink link;
    link.labelBegin = open + 1;
    link.labelEnd = i++;
    if (i >= end || s_[i] != u'(') return std::nullopt;
    ++i;
    skipSpace(i, end);
    const qsizetype targetBegin = i;
    if (i < end && s_[i] == u'<') {
      qsizetype j = i + 1;
      for (; j < end && j - i <= kMaxTarget; ++j) {
        if (s_[j] == u'\\' && j + 1 < end) ++j;
        else if (s_[j] == u'>' || s_[j] == u'<' || s_[j] == u'\n') break;
      }
      spend(j - i);
      if (j >= end || s_[j] != u'>') return std::nullopt;
      link.target = unescape(s_.mid(i + 1, j - i - 1));
      i = j + 1;
    } else {
      int parens = 0;
      qsizetype j = i;
      for (; j < end && j - i <= kMaxTarget; ++j) {
        const QChar c = s_[j];
        if (c == u'\\' && j + 1 < end && isAsciiPunct(s_[j + 1])) ++j;
        else if (c.isSpace() || c.unicode() < 0x20) break;
        else if (c == u'(') ++parens;
        else if (c == u')' && parens-- == 0) break;
      }
      spend(j - i);
      if (j - i > kMaxTarget) return std::nullopt;
      link.target = unescape(s_.mid(targetBegin, j - targetBegin));
      i = j;
    }
    const qsizetype afterTarget = i;
    skipSpace(i, end);
    if (i < end && i > afterTarget && (s_[i] == u'"' || s_[i] == u'\'' || s_[i] == u'(')) {
      const QChar close = s_[i] == u'(' ? QChar(u')') : s_[i];
      qsizetype j = i + 1;
      for (; j < end && j - i <= kMaxTarget; ++j) {
        if (s_[j] == u'\\' && j + 1 < end) ++j;
        else if (s_[j] == close) break;
      }
      spend(j - i);
      if (j >= end || s_[j] != close) return std::nullopt;
      i = j + 1;
      skipSpace(i, end);
    }
    if (i >= end || s_[i] != u')') return std::nullopt;
    link.end = i + 1;
    return link;
  }

  // The image as text (Display): its description and where it would have come from.
  QString imageText(const InlineLink& image) const {
    QString alt = s_.mid(image.labelBegin, image.labelEnd - image.labelBegin).simplified();
    const QUrl url(image.target);
    if (alt.isEmpty()) alt = url.fileName();
    const QString host = url.host();
    const QString label = host.isEmpty() ? labels_.localImage.arg(alt) : labels_.remoteImage.arg(alt, host);
    return escapeMarkdown(label);
  }

  // A reference definition `[label]: target` at `i` (the start of a line) whose target may not
  // be a link.
  bool unsafeDefinition(qsizetype i, qsizetype end) {
    qsizetype j = i;
    while (j < end && j - i < 3 && s_[j] == u' ') ++j;
    if (j >= end || s_[j] != u'[') return false;
    qsizetype colon = j + 1;
    while (colon + 1 < end && s_[colon] != u'\n' && !(s_[colon] == u']' && s_[colon + 1] == u':')) ++colon;
    spend(colon - i);
    if (colon + 1 >= end || s_[colon] != u']') return false;
    qsizetype lineEnd = colon;
    while (lineEnd < end && s_[lineEnd] != u'\n') ++lineEnd;
    spend(lineEnd - colon);
    QString target = s_.mid(colon + 2, lineEnd - colon - 2).trimmed();
    target = target.section(u' ', 0, 0);
    if (target.startsWith(u'<') && target.endsWith(u'>')) target = target.mid(1, target.size() - 2);
    return !isSafeLink(QUrl(unescape(target)));
  }

  // If the line [i, lineEnd) opens a fenced code block (``` or ~~~, at any indentation, as the
  // chat view splits them), the end of the block's closing line (or of the text); else -1.
  qsizetype fencedBlockEnd(qsizetype i, qsizetype lineEnd, qsizetype end) {
    const QString line = s_.mid(i, lineEnd - i).trimmed();
    spend(lineEnd - i);
    if (line.size() < 3 || (line[0] != u'`' && line[0] != u'~')) return -1;
    const QChar fence = line[0];
    qsizetype length = 0;
    while (length < line.size() && line[length] == fence) ++length;
    if (length < 3 || (fence == u'`' && line.indexOf(u'`', length) >= 0)) return -1;
    for (qsizetype at = lineEnd; at < end;) {
      qsizetype next = s_.indexOf(u'\n', at + 1);
      if (next < 0 || next > end) next = end;
      const QString candidate = s_.mid(at + 1, next - at - 1).trimmed();
      spend(next - at);
      qsizetype run = 0;
      while (run < candidate.size() && candidate[run] == fence) ++run;
      if (run >= length && run == candidate.size()) return next;
      at = next;
    }
    return end;
  }

  // Writes the safe form of s_[begin, end) to `out`; false when the work budget ran out.
  bool span(qsizetype begin, qsizetype end, int depth, QString& out) {
    // Backtick runs of the current line: a code span is a run and the next run of the same
    // length on the same line (spans across lines are not taken as code: escaping inside one
    // only shows a backslash, while missing an image would not be safe).
    qsizetype lineBegin = begin, lineEnd = -1;
    QList<qsizetype> closer;  // for each position of the line, the start of its closing run
    for (qsizetype i = begin; i < end;) {
      if (!spend(1)) return false;
      if (i >= lineEnd) {
        lineEnd = s_.indexOf(u'\n', i);
        if (lineEnd < 0 || lineEnd > end) lineEnd = end;
        lineBegin = i;
        if (depth == 0) {
          if (const qsizetype block = fencedBlockEnd(i, lineEnd, end); block >= 0) {
            out += s_.mid(i, block - i);  // code: shown as written
            i = lineEnd = block;
            continue;
          }
        }
        codeSpans(lineBegin, lineEnd, closer);
        if (depth == 0 && use_ == MarkdownUse::Display && unsafeDefinition(i, end)) out += u'\\';
      }
      const QChar c = s_[i];
      if (c == u'\n') {
        out += c;
        lineEnd = ++i;  // a new line starts
        continue;
      }
      if (c == u'\\' && i + 1 < end && isAsciiPunct(s_[i + 1])) {
        out += s_.mid(i, 2);
        i += 2;
        continue;
      }
      if (c == u'`') {
        qsizetype run = i;
        while (run < lineEnd && s_[run] == u'`') ++run;
        const qsizetype close = closer.value(i - lineBegin, -1);
        if (close >= 0) {
          const qsizetype after = close + (run - i);
          out += s_.mid(i, after - i);
          i = after;
        } else {
          out += s_.mid(i, run - i);
          i = run;
        }
        continue;
      }
      if (c == u'<' && i + 1 < end && opensTag(s_[i + 1])) {
        out += QStringLiteral("\\<");
        ++i;
        continue;
      }
      if (c == u'!' && i + 1 < end && s_[i + 1] == u'[') {
        auto image = inlineLink(i + 1, end);
        if (!image) {
          // A reference image (`![alt][ref]`, `![alt][]`, `![ref]`): text too, without a host.
          const qsizetype close = closingBracket(i + 1, end);
          if (close < 0) {
            out += QStringLiteral("\\!");  // never an image opener, whatever follows
            ++i;
            continue;
          }
          image.emplace();
          image->labelBegin = i + 2;
          image->labelEnd = close;
          image->end = close + 1;
          if (image->end < end && s_[image->end] == u'[') {
            if (const qsizetype ref = closingBracket(image->end, end); ref >= 0) image->end = ref + 1;
          }
        }
        out += use_ == MarkdownUse::Display ? imageText(*image) : escapeMarkdown(s_.mid(i, image->end - i));
        i = image->end;
        continue;
      }
      if (c == u'[') {
        const auto link = inlineLink(i, end);
        if (link && use_ == MarkdownUse::Display) {
          QString label;
          if (depth < kMaxDepth) {
            if (!span(link->labelBegin, link->labelEnd, depth + 1, label)) return false;
          } else {
            label = escapeMarkdown(s_.mid(link->labelBegin, link->labelEnd - link->labelBegin));
          }
          if (const QUrl url(link->target); isSafeLink(url)) {
            // Written again from the parsed target (percent-encoded, brackets escaped): what the
            // renderer reads as the target cannot differ from what was checked. No title.
            out += u'[' + label + QStringLiteral("](") + escapeTarget(QString::fromLatin1(url.toEncoded())) + u')';
          } else {
            out += label + QStringLiteral(" (") + escapeMarkdown(link->target) + u')';
          }
          i = link->end;
          continue;
        }
      }
      out += c;
      ++i;
    }
    return true;
  }

  // For the line [begin, end): closer[k] is where the backtick run that starts at begin + k
  // finds its closing run (the next run of the same length), or -1.
  void codeSpans(qsizetype begin, qsizetype end, QList<qsizetype>& closer) {
    spend(end - begin);
    closer = QList<qsizetype>(end - begin, -1);
    QList<qsizetype> nextOfLength;  // from the right: the nearest run of each length seen
    for (qsizetype i = end; i > begin;) {
      if (s_[i - 1] != u'`') {
        --i;
        continue;
      }
      qsizetype start = i - 1;
      while (start > begin && s_[start - 1] == u'`') --start;
      const qsizetype length = i - start;
      if (nextOfLength.size() <= length) nextOfLength.resize(length + 1, -1);
      closer[start - begin] = nextOfLength[length];
      nextOfLength[length] = start;
      i = start;
    }
  }

  const QString& s_;
  MarkdownUse use_;
  const MarkdownLabels& labels_;
  qsizetype budget_;
};

}  // namespace

bool isSafeLink(const QUrl& url) {
  if (!url.isValid()) return false;
  const QString scheme = url.scheme().toLower();
  if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) return !url.host().isEmpty();
  if (scheme == QLatin1String("mailto")) return !url.path().isEmpty();
  return false;
}

QString escapeMarkdown(const QString& text) {
  // Punctuation that means nothing to Markdown (GitHub dialect) is left as it is, for
  // readable exports; `:` is escaped against autolinks.
  static const QString plain = QStringLiteral(",;\"'%?/@");
  QString out;
  out.reserve(text.size() + text.size() / 8);
  for (const QChar c : text) {
    if (isAsciiPunct(c) && !plain.contains(c)) out += u'\\';
    out += c;
  }
  return out;
}

QString safeMarkdown(const QString& markdown, MarkdownUse use, const MarkdownLabels& labels) {
  Sanitizer sanitizer(markdown, use, labels);
  if (auto safe = sanitizer.run()) return *safe;
  return escapeMarkdown(markdown);
}

}  // namespace causerie::markdown
