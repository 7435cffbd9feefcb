// The documents index: its own SQLite file (documents.sqlite in the data folder), beside the
// conversations, opened by storage::Database: one connection per thread (open() on the thread
// that uses it), WAL, foreign keys on, migrations gated by PRAGMA user_version, each in a
// transaction, and a file written by a newer version refused untouched.
//
// Schema (version 1):
//   collections(id, name UNIQUE, created_at)
//   roots(collection_id, path)          the folders and files the user added (rescanned on refresh)
//   files(collection_id, path, format, size, mtime_ms, sha256, language (the document's), pages,
//         status, error,
//         chunk_count, indexed_at)      status 'indexed' or 'error' (error says why)
//   chunks(file_id, ordinal, page, heading_path (JSON array), char_start, char_end, tokens,
//          language, text)             language of the chunk (a document may mix French and English)
//   chunks_fts(stems, words)            FTS5, rowid = chunks.id: Snowball stems and folded words
//   vectors(chunk_id, model, dim, vector BLOB)   embeddings per chunk and model (for later)
// Deleting a file deletes its chunks (cascade), their FTS rows (trigger) and their vectors.
#pragma once

#include "storage/database.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace causerie::docs {

using DocsMigration = storage::Migration;

// Ordered by version from 1, without gaps. Never edit a released one; add at the end.
const QList<DocsMigration>& docsMigrations();

// A storage::Database over documents.sqlite with the documents' schema.
class DocsDatabase {
 public:
  static int latestVersion();
  // <dataDir>/documents.sqlite
  static QString pathIn(const QString& dataDir);

  explicit DocsDatabase(QString path);
  DocsDatabase(const DocsDatabase&) = delete;
  DocsDatabase& operator=(const DocsDatabase&) = delete;

  storage::Status open() { return db_.open(); }
  void close() { db_.close(); }
  bool isOpen() const { return db_.isOpen(); }
  const QString& path() const { return db_.path(); }
  int schemaVersion() const { return db_.schemaVersion(); }

  // The connection; an error when not open or used from another thread.
  storage::Result<QSqlDatabase> connection() const { return db_.connection(); }

 private:
  storage::Database db_;
};

}  // namespace causerie::docs
