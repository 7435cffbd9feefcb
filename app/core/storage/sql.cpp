#include "storage/sql.h"

#include <QSqlError>

namespace causerie::storage {
namespace {

QString describe(const QSqlQuery& query, const QString& sql) {
  QString text = query.lastError().text().trimmed();
  if (text.isEmpty()) text = QStringLiteral("unknown SQLite error");
  return QStringLiteral("%1 (in: %2)").arg(text, sql.simplified().left(120));
}

}  // namespace

QVariant idOrNull(qint64 id) { return id > 0 ? QVariant(id) : QVariant(QMetaType(QMetaType::LongLong)); }

Result<Sql> Sql::on(const Database& database) {
  auto db = database.connection();
  if (!db) return Error{db.error()};
  return Sql(*db);
}

Result<QSqlQuery> Sql::query(const QString& sql, const QVariantList& binds) const {
  QSqlQuery q(db_);
  q.setForwardOnly(true);
  if (!q.prepare(sql)) return fail(describe(q, sql));
  for (const QVariant& value : binds) {
    // A null QString would be bound as SQL NULL; text columns are NOT NULL, so bind ''.
    if (value.typeId() == QMetaType::QString && value.toString().isNull()) {
      q.addBindValue(QStringLiteral(""));
    } else {
      q.addBindValue(value);
    }
  }
  if (!q.exec()) return fail(describe(q, sql));
  return q;
}

Result<int> Sql::exec(const QString& sql, const QVariantList& binds) const {
  auto q = query(sql, binds);
  if (!q) return Error{q.error()};
  const int changed = q->numRowsAffected();
  q->finish();
  return changed;
}

Result<qint64> Sql::insert(const QString& sql, const QVariantList& binds) const {
  auto q = query(sql, binds);
  if (!q) return Error{q.error()};
  const QVariant id = q->lastInsertId();
  q->finish();
  if (!id.isValid()) return fail(QStringLiteral("no row id after: %1").arg(sql.simplified()));
  return id.toLongLong();
}

Result<QVariant> Sql::scalar(const QString& sql, const QVariantList& binds) const {
  auto q = query(sql, binds);
  if (!q) return Error{q.error()};
  QVariant value;
  if (q->next()) value = q->value(0);
  q->finish();
  return value;
}

Transaction::~Transaction() {
  if (open_) (void)sql_.exec(QStringLiteral("ROLLBACK"));
}

Status Transaction::begin() {
  auto r = sql_.exec(QStringLiteral("BEGIN IMMEDIATE"));
  if (!r) return Error{r.error()};
  open_ = true;
  return {};
}

Status Transaction::commit() {
  auto r = sql_.exec(QStringLiteral("COMMIT"));
  if (!r) return Error{r.error()};  // the destructor rolls back
  open_ = false;
  return {};
}

}  // namespace causerie::storage
