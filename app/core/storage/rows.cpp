#include "storage/rows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace causerie::storage {
namespace {

const QStringList& conversationNames() {
  static const QStringList names{
      QStringLiteral("id"),          QStringLiteral("title"),          QStringLiteral("system_prompt"),
      QStringLiteral("model"),       QStringLiteral("temperature"),    QStringLiteral("top_k"),
      QStringLiteral("top_p"),       QStringLiteral("min_p"),          QStringLiteral("repeat_penalty"),
      QStringLiteral("max_tokens"),  QStringLiteral("context_length"), QStringLiteral("seed"),
      QStringLiteral("created_at"),  QStringLiteral("updated_at"),     QStringLiteral("current_leaf_id"),
      QStringLiteral("enable_thinking"), QStringLiteral("collections")};
  return names;
}

const QStringList& messageNames() {
  static const QStringList names{
      QStringLiteral("id"),            QStringLiteral("conversation_id"), QStringLiteral("parent_id"),
      QStringLiteral("role"),          QStringLiteral("text"),            QStringLiteral("created_at"),
      QStringLiteral("state"),         QStringLiteral("reasoning"),       QStringLiteral("reasoning_ms"),
      QStringLiteral("model_file"),    QStringLiteral("model_file_size"),
      QStringLiteral("model_file_hash"), QStringLiteral("sampling_json"), QStringLiteral("seed"),
      QStringLiteral("template_name"), QStringLiteral("prompt_tokens"),   QStringLiteral("generated_tokens"),
      QStringLiteral("prompt_tps"),    QStringLiteral("generation_tps"),  QStringLiteral("finish_reason"),
      QStringLiteral("endpoint"),      QStringLiteral("remote_model"),    QStringLiteral("energy_wh"),
      QStringLiteral("energy_sources"), QStringLiteral("grid_g_per_kwh"), QStringLiteral("co2e_g"),
      QStringLiteral("sources")};
  return names;
}

QString joined(const QStringList& names, const QString& alias) {
  if (alias.isEmpty()) return names.join(QStringLiteral(", "));
  QStringList prefixed;
  for (const QString& n : names) prefixed << alias + QLatin1Char('.') + n;
  return prefixed.join(QStringLiteral(", "));
}

}  // namespace

QString collectionsToJson(const QStringList& names) {
  if (names.isEmpty()) return {};
  return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(names)).toJson(QJsonDocument::Compact));
}

QStringList collectionsFromJson(const QString& json) {
  QStringList names;
  for (const QJsonValue& v : QJsonDocument::fromJson(json.toUtf8()).array())
    if (v.isString() && !v.toString().isEmpty()) names << v.toString();
  return names;
}

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }
QDateTime fromMs(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC); }

QString conversationColumns(const QString& alias) { return joined(conversationNames(), alias); }
int conversationColumnCount() { return int(conversationNames().size()); }
QString messageColumns(const QString& alias) { return joined(messageNames(), alias); }
int messageColumnCount() { return int(messageNames().size()); }

Conversation readConversation(const QSqlQuery& q, int first) {
  Conversation c;
  int i = first;
  c.id = q.value(i++).toLongLong();
  c.title = q.value(i++).toString();
  c.settings.systemPrompt = q.value(i++).toString();
  c.settings.model = q.value(i++).toString();
  SamplingSettings& s = c.settings.sampling;
  s.temperature = q.value(i++).toDouble();
  s.topK = q.value(i++).toInt();
  s.topP = q.value(i++).toDouble();
  s.minP = q.value(i++).toDouble();
  s.repeatPenalty = q.value(i++).toDouble();
  s.maxTokens = q.value(i++).toInt();
  s.contextLength = q.value(i++).toInt();
  s.seed = q.value(i++).toLongLong();
  c.created = fromMs(q.value(i++).toLongLong());
  c.updated = fromMs(q.value(i++).toLongLong());
  c.currentLeafId = q.value(i++).toLongLong();
  const QVariant thinking = q.value(i++);
  if (!thinking.isNull()) c.settings.enableThinking = thinking.toInt() != 0;
  c.settings.collections = collectionsFromJson(q.value(i++).toString());
  return c;
}

Message readMessage(const QSqlQuery& q, int first) {
  Message m;
  int i = first;
  m.id = q.value(i++).toLongLong();
  m.conversationId = q.value(i++).toLongLong();
  m.parentId = q.value(i++).toLongLong();
  m.role = roleFromName(q.value(i++).toString()).value_or(Role::User);
  m.text = q.value(i++).toString();
  m.created = fromMs(q.value(i++).toLongLong());
  m.state = stateFromName(q.value(i++).toString()).value_or(MessageState::Complete);
  m.reasoning = q.value(i++).toString();
  m.reasoningMs = q.value(i++).toLongLong();
  m.sources = sourcesFromJson(q.value(first + messageColumnCount() - 1).toString());
  const QVariant modelFile = q.value(i);
  const int remoteAt = i + 11;  // endpoint, remote_model: after the 11 provenance columns
  const QVariant remoteModel = q.value(remoteAt + 1);
  ++i;
  if (!modelFile.isNull() || !remoteModel.isNull()) {
    Provenance p;
    p.modelFile = modelFile.toString();
    p.modelFileSize = q.value(i++).toLongLong();
    p.modelFileHash = q.value(i++).toString();
    p.sampling = SamplingSettings::fromJson(
        QJsonDocument::fromJson(q.value(i++).toString().toUtf8()).object());
    p.seed = q.value(i++).toLongLong();
    p.templateName = q.value(i++).toString();
    p.promptTokens = q.value(i++).toInt();
    p.generatedTokens = q.value(i++).toInt();
    p.promptTokensPerSecond = q.value(i++).toDouble();
    p.generationTokensPerSecond = q.value(i++).toDouble();
    p.finishReason = q.value(i++).toString();
    p.endpoint = q.value(remoteAt).toString();
    p.remoteModel = remoteModel.toString();
    const int energyAt = remoteAt + 2;  // energy_wh, energy_sources, grid_g_per_kwh, co2e_g
    if (!q.value(energyAt).isNull()) {
      p.energyWh = q.value(energyAt).toDouble();
      p.energySources = q.value(energyAt + 1).toString();
      p.gridIntensity = q.value(energyAt + 2).toDouble();
      p.co2eGrams = q.value(energyAt + 3).toDouble();
    }
    m.provenance = p;
  }
  return m;
}

}  // namespace causerie::storage
