#include "docs/docs_collections.h"

#include <QSqlError>
#include <QSqlQuery>

namespace causerie::docs {

Result<QList<CollectionSummary>> collectionSummaries(DocsDatabase& database) {
  auto db = database.connection();
  if (!db) return Error{db.error()};
  QSqlQuery q(*db);
  if (!q.exec(QStringLiteral("SELECT c.id, c.name, count(f.id), coalesce(sum(f.chunk_count), 0), "
                             "coalesce(sum(f.status = 'error'), 0) FROM collections c "
                             "LEFT JOIN files f ON f.collection_id = c.id GROUP BY c.id ORDER BY c.name")))
    return fail(q.lastError().text());
  QList<CollectionSummary> out;
  QList<qint64> ids;
  while (q.next()) {
    ids << q.value(0).toLongLong();
    out.append({q.value(1).toString(), q.value(2).toInt(), q.value(3).toInt(), q.value(4).toInt(), {}});
  }
  QSqlQuery r(*db);
  if (!r.prepare(QStringLiteral("SELECT path FROM roots WHERE collection_id = ? ORDER BY path"))) return fail(r.lastError().text());
  for (qsizetype i = 0; i < ids.size(); ++i) {
    r.addBindValue(ids[i]);
    if (!r.exec()) return fail(r.lastError().text());
    while (r.next()) out[i].roots << r.value(0).toString();
  }
  return out;
}

}  // namespace causerie::docs
