// ConversationStore: export to Markdown and JSON, import of that JSON.
#include "storage/conversation_store.h"

#include "markdown/safe_markdown.h"
#include "storage/rows.h"
#include "storage/sql.h"
#include "storage/store_ops.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace causerie::storage {
namespace {

const QString kFormat = QStringLiteral("causerie-conversation");
constexpr int kFormatVersion = 1;

QString isoTime(const QDateTime& t) { return t.toUTC().toString(Qt::ISODateWithMs); }

QString roleTitle(Role role) {
  switch (role) {
    case Role::System: return QStringLiteral("System");
    case Role::User: return QStringLiteral("User");
    case Role::Assistant: return QStringLiteral("Assistant");
  }
  return QString();
}

QJsonObject messageJson(const Message& m) {
  QJsonObject o{{QStringLiteral("id"), m.id},
                {QStringLiteral("parent_id"), m.parentId > 0 ? QJsonValue(m.parentId) : QJsonValue()},
                {QStringLiteral("role"), roleName(m.role)},
                {QStringLiteral("text"), m.text},
                {QStringLiteral("created"), isoTime(m.created)},
                {QStringLiteral("state"), stateName(m.state)}};
  if (!m.reasoning.isEmpty()) {
    o.insert(QStringLiteral("reasoning"), m.reasoning);
    o.insert(QStringLiteral("reasoning_ms"), m.reasoningMs);
  }
  if (m.provenance) o.insert(QStringLiteral("provenance"), m.provenance->toJson());
  if (!m.sources.isEmpty()) {
    QJsonArray sources;
    for (const ReplySource& s : m.sources) sources.append(s.toJson());
    o.insert(QStringLiteral("sources"), sources);
  }
  return o;
}

}  // namespace

Result<QString> ConversationStore::exportMarkdown(qint64 conversationId) const {
  auto c = conversation(conversationId);
  if (!c) return Error{c.error()};
  auto branch = currentBranch(conversationId);
  if (!branch) return Error{branch.error()};
  // Message text as written, except that images and raw HTML stay visible as text: a Markdown
  // viewer opening the export must not fetch what a model wrote.
  const auto safe = [](const QString& text) { return markdown::safeMarkdown(text, markdown::MarkdownUse::Export); };
  QString md;
  md += QStringLiteral("# %1\n\n").arg(c->title.isEmpty() ? QStringLiteral("Conversation") : safe(c->title));
  if (!c->settings.model.isEmpty()) md += QStringLiteral("- Model: `%1`\n").arg(c->settings.model);
  md += QStringLiteral("- Created: %1\n").arg(isoTime(c->created));
  md += QStringLiteral("- Updated: %1\n\n").arg(isoTime(c->updated));
  if (!c->settings.systemPrompt.isEmpty()) {
    md += QStringLiteral("## System prompt\n\n%1\n\n").arg(safe(c->settings.systemPrompt));
  }
  for (const Message& m : *branch) {
    md += QStringLiteral("## %1\n\n").arg(roleTitle(m.role));
    if (!m.reasoning.isEmpty()) {  // quoted, before the answer
      md += QStringLiteral("> **Reasoning** (%1 s)\n>\n").arg(double(m.reasoningMs) / 1000.0, 0, 'f', 1);
      for (const QString& line : safe(m.reasoning).split(QLatin1Char('\n'))) md += QStringLiteral("> ") + line + QLatin1Char('\n');
      md += QLatin1Char('\n');
    }
    md += safe(m.text);
    md += QStringLiteral("\n\n");
    if (!m.sources.isEmpty()) {  // the excerpts the reply was given, under their markers
      md += QStringLiteral("**Sources**\n\n");
      for (const ReplySource& s : m.sources) {
        QString where = QStringLiteral("`%1`").arg(s.path);
        if (s.page > 0) where += QStringLiteral(", page %1").arg(s.page);
        if (!s.headingPath.isEmpty()) where += QStringLiteral(", ") + safe(s.headingPath.join(QStringLiteral(" > ")));
        md += QStringLiteral("%1. %2\n").arg(s.marker).arg(where);
      }
      md += QLatin1Char('\n');
    }
    if (m.provenance) {
      const Provenance& p = *m.provenance;
      const QString source = p.isRemote() ? QStringLiteral("%1 @ %2").arg(p.remoteModel, p.endpoint) : p.modelFile;
      QString energy;
      if (p.energyWh)
        energy = QStringLiteral(" · %1 Wh · %2 g CO2e").arg(*p.energyWh, 0, 'g', 3).arg(p.co2eGrams, 0, 'g', 3);
      md += QStringLiteral("*%1 · %2 tokens · %3 tokens/s%4*\n\n")
                .arg(safe(source))
                .arg(p.generatedTokens)
                .arg(p.generationTokensPerSecond, 0, 'f', 1)
                .arg(energy);
    } else if (m.state != MessageState::Complete) {
      md += QStringLiteral("*(%1)*\n\n").arg(stateName(m.state));
    }
  }
  return md;
}

Result<QByteArray> ConversationStore::exportJson(qint64 conversationId) const {
  auto c = conversation(conversationId);
  if (!c) return Error{c.error()};
  auto all = allMessages(conversationId);
  if (!all) return Error{all.error()};
  QJsonArray messages;
  for (const Message& m : *all) messages.append(messageJson(m));
  QJsonObject conv{
      {QStringLiteral("title"), c->title},
      {QStringLiteral("system_prompt"), c->settings.systemPrompt},
      {QStringLiteral("model"), c->settings.model},
      {QStringLiteral("sampling"), c->settings.sampling.toJson()},
      {QStringLiteral("created"), isoTime(c->created)},
      {QStringLiteral("updated"), isoTime(c->updated)},
      {QStringLiteral("current_leaf_id"),
       c->currentLeafId > 0 ? QJsonValue(c->currentLeafId) : QJsonValue()}};
  if (c->settings.enableThinking) conv.insert(QStringLiteral("enable_thinking"), *c->settings.enableThinking);
  if (!c->settings.collections.isEmpty())
    conv.insert(QStringLiteral("collections"), QJsonArray::fromStringList(c->settings.collections));
  const QJsonObject root{{QStringLiteral("format"), kFormat},
                         {QStringLiteral("version"), kFormatVersion},
                         {QStringLiteral("conversation"), conv},
                         {QStringLiteral("messages"), messages}};
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<qint64> ConversationStore::importJson(const QByteArray& json) {
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
  if (doc.isNull()) return fail(QStringLiteral("invalid JSON: %1").arg(parseError.errorString()));
  const QJsonObject root = doc.object();
  if (root.value(QStringLiteral("format")).toString() != kFormat) {
    return fail(QStringLiteral("not a Causerie conversation export"));
  }
  if (root.value(QStringLiteral("version")).toInt() > kFormatVersion) {
    return fail(QStringLiteral("this export was written by a newer version of Causerie"));
  }
  const QJsonObject conv = root.value(QStringLiteral("conversation")).toObject();
  const QJsonArray messages = root.value(QStringLiteral("messages")).toArray();

  auto sql = Sql::on(database_);
  if (!sql) return Error{sql.error()};
  Transaction transaction(*sql);
  if (Status s = transaction.begin(); !s) return Error{s.error()};
  const auto ms = [](const QJsonValue& v) {
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : nowMs();
  };
  ConversationSettings settings;
  settings.systemPrompt = conv.value(QStringLiteral("system_prompt")).toString();
  settings.model = conv.value(QStringLiteral("model")).toString();
  settings.sampling = SamplingSettings::fromJson(conv.value(QStringLiteral("sampling")).toObject());
  const SamplingSettings& p = settings.sampling;
  const QJsonValue thinking = conv.value(QStringLiteral("enable_thinking"));
  for (const QJsonValue& v : conv.value(QStringLiteral("collections")).toArray())
    if (v.isString() && !v.toString().isEmpty()) settings.collections << v.toString();
  auto conversationId = sql->insert(
      QStringLiteral("INSERT INTO conversations (title, system_prompt, model, temperature, top_k, "
                     "top_p, min_p, repeat_penalty, max_tokens, context_length, seed, enable_thinking, "
                     "collections, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      {conv.value(QStringLiteral("title")).toString(), settings.systemPrompt, settings.model,
       p.temperature, p.topK, p.topP, p.minP, p.repeatPenalty, p.maxTokens, p.contextLength, p.seed,
       thinking.isBool() ? QVariant(thinking.toBool() ? 1 : 0) : QVariant(),
       settings.collections.isEmpty() ? QVariant() : QVariant(collectionsToJson(settings.collections)),
       ms(conv.value(QStringLiteral("created"))), ms(conv.value(QStringLiteral("updated")))});
  if (!conversationId) return conversationId;

  // Parents first: repeat passes until every message found its parent (exports are already in
  // that order, so one pass normally does it).
  QHash<qint64, qint64> newIds;
  QList<QJsonObject> pending;
  for (const QJsonValue& v : messages) pending.append(v.toObject());
  while (!pending.isEmpty()) {
    QList<QJsonObject> later;
    for (const QJsonObject& o : pending) {
      const qint64 oldParent = o.value(QStringLiteral("parent_id")).toInteger();
      if (oldParent > 0 && !newIds.contains(oldParent)) {
        later.append(o);
        continue;
      }
      const auto role = roleFromName(o.value(QStringLiteral("role")).toString());
      if (!role) return fail(QStringLiteral("a message has an unknown role"));
      MessageState state = stateFromName(o.value(QStringLiteral("state")).toString())
                               .value_or(MessageState::Complete);
      if (state == MessageState::Streaming) state = MessageState::Interrupted;
      auto id = insertMessage(*sql, {*conversationId, oldParent > 0 ? newIds.value(oldParent) : 0,
                                     *role, o.value(QStringLiteral("text")).toString(), state,
                                     ms(o.value(QStringLiteral("created"))),
                                     o.value(QStringLiteral("reasoning")).toString(),
                                     o.value(QStringLiteral("reasoning_ms")).toInteger()});
      if (!id) return id;
      if (o.contains(QStringLiteral("provenance"))) {
        const Provenance prov = Provenance::fromJson(o.value(QStringLiteral("provenance")).toObject());
        if (Status s = writeProvenance(*sql, *id, prov); !s) return Error{s.error()};
      }
      if (o.value(QStringLiteral("sources")).isArray()) {
        QList<ReplySource> sources;
        for (const QJsonValue& v : o.value(QStringLiteral("sources")).toArray())
          if (v.isObject()) sources << ReplySource::fromJson(v.toObject());
        if (Status s = writeSources(*sql, *id, sources); !s) return Error{s.error()};
      }
      newIds.insert(o.value(QStringLiteral("id")).toInteger(), *id);
    }
    if (later.size() == pending.size()) {
      return fail(QStringLiteral("%1 messages refer to parents that are not in the export")
                      .arg(later.size()));
    }
    pending = later;
  }
  const qint64 oldLeaf = conv.value(QStringLiteral("current_leaf_id")).toInteger();
  const qint64 leaf = newIds.value(oldLeaf, 0);
  auto r = sql->exec(QStringLiteral("UPDATE conversations SET current_leaf_id = ? WHERE id = ?"),
                     {idOrNull(leaf), *conversationId});
  if (!r) return Error{r.error()};
  if (Status s = transaction.commit(); !s) return Error{s.error()};
  return conversationId;
}

}  // namespace causerie::storage
