// ConversationStore: full-text search (FTS5 over messages.text).
#include "storage/conversation_store.h"

#include "storage/fts_query.h"
#include "storage/rows.h"
#include "storage/sql.h"

#include <algorithm>

namespace causerie::storage {

Result<QList<SearchHit>> ConversationStore::search(const QString& query,
                                                   const SearchOptions& options) const {
  const QString match = ftsMatchExpression(query);
  if (match.isEmpty() || options.limit <= 0) return QList<SearchHit>{};
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  // Rank and snippet inside the FTS5 query so that ORDER BY rank LIMIT stays FTS5's fast path;
  // the joins only see the hits kept.
  auto q = sql->query(
      QStringLiteral(
          "SELECT m.conversation_id, m.id, c.title, m.role, f.snip, f.rank, m.created_at FROM ("
          "  SELECT rowid, rank, snippet(messages_fts, -1, ?, ?, ?, ?) AS snip FROM messages_fts"
          "  WHERE messages_fts MATCH ? ORDER BY rank LIMIT ?) f "
          "JOIN messages m ON m.id = f.rowid JOIN conversations c ON c.id = m.conversation_id "
          "ORDER BY f.rank"),
      {options.highlightOpen, options.highlightClose, options.ellipsis,
       std::clamp(options.snippetTokens, 1, 64), match, options.limit});
  if (!q) return Error{q.error()};
  QList<SearchHit> hits;
  while (q->next()) {
    SearchHit hit;
    hit.conversationId = q->value(0).toLongLong();
    hit.messageId = q->value(1).toLongLong();
    hit.conversationTitle = q->value(2).toString();
    hit.role = roleFromName(q->value(3).toString()).value_or(Role::User);
    hit.snippet = q->value(4).toString();
    hit.rank = q->value(5).toDouble();
    hit.created = fromMs(q->value(6).toLongLong());
    hits.append(std::move(hit));
  }
  return hits;
}

}  // namespace causerie::storage
