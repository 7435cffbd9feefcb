// Database: one SQLite connection (Qt's QSQLITE driver) for the thread that opens it.
//
// Each thread that touches the storage creates its own Database for the same file and calls
// open() on that thread; the connection name is derived from the thread, so connections are
// never shared. open() applies the pragmas (WAL, foreign_keys=ON, synchronous, busy_timeout) and
// brings the schema up to date with migrations gated by PRAGMA user_version, each migration in its
// own transaction. A file whose user_version is newer than this build knows is refused with a
// clear message and left untouched.
//
// Durability: WAL with synchronous=NORMAL (the default here). A committed transaction is in the
// WAL file as soon as COMMIT returns, so killing the process (SIGKILL, crash) never loses it; only
// an OS crash or power loss may lose the last transactions, never corrupt the file. FULL also
// syncs the WAL on every commit, for those who want power-loss durability at a cost per commit.
#pragma once

#include "storage/migrations.h"
#include "storage/result.h"

#include <QSqlDatabase>
#include <QString>

namespace causerie::storage {

enum class Synchronous { Normal, Full };

struct DatabaseOptions {
  Synchronous synchronous = Synchronous::Normal;
  int busyTimeoutMs = 5000;
  // Turn replies left in state Streaming (the app died mid-reply) into Interrupted, keeping their
  // saved text. Only the first connection of a process (at startup) should do this: a second
  // thread opening later must not interrupt a reply that is streaming right now.
  bool recoverInterruptedReplies = true;
  // Migrate up to this version only (0: the latest). For tests of migrations from old versions.
  int targetVersion = 0;
  // The schema's history (none: the conversations', migrations()) and what the file is called
  // in messages ("the documents index %1 ...").
  const QList<Migration>* migrations = nullptr;
  QString kind = QStringLiteral("database");
};

class Database {
 public:
  // The schema version this build writes (PRAGMA user_version after open()).
  static int latestVersion();

  explicit Database(QString path, DatabaseOptions options = {});
  ~Database();  // closes and removes this thread's connection
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Opens (creating the file if needed) on the calling thread, applies pragmas, migrates.
  // Fails, with the reason, on a newer schema, an unreadable file or a failed migration.
  Status open();
  void close();
  bool isOpen() const;

  const QString& path() const { return path_; }
  const DatabaseOptions& options() const { return options_; }
  QString connectionName() const { return connectionName_; }
  // Schema version of the open file (equals latestVersion() unless targetVersion was set).
  int schemaVersion() const { return schemaVersion_; }
  // Replies turned Interrupted by the last open().
  int recoveredReplies() const { return recoveredReplies_; }

  // The connection, for the storage classes. Error if not open or used from another thread.
  Result<QSqlDatabase> connection() const;

  // PRAGMA integrity_check: "ok" when healthy, otherwise the problems found.
  Result<QString> integrityCheck() const;

  // Reads PRAGMA user_version of a file without changing it (0 for a new/empty file).
  static Result<int> fileVersion(const QString& path);

 private:
  const QList<Migration>& schema() const { return options_.migrations ? *options_.migrations : storage::migrations(); }
  Status applyPragmas();
  Status migrate();
  Result<int> recoverStreaming();

  QString path_;
  DatabaseOptions options_;
  QString connectionName_;
  Qt::HANDLE thread_ = nullptr;
  int schemaVersion_ = 0;
  int recoveredReplies_ = 0;
};

}  // namespace causerie::storage
