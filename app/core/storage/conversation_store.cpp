// ConversationStore: conversations, messages and streaming replies.
// Branches are in conversation_branches.cpp, search in conversation_search.cpp, export/import in
// conversation_export.cpp.
#include "storage/conversation_store.h"

#include "storage/rows.h"
#include "storage/sql.h"
#include "storage/store_ops.h"

namespace causerie::storage {
namespace {

QVariant thinkingBind(const std::optional<bool>& thinking) {
  return thinking ? QVariant(*thinking ? 1 : 0) : QVariant();
}

QVariantList settingsBinds(const ConversationSettings& s) {
  const SamplingSettings& p = s.sampling;
  return {s.systemPrompt, s.model,        p.temperature,   p.topK,
          p.topP,         p.minP,         p.repeatPenalty, p.maxTokens,
          p.contextLength, p.seed, thinkingBind(s.enableThinking),
          s.collections.isEmpty() ? QVariant() : QVariant(collectionsToJson(s.collections))};
}

}  // namespace

ConversationStore::ConversationStore(Database& database) : database_(database) {}

Result<qint64> ConversationStore::createConversation(const QString& title,
                                                     const ConversationSettings& settings) {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  const qint64 now = nowMs();
  QVariantList binds{title};
  binds << settingsBinds(settings) << now << now;
  return sql->insert(
      QStringLiteral("INSERT INTO conversations (title, system_prompt, model, temperature, top_k, "
                     "top_p, min_p, repeat_penalty, max_tokens, context_length, seed, enable_thinking, "
                     "collections, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      binds);
}

Status ConversationStore::renameConversation(qint64 conversationId, const QString& title) {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  auto r = sql->exec(QStringLiteral("UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?"),
                     {title, nowMs(), conversationId});
  if (!r) return Error{r.error()};
  if (*r != 1) return fail(QStringLiteral("there is no conversation %1").arg(conversationId));
  return {};
}

Status ConversationStore::deleteConversation(qint64 conversationId) {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  auto r = sql->exec(QStringLiteral("DELETE FROM conversations WHERE id = ?"), {conversationId});
  if (!r) return Error{r.error()};
  if (*r != 1) return fail(QStringLiteral("there is no conversation %1").arg(conversationId));
  return {};
}

Result<QList<Conversation>> ConversationStore::listConversations() const {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  auto q = sql->query(QStringLiteral("SELECT %1 FROM conversations ORDER BY updated_at DESC, id DESC")
                          .arg(conversationColumns()));
  if (!q) return Error{q.error()};
  QList<Conversation> list;
  while (q->next()) list.append(readConversation(*q));
  return list;
}

Result<Conversation> ConversationStore::conversation(qint64 conversationId) const {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  auto q = sql->query(
      QStringLiteral("SELECT %1 FROM conversations WHERE id = ?").arg(conversationColumns()),
      {conversationId});
  if (!q) return Error{q.error()};
  if (!q->next()) return fail(QStringLiteral("there is no conversation %1").arg(conversationId));
  return readConversation(*q);
}

Status ConversationStore::setConversationSettings(qint64 conversationId,
                                                  const ConversationSettings& settings) {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  QVariantList binds = settingsBinds(settings);
  binds << nowMs() << conversationId;
  auto r = sql->exec(QStringLiteral("UPDATE conversations SET system_prompt = ?, model = ?, "
                                    "temperature = ?, top_k = ?, top_p = ?, min_p = ?, "
                                    "repeat_penalty = ?, max_tokens = ?, context_length = ?, "
                                    "seed = ?, enable_thinking = ?, collections = ?, updated_at = ? WHERE id = ?"),
                     binds);
  if (!r) return Error{r.error()};
  if (*r != 1) return fail(QStringLiteral("there is no conversation %1").arg(conversationId));
  return {};
}

Result<ConversationSettings> ConversationStore::conversationSettings(qint64 conversationId) const {
  auto c = conversation(conversationId);
  if (!c) return Error{c.error()};
  return c->settings;
}

Result<qint64> ConversationStore::addMessage(qint64 conversationId, qint64 parentId, Role role,
                                             const QString& text) {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  Transaction transaction(*sql);
  if (Status s = transaction.begin(); !s) return Error{s.error()};
  auto id = insertMessage(*sql, {conversationId, parentId, role, text});
  if (!id) return id;
  if (Status s = setCurrentLeaf(*sql, conversationId, *id, true); !s) return Error{s.error()};
  if (Status s = transaction.commit(); !s) return Error{s.error()};
  return id;
}

Result<qint64> ConversationStore::appendMessage(qint64 conversationId, Role role,
                                                const QString& text) {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  Transaction transaction(*sql);
  if (Status s = transaction.begin(); !s) return Error{s.error()};
  auto leaf = sql->scalar(QStringLiteral("SELECT current_leaf_id FROM conversations WHERE id = ?"),
                          {conversationId});
  if (!leaf) return Error{leaf.error()};
  if (!leaf->isValid()) return fail(QStringLiteral("there is no conversation %1").arg(conversationId));
  auto id = insertMessage(*sql, {conversationId, leaf->toLongLong(), role, text});
  if (!id) return id;
  if (Status s = setCurrentLeaf(*sql, conversationId, *id, true); !s) return Error{s.error()};
  if (Status s = transaction.commit(); !s) return Error{s.error()};
  return id;
}

Result<Message> ConversationStore::message(qint64 messageId) const {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  auto q = sql->query(QStringLiteral("SELECT %1 FROM messages WHERE id = ?").arg(messageColumns()),
                      {messageId});
  if (!q) return Error{q.error()};
  if (!q->next()) return fail(QStringLiteral("there is no message %1").arg(messageId));
  return readMessage(*q);
}

Result<int> ConversationStore::messageCount(qint64 conversationId) const {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  auto v = sql->scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE conversation_id = ?"),
                       {conversationId});
  if (!v) return Error{v.error()};
  return v->toInt();
}

Result<qint64> ConversationStore::beginReply(qint64 conversationId, qint64 parentId) {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  Transaction transaction(*sql);
  if (Status s = transaction.begin(); !s) return Error{s.error()};
  auto id = insertMessage(*sql, {conversationId, parentId, Role::Assistant, QString(),
                                 MessageState::Streaming});
  if (!id) return id;
  if (Status s = setCurrentLeaf(*sql, conversationId, *id, true); !s) return Error{s.error()};
  if (Status s = transaction.commit(); !s) return Error{s.error()};
  return id;
}

Result<qint64> ConversationStore::beginRegeneration(qint64 replyId) {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  auto place = placeOf(*sql, replyId);
  if (!place) return Error{place.error()};
  if (place->role != Role::Assistant) {
    return fail(QStringLiteral("message %1 is not a reply; only replies are regenerated").arg(replyId));
  }
  return beginReply(place->conversationId, place->parentId);
}

Status ConversationStore::updateReply(qint64 messageId, const QString& text, const QString& reasoning) {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  auto r = sql->exec(
      QStringLiteral("UPDATE messages SET text = ?, reasoning = ? WHERE id = ? AND state = 'streaming'"),
      {text, reasoning, messageId});
  if (!r) return Error{r.error()};
  if (*r != 1) return fail(QStringLiteral("message %1 is not a streaming reply").arg(messageId));
  return {};
}

Status ConversationStore::recordReplySource(qint64 messageId, const Provenance& provenance) {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  return writeProvenance(*sql, messageId, provenance);
}

Status ConversationStore::setReplySources(qint64 messageId, const QList<ReplySource>& sources) {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  return writeSources(*sql, messageId, sources);
}

Status ConversationStore::finishReply(qint64 messageId, const QString& text,
                                      const Provenance& provenance, MessageState state,
                                      const QString& reasoning, qint64 reasoningMs) {
  if (state == MessageState::Streaming) {
    return fail(QStringLiteral("a finished reply cannot stay in state streaming"));
  }
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  Transaction transaction(*sql);
  if (Status s = transaction.begin(); !s) return s;
  auto place = placeOf(*sql, messageId);
  if (!place) return Error{place.error()};
  if (place->role != Role::Assistant) return fail(QStringLiteral("message %1 is not a reply").arg(messageId));
  auto r = sql->exec(QStringLiteral("UPDATE messages SET text = ?, state = ?, reasoning = ?, reasoning_ms = ? WHERE id = ?"),
                     {text, stateName(state), reasoning, reasoningMs > 0 ? QVariant(reasoningMs) : QVariant(), messageId});
  if (!r) return Error{r.error()};
  if (Status s = writeProvenance(*sql, messageId, provenance); !s) return s;
  auto touched = sql->exec(QStringLiteral("UPDATE conversations SET updated_at = ? WHERE id = ?"),
                           {nowMs(), place->conversationId});
  if (!touched) return Error{touched.error()};
  return transaction.commit();
}

Result<int> ConversationStore::recoverInterruptedReplies() {
  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  return sql->exec(QStringLiteral("UPDATE messages SET state = 'interrupted' WHERE state = 'streaming'"));
}

}  // namespace causerie::storage
