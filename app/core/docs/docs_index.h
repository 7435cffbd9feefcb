// Collections of documents in the documents index: adding folders and files (re-indexing only
// what changed: size and mtime, then the SHA-256 of the content), removing them, listing them.
// Runs on the thread that opened the DocsDatabase; a GUI runs it on a worker thread with a
// connection of its own and passes a cancel flag.
#pragma once

#include "docs/chunker.h"
#include "docs/docs_database.h"
#include "docs/document.h"

#include <QDateTime>

#include <atomic>
#include <functional>

namespace causerie::docs {

struct FileRecord {
  qint64 id = 0;
  QString path;
  QString format;
  qint64 size = 0;
  qint64 mtimeMs = 0;
  QString sha256;
  QString language;  // "fr" or "en"
  int pages = 0;
  bool indexed = false;  // false: the file could not be read, `error` says why
  QString error;
  int chunkCount = 0;
};

struct ChunkRecord {
  qint64 id = 0;
  qint64 fileId = 0;
  int ordinal = 0;
  int page = 0;  // 0: none
  QStringList headingPath;
  qsizetype charStart = 0;
  qsizetype charEnd = 0;
  int tokens = 0;
  QString text;
};

struct IndexProgress {
  int done = 0;   // files looked at so far
  int total = 0;  // files found
  QString path;   // the file being looked at
};

struct IndexReport {
  int added = 0;      // new files indexed
  int updated = 0;    // changed files re-indexed
  int unchanged = 0;  // same size and mtime, or same content
  int removed = 0;    // files gone from the disk (or from a folder), removed from the index
  int failed = 0;     // files that could not be read (listed with the reason)
  int chunks = 0;     // chunks written
  bool cancelled = false;
};

struct IndexOptions {
  ChunkOptions chunking;
  std::function<void(const IndexProgress&)> progress;
  const std::atomic<bool>* cancel = nullptr;  // set to stop between two files
};

class DocsIndex {
 public:
  explicit DocsIndex(DocsDatabase& database) : db_(database) {}

  // The collection's id; created when `create`, an error when missing otherwise.
  Result<qint64> collection(const QString& name, bool create);
  Result<QStringList> collections();
  // Deletes the collection with its roots, files, chunks and vectors (cascade).
  Status removeCollection(const QString& name);

  // Indexes files and folders (recursively) into the collection and remembers them as roots.
  // Files of a folder that disappeared from the disk are removed from the index.
  Result<IndexReport> add(const QString& collection, const QStringList& paths, const IndexOptions& options = {});
  // Scans the collection's roots again.
  Result<IndexReport> refresh(const QString& collection, const IndexOptions& options = {});
  // Removes a file, or a folder and the files under it, from the collection (and from its
  // roots). Returns the number of files removed.
  Result<int> remove(const QString& collection, const QString& path);

  Result<QList<FileRecord>> files(const QString& collection);
  Result<QList<ChunkRecord>> chunks(qint64 fileId);
  Result<ChunkRecord> chunk(qint64 chunkId);
  Result<QStringList> roots(const QString& collection);

 private:
  enum class Outcome { Added, Updated, Unchanged, Failed };
  Result<Outcome> indexFile(qint64 collectionId, const QString& path, const ChunkOptions& chunking, int& chunks);

  DocsDatabase& db_;
};

// Absolute, clean path (symbolic links kept as given).
QString normalizedPath(const QString& path);

}  // namespace causerie::docs
