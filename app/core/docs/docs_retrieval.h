// What the chat and `causerie-cli ask` call to find the excerpts for a question: the one place
// that picks how the documents are searched. Today lexical only (FTS5, BM25, French and English
// stems: docs_search.h); the hybrid mode (lexical + embeddings) plugs in here when an
// embedding model is given, without its callers changing.
#pragma once

#include "docs/docs_database.h"
#include "docs/docs_search.h"

namespace causerie::docs {

enum class RetrievalMode { Lexical, Hybrid };

struct RetrievalOptions {
  int k = 5;                // excerpts, best first, over all the collections together
  QString embeddingModel;   // a GGUF embedding model; empty: lexical search only
};

struct RetrievedExcerpt {
  QString collection;
  DocsHit hit;
};

struct Retrieval {
  RetrievalMode mode = RetrievalMode::Lexical;
  QList<RetrievedExcerpt> excerpts;
};

// The mode `options` gives: Lexical while no embedding model is set (or while the hybrid search
// is not built in).
RetrievalMode retrievalMode(const RetrievalOptions& options);

// Searches `question` in each collection and keeps the k best excerpts overall. A collection
// that no longer exists is skipped (a conversation may name one deleted since).
Result<Retrieval> retrieveExcerpts(DocsDatabase& database, const QStringList& collections, const QString& question,
                                   const RetrievalOptions& options = {});

}  // namespace causerie::docs
