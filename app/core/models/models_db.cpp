#include "models/models_db.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace causerie::models {
namespace {

// Each entry: the statements that bring the schema from version i to i + 1.
const QStringList& migration(int index) {
  static const QList<QStringList> all = {
      {QStringLiteral(R"(CREATE TABLE downloads (
           id INTEGER PRIMARY KEY,
           url TEXT NOT NULL,
           dir TEXT NOT NULL,
           file_name TEXT NOT NULL,
           catalog_id TEXT NOT NULL DEFAULT '',
           expected_sha256 TEXT NOT NULL DEFAULT '',
           expected_size INTEGER NOT NULL DEFAULT 0,
           total_bytes INTEGER NOT NULL DEFAULT 0,
           received_bytes INTEGER NOT NULL DEFAULT 0,
           validator TEXT NOT NULL DEFAULT '',
           linked_sha256 TEXT NOT NULL DEFAULT '',
           state TEXT NOT NULL,
           error TEXT NOT NULL DEFAULT '',
           created_at INTEGER NOT NULL,
           updated_at INTEGER NOT NULL))"),
       QStringLiteral(R"(CREATE TABLE local_models (
           path TEXT PRIMARY KEY,
           source TEXT NOT NULL,
           added_at INTEGER NOT NULL))")},
  };
  return all[index];
}
constexpr int kLatest = 1;

QAtomicInt connectionCounter;

}  // namespace

int ModelsDb::latestVersion() { return kLatest; }

QString ModelsDb::defaultPath(const QString& dataDir) { return QDir(dataDir).filePath(QStringLiteral("models.db")); }

ModelsDb::ModelsDb(QString path)
    : path_(std::move(path)), name_(QStringLiteral("causerie-models-%1").arg(connectionCounter.fetchAndAddRelaxed(1))) {}

ModelsDb::~ModelsDb() {
  if (QSqlDatabase::contains(name_)) {
    { QSqlDatabase::database(name_, false).close(); }
    QSqlDatabase::removeDatabase(name_);
  }
}

bool ModelsDb::isOpen() const { return QSqlDatabase::contains(name_) && QSqlDatabase::database(name_, false).isOpen(); }

QSqlDatabase ModelsDb::connection() const { return QSqlDatabase::database(name_, false); }

Status ModelsDb::open() {
  if (isOpen()) return {};
  QDir().mkpath(QFileInfo(path_).absolutePath());
  QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name_);
  db.setDatabaseName(path_);
  db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
  if (!db.open()) return fail(QStringLiteral("cannot open %1: %2").arg(path_, db.lastError().text()));
  QSqlQuery q(db);
  q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
  if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
    return fail(QStringLiteral("%1: %2").arg(path_, q.lastError().text()));
  int version = q.value(0).toInt();
  if (version > kLatest)
    return fail(QStringLiteral("%1 was written by a newer Causerie (schema %2 > %3)").arg(path_).arg(version).arg(kLatest));
  for (; version < kLatest; ++version) {
    if (!db.transaction()) return fail(db.lastError().text());
    for (const QString& sql : migration(version)) {
      if (!q.exec(sql)) {
        const QString why = q.lastError().text();
        db.rollback();
        return fail(QStringLiteral("%1: migration %2 failed: %3").arg(path_).arg(version + 1).arg(why));
      }
    }
    if (!q.exec(QStringLiteral("PRAGMA user_version=%1").arg(version + 1)) || !db.commit()) {
      db.rollback();
      return fail(QStringLiteral("%1: migration %2 failed").arg(path_).arg(version + 1));
    }
  }
  return {};
}

}  // namespace causerie::models
