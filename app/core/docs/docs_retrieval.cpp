#include "docs/docs_retrieval.h"

#include "docs/docs_index.h"
#include "docs/docs_vectors.h"

#include <algorithm>

namespace causerie::docs {

RetrievalMode retrievalMode(const RetrievalOptions& options) {
  return !options.vectorModel.isEmpty() && options.embedQuestion ? RetrievalMode::Hybrid : RetrievalMode::Lexical;
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
  // The question's vector, once for all the collections.
  if (out.mode == RetrievalMode::Hybrid) {
    auto v = options.embedQuestion(question);
    if (!v) return Error{v.error()};
    search.queryVector = std::move(*v);
    search.vectorModel = options.vectorModel;
  }
  QList<double> keys;  // what the excerpts are merged by, in out.excerpts' order
  for (const QString& name : collections) {
    if (!known->contains(name)) continue;
    if (out.mode == RetrievalMode::Hybrid) {
      auto vectors = collectionVectors(database, name);
      if (!vectors) return Error{vectors.error()};
      if (vectors->model != options.vectorModel || vectors->vectors == 0) out.withoutVectors << name;
    }
    auto hits = searchDocs(database, name, question, search);
    if (!hits) return Error{hits.error()};
    int rank = 0;
    for (const DocsHit& h : *hits) {
      out.excerpts.append({name, h});
      // Hybrid mode: a collection searched by its words alone is merged by its rank's
      // reciprocal-rank score, on the scale of the fused ones (BM25 is not).
      keys.append(out.mode == RetrievalMode::Hybrid && !h.hybrid ? 1.0 / (search.rrfK + ++rank) : h.score);
    }
  }
  // Best first over all collections (BM25 of each collection's own index, or the fused scores:
  // comparable enough to merge a few); ties by collection order, then rank inside it (stable sort).
  QList<int> order(out.excerpts.size());
  for (int i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&keys](int a, int b) { return keys[a] > keys[b]; });
  QList<RetrievedExcerpt> sorted;
  sorted.reserve(order.size());
  for (int i : order) sorted.append(out.excerpts[i]);
  out.excerpts = std::move(sorted);
  if (out.excerpts.size() > search.k) out.excerpts.resize(search.k);
  return out;
}

}  // namespace causerie::docs
