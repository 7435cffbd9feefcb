#include "docs/docs_database.h"

#include "storage/sql.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QThread>

#include <atomic>

namespace causerie::docs {
namespace {

using storage::Sql;
using storage::Status;
using storage::fail;

std::atomic<quint64> counter{0};

storage::Result<int> userVersion(const Sql& sql) {
  auto v = sql.scalar(QStringLiteral("PRAGMA user_version"));
  if (!v) return storage::Error{v.error()};
  return v->toInt();
}

}  // namespace

int DocsDatabase::latestVersion() { return docsMigrations().back().version; }

QString DocsDatabase::pathIn(const QString& dataDir) {
  return QDir(dataDir).filePath(QStringLiteral("documents.sqlite"));
}

DocsDatabase::DocsDatabase(QString path) : path_(std::move(path)) {}

DocsDatabase::~DocsDatabase() { close(); }

void DocsDatabase::close() {
  if (connectionName_.isEmpty()) return;
  {
    QSqlDatabase db = QSqlDatabase::database(connectionName_, false);
    if (db.isOpen()) db.close();
  }
  QSqlDatabase::removeDatabase(connectionName_);
  connectionName_.clear();
  thread_ = nullptr;
}

storage::Result<QSqlDatabase> DocsDatabase::connection() const {
  if (connectionName_.isEmpty()) return fail(QStringLiteral("the documents index %1 is not open").arg(path_));
  if (QThread::currentThreadId() != thread_)
    return fail(QStringLiteral("the connection to %1 belongs to another thread").arg(path_));
  return QSqlDatabase::database(connectionName_, false);
}

Status DocsDatabase::open() {
  if (isOpen()) return {};
  if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
    return fail(QStringLiteral("the Qt SQLite driver (QSQLITE) is not available"));
  const QFileInfo info(path_);
  if (!QDir().mkpath(info.absolutePath())) return fail(QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));
  const QString name = QStringLiteral("causerie-docs-%1-%2")
                           .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16)
                           .arg(counter.fetch_add(1));
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path_);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
      const QString why = db.lastError().text();
      db = QSqlDatabase();
      QSqlDatabase::removeDatabase(name);
      return fail(QStringLiteral("cannot open the documents index %1: %2").arg(path_, why));
    }
  }
  connectionName_ = name;
  thread_ = QThread::currentThreadId();
  Status status;
  {
    QSqlDatabase db = QSqlDatabase::database(connectionName_, false);
    status = migrate(db);
  }
  if (!status) close();
  return status;
}

Status DocsDatabase::migrate(QSqlDatabase& db) {
  const Sql sql(db);
  const int latest = latestVersion();
  auto version = userVersion(sql);
  if (!version) return fail(QStringLiteral("%1 is not a readable documents index: %2").arg(path_, version.error()));
  if (*version > latest) {
    return fail(QStringLiteral("The documents index %1 was written by a newer version of Causerie "
                               "(schema %2; this version knows schema %3 at most). It was not "
                               "modified. Please update Causerie to open it.")
                    .arg(path_)
                    .arg(*version)
                    .arg(latest));
  }
  auto mode = sql.scalar(QStringLiteral("PRAGMA journal_mode = WAL"));
  if (!mode) return storage::Error{mode.error()};
  if (mode->toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0)
    return fail(QStringLiteral("cannot switch %1 to WAL journal mode").arg(path_));
  for (const char* pragma : {"PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000"}) {
    auto r = sql.exec(QString::fromLatin1(pragma));
    if (!r) return storage::Error{r.error()};
  }
  for (const DocsMigration& migration : docsMigrations()) {
    storage::Transaction transaction(sql);
    if (Status begun = transaction.begin(); !begun) return begun;
    auto current = userVersion(sql);
    if (!current) return storage::Error{current.error()};
    if (*current >= migration.version) continue;
    for (const QString& statement : migration.statements) {
      auto r = sql.exec(statement);
      if (!r) {
        return fail(QStringLiteral("migration of %1 to schema %2 (%3) failed: %4")
                        .arg(path_)
                        .arg(migration.version)
                        .arg(migration.description, r.error()));
      }
    }
    auto bumped = sql.exec(QStringLiteral("PRAGMA user_version = %1").arg(migration.version));
    if (!bumped) return storage::Error{bumped.error()};
    if (Status committed = transaction.commit(); !committed) return committed;
  }
  auto final = userVersion(sql);
  if (!final) return storage::Error{final.error()};
  schemaVersion_ = *final;
  return {};
}

}  // namespace causerie::docs
