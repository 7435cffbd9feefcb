// Shared helpers of the storage tests: a temporary database file, raw SQL on it.
#pragma once

#include "storage/conversation_store.h"
#include "storage/database.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <QVariant>

#include <memory>

namespace causerie::storage::test {

// A temporary folder with a database path inside; everything is removed at the end of the test.
class TempDatabase {
 public:
  TempDatabase();
  QString path() const { return dir_.filePath(QStringLiteral("causerie.sqlite")); }
  QString dirPath() const { return dir_.path(); }
  // Opens a Database (and a store) on this thread; fails the test if it cannot.
  Database& open(DatabaseOptions options = {});
  ConversationStore& store();
  void close();

 private:
  QTemporaryDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<ConversationStore> store_;
};

// Runs one statement on a raw connection (no Database), returning the first column of the first row.
QVariant rawScalar(const QString& path, const QString& sql);
QByteArray fileBytes(const QString& path);

}  // namespace causerie::storage::test
