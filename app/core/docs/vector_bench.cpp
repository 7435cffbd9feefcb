#include "docs/vector_bench.h"

#include "docs/docs_database.h"
#include "docs/docs_vectors.h"
#include "storage/sql.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <random>

namespace causerie::docs {
namespace {

void randomUnit(std::mt19937& rng, float* v, int dim) {
  std::normal_distribution<float> normal;
  double ss = 0;
  for (int i = 0; i < dim; ++i) v[i] = normal(rng), ss += double(v[i]) * v[i];
  const float inv = float(1.0 / std::sqrt(ss));
  for (int i = 0; i < dim; ++i) v[i] *= inv;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

// Writes n vectors to a fresh documents index (one collection, one file, n empty chunks) and
// loads them back: the seconds of each.
Status sqliteRoundTrip(const std::vector<float>& data, qint64 n, int dim, VectorBenchResult& r) {
  QTemporaryDir dir;
  if (!dir.isValid()) return fail(QStringLiteral("cannot create a temporary folder"));
  DocsDatabase db(DocsDatabase::pathIn(dir.path()));
  if (auto opened = db.open(); !opened) return opened;
  auto connection = db.connection();
  if (!connection) return Error{connection.error()};
  const storage::Sql sql(*connection);
  const QString model = QStringLiteral("bench (random, %1)").arg(dim);
  QElapsedTimer timer;
  timer.start();
  {
    storage::Transaction t(sql);
    if (auto b = t.begin(); !b) return b;
    auto cid = sql.insert(QStringLiteral("INSERT INTO collections (name, created_at) VALUES ('bench', 0)"));
    if (!cid) return Error{cid.error()};
    auto fid = sql.insert(QStringLiteral("INSERT INTO files (collection_id, path, format, size, mtime_ms, sha256, language, pages,"
                                         " status, error, chunk_count, indexed_at) VALUES (?, '/bench', 'text', 0, 0, '', 'en', 0,"
                                         " 'indexed', '', ?, 0)"),
                          {*cid, n});
    if (!fid) return Error{fid.error()};
    for (qint64 i = 0; i < n; ++i) {
      auto chunk = sql.insert(QStringLiteral("INSERT INTO chunks (file_id, ordinal, page, heading_path, char_start, char_end, tokens,"
                                             " language, text) VALUES (?, ?, NULL, NULL, 0, 0, 0, 'en', '')"),
                              {*fid, i});
      if (!chunk) return Error{chunk.error()};
      const QByteArray blob(reinterpret_cast<const char*>(data.data() + i * dim), qsizetype(dim * sizeof(float)));
      auto v = sql.exec(QStringLiteral("INSERT INTO vectors (chunk_id, model, dim, vector) VALUES (?, ?, ?, ?)"), {*chunk, model, dim, blob});
      if (!v) return Error{v.error()};
    }
    if (auto c = t.commit(); !c) return c;
  }
  r.sqliteWriteSeconds = double(timer.nsecsElapsed()) / 1e9;
  timer.restart();
  auto m = VectorMatrix::load(db, QStringLiteral("bench"), model);
  if (!m) return Error{m.error()};
  r.sqliteLoadSeconds = double(timer.nsecsElapsed()) / 1e9;
  if (m->size() != n) return fail(QStringLiteral("loaded %1 vectors of %2").arg(m->size()).arg(n));
  r.sqliteChunks = n;
  return {};
}

}  // namespace

Result<VectorBenchResult> runVectorBench(const VectorBenchOptions& o) {
  if (o.chunks <= 0 || o.dim <= 0 || o.queries <= 0) return fail(QStringLiteral("chunks, dimension and queries must be positive"));
  VectorBenchResult r;
  r.chunks = o.chunks;
  r.dim = o.dim;
  r.matrixBytes = o.chunks * o.dim * qint64(sizeof(float));
  std::mt19937 rng(17);
  if (o.progress) o.progress(QStringLiteral("making %1 random unit vectors of %2 dimensions").arg(o.chunks).arg(o.dim));
  // The matrix, and a copy of the rows the SQLite part writes
  const qint64 n = std::min(o.chunks, o.sqliteChunks);
  std::vector<float> data(size_t(std::max<qint64>(n, 1)) * size_t(o.dim)), row(size_t(o.dim));
  VectorMatrix m(o.dim);
  m.reserve(o.chunks);
  for (qint64 i = 0; i < o.chunks; ++i) {
    randomUnit(rng, row.data(), o.dim);
    m.add(i + 1, row.data());
    if (i < n) std::copy(row.begin(), row.end(), data.begin() + i * o.dim);
  }
  std::vector<double> ms;
  std::vector<float> q(size_t(o.dim));
  for (int i = 0; i < o.queries; ++i) {
    randomUnit(rng, q.data(), o.dim);
    QElapsedTimer timer;
    timer.start();
    const auto hits = m.topK(q.data(), o.k);
    ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    if (hits.size() != std::min<qsizetype>(o.k, m.size())) return fail(QStringLiteral("top-k returned %1 hits").arg(hits.size()));
  }
  r.queries = o.queries;
  r.queryMsMedian = percentile(ms, 0.5);
  r.queryMsP95 = percentile(ms, 0.95);
  r.scanGBps = double(r.matrixBytes) / (r.queryMsMedian / 1e3) / 1e9;
  if (n > 0) {
    if (o.progress) o.progress(QStringLiteral("writing %1 vectors to SQLite and loading them back").arg(n));
    if (auto st = sqliteRoundTrip(data, n, o.dim, r); !st) return Error{st.error()};
  }
  return r;
}

}  // namespace causerie::docs
