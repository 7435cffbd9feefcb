// The documents index's scale benchmark (`causerie-cli docs bench`): writes a synthetic corpus
// (Markdown files of French-looking pseudo-words, Zipf-distributed like real text, with
// headings), indexes it, then times searches of 2-4 words drawn the same way (each also through
// the exact path, alternating, for the ratio).
#pragma once

#include "docs/chunker.h"
#include "docs/document.h"

#include <functional>

namespace causerie::docs {

struct BenchOptions {
  QString dataDir;       // the corpus goes in <dataDir>/bench-corpus, the index in <dataDir>
  qint64 chunks = 100000;
  int chunksPerFile = 50;
  int queries = 200;
  bool queriesOnly = false;  // reuse the index of an earlier run: only the queries
  ChunkOptions chunking;
  std::function<void(const QString&)> progress;
};

struct BenchResult {
  qint64 files = 0, chunks = 0, words = 0;
  double indexSeconds = 0;
  qint64 databaseBytes = 0;
  int queries = 0;
  double queryMsMedian = 0, queryMsP95 = 0, queryMsMax = 0;
  // The same queries without FTS5's top-N path (join every match, then rank), alternating.
  double exactMsMedian = 0, exactMsP95 = 0;
};

Result<BenchResult> runDocsBench(const BenchOptions& options);

}  // namespace causerie::docs
