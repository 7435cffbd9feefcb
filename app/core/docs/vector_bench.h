// Exact vector search at scale (`causerie-cli docs bench-vectors`): N random unit vectors of a
// dimension in memory (docs_vectors.h VectorMatrix), timed top-50 queries (one core: the scan
// is a plain loop the compiler vectorizes), then the SQLite side on up to 100,000 of them:
// writing them to a documents index and loading them back into memory.
#pragma once

#include "docs/document.h"

#include <functional>

namespace causerie::docs {

struct VectorBenchOptions {
  qint64 chunks = 1000000;
  int dim = 384;
  int queries = 20;
  int k = 50;                   // the candidates hybrid search takes
  qint64 sqliteChunks = 100000; // written to and loaded from SQLite (at most `chunks`; 0: none)
  QString dataDir;              // unused: the SQLite part runs in a temporary folder
  std::function<void(const QString&)> progress;
};

struct VectorBenchResult {
  qint64 chunks = 0;
  int dim = 0;
  qint64 matrixBytes = 0;
  int queries = 0;
  double queryMsMedian = 0, queryMsP95 = 0;
  double scanGBps = 0;  // matrix bytes / median query time
  qint64 sqliteChunks = 0;
  double sqliteWriteSeconds = 0, sqliteLoadSeconds = 0;
};

Result<VectorBenchResult> runVectorBench(const VectorBenchOptions& options);

}  // namespace causerie::docs
