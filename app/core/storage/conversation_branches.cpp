// ConversationStore: the message tree (current branch, siblings, switching, edits, deletion).
#include "storage/conversation_store.h"

#include "storage/rows.h"
#include "storage/sql.h"
#include "storage/store_ops.h"

#include <algorithm>

namespace causerie::storage {

Result<QList<Message>> ConversationStore::currentBranch(qint64 conversationId) const {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  // Walk from the leaf up to the root, then count each message's siblings through the
  // (conversation_id, parent_id, created_at, id) index.
  const QString text = QStringLiteral(
      "WITH RECURSIVE branch(id, depth) AS ("
      "  SELECT current_leaf_id, 0 FROM conversations WHERE id = ? AND current_leaf_id IS NOT NULL"
      "  UNION ALL SELECT m.parent_id, b.depth + 1 FROM messages m JOIN branch b ON m.id = b.id"
      "  WHERE m.parent_id IS NOT NULL) "
      "SELECT %1,"
      " (SELECT COUNT(*) FROM messages s WHERE s.conversation_id = ? AND s.parent_id IS m.parent_id"
      "   AND (s.created_at, s.id) < (m.created_at, m.id)),"
      " (SELECT COUNT(*) FROM messages s WHERE s.conversation_id = ? AND s.parent_id IS m.parent_id) "
      "FROM branch b JOIN messages m ON m.id = b.id ORDER BY b.depth DESC")
                           .arg(messageColumns(QStringLiteral("m")));
  auto q = sql->query(text, {conversationId, conversationId, conversationId});
  if (!q) return Error{q.error()};
  QList<Message> branch;
  const int n = messageColumnCount();
  while (q->next()) {
    Message m = readMessage(*q);
    m.siblingIndex = q->value(n).toInt();
    m.siblingCount = q->value(n + 1).toInt();
    branch.append(std::move(m));
  }
  return branch;
}

Result<QList<Message>> ConversationStore::allMessages(qint64 conversationId) const {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  auto q = sql->query(QStringLiteral("SELECT %1 FROM messages WHERE conversation_id = ? "
                                     "ORDER BY created_at, id")
                          .arg(messageColumns()),
                      {conversationId});
  if (!q) return Error{q.error()};
  QList<Message> all;
  while (q->next()) all.append(readMessage(*q));
  return all;
}

Result<QList<Message>> ConversationStore::siblings(qint64 messageId) const {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  auto place = placeOf(*sql, messageId);
  if (!place) return Error{place.error()};
  auto q = sql->query(QStringLiteral("SELECT %1 FROM messages WHERE conversation_id = ? "
                                     "AND parent_id IS ? ORDER BY created_at, id")
                          .arg(messageColumns()),
                      {place->conversationId, idOrNull(place->parentId)});
  if (!q) return Error{q.error()};
  QList<Message> list;
  while (q->next()) list.append(readMessage(*q));
  for (int i = 0; i < list.size(); ++i) {
    list[i].siblingIndex = i;
    list[i].siblingCount = int(list.size());
  }
  return list;
}

Result<qint64> ConversationStore::switchTo(qint64 messageId) {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  Transaction transaction(*sql);
  if (Status s = transaction.begin(); !s) return Error{s.error()};
  auto place = placeOf(*sql, messageId);
  if (!place) return Error{place.error()};
  auto leaf = mostRecentDescendant(*sql, place->conversationId, messageId);
  if (!leaf) return leaf;
  if (Status s = setCurrentLeaf(*sql, place->conversationId, *leaf, false); !s) return Error{s.error()};
  if (Status s = transaction.commit(); !s) return Error{s.error()};
  return leaf;
}

Result<qint64> ConversationStore::switchSibling(qint64 messageId, int step) {
  auto list = siblings(messageId);
  if (!list) return Error{list.error()};
  qsizetype index = 0;
  for (qsizetype i = 0; i < list->size(); ++i) {
    if (list->at(i).id == messageId) index = i;
  }
  const qsizetype target = std::clamp<qsizetype>(index + step, 0, list->size() - 1);
  const qint64 targetId = list->at(target).id;
  auto leaf = switchTo(targetId);
  if (!leaf) return Error{leaf.error()};
  return targetId;
}

Result<qint64> ConversationStore::editUserMessage(qint64 messageId, const QString& newText) {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  auto place = placeOf(*sql, messageId);
  if (!place) return Error{place.error()};
  if (place->role != Role::User) {
    return fail(QStringLiteral("message %1 is not a user message").arg(messageId));
  }
  return addMessage(place->conversationId, place->parentId, Role::User, newText);
}

Status ConversationStore::deleteMessage(qint64 messageId) {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  Transaction transaction(*sql);
  if (Status s = transaction.begin(); !s) return s;
  auto place = placeOf(*sql, messageId);
  if (!place) return Error{place.error()};
  // One statement for the whole subtree: foreign keys are checked at its end, and no cascade
  // recursion depth limit applies however long the chain.
  auto deleted = sql->exec(
      QStringLiteral("DELETE FROM messages WHERE id IN (WITH RECURSIVE subtree(id) AS ("
                     "SELECT ? UNION ALL SELECT m.id FROM messages m JOIN subtree s "
                     "ON m.conversation_id = ? AND m.parent_id = s.id) SELECT id FROM subtree)"),
      {messageId, place->conversationId});
  if (!deleted) return Error{deleted.error()};
  // The leaf was set to NULL (ON DELETE SET NULL) if it was in the subtree: pick a new one.
  auto leaf = sql->scalar(QStringLiteral("SELECT current_leaf_id FROM conversations WHERE id = ?"),
                          {place->conversationId});
  if (!leaf) return Error{leaf.error()};
  if (leaf->isNull()) {
    qint64 newLeaf = 0;
    if (place->parentId > 0) {
      auto d = mostRecentDescendant(*sql, place->conversationId, place->parentId);
      if (!d) return Error{d.error()};
      newLeaf = *d;
    } else {
      auto latest = sql->scalar(QStringLiteral("SELECT id FROM messages WHERE conversation_id = ? "
                                               "ORDER BY created_at DESC, id DESC LIMIT 1"),
                                {place->conversationId});
      if (!latest) return Error{latest.error()};
      newLeaf = latest->toLongLong();
    }
    if (Status s = setCurrentLeaf(*sql, place->conversationId, newLeaf, true); !s) return s;
  }
  return transaction.commit();
}

}  // namespace causerie::storage
