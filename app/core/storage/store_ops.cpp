#include "storage/store_ops.h"

#include "storage/rows.h"

#include <QJsonDocument>

namespace causerie::storage {

Result<MessagePlace> placeOf(const Sql& sql, qint64 messageId) {
  auto q = sql.query(
      QStringLiteral("SELECT conversation_id, parent_id, role FROM messages WHERE id = ?"),
      {messageId});
  if (!q) return Error{q.error()};
  if (!q->next()) return fail(QStringLiteral("there is no message %1").arg(messageId));
  MessagePlace place;
  place.conversationId = q->value(0).toLongLong();
  place.parentId = q->value(1).toLongLong();
  place.role = roleFromName(q->value(2).toString()).value_or(Role::User);
  return place;
}

Result<qint64> insertMessage(const Sql& sql, const NewMessage& m) {
  if (m.parentId > 0) {
    auto parent = placeOf(sql, m.parentId);
    if (!parent) return Error{parent.error()};
    if (parent->conversationId != m.conversationId) {
      return fail(QStringLiteral("message %1 is not in conversation %2")
                      .arg(m.parentId)
                      .arg(m.conversationId));
    }
  }
  return sql.insert(QStringLiteral("INSERT INTO messages (conversation_id, parent_id, role, text, "
                                   "created_at, state, reasoning, reasoning_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                    {m.conversationId, idOrNull(m.parentId), roleName(m.role), m.text,
                     m.createdMs > 0 ? m.createdMs : nowMs(), stateName(m.state), m.reasoning,
                     m.reasoningMs > 0 ? QVariant(m.reasoningMs) : QVariant()});
}

Status writeProvenance(const Sql& sql, qint64 messageId, const Provenance& p) {
  const QString sampling =
      QString::fromUtf8(QJsonDocument(p.sampling.toJson()).toJson(QJsonDocument::Compact));
  auto r = sql.exec(QStringLiteral("UPDATE messages SET model_file = ?, model_file_size = ?, "
                                   "model_file_hash = ?, sampling_json = ?, seed = ?, "
                                   "template_name = ?, prompt_tokens = ?, generated_tokens = ?, "
                                   "prompt_tps = ?, generation_tps = ?, finish_reason = ?, "
                                   "endpoint = ?, remote_model = ?, energy_wh = ?, energy_sources = ?, "
                                   "grid_g_per_kwh = ?, co2e_g = ? WHERE id = ?"),
                    {p.modelFile, p.modelFileSize, p.modelFileHash, sampling, p.seed,
                     p.templateName, p.promptTokens, p.generatedTokens, p.promptTokensPerSecond,
                     p.generationTokensPerSecond, p.finishReason,
                     p.isRemote() ? QVariant(p.endpoint) : QVariant(), p.isRemote() ? QVariant(p.remoteModel) : QVariant(),
                     p.energyWh ? QVariant(*p.energyWh) : QVariant(), p.energyWh ? QVariant(p.energySources) : QVariant(),
                     p.energyWh ? QVariant(p.gridIntensity) : QVariant(), p.energyWh ? QVariant(p.co2eGrams) : QVariant(),
                     messageId});
  if (!r) return Error{r.error()};
  if (*r != 1) return fail(QStringLiteral("there is no message %1").arg(messageId));
  return {};
}

Status writeSources(const Sql& sql, qint64 messageId, const QList<ReplySource>& sources) {
  auto r = sql.exec(QStringLiteral("UPDATE messages SET sources = ? WHERE id = ?"),
                    {sources.isEmpty() ? QVariant() : QVariant(sourcesToJson(sources)), messageId});
  if (!r) return Error{r.error()};
  if (*r != 1) return fail(QStringLiteral("there is no message %1").arg(messageId));
  return {};
}

Status setCurrentLeaf(const Sql& sql, qint64 conversationId, qint64 leafId, bool touch) {
  auto r = touch ? sql.exec(QStringLiteral("UPDATE conversations SET current_leaf_id = ?, "
                                           "updated_at = ? WHERE id = ?"),
                            {idOrNull(leafId), nowMs(), conversationId})
                 : sql.exec(QStringLiteral("UPDATE conversations SET current_leaf_id = ? "
                                           "WHERE id = ?"),
                            {idOrNull(leafId), conversationId});
  if (!r) return Error{r.error()};
  if (*r != 1) return fail(QStringLiteral("there is no conversation %1").arg(conversationId));
  return {};
}

Result<qint64> mostRecentDescendant(const Sql& sql, qint64 conversationId, qint64 messageId) {
  auto v = sql.scalar(
      QStringLiteral("WITH RECURSIVE subtree(id) AS (SELECT ? UNION ALL "
                     "SELECT m.id FROM messages m JOIN subtree s "
                     "ON m.conversation_id = ? AND m.parent_id = s.id) "
                     "SELECT m.id FROM messages m JOIN subtree s ON m.id = s.id "
                     "ORDER BY m.created_at DESC, m.id DESC LIMIT 1"),
      {messageId, conversationId});
  if (!v) return Error{v.error()};
  if (!v->isValid()) return fail(QStringLiteral("there is no message %1").arg(messageId));
  return v->toLongLong();
}

}  // namespace causerie::storage
