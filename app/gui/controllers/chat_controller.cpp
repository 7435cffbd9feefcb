#include "controllers/chat_controller.h"

#include "docs/grounded_prompt.h"
#include "storage/auto_title.h"
#include "storage/conversation_store.h"

#include <QRandomGenerator>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace causerie::gui {

namespace {
storage::Provenance provenanceOf(const ModelInfo& m);  // below
constexpr int kSaveIntervalMs = 1000;  // a streaming reply reaches the database at least this often
constexpr int kFlushIntervalMs = 33;   // pieces reach the view in batches of about a frame

QString finishReasonFor(const QString& stopReason) {
    if (stopReason == QLatin1String("token limit")) return QStringLiteral("length");
    if (stopReason == QLatin1String("cancelled") || stopReason == QLatin1String("stopped")) return QStringLiteral("cancelled");
    return QStringLiteral("stop");
}
}  // namespace

ChatController::ChatController(storage::ConversationStore& store, ChatEngine& engine, QObject* parent)
    : QObject(parent), store_(store), engine_(engine) {
    flushTimer_.setInterval(kFlushIntervalMs);
    flushTimer_.setSingleShot(true);
    connect(&flushTimer_, &QTimer::timeout, this, &ChatController::flushPending);
    connect(&engine_, &ChatEngine::pieceReady, this, &ChatController::onPiece);
    connect(&engine_, &ChatEngine::generationFinished, this, &ChatController::onFinished);
    connect(&engine_, &ChatEngine::generationFailed, this, &ChatController::onFailed);
    connect(&engine_, &ChatEngine::reasoningReady, this, &ChatController::onReasoning);
}

void ChatController::setRemoteEngine(ReplyEngine* remote) {
    if (remote_) remote_->disconnect(this);
    remote_ = remote;
    if (!remote_) return;
    connect(remote_, &ReplyEngine::pieceReady, this, &ChatController::onPiece);
    connect(remote_, &ReplyEngine::reasoningReady, this, &ChatController::onReasoning);
    connect(remote_, &ReplyEngine::generationFinished, this, &ChatController::onFinished);
    connect(remote_, &ReplyEngine::generationFailed, this, &ChatController::onFailed);
}

void ChatController::setModel(const ModelInfo& model) {
    const bool wasReady = modelReady();
    model_ = model;
    contextUsed_ = 0;
    emit modelChanged();
    emit statsChanged();
    if (wasReady != modelReady()) emit modelReadyChanged();
}

void ChatController::setError(const QString& message) {
    if (!message.isEmpty()) spdlog::warn("chat: {}", message.toStdString());
    if (error_ == message) return;
    error_ = message;
    emit errorChanged();
}

void ChatController::clearError() { setError({}); }

void ChatController::newConversation() {
    if (generating()) stop();
    conversationId_ = 0;
    title_.clear();
    pendingSettings_ = {};
    messages_.clear();
    showStatsOf({});
    emit conversationChanged();
}

void ChatController::showStatsOf(const QList<storage::Message>& branch) {
    // The footer speaks of this conversation only: its latest reply, or nothing.
    tokensPerSecond_ = 0;
    generatedTokens_ = 0;
    contextUsed_ = 0;
    contextSlid_ = false;
    for (auto it = branch.rbegin(); it != branch.rend(); ++it) {
        if (!it->provenance) continue;
        tokensPerSecond_ = it->provenance->generationTokensPerSecond;
        generatedTokens_ = it->provenance->generatedTokens;
        // A reply that filled the window slid it (the session kept the newest tokens): the
        // window is full, not larger than itself.
        const int used = it->provenance->promptTokens + it->provenance->generatedTokens;
        const int window = contextLength();
        contextUsed_ = window > 0 ? std::min(used, window) : used;
        contextSlid_ = window > 0 && used > window;
        break;
    }
    emit statsChanged();
}

void ChatController::openConversation(qint64 id) {
    if (id == conversationId_) return;
    if (generating()) stop();
    auto conversation = store_.conversation(id);
    if (!conversation) return setError(conversation.error());
    conversationId_ = id;
    title_ = conversation->title;
    messages_.clear();
    reloadBranch();
    showStatsOf(messages_.messages());
    emit conversationChanged();
}

void ChatController::openMessage(qint64 conversationId, qint64 messageId) {
    if (generating()) stop();
    if (conversationId != conversationId_) openConversation(conversationId);
    if (auto switched = store_.switchTo(messageId); !switched) return setError(switched.error());
    reloadBranch();
    focusMessageId_ = messageId;
    emit focusMessageRequested();
}

void ChatController::reloadBranch() {
    if (conversationId_ == 0) return messages_.clear();
    auto branch = store_.currentBranch(conversationId_);
    if (!branch) return setError(branch.error());
    messages_.setMessages(*branch);
}

bool ChatController::send(const QString& text) {
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || generating()) return false;
    if (!modelReady()) {
        setError(tr("Load a model first: choose one in the model picker at the top."));
        return false;
    }
    clearError();
    if (conversationId_ == 0) {
        QString title = storage::autoTitle(trimmed);
        if (title.isEmpty()) title = tr("New conversation");
        pendingSettings_.model = model_.remote ? QStringLiteral("remote:%1/%2").arg(model_.endpointName, model_.remoteModel) : model_.path;
        auto created = store_.createConversation(title, pendingSettings_);
        if (!created) {
            setError(created.error());
            return false;
        }
        conversationId_ = *created;
        title_ = title;
        emit conversationChanged();
    }
    auto added = store_.appendMessage(conversationId_, storage::Role::User, trimmed);
    if (!added) {
        setError(added.error());
        return false;
    }
    startReply(*added, 0);
    emit conversationsChanged();
    return true;
}

void ChatController::startReply(qint64 parentId, qint64 regenerateOf) {
    auto reply = regenerateOf ? store_.beginRegeneration(regenerateOf) : store_.beginReply(conversationId_, parentId);
    if (!reply) return setError(reply.error());
    auto settings = store_.conversationSettings(conversationId_);
    const storage::ConversationSettings conv = settings ? *settings : storage::ConversationSettings{};
    reloadBranch();

    GenerationRequest request;
    request.id = ++requestId_;
    request.sampling = conv.sampling;
    request.seed = conv.sampling.seed >= 0 ? quint64(conv.sampling.seed) : QRandomGenerator::global()->generate64();
    if (thinkingSwitch()) request.enableThinking = conv.enableThinking;
    if (!conv.systemPrompt.trimmed().isEmpty()) request.turns.append({QStringLiteral("system"), conv.systemPrompt});
    for (const storage::Message& m : messages_.messages()) {
        if (m.id == *reply || m.state == storage::MessageState::Error) continue;
        request.turns.append({storage::roleName(m.role), m.text});
    }
    replyId_ = *reply;
    seed_ = request.seed;
    sampling_ = conv.sampling;
    replyText_.clear();
    pending_.clear();
    splitter_.emplace();
    reasoningText_.clear();
    pendingReasoning_.clear();
    reasoningTimer_.invalidate();
    reasoningMs_ = 0;
    sinceSave_.start();
    generatedTokens_ = 0;
    replyModel_ = model_;
    // The reply's source is recorded now: one cut by a crash keeps its model's name.
    storage::Provenance started = provenanceOf(replyModel_);
    started.sampling = sampling_;
    started.seed = qint64(seed_);
    if (auto recorded = store_.recordReplySource(replyId_, started); !recorded) setError(recorded.error());
    running_ = model_.remote && remote_ ? remote_ : static_cast<ReplyEngine*>(&engine_);
    // A conversation with documents: the question is searched first, then grounded.
    if (!conv.collections.isEmpty() && retriever_ && !request.turns.isEmpty() && request.turns.last().role == QLatin1String("user")) {
        searching_ = true;
        pendingRequest_ = request;
        emit generatingChanged();
        const qint64 searchedFor = replyId_;
        const quint64 id = request.id;
        retriever_(conv.collections, request.turns.last().content, [this, searchedFor, id](const storage::Result<docs::Retrieval>& found) {
            if (!searching_ || replyId_ != searchedFor || requestId_ != id) return;  // stopped or abandoned meanwhile
            groundAndGenerate(found);
        });
        return;
    }
    emit generatingChanged();
    running_->generate(request);
}

void ChatController::groundAndGenerate(const storage::Result<docs::Retrieval>& found) {
    searching_ = false;
    GenerationRequest request = pendingRequest_;
    pendingRequest_ = {};
    if (!found) {
        setError(tr("The documents could not be searched: %1").arg(found.error()));
    } else if (!found->excerpts.isEmpty()) {
        ChatTurn& question = request.turns.last();
        docs::GroundingOptions options;
        options.language = docs::questionLanguage(question.content, interfaceLanguage_);
        // The excerpts leave room for the conversation and the reply in the model's context.
        const int context = request.sampling.contextLength > 0 ? request.sampling.contextLength : model_.contextLength;
        options.maxExcerptChars = docs::excerptCharsFor(context, int(found->excerpts.size()));
        const docs::GroundedPrompt grounded = docs::groundQuestion(question.content, found->excerpts, options);
        question.content = grounded.text;
        if (auto saved = store_.setReplySources(replyId_, grounded.sources); !saved) setError(saved.error());
        messages_.setSources(replyId_, grounded.sources);
    }
    emit generatingChanged();
    running_->generate(request);
}

void ChatController::flushPending() {
    if (!replyId_) return;
    if (!pendingReasoning_.isEmpty()) messages_.appendReasoning(replyId_, pendingReasoning_);
    if (!pending_.isEmpty()) messages_.appendText(replyId_, pending_);
    pending_.clear();
    pendingReasoning_.clear();
}

void ChatController::takePiece(const ReasoningSplitter::Parts& parts) {
    if (!parts.reasoning.empty()) {
        if (!reasoningTimer_.isValid()) reasoningTimer_.start();
        const QString r = QString::fromStdString(parts.reasoning);
        reasoningText_ += r;
        pendingReasoning_ += r;
    }
    if (!parts.content.empty()) {
        if (reasoningTimer_.isValid() && reasoningMs_ == 0) reasoningMs_ = std::max<qint64>(1, reasoningTimer_.elapsed());
        const QString c = QString::fromStdString(parts.content);
        replyText_ += c;
        pending_ += c;
    }
}

void ChatController::onPiece(quint64 requestId, const QString& piece) {
    if (requestId != requestId_ || !replyId_) return;
    takePiece(splitter_ ? splitter_->push(piece.toStdString()) : ReasoningSplitter::Parts{{}, piece.toStdString()});
    ++generatedTokens_;
    if (!flushTimer_.isActive()) flushTimer_.start();
    if (sinceSave_.elapsed() >= kSaveIntervalMs) {
        if (auto saved = store_.updateReply(replyId_, replyText_, reasoningText_); !saved) setError(saved.error());
        sinceSave_.restart();
    }
}

void ChatController::onReasoning(quint64 requestId, const QString& piece) {
    if (requestId != requestId_ || !replyId_) return;
    takePiece({piece.toStdString(), {}});
    ++generatedTokens_;
    if (!flushTimer_.isActive()) flushTimer_.start();
}

namespace {
// Where a reply came from: the model file, or the endpoint and the server's model name.
storage::Provenance provenanceOf(const ModelInfo& m) {
    storage::Provenance p;
    if (m.remote) {
        p.endpoint = m.endpointUrl;
        p.remoteModel = m.remoteModel;
    } else {
        p.modelFile = m.path;
        p.modelFileSize = m.fileSize;
        p.templateName = m.templateName;
    }
    return p;
}
}  // namespace

void ChatController::onFinished(quint64 requestId, const GenerationStats& stats) {
    if (requestId != requestId_ || !replyId_) return;
    storage::Provenance p = provenanceOf(replyModel_);
    p.sampling = sampling_;
    p.seed = qint64(seed_);
    p.promptTokens = stats.promptTokens;
    p.generatedTokens = stats.generatedTokens;
    p.promptTokensPerSecond = stats.promptTokensPerSecond;
    p.generationTokensPerSecond = stats.tokensPerSecond;
    p.finishReason = finishReasonFor(stats.stopReason);
    if (stats.energyJoules >= 0 && !stats.energySources.isEmpty()) {
        p.energyWh = stats.energyJoules / 3600.0;
        p.energySources = stats.energySources.join(QStringLiteral(", "));
        p.gridIntensity = gridIntensity_;
        p.co2eGrams = *p.energyWh * gridIntensity_ / 1000.0;
    }
    tokensPerSecond_ = stats.tokensPerSecond;
    generatedTokens_ = stats.generatedTokens;
    contextUsed_ = stats.contextUsed;
    contextSlid_ = stats.slides > 0;
    emit statsChanged();
    const bool cancelled = p.finishReason == QLatin1String("cancelled");
    if (splitter_) takePiece(splitter_->flush());
    if (!stats.text.isEmpty()) {
        // The engine's whole text, split again (it may differ from the pieces at the very end).
        // A reply that only closes the block (the prompt opened it: DeepSeek-R1 distills) is
        // reasoning up to that tag.
        const std::string raw = stats.text.toStdString();
        const bool opened = raw.find("<think>") == std::string::npos && raw.find("</think>") != std::string::npos;
        ReasoningSplitter whole(opened);
        ReasoningSplitter::Parts a = whole.push(raw), b = whole.flush();
        replyText_ = QString::fromStdString(a.content + b.content);
        reasoningText_ = stats.reasoning + QString::fromStdString(a.reasoning + b.reasoning);
    } else if (!stats.reasoning.isEmpty()) {
        reasoningText_ = stats.reasoning;
    }
    if (!reasoningText_.isEmpty() && reasoningMs_ == 0 && reasoningTimer_.isValid()) reasoningMs_ = reasoningTimer_.elapsed();
    endReply(replyText_, p, cancelled ? storage::MessageState::Interrupted : storage::MessageState::Complete);
}

void ChatController::onFailed(quint64 requestId, const QString& reason) {
    if (requestId != requestId_ || !replyId_) return;
    flushPending();
    if (splitter_) takePiece(splitter_->flush());
    storage::Provenance p = provenanceOf(replyModel_);
    p.sampling = sampling_;
    p.seed = qint64(seed_);
    p.finishReason = QStringLiteral("error: ") + reason;
    setError(tr("The reply failed: %1").arg(reason));
    endReply(replyText_, p, storage::MessageState::Error);
}

void ChatController::endReply(const QString& text, const storage::Provenance& provenance, storage::MessageState state) {
    flushTimer_.stop();
    pending_.clear();
    pendingReasoning_.clear();
    const qint64 id = replyId_;
    replyId_ = 0;
    if (auto finished = store_.finishReply(id, text, provenance, state, reasoningText_, reasoningMs_); !finished)
        setError(finished.error());
    if (auto message = store_.message(id)) messages_.updateMessage(*message);
    emit generatingChanged();
    emit conversationsChanged();
    emit replyEnded(id, storage::stateName(state), text);
}

void ChatController::stop() {
    if (!generating()) return;
    if (searching_) {  // nothing asked of the engine yet: the reply ends empty
        searching_ = false;
        pendingRequest_ = {};
        storage::Provenance p = provenanceOf(replyModel_);
        p.sampling = sampling_;
        p.seed = qint64(seed_);
        p.finishReason = QStringLiteral("cancelled");
        endReply(QString(), p, storage::MessageState::Interrupted);
        return;
    }
    if (running_) running_->stop();
}

void ChatController::regenerate(qint64 replyId) {
    if (generating() || !conversationId_) return;
    if (!modelReady()) return setError(tr("Load a model first: choose one in the model picker at the top."));
    clearError();
    startReply(0, replyId);
}

void ChatController::editMessage(qint64 messageId, const QString& text) {
    const QString trimmed = text.trimmed();
    if (generating() || !conversationId_ || trimmed.isEmpty()) return;
    auto edited = store_.editUserMessage(messageId, trimmed);
    if (!edited) return setError(edited.error());
    if (!modelReady()) {
        reloadBranch();
        return setError(tr("Load a model first: choose one in the model picker at the top."));
    }
    clearError();
    startReply(*edited, 0);
}

void ChatController::deleteMessage(qint64 messageId) {
    if (generating()) return;
    if (auto deleted = store_.deleteMessage(messageId); !deleted) return setError(deleted.error());
    reloadBranch();
    emit conversationsChanged();
}

void ChatController::switchSibling(qint64 messageId, int step) {
    if (generating()) return;
    if (auto switched = store_.switchSibling(messageId, step); !switched) return setError(switched.error());
    reloadBranch();
}

QVariantMap ChatController::settings() const {
    storage::ConversationSettings s = pendingSettings_;
    if (conversationId_) {
        if (auto stored = store_.conversationSettings(conversationId_)) s = *stored;
    }
    return {{QStringLiteral("systemPrompt"), s.systemPrompt},
            {QStringLiteral("temperature"), s.sampling.temperature},
            {QStringLiteral("topK"), s.sampling.topK},
            {QStringLiteral("topP"), s.sampling.topP},
            {QStringLiteral("minP"), s.sampling.minP},
            {QStringLiteral("repeatPenalty"), s.sampling.repeatPenalty},
            {QStringLiteral("maxTokens"), s.sampling.maxTokens},
            {QStringLiteral("contextLength"), s.sampling.contextLength},
            {QStringLiteral("seed"), s.sampling.seed},
            // The conversation's choice, else what the model's template does by default.
            {QStringLiteral("enableThinking"), s.enableThinking.value_or(model_.thinkingDefault)},
            {QStringLiteral("collections"), s.collections}};
}

void ChatController::setSettings(const QVariantMap& values) {
    storage::ConversationSettings s = pendingSettings_;
    if (conversationId_) {
        if (auto stored = store_.conversationSettings(conversationId_)) s = *stored;
    }
    auto number = [&](const char* key, auto& field) {
        const auto it = values.find(QLatin1String(key));
        if (it != values.end()) field = it->template value<std::remove_reference_t<decltype(field)>>();
    };
    if (values.contains(QStringLiteral("systemPrompt"))) s.systemPrompt = values.value(QStringLiteral("systemPrompt")).toString();
    number("temperature", s.sampling.temperature);
    number("topK", s.sampling.topK);
    number("topP", s.sampling.topP);
    number("minP", s.sampling.minP);
    number("repeatPenalty", s.sampling.repeatPenalty);
    number("maxTokens", s.sampling.maxTokens);
    number("contextLength", s.sampling.contextLength);
    number("seed", s.sampling.seed);
    if (values.contains(QStringLiteral("collections"))) {
        s.collections = values.value(QStringLiteral("collections")).toStringList();
        s.collections.removeAll(QString());
        s.collections.removeDuplicates();
    }
    if (values.contains(QStringLiteral("enableThinking")))
        s.enableThinking = values.value(QStringLiteral("enableThinking")).toBool();
    if (!conversationId_) {
        pendingSettings_ = s;
        return;
    }
    if (auto saved = store_.setConversationSettings(conversationId_, s); !saved) setError(saved.error());
}

void ChatController::reloadTitle() {
    if (!conversationId_) return;
    if (auto conversation = store_.conversation(conversationId_)) {
        title_ = conversation->title;
        emit conversationChanged();
    }
}

void ChatController::abandonReply() {
    if (!generating()) return;
    searching_ = false;
    pendingRequest_ = {};
    if (running_) running_->stop();
    flushTimer_.stop();
    pending_.clear();
    replyId_ = 0;  // later signals of that request are ignored
    emit generatingChanged();
}

void ChatController::conversationDeleted(qint64 id) {
    if (id == conversationId_) newConversation();
}

}  // namespace causerie::gui
