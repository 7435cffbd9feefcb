#include "test_support.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <gtest/gtest.h>

namespace causerie::storage::test {

TempDatabase::TempDatabase() { EXPECT_TRUE(dir_.isValid()); }

Database& TempDatabase::open(DatabaseOptions options) {
  close();
  db_ = std::make_unique<Database>(path(), options);
  const Status status = db_->open();
  EXPECT_TRUE(status.ok()) << status.error().toStdString();
  store_ = std::make_unique<ConversationStore>(*db_);
  return *db_;
}

ConversationStore& TempDatabase::store() {
  if (!store_) open();
  return *store_;
}

void TempDatabase::close() {
  store_.reset();
  db_.reset();
}

QVariant rawScalar(const QString& path, const QString& sql) {
  static int counter = 0;
  const QString name = QStringLiteral("raw-%1").arg(++counter);
  QVariant value;
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    EXPECT_TRUE(db.open()) << db.lastError().text().toStdString();
    QSqlQuery q(db);
    EXPECT_TRUE(q.exec(sql)) << q.lastError().text().toStdString() << " in " << sql.toStdString();
    if (q.next()) value = q.value(0);
    q.finish();
    db.close();
  }
  QSqlDatabase::removeDatabase(name);
  return value;
}

QByteArray fileBytes(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.readAll();
}

}  // namespace causerie::storage::test
