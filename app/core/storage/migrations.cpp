#include "storage/migrations.h"

namespace causerie::storage {
namespace {

// Version 1: conversations and the message tree.
// messages.parent_id has no ON DELETE CASCADE on purpose: SQLite counts each cascade level as a
// trigger level (limit 1000), so a long chain could not be deleted. Subtrees are deleted in one
// statement by the store instead (foreign keys are checked at the end of the statement).
Migration version1() {
  return {1,
          QStringLiteral("conversations and messages"),
          {
              QStringLiteral(R"(CREATE TABLE conversations (
                  id INTEGER PRIMARY KEY,
                  title TEXT NOT NULL DEFAULT '',
                  system_prompt TEXT NOT NULL DEFAULT '',
                  model TEXT NOT NULL DEFAULT '',
                  created_at INTEGER NOT NULL,
                  updated_at INTEGER NOT NULL,
                  current_leaf_id INTEGER REFERENCES messages(id) ON DELETE SET NULL))"),
              QStringLiteral(R"(CREATE TABLE messages (
                  id INTEGER PRIMARY KEY,
                  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                  parent_id INTEGER REFERENCES messages(id),
                  role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
                  text TEXT NOT NULL DEFAULT '',
                  created_at INTEGER NOT NULL,
                  state TEXT NOT NULL DEFAULT 'complete'
                      CHECK (state IN ('complete', 'streaming', 'interrupted', 'error'))))"),
              QStringLiteral("CREATE INDEX messages_by_parent "
                             "ON messages(conversation_id, parent_id, created_at, id)"),
              QStringLiteral("CREATE INDEX conversations_by_update ON conversations(updated_at)"),
          }};
}

// Version 2: sampling settings per conversation, provenance per reply.
Migration version2() {
  QStringList s;
  const char* conversationColumns[] = {
      "temperature REAL NOT NULL DEFAULT 0.8", "top_k INTEGER NOT NULL DEFAULT 40",
      "top_p REAL NOT NULL DEFAULT 0.95",      "min_p REAL NOT NULL DEFAULT 0.05",
      "repeat_penalty REAL NOT NULL DEFAULT 1.1", "max_tokens INTEGER NOT NULL DEFAULT -1",
      "context_length INTEGER NOT NULL DEFAULT 4096", "seed INTEGER NOT NULL DEFAULT -1"};
  for (const char* column : conversationColumns) {
    s << QStringLiteral("ALTER TABLE conversations ADD COLUMN %1").arg(QLatin1String(column));
  }
  const char* messageColumns[] = {
      "model_file TEXT",       "model_file_size INTEGER", "model_file_hash TEXT",
      "sampling_json TEXT",    "seed INTEGER",            "template_name TEXT",
      "prompt_tokens INTEGER", "generated_tokens INTEGER", "prompt_tps REAL",
      "generation_tps REAL",   "finish_reason TEXT"};
  for (const char* column : messageColumns) {
    s << QStringLiteral("ALTER TABLE messages ADD COLUMN %1").arg(QLatin1String(column));
  }
  s << QStringLiteral("CREATE INDEX messages_streaming ON messages(state) WHERE state = 'streaming'");
  return {2, QStringLiteral("sampling settings and reply provenance"), s};
}

// The FTS5 table over the message columns `columns` ("text" or "text, reasoning") and its sync
// triggers; `options` are extra FTS5 options.
QStringList ftsStatements(const QString& options, const QString& columns = QStringLiteral("text")) {
  QStringList fresh, old;
  for (const QString& c : columns.split(QStringLiteral(", "))) {
    fresh << QStringLiteral("new.") + c;
    old << QStringLiteral("old.") + c;
  }
  const QString n = fresh.join(QStringLiteral(", ")), o = old.join(QStringLiteral(", "));
  return {
      QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5(%1, "
                     "content='messages', content_rowid='id', "
                     "tokenize='unicode61 remove_diacritics 2'%2)")
          .arg(columns, options),
      QStringLiteral("CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN "
                     "INSERT INTO messages_fts(rowid, %1) VALUES (new.id, %2); END").arg(columns, n),
      QStringLiteral("CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN "
                     "INSERT INTO messages_fts(messages_fts, rowid, %1) "
                     "VALUES ('delete', old.id, %2); END").arg(columns, o),
      QStringLiteral("CREATE TRIGGER messages_fts_update AFTER UPDATE OF %1 ON messages "
                     "BEGIN INSERT INTO messages_fts(messages_fts, rowid, %1) "
                     "VALUES ('delete', old.id, %2); "
                     "INSERT INTO messages_fts(rowid, %1) VALUES (new.id, %3); END").arg(columns, o, n),
      QStringLiteral("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')"),
  };
}

QStringList dropFts() {
  return {QStringLiteral("DROP TRIGGER messages_fts_insert"), QStringLiteral("DROP TRIGGER messages_fts_delete"),
          QStringLiteral("DROP TRIGGER messages_fts_update"), QStringLiteral("DROP TABLE messages_fts")};
}

// Version 3: full-text search, an external-content FTS5 table kept in sync by triggers.
Migration version3() {
  return {3, QStringLiteral("full-text search"), ftsStatements(QString())};
}

// Version 4: prefix indexes (2 and 3 characters) for search-as-you-type prefix queries.
Migration version4() {
  QStringList s = dropFts();
  s << ftsStatements(QStringLiteral(", prefix='2 3'"));
  return {4, QStringLiteral("prefix indexes for search"), s};
}

// Version 5: a reply's reasoning (what a reasoning model writes between <think> and </think>)
// apart from its answer, with how long it took; searched with the text.
Migration version5() {
  QStringList s{QStringLiteral("ALTER TABLE messages ADD COLUMN reasoning TEXT NOT NULL DEFAULT ''"),
                QStringLiteral("ALTER TABLE messages ADD COLUMN reasoning_ms INTEGER")};
  s << dropFts();
  s << ftsStatements(QStringLiteral(", prefix='2 3'"), QStringLiteral("text, reasoning"));
  return {5, QStringLiteral("reasoning apart from the answer"), s};
}

// Version 6: a reply from a remote endpoint records where it came from (the endpoint's base URL,
// never its key) and the server's model name, in place of a model file.
Migration version6() {
  return {6,
          QStringLiteral("provenance of replies from remote endpoints"),
          {QStringLiteral("ALTER TABLE messages ADD COLUMN endpoint TEXT"),
           QStringLiteral("ALTER TABLE messages ADD COLUMN remote_model TEXT")}};
}

// Version 7: whether a conversation asks the model to reason first (the chat template's
// enable_thinking: Qwen 3, SmolLM3); NULL, as every older conversation gets: the template's default.
Migration version7() {
  return {7,
          QStringLiteral("per-conversation thinking switch"),
          {QStringLiteral("ALTER TABLE conversations ADD COLUMN enable_thinking INTEGER "
                          "CHECK (enable_thinking IN (0, 1))")}};
}

// Version 8: the energy a reply used (Wh, all measured sources together, and which they were)
// and its CO2e estimate at the grid intensity set then; NULL where nothing could be measured.
Migration version8() {
  return {8,
          QStringLiteral("energy per reply"),
          {QStringLiteral("ALTER TABLE messages ADD COLUMN energy_wh REAL"),
           QStringLiteral("ALTER TABLE messages ADD COLUMN energy_sources TEXT"),
           QStringLiteral("ALTER TABLE messages ADD COLUMN grid_g_per_kwh REAL"),
           QStringLiteral("ALTER TABLE messages ADD COLUMN co2e_g REAL")}};
}

// Version 9: documents in the chat (issue 17): the collections a conversation searches (a JSON
// array of names; NULL: none) and the excerpts a reply was given with their markers (a JSON
// array of sources; NULL: a reply from the model alone).
Migration version9() {
  return {9,
          QStringLiteral("documents in the chat: collections and sources"),
          {QStringLiteral("ALTER TABLE conversations ADD COLUMN collections TEXT"),
           QStringLiteral("ALTER TABLE messages ADD COLUMN sources TEXT")}};
}

}  // namespace

const QList<Migration>& migrations() {
  static const QList<Migration> all{version1(), version2(), version3(), version4(), version5(), version6(),
                                    version7(), version8(), version9()};
  return all;
}

}  // namespace causerie::storage
