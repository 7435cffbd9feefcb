#include "storage/records.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <array>
#include <utility>

namespace causerie::storage {
namespace {

constexpr std::array<std::pair<Role, const char*>, 3> kRoles{{
    {Role::System, "system"}, {Role::User, "user"}, {Role::Assistant, "assistant"}}};
constexpr std::array<std::pair<MessageState, const char*>, 4> kStates{{
    {MessageState::Complete, "complete"},
    {MessageState::Streaming, "streaming"},
    {MessageState::Interrupted, "interrupted"},
    {MessageState::Error, "error"}}};

}  // namespace

QString roleName(Role role) {
  for (const auto& [value, name] : kRoles) {
    if (value == role) return QString::fromLatin1(name);
  }
  return QStringLiteral("user");
}

std::optional<Role> roleFromName(const QString& name) {
  for (const auto& [value, text] : kRoles) {
    if (name == QLatin1String(text)) return value;
  }
  return std::nullopt;
}

QString stateName(MessageState state) {
  for (const auto& [value, name] : kStates) {
    if (value == state) return QString::fromLatin1(name);
  }
  return QStringLiteral("complete");
}

std::optional<MessageState> stateFromName(const QString& name) {
  for (const auto& [value, text] : kStates) {
    if (name == QLatin1String(text)) return value;
  }
  return std::nullopt;
}

QJsonObject SamplingSettings::toJson() const {
  return QJsonObject{
      {QStringLiteral("temperature"), temperature},
      {QStringLiteral("top_k"), topK},
      {QStringLiteral("top_p"), topP},
      {QStringLiteral("min_p"), minP},
      {QStringLiteral("repeat_penalty"), repeatPenalty},
      {QStringLiteral("max_tokens"), maxTokens},
      {QStringLiteral("context_length"), contextLength},
      {QStringLiteral("seed"), seed},
  };
}

SamplingSettings SamplingSettings::fromJson(const QJsonObject& json) {
  SamplingSettings s;
  s.temperature = json.value(QStringLiteral("temperature")).toDouble(s.temperature);
  s.topK = json.value(QStringLiteral("top_k")).toInt(s.topK);
  s.topP = json.value(QStringLiteral("top_p")).toDouble(s.topP);
  s.minP = json.value(QStringLiteral("min_p")).toDouble(s.minP);
  s.repeatPenalty = json.value(QStringLiteral("repeat_penalty")).toDouble(s.repeatPenalty);
  s.maxTokens = json.value(QStringLiteral("max_tokens")).toInt(s.maxTokens);
  s.contextLength = json.value(QStringLiteral("context_length")).toInt(s.contextLength);
  s.seed = json.value(QStringLiteral("seed")).toInteger(s.seed);
  return s;
}

QJsonObject Provenance::toJson() const {
  QJsonObject o{
      {QStringLiteral("model_file"), modelFile},
      {QStringLiteral("model_file_size"), modelFileSize},
      {QStringLiteral("model_file_hash"), modelFileHash},
      {QStringLiteral("sampling"), sampling.toJson()},
      {QStringLiteral("seed"), seed},
      {QStringLiteral("template"), templateName},
      {QStringLiteral("prompt_tokens"), promptTokens},
      {QStringLiteral("generated_tokens"), generatedTokens},
      {QStringLiteral("prompt_tokens_per_second"), promptTokensPerSecond},
      {QStringLiteral("generation_tokens_per_second"), generationTokensPerSecond},
      {QStringLiteral("finish_reason"), finishReason},
  };
  if (energyWh) {
    o.insert(QStringLiteral("energy_wh"), *energyWh);
    o.insert(QStringLiteral("energy_sources"), energySources);
    o.insert(QStringLiteral("grid_g_per_kwh"), gridIntensity);
    o.insert(QStringLiteral("co2e_g"), co2eGrams);
  }
  if (isRemote()) {
    o.insert(QStringLiteral("endpoint"), endpoint);
    o.insert(QStringLiteral("remote_model"), remoteModel);
  }
  return o;
}

Provenance Provenance::fromJson(const QJsonObject& json) {
  Provenance p;
  p.modelFile = json.value(QStringLiteral("model_file")).toString();
  p.modelFileSize = json.value(QStringLiteral("model_file_size")).toInteger();
  p.modelFileHash = json.value(QStringLiteral("model_file_hash")).toString();
  p.sampling = SamplingSettings::fromJson(json.value(QStringLiteral("sampling")).toObject());
  p.seed = json.value(QStringLiteral("seed")).toInteger(-1);
  p.templateName = json.value(QStringLiteral("template")).toString();
  p.promptTokens = json.value(QStringLiteral("prompt_tokens")).toInt();
  p.generatedTokens = json.value(QStringLiteral("generated_tokens")).toInt();
  p.promptTokensPerSecond = json.value(QStringLiteral("prompt_tokens_per_second")).toDouble();
  p.generationTokensPerSecond =
      json.value(QStringLiteral("generation_tokens_per_second")).toDouble();
  p.finishReason = json.value(QStringLiteral("finish_reason")).toString();
  p.endpoint = json.value(QStringLiteral("endpoint")).toString();
  p.remoteModel = json.value(QStringLiteral("remote_model")).toString();
  if (json.value(QStringLiteral("energy_wh")).isDouble()) {
    p.energyWh = json.value(QStringLiteral("energy_wh")).toDouble();
    p.energySources = json.value(QStringLiteral("energy_sources")).toString();
    p.gridIntensity = json.value(QStringLiteral("grid_g_per_kwh")).toDouble();
    p.co2eGrams = json.value(QStringLiteral("co2e_g")).toDouble();
  }
  return p;
}

QJsonObject ReplySource::toJson() const {
  QJsonObject o{{QStringLiteral("marker"), marker},
                {QStringLiteral("collection"), collection},
                {QStringLiteral("path"), path},
                {QStringLiteral("page"), page > 0 ? QJsonValue(page) : QJsonValue()},
                {QStringLiteral("heading"), QJsonArray::fromStringList(headingPath)},
                {QStringLiteral("excerpt"), excerpt},
                {QStringLiteral("chunk_id"), chunkId},
                {QStringLiteral("score"), score}};
  return o;
}

ReplySource ReplySource::fromJson(const QJsonObject& json) {
  ReplySource r;
  r.marker = json.value(QStringLiteral("marker")).toInt();
  r.collection = json.value(QStringLiteral("collection")).toString();
  r.path = json.value(QStringLiteral("path")).toString();
  r.page = json.value(QStringLiteral("page")).toInt();
  for (const QJsonValue& v : json.value(QStringLiteral("heading")).toArray()) r.headingPath << v.toString();
  r.excerpt = json.value(QStringLiteral("excerpt")).toString();
  r.chunkId = json.value(QStringLiteral("chunk_id")).toInteger();
  r.score = json.value(QStringLiteral("score")).toDouble();
  return r;
}

QString sourcesToJson(const QList<ReplySource>& sources) {
  if (sources.isEmpty()) return {};
  QJsonArray array;
  for (const ReplySource& s : sources) array.append(s.toJson());
  return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<ReplySource> sourcesFromJson(const QString& json) {
  QList<ReplySource> sources;
  if (json.isEmpty()) return sources;
  for (const QJsonValue& v : QJsonDocument::fromJson(json.toUtf8()).array())
    if (v.isObject()) sources << ReplySource::fromJson(v.toObject());
  return sources;
}

}  // namespace causerie::storage
