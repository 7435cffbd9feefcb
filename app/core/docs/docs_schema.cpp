// The documents index's migrations (see docs_database.h for the schema).
#include "docs/docs_database.h"

namespace causerie::docs {

const QList<DocsMigration>& docsMigrations() {
  static const QList<DocsMigration> list = {
      {1,
       QStringLiteral("collections, files, chunks, FTS5 index, vectors"),
       {QStringLiteral("CREATE TABLE collections ("
                       " id INTEGER PRIMARY KEY,"
                       " name TEXT NOT NULL UNIQUE,"
                       " created_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE roots ("
                       " id INTEGER PRIMARY KEY,"
                       " collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,"
                       " path TEXT NOT NULL,"
                       " UNIQUE (collection_id, path))"),
        QStringLiteral("CREATE TABLE files ("
                       " id INTEGER PRIMARY KEY,"
                       " collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,"
                       " path TEXT NOT NULL,"
                       " format TEXT NOT NULL,"
                       " size INTEGER NOT NULL,"
                       " mtime_ms INTEGER NOT NULL,"
                       " sha256 TEXT NOT NULL,"
                       " language TEXT NOT NULL DEFAULT 'fr',"
                       " pages INTEGER NOT NULL DEFAULT 0,"
                       " status TEXT NOT NULL CHECK (status IN ('indexed', 'error')),"
                       " error TEXT NOT NULL DEFAULT '',"
                       " chunk_count INTEGER NOT NULL DEFAULT 0,"
                       " indexed_at INTEGER NOT NULL,"
                       " UNIQUE (collection_id, path))"),
        QStringLiteral("CREATE TABLE chunks ("
                       " id INTEGER PRIMARY KEY,"
                       " file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,"
                       " ordinal INTEGER NOT NULL,"
                       " page INTEGER,"
                       " heading_path TEXT,"
                       " char_start INTEGER NOT NULL,"
                       " char_end INTEGER NOT NULL,"
                       " tokens INTEGER NOT NULL,"
                       " language TEXT NOT NULL,"
                       " text TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX chunks_by_file ON chunks (file_id, ordinal)"),
        QStringLiteral("CREATE VIRTUAL TABLE chunks_fts USING fts5("
                       " stems, words, tokenize = 'unicode61 remove_diacritics 2')"),
        QStringLiteral("CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN"
                       " DELETE FROM chunks_fts WHERE rowid = old.id; END"),
        QStringLiteral("CREATE TABLE vectors ("
                       " chunk_id INTEGER NOT NULL REFERENCES chunks(id) ON DELETE CASCADE,"
                       " model TEXT NOT NULL,"
                       " dim INTEGER NOT NULL,"
                       " vector BLOB NOT NULL,"
                       " PRIMARY KEY (chunk_id, model)) WITHOUT ROWID"),
        QStringLiteral("CREATE INDEX vectors_by_model ON vectors (model)")}},
  };
  return list;
}

}  // namespace causerie::docs
