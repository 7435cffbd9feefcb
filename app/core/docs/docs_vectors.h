// Chunk embeddings in the documents index (the vectors table) and exact vector search.
// The index does not run models itself (app/core never includes the engine): whoever holds an
// embedding model (causerie-cli with engine/embedder.h, the app's worker) passes a DocsEmbedder.
// Vectors are stored per chunk and model (the model's id); a collection is embedded by one model
// at a time: embedding it with another drops the old model's vectors and embeds every chunk again.
#pragma once

#include "docs/docs_database.h"
#include "docs/document.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace causerie::docs {

struct DocsEmbedder {
  QString model;  // recorded with each vector: what made it (a name, its dimension, its pooling)
  int dim = 0;
  // texts -> [texts.size()][dim], L2-normalized.
  std::function<Result<std::vector<float>>(const QStringList& texts)> embed;
};

struct EmbedProgress {
  int done = 0;   // chunks embedded so far
  int total = 0;  // chunks to embed
};

struct EmbedReport {
  int embedded = 0;  // chunks embedded now
  int kept = 0;      // chunks that already had a vector from this model
  int dropped = 0;   // vectors of another model removed
  bool cancelled = false;
};

struct EmbedOptions {
  int batch = 32;  // texts per call of DocsEmbedder::embed (and per transaction)
  std::function<void(const EmbedProgress&)> progress;
  const std::atomic<bool>* cancel = nullptr;
};

// Embeds the collection's chunks that have no vector from `embedder.model`, after dropping the
// vectors other models made of its chunks.
Result<EmbedReport> embedCollection(DocsDatabase& database, const QString& collection, const DocsEmbedder& embedder,
                                    const EmbedOptions& options = {});

// The model whose vectors the collection has (empty: none), and how many of its chunks have one.
struct CollectionVectors {
  QString model;
  int dim = 0;
  qint64 vectors = 0;
  qint64 chunks = 0;
};
Result<CollectionVectors> collectionVectors(DocsDatabase& database, const QString& collection);

// Vectors in memory, searched exactly (brute force): scores are dot products, the cosine
// similarity of normalized vectors.
class VectorMatrix {
 public:
  VectorMatrix() = default;
  explicit VectorMatrix(int dim) : dim_(dim) {}
  // The collection's vectors from `model`.
  static Result<VectorMatrix> load(DocsDatabase& database, const QString& collection, const QString& model);

  void add(qint64 id, const float* v);
  void reserve(qint64 rows);
  int dim() const { return dim_; }
  qsizetype size() const { return ids_.size(); }

  struct Hit {
    qint64 id = 0;
    float score = 0;
  };
  // The k best by dot product with query[dim], best first (ties: the lower id).
  QList<Hit> topK(const float* query, int k) const;

 private:
  int dim_ = 0;
  QList<qint64> ids_;
  std::vector<float> data_;  // [size][dim]
};

// The collection's vectors from `model`, kept in memory per (database file, collection, model)
// while they are unchanged (their count and chunk ids, and the files' indexing times): an app asks many
// questions of one collection, and loading 100,000 vectors from SQLite takes about a second.
// Thread-safe; the last 4 matrices are kept.
Result<std::shared_ptr<const VectorMatrix>> cachedVectors(DocsDatabase& database, const QString& collection, const QString& model);

// Reciprocal rank fusion (Cormack et al. 2009): each ranking gives an item 1 / (k + rank), rank
// from 1; items are ordered by the sum, ties by the first ranking's order then the id.
struct FusedItem {
  qint64 id = 0;
  double score = 0;
  int ranks[2] = {0, 0};  // in each ranking, 0 when absent
};
QList<FusedItem> reciprocalRankFusion(const QList<qint64>& first, const QList<qint64>& second, int k = 60);

}  // namespace causerie::docs
