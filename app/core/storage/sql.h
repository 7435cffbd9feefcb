// Internal helpers over QSqlQuery: prepared statements with positional binds, errors as values,
// and an RAII write transaction (BEGIN IMMEDIATE, rolled back unless committed).
#pragma once

#include "storage/database.h"
#include "storage/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

namespace causerie::storage {

// NULL for 0 (no parent, no leaf), the id otherwise.
QVariant idOrNull(qint64 id);

class Sql {
 public:
  explicit Sql(QSqlDatabase db) : db_(std::move(db)) {}
  // The calling thread's connection of `database`, or why there is none.
  static Result<Sql> on(const Database& database);

  // Prepares, binds and runs; the query is positioned before the first row (forward only).
  Result<QSqlQuery> query(const QString& sql, const QVariantList& binds = {}) const;
  // Runs a statement and returns the number of rows it changed.
  Result<int> exec(const QString& sql, const QVariantList& binds = {}) const;
  // Runs an INSERT and returns the new rowid.
  Result<qint64> insert(const QString& sql, const QVariantList& binds = {}) const;
  // First column of the first row; an invalid QVariant when there is no row.
  Result<QVariant> scalar(const QString& sql, const QVariantList& binds = {}) const;

  const QSqlDatabase& db() const { return db_; }

 private:
  QSqlDatabase db_;
};

class Transaction {
 public:
  explicit Transaction(const Sql& sql) : sql_(sql) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status begin();   // BEGIN IMMEDIATE: takes the write lock now (waits up to busy_timeout)
  Status commit();  // COMMIT; on failure the transaction is rolled back

 private:
  const Sql& sql_;
  bool open_ = false;
};

}  // namespace causerie::storage
