// What the chat and `causerie-cli ask` call to find the excerpts for a question: the one place
// that picks how the documents are searched: lexical (FTS5, BM25, French and English stems:
// docs_search.h) or, when an embedding model is given, hybrid (lexical + the question's vector,
// fused by rank). The index never runs a model itself (no engine here): the caller passes the
// model's id and a function that embeds the question.
#pragma once

#include "docs/docs_database.h"
#include "docs/docs_search.h"

#include <functional>
#include <vector>

namespace causerie::docs {

enum class RetrievalMode { Lexical, Hybrid };

struct RetrievalOptions {
  int k = 5;                // excerpts, best first, over all the collections together
  // The embedding model's id (DocsEmbedder::model: what the collections' vectors were made by)
  // and the question's normalized vector from it (its query prefix included). Both empty:
  // lexical search only.
  QString vectorModel;
  std::function<Result<std::vector<float>>(const QString& question)> embedQuestion;
};

struct RetrievedExcerpt {
  QString collection;
  DocsHit hit;
};

struct Retrieval {
  RetrievalMode mode = RetrievalMode::Lexical;
  // Hybrid mode: the collections searched lexically all the same, their vectors being from
  // another model or missing (not embedded yet).
  QStringList withoutVectors;
  QList<RetrievedExcerpt> excerpts;
};

// The mode `options` gives: Hybrid when an embedding model is set, Lexical otherwise.
RetrievalMode retrievalMode(const RetrievalOptions& options);

// Searches `question` in each collection and keeps the k best excerpts overall. A collection
// that no longer exists is skipped (a conversation may name one deleted since). In hybrid mode
// the question is embedded once; a failure to embed it is an error (the caller may then retry
// lexically).
Result<Retrieval> retrieveExcerpts(DocsDatabase& database, const QStringList& collections, const QString& question,
                                   const RetrievalOptions& options = {});

}  // namespace causerie::docs
