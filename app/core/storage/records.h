// Plain value structs exchanged with the storage: conversations, messages, provenance, search hits.
// They carry no database handle; copy them freely between threads.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace causerie::storage {

// Who wrote a message. Stored as the lowercase name ("system", "user", "assistant").
enum class Role { System, User, Assistant };

// Life of a message. Messages written whole are Complete; a reply is Streaming while the engine
// produces it, then Complete, Interrupted (stopped, or the app died mid-reply) or Error.
enum class MessageState { Complete, Streaming, Interrupted, Error };

QString roleName(Role role);                        // "system", "user", "assistant"
std::optional<Role> roleFromName(const QString& name);
QString stateName(MessageState state);              // "complete", "streaming", ...
std::optional<MessageState> stateFromName(const QString& name);

// Sampling parameters of a conversation (and, copied, of each reply's provenance).
// Negative maxTokens means "until the context is full"; negative seed means "random".
struct SamplingSettings {
  double temperature = 0.8;
  int topK = 40;
  double topP = 0.95;
  double minP = 0.05;
  double repeatPenalty = 1.1;
  int maxTokens = -1;
  int contextLength = 0;        // tokens; 0: the context the model was loaded with (what the device allows)
  qint64 seed = -1;

  QJsonObject toJson() const;
  // Missing keys keep their defaults.
  static SamplingSettings fromJson(const QJsonObject& json);
  bool operator==(const SamplingSettings&) const = default;
};

// Per-conversation settings the user edits in the settings drawer.
struct ConversationSettings {
  QString systemPrompt;
  QString model;  // model file path or catalog id, as the GUI chooses; empty: the default model
  SamplingSettings sampling;
  // The chat template's enable_thinking for this conversation; none: the template's default.
  std::optional<bool> enableThinking;
  // The document collections searched for each question (names in the documents index); empty:
  // none, the model answers from what it knows.
  QStringList collections;
  bool operator==(const ConversationSettings&) const = default;
};

struct Conversation {
  qint64 id = 0;
  QString title;
  ConversationSettings settings;
  QDateTime created;  // UTC
  QDateTime updated;  // UTC; bumped by new messages, finished replies, renames, settings
  qint64 currentLeafId = 0;  // 0: no message yet
};

// How a reply was produced. Filled by finishReply; absent on user/system messages.
struct Provenance {
  QString modelFile;
  qint64 modelFileSize = 0;
  QString modelFileHash;  // optional (e.g. sha256 hex); empty when not computed
  // A reply from a remote endpoint: its base URL (no key, no user info) and the server's model
  // name; modelFile is empty then.
  QString endpoint;
  QString remoteModel;
  bool isRemote() const { return !remoteModel.isEmpty(); }
  SamplingSettings sampling;
  qint64 seed = -1;  // the seed actually used
  QString templateName;
  int promptTokens = 0;
  int generatedTokens = 0;
  double promptTokensPerSecond = 0.0;
  double generationTokensPerSecond = 0.0;
  QString finishReason;  // e.g. "stop", "length", "cancelled", "error: ..."
  // The energy the machine used while the reply was generated (every measured source together:
  // CPU packages, GPUs), which sources those were, and the CO2e estimate at the grid intensity
  // (gCO2e/kWh) set then. None where nothing could be measured: never a guess.
  std::optional<double> energyWh;
  QString energySources;  // "CPU package-0 (RAPL), NVIDIA H200 (NVML)"
  double gridIntensity = 0;
  double co2eGrams = 0;

  QJsonObject toJson() const;
  static Provenance fromJson(const QJsonObject& json);
  bool operator==(const Provenance&) const = default;
};

// An excerpt of a document given to the model with the question, under its marker [N]: the
// provenance of a reply grounded in the user's documents.
struct ReplySource {
  int marker = 0;        // the N of [N] in the prompt and the reply
  QString collection;
  QString path;          // the file
  int page = 0;          // 1-based; 0: none (not a paged format)
  QStringList headingPath;  // the sections it sits in, outermost first
  QString excerpt;       // the text given to the model
  qint64 chunkId = 0;    // in the documents index when the reply was written (may be gone since)
  double score = 0;

  QJsonObject toJson() const;
  static ReplySource fromJson(const QJsonObject& json);
  bool operator==(const ReplySource&) const = default;
};

QString sourcesToJson(const QList<ReplySource>& sources);  // a compact JSON array; "" for none
QList<ReplySource> sourcesFromJson(const QString& json);   // invalid or empty: none

struct Message {
  qint64 id = 0;
  qint64 conversationId = 0;
  qint64 parentId = 0;  // 0: a root message
  Role role = Role::User;
  QString text;       // for a reply of a reasoning model: the answer
  QString reasoning;  // what it wrote between <think> and </think> (empty for other models)
  qint64 reasoningMs = 0;  // how long the reasoning took
  QDateTime created;  // UTC
  MessageState state = MessageState::Complete;
  std::optional<Provenance> provenance;  // replies only, once finished
  QList<ReplySource> sources;  // replies grounded in documents: the excerpts the model was given

  // Position among its siblings (same parent), ordered by creation time: the `< 2/3 >` of the UI
  // is `siblingIndex + 1` / `siblingCount`. Filled by currentBranch() and siblings().
  int siblingIndex = 0;
  int siblingCount = 1;
};

struct SearchHit {
  qint64 conversationId = 0;
  qint64 messageId = 0;
  QString conversationTitle;
  Role role = Role::User;
  QString snippet;  // message text around the matches, matches wrapped in the highlight markers
  double rank = 0.0;  // FTS5 bm25 rank: lower is better; hits come best first
  QDateTime created;
};

struct SearchOptions {
  int limit = 50;
  // Inserted around each matched term in SearchHit::snippet. The snippet text itself is not
  // escaped: a GUI rendering rich text should use private markers and escape the rest.
  QString highlightOpen = QStringLiteral("<b>");
  QString highlightClose = QStringLiteral("</b>");
  QString ellipsis = QStringLiteral("…");
  int snippetTokens = 16;  // tokens of context in a snippet (FTS5 allows 1..64)
};

}  // namespace causerie::storage
