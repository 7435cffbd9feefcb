#include "docs/docs_retrieval.h"

#include "docs/docs_index.h"

#include <algorithm>

namespace causerie::docs {

RetrievalMode retrievalMode(const RetrievalOptions&) {
  // The embedding search lands on its own branch; until then every question is lexical.
  return RetrievalMode::Lexical;
}

Result<Retrieval> retrieveExcerpts(DocsDatabase& database, const QStringList& collections, const QString& question,
                                   const RetrievalOptions& options) {
  Retrieval out;
  out.mode = retrievalMode(options);
  DocsIndex index(database);
  auto known = index.collections();
  if (!known) return Error{known.error()};
  DocsSearchOptions search;
  search.k = std::max(1, options.k);
  for (const QString& name : collections) {
    if (!known->contains(name)) continue;
    auto hits = searchDocs(database, name, question, search);
    if (!hits) return Error{hits.error()};
    for (const DocsHit& h : *hits) out.excerpts.append({name, h});
  }
  // Best first over all collections (BM25 of each collection's own index: comparable enough to
  // merge a few); ties by collection order, then rank inside it (stable sort).
  std::stable_sort(out.excerpts.begin(), out.excerpts.end(),
                   [](const RetrievedExcerpt& a, const RetrievedExcerpt& b) { return a.hit.score > b.hit.score; });
  if (out.excerpts.size() > search.k) out.excerpts.resize(search.k);
  return out;
}

}  // namespace causerie::docs
