// Lexical search over a collection: the question's words, diacritics folded and stemmed in
// French and English (both stems are tried: the question's language is not known), any of them
// (OR), ranked by FTS5's BM25; French and English function words are left out. Each hit has a
// snippet around the best-matching passage of its chunk.
// Hybrid search: given the query's embedding by the model that embedded the collection
// (docs_vectors.h), the lexical ranking and the exact cosine ranking of the collection's vectors
// are fused by reciprocal rank fusion; without vectors, lexical search alone (DocsHit::hybrid).
#pragma once

#include "docs/docs_database.h"
#include "docs/document.h"

#include <vector>

namespace causerie::docs {

struct DocsSearchOptions {
  int k = 10;             // hits, best first
  bool stemming = true;   // false: folded words only (for measuring what stemming brings)
  int snippetWords = 30;  // words of context in a snippet
  QString highlightOpen = QStringLiteral("**");
  QString highlightClose = QStringLiteral("**");
  QString ellipsis = QStringLiteral("…");
  bool exactOnly = false;  // skip FTS5's top-N path (to measure what it saves)
  // Hybrid ranking: the query's normalized embedding and the model's id (DocsEmbedder::model).
  // Used when the collection has vectors from that model; ignored (lexical alone) otherwise.
  std::vector<float> queryVector;
  QString vectorModel;
  int fusionPool = 50;  // candidates taken from each ranking
  int rrfK = 60;        // reciprocal rank fusion's constant
};

struct DocsHit {
  qint64 chunkId = 0;
  QString path;
  int page = 0;  // 1-based, 0 when none
  QStringList headingPath;
  double score = 0;  // -bm25 (lexical) or the fused score (hybrid): higher is better
  QString snippet;
  QString text;  // the whole chunk
  bool hybrid = false;      // ranked by fusing lexical and vector rankings; false: lexical alone
  double lexicalScore = 0;  // -bm25, when lexicalRank > 0
  int lexicalRank = 0;      // 1-based among the lexical candidates; 0: not among them
  double cosine = 0;        // with the query, when vectorRank > 0
  int vectorRank = 0;       // 1-based among the vector candidates; 0: not among them
};

// The FTS5 MATCH expression for `query` (empty when nothing searchable remains).
QString docsMatchExpression(const QString& query, bool stemming);

Result<QList<DocsHit>> searchDocs(DocsDatabase& database, const QString& collection, const QString& query,
                                  const DocsSearchOptions& options = {});

// The snippet of `text` (in `language`) around the words of `query`.
QString makeSnippet(const QString& text, const QString& languageCode, const QString& query, const DocsSearchOptions& options);

}  // namespace causerie::docs
