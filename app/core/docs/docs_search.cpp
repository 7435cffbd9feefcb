#include "docs/docs_search.h"

#include "docs/docs_vectors.h"
#include "docs/text_analysis.h"
#include "storage/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QHash>
#include <QSet>
#include <QSqlQuery>

namespace causerie::docs {
namespace {

// The query's folded words, stop words left out (unless nothing else is left), unique, in order.
QStringList queryWords(const QString& query) {
  QStringList all, kept;
  for (const Word& w : splitWords(query)) {
    const QString f = fold(w.lower);
    if (f.isEmpty() || all.contains(f)) continue;
    all << f;
    if (!isStopWord(f)) kept << f;
  }
  return kept.isEmpty() ? all : kept;
}

// The stems a query word may have: French and English, of the word and of its unaccented form.
QStringList variants(const QString& lowerWord) {
  QStringList out;
  for (Language language : {Language::French, Language::English})
    for (const QString& s : stemVariants(lowerWord, language))
      if (!s.isEmpty() && !out.contains(s)) out << s;
  return out;
}

QString quoted(const QString& token) {
  QString t = token;
  t.replace(QLatin1Char('"'), QLatin1String("\"\""));
  return QLatin1Char('"') + t + QLatin1Char('"');
}

}  // namespace

QString docsMatchExpression(const QString& query, bool stemming) {
  QStringList lowers;
  for (const Word& w : splitWords(query)) lowers << w.lower;
  const QStringList words = queryWords(query);
  QStringList terms;
  for (const QString& folded : words) {
    if (!stemming) {
      terms << QStringLiteral("words : %1").arg(quoted(folded));
      continue;
    }
    QString lower = folded;
    for (const QString& l : lowers)
      if (fold(l) == folded) {
        lower = l;
        break;
      }
    for (const QString& v : variants(lower)) terms << QStringLiteral("stems : %1").arg(quoted(v));
  }
  terms.removeDuplicates();
  return terms.join(QLatin1String(" OR "));
}

QString makeSnippet(const QString& text, const QString& languageCode, const QString& query, const DocsSearchOptions& options) {
  const Language language = languageFromCode(languageCode);
  QSet<QString> queryStems, queryFolded;
  for (const Word& w : splitWords(query)) {
    const QString f = fold(w.lower);
    if (isStopWord(f)) continue;
    queryFolded.insert(f);
    for (const QString& s : stemVariants(w.lower, language)) queryStems.insert(s);
  }
  const QList<Word> words = splitWords(text);
  if (words.isEmpty()) return {};
  QList<QString> matched(words.size());  // the term a word matches, empty if none
  for (qsizetype i = 0; i < words.size(); ++i) {
    const QString f = fold(words[i].lower);
    if (queryFolded.contains(f)) matched[i] = f;
    else if (options.stemming) {
      for (const QString& s : stemVariants(words[i].lower, language))
        if (matched[i].isEmpty() && queryStems.contains(s)) matched[i] = s;
    }
  }
  // The window of snippetWords words with the most distinct terms, then the most matches.
  const int width = std::max(1, options.snippetWords);
  const qsizetype n = words.size();
  qsizetype best = 0;
  int bestDistinct = -1, bestCount = -1;
  for (qsizetype s = 0; s < std::max<qsizetype>(1, n - width + 1); ++s) {
    QSet<QString> distinct;
    int count = 0;
    for (qsizetype i = s; i < std::min(n, s + width); ++i)
      if (!matched[i].isEmpty()) distinct.insert(matched[i]), ++count;
    if (int(distinct.size()) > bestDistinct || (int(distinct.size()) == bestDistinct && count > bestCount)) {
      best = s;
      bestDistinct = int(distinct.size());
      bestCount = count;
    }
  }
  // Start a little before the first match of the window, for context.
  qsizetype first = best;
  while (first < std::min(n, best + width) && matched[first].isEmpty()) ++first;
  qsizetype start = first < std::min(n, best + width) ? std::max(best, first - 4) : best;
  if (start + width > n) start = std::max<qsizetype>(0, n - width);
  const qsizetype end = std::min(n, start + width);

  QString out;
  if (start > 0) out += options.ellipsis + QLatin1Char(' ');
  qsizetype cursor = words[start].start;
  for (qsizetype i = start; i < end; ++i) {
    out += text.mid(cursor, words[i].start - cursor);
    const QString word = text.mid(words[i].start, words[i].end - words[i].start);
    out += matched[i].isEmpty() ? word : options.highlightOpen + word + options.highlightClose;
    cursor = words[i].end;
  }
  // The punctuation right after the last word.
  qsizetype tail = cursor;
  while (tail < text.size() && !text[tail].isSpace() && !text[tail].isLetterOrNumber() && tail - cursor < 3) ++tail;
  out += text.mid(cursor, tail - cursor);
  if (end < n) out += QLatin1Char(' ') + options.ellipsis;
  for (QChar& c : out)
    if (c == QLatin1Char('\n') || c == QLatin1Char('\t')) c = QLatin1Char(' ');
  return out.simplified();
}

namespace {

// Rows of (c.id, f.path, c.page, c.heading_path, c.text, c.language, score) as hits.
QList<DocsHit> readHits(QSqlQuery& q, const QString& query, const DocsSearchOptions& options) {
  QList<DocsHit> out;
  while (q.next()) {
    DocsHit hit;
    hit.chunkId = q.value(0).toLongLong();
    hit.path = q.value(1).toString();
    hit.page = q.value(2).isNull() ? 0 : q.value(2).toInt();
    if (!q.value(3).isNull()) {
      for (const auto& v : QJsonDocument::fromJson(q.value(3).toString().toUtf8()).array()) hit.headingPath << v.toString();
    }
    hit.text = q.value(4).toString();
    hit.score = -q.value(6).toDouble();
    hit.lexicalScore = hit.score;
    hit.lexicalRank = int(out.size() + 1);
    hit.snippet = makeSnippet(hit.text, q.value(5).toString(), query, options);
    out << hit;
  }
  return out;
}

Result<QList<DocsHit>> searchLexical(DocsDatabase& database, const QString& collection, const QString& query,
                                     const DocsSearchOptions& options) {
  auto connection = database.connection();
  if (!connection) return Error{connection.error()};
  const storage::Sql sql(*connection);
  auto cid = sql.scalar(QStringLiteral("SELECT id FROM collections WHERE name = ?"), {collection});
  if (!cid) return Error{cid.error()};
  if (!cid->isValid()) return fail(QStringLiteral("no collection named \"%1\"").arg(collection));
  const QString match = docsMatchExpression(query, options.stemming);
  if (match.isEmpty()) return QList<DocsHit>{};
  // FTS5 ranks inside its own query (ORDER BY rank LIMIT: its top-N path, no join per match);
  // the best `pool` chunks of every collection are then kept if they belong to this one. When
  // other collections crowd this one out of the pool, the exact query (join, then rank) runs.
  const int k = std::max(1, options.k);
  const int pool = std::max(4 * k, 64);
  const QString columns = QStringLiteral("c.id, f.path, c.page, c.heading_path, c.text, c.language");
  const QString fast = QStringLiteral("SELECT %1, r.rank FROM (SELECT rowid, rank FROM chunks_fts WHERE chunks_fts MATCH ?"
                                      " ORDER BY rank LIMIT ?) r JOIN chunks c ON c.id = r.rowid"
                                      " JOIN files f ON f.id = c.file_id WHERE f.collection_id = ? ORDER BY r.rank LIMIT ?")
                           .arg(columns);
  const QString exact = QStringLiteral("SELECT %1, bm25(chunks_fts) AS score FROM chunks_fts"
                                       " JOIN chunks c ON c.id = chunks_fts.rowid JOIN files f ON f.id = c.file_id"
                                       " WHERE chunks_fts MATCH ? AND f.collection_id = ? ORDER BY score LIMIT ?")
                            .arg(columns);
  auto read = [&](Result<QSqlQuery> q) -> Result<QList<DocsHit>> {
    if (!q) return fail(QStringLiteral("search failed: %1").arg(q.error()));
    return readHits(*q, query, options);
  };
  if (options.exactOnly) return read(sql.query(exact, {match, cid->toLongLong(), k}));
  auto first = read(sql.query(fast, {match, pool, cid->toLongLong(), k}));
  if (!first) return first;
  if (first->size() >= k) return first;
  // Fewer than k: either all there is, or other collections filled the pool.
  auto total = sql.scalar(QStringLiteral("SELECT count(*) FROM (SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT ?)"),
                          {match, pool});
  if (!total) return Error{total.error()};
  if (total->toInt() < pool) return first;
  return read(sql.query(exact, {match, cid->toLongLong(), k}));
}

}  // namespace

Result<QList<DocsHit>> searchDocs(DocsDatabase& database, const QString& collection, const QString& query,
                                  const DocsSearchOptions& options) {
  if (options.queryVector.empty() || options.vectorModel.isEmpty()) return searchLexical(database, collection, query, options);
  auto loaded = cachedVectors(database, collection, options.vectorModel);
  if (!loaded) return Error{loaded.error()};
  const VectorMatrix* matrix = loaded->get();
  if (matrix->size() == 0) return searchLexical(database, collection, query, options);  // no vectors: lexical alone
  if (size_t(matrix->dim()) != options.queryVector.size())
    return fail(QStringLiteral("the query vector has %1 dimensions, the collection's %2").arg(options.queryVector.size()).arg(matrix->dim()));
  // The two rankings: BM25 and exact cosine similarity, fusionPool candidates each
  const int pool = std::max({options.fusionPool, options.k, 1});
  DocsSearchOptions lexicalOptions = options;
  lexicalOptions.k = pool;
  auto lexical = searchLexical(database, collection, query, lexicalOptions);
  if (!lexical) return lexical;
  const QList<VectorMatrix::Hit> nearest = matrix->topK(options.queryVector.data(), pool);
  QList<qint64> lexicalIds, vectorIds;
  QHash<qint64, qsizetype> lexicalAt;
  for (const DocsHit& h : *lexical) lexicalAt.insert(h.chunkId, lexicalIds.size()), lexicalIds << h.chunkId;
  for (const VectorMatrix::Hit& h : nearest) vectorIds << h.id;
  // Fused by reciprocal rank; the best k, read from the lexical hits or from the chunks table
  const QList<FusedItem> fused = reciprocalRankFusion(lexicalIds, vectorIds, options.rrfK);
  auto connection = database.connection();
  if (!connection) return Error{connection.error()};
  const storage::Sql sql(*connection);
  QList<DocsHit> out;
  for (const FusedItem& item : fused) {
    if (out.size() >= options.k) break;
    DocsHit hit;
    if (auto it = lexicalAt.find(item.id); it != lexicalAt.end()) {
      hit = (*lexical)[*it];
    } else {
      auto q = sql.query(QStringLiteral("SELECT c.id, f.path, c.page, c.heading_path, c.text, c.language, 0 FROM chunks c"
                                        " JOIN files f ON f.id = c.file_id WHERE c.id = ?"),
                         {item.id});
      if (!q) return fail(QStringLiteral("search failed: %1").arg(q.error()));
      QList<DocsHit> one = readHits(*q, query, options);
      if (one.isEmpty()) continue;  // removed meanwhile
      hit = one.first();
      hit.lexicalScore = 0;
    }
    hit.lexicalRank = item.ranks[0];
    hit.vectorRank = item.ranks[1];
    hit.cosine = item.ranks[1] ? double(nearest[item.ranks[1] - 1].score) : 0.0;
    hit.score = item.score;
    hit.hybrid = true;
    out << hit;
  }
  return out;
}

}  // namespace causerie::docs
