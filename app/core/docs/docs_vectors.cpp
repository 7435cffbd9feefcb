#include "docs/docs_vectors.h"

#include "storage/sql.h"

#include <QByteArray>
#include <QHash>
#include <QSqlQuery>

#include <algorithm>
#include <climits>
#include <mutex>
#include <thread>

namespace causerie::docs {
namespace {

using storage::Sql;
using storage::Transaction;

Result<qint64> collectionId(const Sql& sql, const QString& collection) {
  auto cid = sql.scalar(QStringLiteral("SELECT id FROM collections WHERE name = ?"), {collection});
  if (!cid) return Error{cid.error()};
  if (!cid->isValid()) return fail(QStringLiteral("no collection named \"%1\"").arg(collection));
  return cid->toLongLong();
}

const QString kCollectionChunks = QStringLiteral("SELECT c.id FROM chunks c JOIN files f ON f.id = c.file_id WHERE f.collection_id = ?");

}  // namespace

Result<EmbedReport> embedCollection(DocsDatabase& database, const QString& collection, const DocsEmbedder& embedder,
                                    const EmbedOptions& options) {
  if (embedder.model.isEmpty() || embedder.dim <= 0 || !embedder.embed) return fail(QStringLiteral("no embedding model"));
  auto connection = database.connection();
  if (!connection) return Error{connection.error()};
  const Sql sql(*connection);
  auto cid = collectionId(sql, collection);
  if (!cid) return Error{cid.error()};
  EmbedReport report;
  // Another model's vectors go: a collection is searched with one model's vectors
  auto dropped = sql.exec(QStringLiteral("DELETE FROM vectors WHERE model <> ? AND chunk_id IN (%1)").arg(kCollectionChunks),
                          {embedder.model, *cid});
  if (!dropped) return Error{dropped.error()};
  report.dropped = *dropped;
  auto kept = sql.scalar(QStringLiteral("SELECT count(*) FROM vectors WHERE model = ? AND chunk_id IN (%1)").arg(kCollectionChunks),
                         {embedder.model, *cid});
  if (!kept) return Error{kept.error()};
  report.kept = kept->toInt();
  // The chunks without a vector from this model
  auto q = sql.query(QStringLiteral("SELECT c.id, c.text FROM chunks c JOIN files f ON f.id = c.file_id WHERE f.collection_id = ?"
                                    " AND NOT EXISTS (SELECT 1 FROM vectors v WHERE v.chunk_id = c.id AND v.model = ?) ORDER BY c.id"),
                     {*cid, embedder.model});
  if (!q) return Error{q.error()};
  QList<qint64> ids;
  QStringList texts;
  while (q->next()) {
    ids << q->value(0).toLongLong();
    texts << q->value(1).toString();
  }
  q->finish();
  const int total = int(ids.size()), batch = std::max(1, options.batch);
  for (int first = 0; first < total; first += batch) {
    if (options.cancel && options.cancel->load()) {
      report.cancelled = true;
      break;
    }
    const int n = std::min(batch, total - first);
    auto vectors = embedder.embed(texts.mid(first, n));
    if (!vectors) return Error{vectors.error()};
    if (vectors->size() != size_t(n) * size_t(embedder.dim))
      return fail(QStringLiteral("the embedding model returned %1 values for %2 texts of dimension %3")
                      .arg(vectors->size()).arg(n).arg(embedder.dim));
    Transaction transaction(sql);
    if (auto begun = transaction.begin(); !begun) return Error{begun.error()};
    for (int i = 0; i < n; ++i) {
      const QByteArray blob(reinterpret_cast<const char*>(vectors->data() + size_t(i) * embedder.dim),
                            qsizetype(embedder.dim * sizeof(float)));
      auto inserted = sql.exec(QStringLiteral("INSERT OR REPLACE INTO vectors (chunk_id, model, dim, vector) VALUES (?, ?, ?, ?)"),
                               {ids[first + i], embedder.model, embedder.dim, blob});
      if (!inserted) return Error{inserted.error()};
    }
    if (auto committed = transaction.commit(); !committed) return Error{committed.error()};
    report.embedded += n;
    if (options.progress) options.progress({report.embedded, total});
  }
  return report;
}

Result<CollectionVectors> collectionVectors(DocsDatabase& database, const QString& collection) {
  auto connection = database.connection();
  if (!connection) return Error{connection.error()};
  const Sql sql(*connection);
  auto cid = collectionId(sql, collection);
  if (!cid) return Error{cid.error()};
  CollectionVectors out;
  auto chunks = sql.scalar(QStringLiteral("SELECT count(*) FROM (%1)").arg(kCollectionChunks), {*cid});
  if (!chunks) return Error{chunks.error()};
  out.chunks = chunks->toLongLong();
  auto q = sql.query(QStringLiteral("SELECT model, dim, count(*) FROM vectors WHERE chunk_id IN (%1) GROUP BY model, dim"
                                    " ORDER BY count(*) DESC LIMIT 1").arg(kCollectionChunks),
                     {*cid});
  if (!q) return Error{q.error()};
  if (q->next()) {
    out.model = q->value(0).toString();
    out.dim = q->value(1).toInt();
    out.vectors = q->value(2).toLongLong();
  }
  return out;
}

Result<VectorMatrix> VectorMatrix::load(DocsDatabase& database, const QString& collection, const QString& model) {
  auto connection = database.connection();
  if (!connection) return Error{connection.error()};
  const Sql sql(*connection);
  auto cid = collectionId(sql, collection);
  if (!cid) return Error{cid.error()};
  auto q = sql.query(QStringLiteral("SELECT chunk_id, dim, vector FROM vectors WHERE model = ? AND chunk_id IN (%1) ORDER BY chunk_id")
                         .arg(kCollectionChunks),
                     {model, *cid});
  if (!q) return Error{q.error()};
  VectorMatrix m;
  while (q->next()) {
    const int dim = q->value(1).toInt();
    const QByteArray blob = q->value(2).toByteArray();
    if (m.dim_ == 0) m.dim_ = dim;
    if (dim != m.dim_ || blob.size() != qsizetype(dim * sizeof(float)))
      return fail(QStringLiteral("vector of chunk %1 is malformed (dimension %2, %3 bytes)").arg(q->value(0).toLongLong()).arg(dim).arg(blob.size()));
    m.add(q->value(0).toLongLong(), reinterpret_cast<const float*>(blob.constData()));
  }
  return m;
}

void VectorMatrix::reserve(qint64 rows) {
  ids_.reserve(rows);
  data_.reserve(size_t(rows) * size_t(dim_));
}

void VectorMatrix::add(qint64 id, const float* v) {
  ids_ << id;
  data_.insert(data_.end(), v, v + dim_);
}

namespace {

// x . y with eight independent sums (which the compiler keeps in one vector register).
float dot(const float* x, const float* y, int n) {
  float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int i = 0;
  for (; i + 8 <= n; i += 8)
    for (int j = 0; j < 8; ++j) acc[j] += x[i + j] * y[i + j];
  float sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  for (; i < n; ++i) sum += x[i] * y[i];
  return sum;
}

bool better(const VectorMatrix::Hit& a, const VectorMatrix::Hit& b) { return a.score > b.score || (a.score == b.score && a.id < b.id); }

// The k best of rows [first, last) as a heap whose top is the worst of them.
std::vector<VectorMatrix::Hit> bestOf(const float* data, const QList<qint64>& ids, int dim, qsizetype first, qsizetype last,
                                      const float* query, size_t k) {
  std::vector<VectorMatrix::Hit> heap;
  heap.reserve(k + 1);
  const float* row = data + first * dim;
  for (qsizetype i = first; i < last && k > 0; ++i, row += dim) {
    const VectorMatrix::Hit h{ids[i], dot(row, query, dim)};
    if (heap.size() < k) {
      heap.push_back(h);
      std::push_heap(heap.begin(), heap.end(), better);
    } else if (better(h, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), better);
      heap.back() = h;
      std::push_heap(heap.begin(), heap.end(), better);
    }
  }
  return heap;
}

}  // namespace

QList<VectorMatrix::Hit> VectorMatrix::topK(const float* query, int k) const {
  // One pass over the rows, split between the cores for large matrices; the parts' best merged.
  const qsizetype n = ids_.size();
  const size_t keep = size_t(std::min<qsizetype>(n, std::max(0, k)));
  const qsizetype threads = n < 65536 ? 1 : std::clamp<qsizetype>(std::thread::hardware_concurrency(), 1, 16);
  std::vector<std::vector<Hit>> parts(static_cast<size_t>(threads));
  std::vector<std::thread> pool;
  for (qsizetype t = 0; t < threads; ++t) {
    const qsizetype first = n * t / threads, last = n * (t + 1) / threads;
    auto work = [&, t, first, last] { parts[size_t(t)] = bestOf(data_.data(), ids_, dim_, first, last, query, keep); };
    if (t + 1 < threads) pool.emplace_back(work);
    else work();
  }
  for (std::thread& th : pool) th.join();
  std::vector<Hit> all;
  for (const auto& p : parts) all.insert(all.end(), p.begin(), p.end());
  std::sort(all.begin(), all.end(), better);
  if (all.size() > keep) all.resize(keep);
  return QList<Hit>(all.begin(), all.end());
}

Result<std::shared_ptr<const VectorMatrix>> cachedVectors(DocsDatabase& database, const QString& collection, const QString& model) {
  struct Entry {
    QString key, stamp;
    std::shared_ptr<const VectorMatrix> matrix;
  };
  static std::mutex mutex;
  static QList<Entry> cache;  // most recent first
  auto connection = database.connection();
  if (!connection) return Error{connection.error()};
  const Sql sql(*connection);
  auto cid = collectionId(sql, collection);
  if (!cid) return Error{cid.error()};
  // The stamp: the vectors' count and ids, and when each file was last indexed (a re-indexed
  // file may give its new chunks the ids its old ones had)
  auto q = sql.query(QStringLiteral("SELECT (SELECT count(*) || '/' || max(chunk_id) || '/' || sum(chunk_id) FROM vectors WHERE model = ?"
                                    " AND chunk_id IN (%1)), (SELECT count(*) || '/' || max(indexed_at) || '/' || sum(indexed_at)"
                                    " FROM files WHERE collection_id = ?)")
                         .arg(kCollectionChunks),
                     {model, *cid, *cid});
  if (!q) return Error{q.error()};
  if (!q->next()) return fail(QStringLiteral("cannot count the vectors"));
  const QString stamp = q->value(0).toString() + QLatin1Char(' ') + q->value(1).toString();
  q->finish();
  const QString key = database.path() + QLatin1Char('\n') + collection + QLatin1Char('\n') + model;
  {
    std::lock_guard lock(mutex);
    for (qsizetype i = 0; i < cache.size(); ++i)
      if (cache[i].key == key && cache[i].stamp == stamp) {
        Entry e = cache.takeAt(i);
        cache.prepend(e);
        return e.matrix;
      }
  }
  auto m = VectorMatrix::load(database, collection, model);
  if (!m) return Error{m.error()};
  auto matrix = std::make_shared<const VectorMatrix>(std::move(*m));
  std::lock_guard lock(mutex);
  cache.removeIf([&](const Entry& e) { return e.key == key; });
  cache.prepend({key, stamp, matrix});
  while (cache.size() > 4) cache.removeLast();
  return matrix;
}

QList<FusedItem> reciprocalRankFusion(const QList<qint64>& first, const QList<qint64>& second, int k) {
  QList<FusedItem> items;
  QHash<qint64, qsizetype> at;
  const QList<qint64>* rankings[2] = {&first, &second};
  for (int r = 0; r < 2; ++r) {
    for (qsizetype i = 0; i < rankings[r]->size(); ++i) {
      const qint64 id = (*rankings[r])[i];
      auto it = at.find(id);
      if (it == at.end()) {
        it = at.insert(id, items.size());
        items << FusedItem{id, 0, {0, 0}};
      }
      FusedItem& item = items[*it];
      if (item.ranks[r] != 0) continue;  // a duplicate in one ranking counts once
      item.ranks[r] = int(i + 1);
      item.score += 1.0 / double(k + i + 1);
    }
  }
  std::stable_sort(items.begin(), items.end(), [](const FusedItem& a, const FusedItem& b) {
    if (a.score != b.score) return a.score > b.score;
    const int ra = a.ranks[0] ? a.ranks[0] : INT_MAX, rb = b.ranks[0] ? b.ranks[0] : INT_MAX;
    if (ra != rb) return ra < rb;
    return a.id < b.id;
  });
  return items;
}

}  // namespace causerie::docs
