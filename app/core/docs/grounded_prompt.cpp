#include "docs/grounded_prompt.h"

#include "docs/text_analysis.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace causerie::docs {
namespace {

const QChar kNbsp(0x00A0);

// `text` cut to about `limit` characters at a word, with an ellipsis.
QString cut(const QString& text, int limit) {
  const QString t = text.trimmed();
  if (limit <= 0 || t.size() <= limit) return t;
  qsizetype end = t.lastIndexOf(QLatin1Char(' '), limit);
  if (end < limit / 2) end = limit;
  return t.left(end).trimmed() + QStringLiteral("…");
}

// "guide.pdf, page 3, Serveur > Mises à jour"
QString excerptTitle(const storage::ReplySource& s) {
  QString title = QFileInfo(s.path).fileName();
  if (s.page > 0) title += QStringLiteral(", page %1").arg(s.page);
  if (!s.headingPath.isEmpty()) title += QStringLiteral(", ") + s.headingPath.join(QStringLiteral(" > "));
  return title;
}

// [1], [1, 2], [1,2,3]: a run of markers.
const QRegularExpression& markerRun() {
  static const QRegularExpression re(QStringLiteral("\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)\\](?!\\()"));
  return re;
}

}  // namespace

QString citationInstruction(const QString& language) {
  if (language == QLatin1String("fr")) {
    return QStringLiteral(
        "Réponds à la question à l'aide des extraits numérotés ci-dessous, tirés de mes documents. "
        "Cite chaque extrait que tu utilises par son numéro entre crochets, comme [1] ou [2], juste après "
        "ce qu'il appuie. Si les extraits ne contiennent pas la réponse, dis-le et n'invente rien.");
  }
  return QStringLiteral(
      "Answer the question using the numbered excerpts below, taken from my documents. Cite each excerpt you use by "
      "its number in square brackets, such as [1] or [2], right after what it supports. If the excerpts do not "
      "contain the answer, say so and do not make one up.");
}

QString questionLanguage(const QString& question, const QString& fallback) {
  const Language fb = fallback == QLatin1String("fr") ? Language::French : Language::English;
  return QString::fromLatin1(languageCode(detectLanguage(question, fb, 1)));
}

int excerptCharsFor(int contextTokens, int count) {
  constexpr int kMin = 200, kMax = 1500;
  if (contextTokens <= 0 || count <= 0) return kMax;
  const qint64 chars = qint64(contextTokens) / 3 * 3 / count;
  return int(std::clamp<qint64>(chars, kMin, kMax));
}

GroundedPrompt groundQuestion(const QString& question, const QList<RetrievedExcerpt>& excerpts,
                              const GroundingOptions& options) {
  GroundedPrompt out;
  if (excerpts.isEmpty()) {
    out.text = question;
    return out;
  }
  const bool french = options.language == QLatin1String("fr");
  QString text = citationInstruction(options.language) + QStringLiteral("\n\n");
  text += french ? QStringLiteral("Extraits%1:\n\n").arg(kNbsp) : QStringLiteral("Excerpts:\n\n");
  int marker = 0;
  for (const RetrievedExcerpt& e : excerpts) {
    storage::ReplySource s;
    s.marker = ++marker;
    s.collection = e.collection;
    s.path = e.hit.path;
    s.page = e.hit.page;
    s.headingPath = e.hit.headingPath;
    s.excerpt = cut(e.hit.text.isEmpty() ? e.hit.snippet : e.hit.text, options.maxExcerptChars);
    s.chunkId = e.hit.chunkId;
    s.score = e.hit.score;
    text += QStringLiteral("[%1] %2\n%3\n\n").arg(s.marker).arg(excerptTitle(s), s.excerpt);
    out.sources << s;
  }
  text += french ? QStringLiteral("Question%1: %2").arg(kNbsp, question) : QStringLiteral("Question: %1").arg(question);
  out.text = text;
  return out;
}

QString linkCitations(const QString& markdown, int sourceCount) {
  if (sourceCount <= 0) return markdown;
  QString out;
  qsizetype at = 0;
  // Code spans (`...`) are left as they are: split on backticks, link only outside them.
  const QStringList parts = markdown.split(QLatin1Char('`'));
  for (qsizetype p = 0; p < parts.size(); ++p) {
    if (p > 0) out += QLatin1Char('`');
    const QString& part = parts[p];
    if (p % 2 == 1 && p + 1 < parts.size()) {  // inside a closed code span
      out += part;
      continue;
    }
    at = 0;
    auto it = markerRun().globalMatch(part);
    while (it.hasNext()) {
      const QRegularExpressionMatch m = it.next();
      QStringList numbers = m.captured(1).split(QLatin1Char(','));
      bool all = true;
      for (QString& n : numbers) {
        n = n.trimmed();
        const int v = n.toInt();
        if (v < 1 || v > sourceCount) all = false;
      }
      // "[x]" right after "]" would be a reference link: "[text][1]"; only markers are linked.
      // (unless that "]" ends a marker just linked: "[1][2]").
      const bool afterBracket = m.capturedStart() > 0 && part.at(m.capturedStart() - 1) == QLatin1Char(']');
      const bool afterMarker = at == m.capturedStart() && out.endsWith(QLatin1Char(')'));
      if (!all || (afterBracket && !afterMarker)) continue;
      out += part.mid(at, m.capturedStart() - at);
      QStringList links;
      for (const QString& n : numbers) links << QStringLiteral("[\\[%1\\]](#source-%1)").arg(n);
      out += links.join(QString());
      at = m.capturedEnd();
    }
    out += part.mid(at);
  }
  return out;
}

int citationOfLink(const QString& link) {
  static const QRegularExpression re(QStringLiteral("^#source-(\\d{1,3})$"));
  const auto m = re.match(link);
  return m.hasMatch() ? m.captured(1).toInt() : 0;
}

QList<int> citedMarkers(const QString& text, int sourceCount) {
  QList<int> out;
  auto it = markerRun().globalMatch(text);
  while (it.hasNext()) {
    for (const QString& n : it.next().captured(1).split(QLatin1Char(','))) {
      const int v = n.trimmed().toInt();
      if (v >= 1 && v <= sourceCount && !out.contains(v)) out << v;
    }
  }
  return out;
}

QUrl sourceUrl(const QString& path, int page) {
  QUrl url = QUrl::fromLocalFile(path);
  if (page > 0 && path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) url.setFragment(QStringLiteral("page=%1").arg(page));
  return url;
}

}  // namespace causerie::docs
