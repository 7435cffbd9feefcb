// causerie-cli docs: add | remove | list | search | bench over the documents index
// (app/core/docs, the same code the app uses). Compiled only when causerie-cli links
// causerie_docs (CAUSERIE_CLI_DOCS).
#ifdef CAUSERIE_CLI_DOCS
#include "commands.h"

#include "docs/docs_bench.h"
#include "docs/vector_bench.h"
#include "docs/docs_database.h"
#include "docs/docs_index.h"
#include "docs/docs_search.h"
#include "docs/docs_vectors.h"
#include "embedder.h"
#include "models/models_paths.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

namespace causerie::cli {
namespace {

using namespace causerie::docs;

const char* kUsage =
    "usage: causerie-cli docs <command> [--data-dir DIR] [--collection NAME] ...\n"
    "  add [--embed-model F] PATH...     index files and folders (recursively); only what changed\n"
    "                                    is read again; without PATH, the collection's folders again;\n"
    "                                    with an embedding model, chunks get vectors (all again when\n"
    "                                    the model changes)\n"
    "  remove PATH                       remove a file, or a folder's files, from the collection\n"
    "  list [--json]                     the collection's files with their chunk counts, and the\n"
    "                                    files that could not be read with the reason\n"
    "  search [--k K] [--no-stem] [--embed-model F] [--json] QUERY\n"
    "                                    the best passages (path, page, heading, score, snippet);\n"
    "                                    with the model that embedded the collection: hybrid ranking\n"
    "                                    (BM25 and cosine fused by reciprocal rank), else lexical\n"
    "  bench [--chunks N] [--queries N] [--queries-only] [--json]\n"
    "                                    index a synthetic corpus of N chunks (default 100000) in\n"
    "                                    DIR, then time queries (--queries-only: on the last index)\n"
    "  bench-vectors [--chunks N] [--dim D] [--queries N] [--json]\n"
    "                                    exact (brute-force) vector search over N random unit vectors\n"
    "                                    of dimension D (default 1000000 x 384): memory, load, query\n"
    "embedding: --embed-model F (a GGUF embedding model), --cpu (its CPU reference), --device I,\n"
    "           --passage-prefix TEXT, --query-prefix TEXT (what the model wants before each)\n"
    "common: --data-dir DIR (default $CAUSERIE_DATA_DIR or the app's), --collection NAME\n"
    "        (default \"default\"), --chunk-tokens N (200), --overlap N (30)\n";

struct Options {
  QString sub, dataDir, collection = QStringLiteral("default"), embedModel, queryPrefix, passagePrefix;
  bool cpu = false, chunksGiven = false, queriesGiven = false;
  int device = -1, dim = 384;
  QStringList positional;
  bool json = false, noStem = false, queriesOnly = false;
  int k = 10, chunkTokens = 200, overlap = 30, queries = 200;
  qint64 chunks = 100000;
};

std::string s(const QString& q) { return q.toStdString(); }

bool parse(int argc, char** argv, Options& o, std::string& error) {
  if (argc < 3) return error = "missing docs command", false;
  o.sub = QString::fromLocal8Bit(argv[2]);
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](QString& out) {
      if (i + 1 >= argc) return error = a + " needs a value", false;
      out = QString::fromLocal8Bit(argv[++i]);
      return true;
    };
    auto number = [&](auto& out, long long lo) {
      QString v;
      if (!value(v)) return false;
      bool ok = false;
      const long long n = v.toLongLong(&ok);
      if (!ok || n < lo) return error = a + " needs a number of at least " + std::to_string(lo), false;
      out = static_cast<std::remove_reference_t<decltype(out)>>(n);
      return true;
    };
    if (a == "--data-dir" || a == "--data") { if (!value(o.dataDir)) return false; }
    else if (a == "--collection") { if (!value(o.collection)) return false; }
    else if (a == "--k") { if (!number(o.k, 1)) return false; }
    else if (a == "--chunk-tokens") { if (!number(o.chunkTokens, 16)) return false; }
    else if (a == "--overlap") { if (!number(o.overlap, 0)) return false; }
    else if (a == "--chunks") { if (!number(o.chunks, 1)) return false; o.chunksGiven = true; }
    else if (a == "--queries") { if (!number(o.queries, 1)) return false; o.queriesGiven = true; }
    else if (a == "--embed-model") { if (!value(o.embedModel)) return false; }
    else if (a == "--query-prefix") { if (!value(o.queryPrefix)) return false; }
    else if (a == "--passage-prefix") { if (!value(o.passagePrefix)) return false; }
    else if (a == "--device") { if (!number(o.device, 0)) return false; }
    else if (a == "--dim") { if (!number(o.dim, 1)) return false; }
    else if (a == "--cpu") o.cpu = true;
    else if (a == "--json") o.json = true;
    else if (a == "--no-stem") o.noStem = true;
    else if (a == "--queries-only") o.queriesOnly = true;
    else if (a == "--") { for (++i; i < argc; ++i) o.positional << QString::fromLocal8Bit(argv[i]); }
    else if (a.starts_with("--")) return error = "unknown option " + a, false;
    else o.positional << QString::fromLocal8Bit(argv[i]);
  }
  if (o.dataDir.isEmpty()) o.dataDir = models::defaultDataDir();
  if (o.collection.trimmed().isEmpty()) return error = "--collection needs a name", false;
  return true;
}

void printJson(const QJsonObject& object) {
  std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
}

QJsonValue headingValue(const QStringList& path) {
  return path.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(path.join(QStringLiteral(" > ")));
}

ChunkOptions chunking(const Options& o) {
  ChunkOptions c;
  c.targetTokens = o.chunkTokens;
  c.overlapTokens = o.overlap;
  return c;
}

// The embedding model of --embed-model, for the index (docs_vectors.h DocsEmbedder).
// Some models want their texts marked (nomic: "search_document: " / "search_query: ", e5:
// "passage: " / "query: ", Qwen3-Embedding: an instruction before queries): --passage-prefix
// goes before each chunk (and into the recorded model id: the vectors differ), --query-prefix
// before the question.
struct LoadedEmbedder {
  std::unique_ptr<Embedder> engine;
  DocsEmbedder docs;
  QString queryPrefix;
  docs::Result<std::vector<float>> embedQuery(const QString& query) const {
    std::vector<std::string> t{(queryPrefix + query).toStdString()};
    auto v = engine->embed(t);
    if (!v) return docs::fail(QString::fromStdString(v.error().message));
    return std::move(*v);
  }
};

docs::Result<LoadedEmbedder> loadEmbedder(const Options& o) {
  EmbedderOptions eo;
  eo.model_path = s(o.embedModel);
  eo.cpu = o.cpu;
  eo.device = o.device;
  auto e = Embedder::load(eo);
  if (!e) return docs::fail(QString::fromStdString(e.error().message));
  LoadedEmbedder out;
  out.engine = std::move(*e);
  Embedder* engine = out.engine.get();
  out.docs.model = QString::fromStdString(engine->model_id());
  if (!o.passagePrefix.isEmpty()) out.docs.model += QStringLiteral(" [passages: \"%1\"]").arg(o.passagePrefix);
  out.docs.dim = int(engine->dim());
  out.queryPrefix = o.queryPrefix;
  out.docs.embed = [engine, prefix = o.passagePrefix](const QStringList& texts) -> docs::Result<std::vector<float>> {
    std::vector<std::string> t;
    for (const QString& x : texts) t.push_back((prefix + x).toStdString());
    auto v = engine->embed(t);
    if (!v) return docs::fail(QString::fromStdString(v.error().message));
    return std::move(*v);
  };
  return out;
}

int runEmbed(const Options& o, DocsDatabase& db) {
  auto embedder = loadEmbedder(o);
  if (!embedder) return fail(s(embedder.error()));
  const bool tty = isatty(fileno(stderr));
  EmbedOptions options;
  options.progress = [&](const EmbedProgress& p) {
    if (tty) std::fprintf(stderr, "\r\033[Kembedding %d/%d", p.done, p.total);
  };
  QElapsedTimer timer;
  timer.start();
  auto report = embedCollection(db, o.collection, embedder->docs, options);
  if (tty) std::fprintf(stderr, "\r\033[K");
  if (!report) return fail(s(report.error()));
  const double seconds = double(timer.nsecsElapsed()) / 1e9;
  std::fprintf(stderr, "vectors (%s): %d embedded in %.2f s (%.1f chunks/s on %s), %d kept, %d of another model dropped\n",
               s(embedder->docs.model).c_str(), report->embedded, seconds, seconds > 0 ? report->embedded / seconds : 0.0,
               embedder->engine->device_name().c_str(), report->kept, report->dropped);
  return 0;
}

int runAdd(const Options& o, DocsDatabase& db) {
  DocsIndex index(db);
  const bool tty = isatty(fileno(stderr));
  IndexOptions options;
  options.chunking = chunking(o);
  options.progress = [&](const IndexProgress& p) {
    if (p.path.isEmpty()) {
      if (tty) std::fprintf(stderr, "\r\033[K");
      return;
    }
    std::fprintf(stderr, tty ? "\r\033[K[%d/%d] %s" : "[%d/%d] %s\n", p.done + 1, p.total, s(p.path).c_str());
  };
  QElapsedTimer timer;
  timer.start();
  auto report = o.positional.isEmpty() ? index.refresh(o.collection, options) : index.add(o.collection, o.positional, options);
  if (!report) return fail(s(report.error()));
  const double seconds = double(timer.nsecsElapsed()) / 1e9;
  if (report->failed > 0) {
    if (auto files = index.files(o.collection)) {
      for (const FileRecord& f : *files)
        if (!f.indexed) std::fprintf(stderr, "unreadable: %s: %s\n", s(f.path).c_str(), s(f.error).c_str());
    }
  }
  std::fprintf(stderr, "%d added, %d updated, %d unchanged, %d removed, %d unreadable; %d chunks in %.2f s\n",
               report->added, report->updated, report->unchanged, report->removed, report->failed, report->chunks, seconds);
  if (!o.embedModel.isEmpty()) return runEmbed(o, db);
  if (auto vectors = collectionVectors(db, o.collection); vectors && !vectors->model.isEmpty() && vectors->vectors < vectors->chunks)
    std::fprintf(stderr, "note: %lld of %lld chunks have vectors (%s): add --embed-model to embed the others\n",
                 vectors->vectors, vectors->chunks, s(vectors->model).c_str());
  return 0;
}

int runRemove(const Options& o, DocsDatabase& db) {
  if (o.positional.size() != 1) return fail("docs remove needs one PATH");
  DocsIndex index(db);
  auto removed = index.remove(o.collection, o.positional.first());
  if (!removed) return fail(s(removed.error()));
  std::fprintf(stderr, "%d file%s removed\n", *removed, *removed == 1 ? "" : "s");
  return 0;
}

int runList(const Options& o, DocsDatabase& db) {
  DocsIndex index(db);
  auto files = index.files(o.collection);
  if (!files) return fail(s(files.error()));
  for (const FileRecord& f : *files) {
    if (o.json) {
      QJsonObject line{{QStringLiteral("path"), f.path},
                       {QStringLiteral("format"), f.format},
                       {QStringLiteral("size"), f.size},
                       {QStringLiteral("chunks"), f.chunkCount},
                       {QStringLiteral("status"), f.indexed ? QStringLiteral("indexed") : QStringLiteral("error")}};
      if (f.indexed) {
        line.insert(QStringLiteral("language"), f.language);
        if (f.pages > 0) line.insert(QStringLiteral("pages"), f.pages);
      } else {
        line.insert(QStringLiteral("error"), f.error);
      }
      printJson(line);
    } else if (f.indexed) {
      std::printf("%6d chunks  %s\n", f.chunkCount, s(f.path).c_str());
    } else {
      std::printf("%6s         %s  (%s)\n", "-", s(f.path).c_str(), s(f.error).c_str());
    }
  }
  return 0;
}

int runSearch(const Options& o, DocsDatabase& db) {
  if (o.positional.isEmpty()) return fail("docs search needs a QUERY");
  DocsSearchOptions options;
  options.k = o.k;
  options.stemming = !o.noStem;
  const QString query = o.positional.join(QLatin1Char(' '));
  // Hybrid ranking with the model that embedded the collection; lexical alone otherwise
  auto vectors = collectionVectors(db, o.collection);
  if (!vectors) return fail(s(vectors.error()));
  if (!o.embedModel.isEmpty()) {
    auto embedder = loadEmbedder(o);
    if (!embedder) return fail(s(embedder.error()));
    if (vectors->model.isEmpty()) {
      std::fprintf(stderr, "note: the collection has no vectors (docs add --embed-model): lexical search alone\n");
    } else if (vectors->model != embedder->docs.model) {
      return fail("the collection's vectors come from " + s(vectors->model) + ", not from " + s(embedder->docs.model) +
                  ": run docs add --embed-model with this model to embed it again (or give the same --passage-prefix)");
    } else {
      auto v = embedder->embedQuery(query);
      if (!v) return fail(s(v.error()));
      options.queryVector = std::move(*v);
      options.vectorModel = embedder->docs.model;
    }
  } else if (!vectors->model.isEmpty() && !o.json) {
    std::fprintf(stderr, "note: lexical search alone (the collection's vectors need --embed-model, %s)\n", s(vectors->model).c_str());
  }
  auto hits = searchDocs(db, o.collection, query, options);
  if (!hits) return fail(s(hits.error()));
  int rank = 0;
  for (const DocsHit& h : *hits) {
    ++rank;
    if (o.json) {
      // retrieval: "hybrid" (score: the fused one; lexical_rank and vector_rank: 1-based, null
      // when not among that ranking's candidates) or "lexical" (score: -bm25)
      auto rankValue = [](int r) { return r > 0 ? QJsonValue(r) : QJsonValue(QJsonValue::Null); };
      printJson({{QStringLiteral("path"), h.path},
                 {QStringLiteral("page"), h.page > 0 ? QJsonValue(h.page) : QJsonValue(QJsonValue::Null)},
                 {QStringLiteral("heading"), headingValue(h.headingPath)},
                 {QStringLiteral("score"), h.score},
                 {QStringLiteral("snippet"), h.snippet},
                 {QStringLiteral("chunk_id"), h.chunkId},
                 {QStringLiteral("retrieval"), h.hybrid ? QStringLiteral("hybrid") : QStringLiteral("lexical")},
                 {QStringLiteral("lexical_rank"), rankValue(h.lexicalRank)},
                 {QStringLiteral("lexical_score"), h.lexicalRank > 0 ? QJsonValue(h.lexicalScore) : QJsonValue(QJsonValue::Null)},
                 {QStringLiteral("vector_rank"), rankValue(h.vectorRank)},
                 {QStringLiteral("cosine"), h.vectorRank > 0 ? QJsonValue(h.cosine) : QJsonValue(QJsonValue::Null)}});
    } else {
      QString where = h.path;
      if (h.page > 0) where += QStringLiteral(", page %1").arg(h.page);
      if (!h.headingPath.isEmpty()) where += QStringLiteral(", ") + h.headingPath.join(QStringLiteral(" > "));
      std::printf("%d. %s  (%.2f)\n   %s\n", rank, s(where).c_str(), h.score, s(h.snippet).c_str());
    }
  }
  if (!o.json && hits->isEmpty()) std::fprintf(stderr, "no match\n");
  return 0;
}

int runBench(const Options& o) {
  BenchOptions options;
  options.dataDir = o.dataDir;
  options.chunks = o.chunks;
  options.queries = o.queries;
  options.queriesOnly = o.queriesOnly;
  options.chunking = chunking(o);
  options.progress = [](const QString& line) { std::fprintf(stderr, "%s\n", s(line).c_str()); };
  auto result = runDocsBench(options);
  if (!result) return fail(s(result.error()));
  const BenchResult& r = *result;
  if (o.json) {
    printJson({{QStringLiteral("files"), r.files},
               {QStringLiteral("chunks"), r.chunks},
               {QStringLiteral("words"), r.words},
               {QStringLiteral("index_seconds"), r.indexSeconds},
               {QStringLiteral("files_per_s"), r.files / r.indexSeconds},
               {QStringLiteral("chunks_per_s"), r.chunks / r.indexSeconds},
               {QStringLiteral("database_bytes"), r.databaseBytes},
               {QStringLiteral("queries"), r.queries},
               {QStringLiteral("query_ms_median"), r.queryMsMedian},
               {QStringLiteral("query_ms_p95"), r.queryMsP95},
               {QStringLiteral("query_ms_max"), r.queryMsMax},
               {QStringLiteral("exact_query_ms_median"), r.exactMsMedian},
               {QStringLiteral("exact_query_ms_p95"), r.exactMsP95}});
  } else {
    if (!o.queriesOnly) {
      std::printf("indexed %lld files, %lld chunks (%lld words) in %.1f s: %.1f files/s, %.0f chunks/s; index %.1f MiB\n",
                  r.files, r.chunks, r.words, r.indexSeconds, r.files / r.indexSeconds, r.chunks / r.indexSeconds,
                  double(r.databaseBytes) / (1024.0 * 1024.0));
    }
    std::printf("%d queries (k=10, snippets): median %.2f ms, p95 %.2f ms, max %.2f ms\n", r.queries, r.queryMsMedian,
                r.queryMsP95, r.queryMsMax);
    std::printf("the same without FTS5's top-N path: median %.2f ms, p95 %.2f ms (x%.2f at the median)\n", r.exactMsMedian,
                r.exactMsP95, r.exactMsMedian / r.queryMsMedian);
  }
  return 0;
}

int runBenchVectors(const Options& o) {
  VectorBenchOptions options;
  // Defaults of their own: 1,000,000 vectors, 20 queries
  options.chunks = o.chunksGiven ? o.chunks : 1000000;
  options.dim = o.dim;
  options.queries = o.queriesGiven ? o.queries : 20;
  options.dataDir = o.dataDir;
  options.progress = [](const QString& line) { std::fprintf(stderr, "%s\n", s(line).c_str()); };
  auto r = runVectorBench(options);
  if (!r) return fail(s(r.error()));
  if (o.json) {
    printJson({{QStringLiteral("chunks"), r->chunks},
               {QStringLiteral("dim"), r->dim},
               {QStringLiteral("matrix_bytes"), r->matrixBytes},
               {QStringLiteral("queries"), r->queries},
               {QStringLiteral("query_ms_median"), r->queryMsMedian},
               {QStringLiteral("query_ms_p95"), r->queryMsP95},
               {QStringLiteral("scan_gb_per_s"), r->scanGBps},
               {QStringLiteral("sqlite_chunks"), r->sqliteChunks},
               {QStringLiteral("sqlite_load_seconds"), r->sqliteLoadSeconds},
               {QStringLiteral("sqlite_write_seconds"), r->sqliteWriteSeconds}});
  } else {
    std::printf("%lld vectors of %d dims (%.0f MiB f32): %d queries (top 50), median %.1f ms, p95 %.1f ms (%.1f GB/s)\n",
                r->chunks, r->dim, double(r->matrixBytes) / (1024.0 * 1024.0), r->queries, r->queryMsMedian, r->queryMsP95, r->scanGBps);
    if (r->sqliteChunks > 0)
      std::printf("from SQLite: %lld vectors written in %.1f s, loaded into memory in %.2f s\n", r->sqliteChunks, r->sqliteWriteSeconds,
                  r->sqliteLoadSeconds);
  }
  return 0;
}

}  // namespace

int cmd_docs(int argc, char** argv) {
  Options o;
  std::string error;
  if (argc >= 3 && (!std::strcmp(argv[2], "--help") || !std::strcmp(argv[2], "-h"))) {
    std::fprintf(stdout, "%s", kUsage);
    return 0;
  }
  if (!parse(argc, argv, o, error)) {
    std::fprintf(stderr, "%s", kUsage);
    return fail(error);
  }
  int qargc = 1;
  QCoreApplication app(qargc, argv);
  if (o.sub == QLatin1String("bench")) return runBench(o);
  if (o.sub == QLatin1String("bench-vectors")) return runBenchVectors(o);
  DocsDatabase db(DocsDatabase::pathIn(o.dataDir));
  if (auto opened = db.open(); !opened) return fail(s(opened.error()));
  if (o.sub == QLatin1String("add")) return runAdd(o, db);
  if (o.sub == QLatin1String("remove")) return runRemove(o, db);
  if (o.sub == QLatin1String("list")) return runList(o, db);
  if (o.sub == QLatin1String("search")) return runSearch(o, db);
  std::fprintf(stderr, "%s", kUsage);
  return fail("unknown docs command " + s(o.sub));
}

}  // namespace causerie::cli
#endif  // CAUSERIE_CLI_DOCS
