#include "storage/database.h"

#include "storage/migrations.h"
#include "storage/sql.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QThread>

#include <algorithm>
#include <atomic>

namespace causerie::storage {
namespace {

std::atomic<quint64> connectionCounter{0};

QString connectionNameForThisThread() {
  return QStringLiteral("causerie-storage-thread-%1-%2")
      .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16)
      .arg(connectionCounter.fetch_add(1));
}

Result<int> readUserVersion(const Sql& sql) {
  auto v = sql.scalar(QStringLiteral("PRAGMA user_version"));
  if (!v) return Error{v.error()};
  return v->toInt();
}

}  // namespace

int Database::latestVersion() { return migrations().back().version; }

Database::Database(QString path, DatabaseOptions options)
    : path_(std::move(path)), options_(options) {}

Database::~Database() { close(); }

bool Database::isOpen() const { return !connectionName_.isEmpty(); }

void Database::close() {
  if (connectionName_.isEmpty()) return;
  {
    QSqlDatabase db = QSqlDatabase::database(connectionName_, false);
    if (db.isOpen()) db.close();
  }
  QSqlDatabase::removeDatabase(connectionName_);
  connectionName_.clear();
  thread_ = nullptr;
}

Result<QSqlDatabase> Database::connection() const {
  if (connectionName_.isEmpty()) return fail(QStringLiteral("the %1 %2 is not open").arg(options_.kind, path_));
  if (QThread::currentThreadId() != thread_) {
    return fail(QStringLiteral("the connection to the %1 %2 belongs to another thread; "
                               "open one on each thread")
                    .arg(options_.kind, path_));
  }
  return QSqlDatabase::database(connectionName_, false);
}

Status Database::open() {
  if (isOpen()) return {};
  if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
    return fail(QStringLiteral("the Qt SQLite driver (QSQLITE) is not available"));
  }
  const QFileInfo info(path_);
  if (!QDir().mkpath(info.absolutePath())) {
    return fail(QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));
  }
  const QString name = connectionNameForThisThread();
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path_);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options_.busyTimeoutMs));
    if (!db.open()) {
      const QString why = db.lastError().text();
      db = QSqlDatabase();
      QSqlDatabase::removeDatabase(name);
      return fail(QStringLiteral("cannot open the %1 %2: %3").arg(options_.kind, path_, why));
    }
  }
  connectionName_ = name;
  thread_ = QThread::currentThreadId();

  Status status = migrate();
  if (status) {
    auto recovered = options_.recoverInterruptedReplies ? recoverStreaming() : Result<int>(0);
    if (recovered) {
      recoveredReplies_ = *recovered;
    } else {
      status = Error{recovered.error()};
    }
  }
  if (!status) close();
  return status;
}

Status Database::applyPragmas() {
  auto sql = Sql::on(*this);
  if (!sql) return Error{sql.error()};
  auto mode = sql->scalar(QStringLiteral("PRAGMA journal_mode = WAL"));
  if (!mode) return Error{mode.error()};
  if (mode->toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0) {
    return fail(QStringLiteral("cannot switch %1 to WAL journal mode (got %2)")
                    .arg(path_, mode->toString()));
  }
  const QString sync = options_.synchronous == Synchronous::Full ? QStringLiteral("FULL")
                                                                 : QStringLiteral("NORMAL");
  const QStringList pragmas{QStringLiteral("PRAGMA synchronous = %1").arg(sync),
                            QStringLiteral("PRAGMA foreign_keys = ON"),
                            QStringLiteral("PRAGMA busy_timeout = %1").arg(options_.busyTimeoutMs)};
  for (const QString& pragma : pragmas) {
    auto r = sql->exec(pragma);
    if (!r) return Error{r.error()};
  }
  return {};
}

Status Database::migrate() {
  auto sql = Sql::on(*this);
  if (!sql) return Error{sql.error()};
  const int latest = schema().back().version;
  // Read the version before anything can write: a newer file is refused untouched.
  auto version = readUserVersion(*sql);
  if (!version) {
    return fail(QStringLiteral("%1 is not a readable Causerie %2: %3").arg(path_, options_.kind, version.error()));
  }
  if (*version > latest) {
    return fail(QStringLiteral("The %1 %2 was written by a newer version of Causerie "
                               "(schema %3; this version knows schema %4 at most). It was not "
                               "modified. Please update Causerie to open it.")
                    .arg(options_.kind, path_)
                    .arg(*version)
                    .arg(latest));
  }
  if (Status pragmas = applyPragmas(); !pragmas) return pragmas;

  const int target = options_.targetVersion > 0 ? std::min(options_.targetVersion, latest) : latest;
  for (const Migration& migration : schema()) {
    if (migration.version > target) break;
    Transaction transaction(*sql);
    if (Status begun = transaction.begin(); !begun) return begun;
    // Another connection may have migrated while we waited for the write lock.
    auto current = readUserVersion(*sql);
    if (!current) return Error{current.error()};
    if (*current >= migration.version) continue;  // rolls back the empty transaction
    for (const QString& statement : migration.statements) {
      auto r = sql->exec(statement);
      if (!r) {
        return fail(QStringLiteral("migration of %1 to schema %2 (%3) failed: %4")
                        .arg(path_)
                        .arg(migration.version)
                        .arg(migration.description, r.error()));
      }
    }
    auto bumped = sql->exec(QStringLiteral("PRAGMA user_version = %1").arg(migration.version));
    if (!bumped) return Error{bumped.error()};
    if (Status committed = transaction.commit(); !committed) return committed;
  }
  auto final = readUserVersion(*sql);
  if (!final) return Error{final.error()};
  schemaVersion_ = *final;
  return {};
}

Result<int> Database::recoverStreaming() {
  auto sql = Sql::on(*this);
  if (!sql) return Error{sql.error()};
  return sql->exec(QStringLiteral("UPDATE messages SET state = 'interrupted' WHERE state = 'streaming'"));
}

Result<QString> Database::integrityCheck() const {
  auto sql = Sql::on(*this);
  if (!sql) return Error{sql.error()};
  auto q = sql->query(QStringLiteral("PRAGMA integrity_check"));
  if (!q) return Error{q.error()};
  QStringList lines;
  while (q->next()) lines << q->value(0).toString();
  return lines.join(QLatin1Char('\n'));
}

Result<int> Database::fileVersion(const QString& path) {
  if (!QFileInfo::exists(path)) return 0;
  const QString name = connectionNameForThisThread();
  Result<int> version = 0;
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!db.open()) {
      version = fail(QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text()));
    } else {
      version = readUserVersion(Sql(db));
      db.close();
    }
  }
  QSqlDatabase::removeDatabase(name);
  return version;
}

}  // namespace causerie::storage
