// The open conversation: sends messages, streams replies from the engine into the message list
// and the storage, stops, regenerates, edits into a new branch, moves between siblings.
// Runs on the GUI thread; it never waits on the engine (every engine call is asynchronous).
#pragma once
#include "docs/docs_retrieval.h"
#include "engine/chat_engine.h"
#include "models/message_list_model.h"
#include "storage/records.h"
#include "text/reasoning_split.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QVariantMap>

#include <functional>
#include <optional>
#include <QtQml/qqmlregistration.h>

namespace causerie::storage { class ConversationStore; }

namespace causerie::gui {

class ChatController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App")
    Q_PROPERTY(qint64 conversationId READ conversationId NOTIFY conversationChanged)
    Q_PROPERTY(QString title READ title NOTIFY conversationChanged)
    Q_PROPERTY(causerie::gui::MessageListModel* messages READ messages CONSTANT)
    Q_PROPERTY(bool generating READ generating NOTIFY generatingChanged)
    Q_PROPERTY(bool modelReady READ modelReady NOTIFY modelReadyChanged)
    Q_PROPERTY(double tokensPerSecond READ tokensPerSecond NOTIFY statsChanged)
    Q_PROPERTY(int generatedTokens READ generatedTokens NOTIFY statsChanged)
    Q_PROPERTY(int contextUsed READ contextUsed NOTIFY statsChanged)
    Q_PROPERTY(int contextLength READ contextLength NOTIFY statsChanged)
    Q_PROPERTY(bool contextSlid READ contextSlid NOTIFY statsChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    Q_PROPERTY(qint64 focusMessageId READ focusMessageId NOTIFY focusMessageRequested)
    // The model's chat template takes enable_thinking: the drawer shows the thinking switch.
    Q_PROPERTY(bool thinkingSwitch READ thinkingSwitch NOTIFY modelChanged)
    // The question is being searched in the conversation's collections (before the reply starts).
    Q_PROPERTY(bool searchingDocuments READ searchingDocuments NOTIFY generatingChanged)
public:
    // Searches the question in collections, asynchronously; `done` runs later on the GUI thread.
    using Retriever = std::function<void(const QStringList& collections, const QString& question,
                                         std::function<void(const storage::Result<docs::Retrieval>&)> done)>;

    ChatController(storage::ConversationStore& store, ChatEngine& engine, QObject* parent = nullptr);

    qint64 conversationId() const { return conversationId_; }
    QString title() const { return title_; }
    MessageListModel* messages() { return &messages_; }
    bool generating() const { return replyId_ != 0; }
    bool modelReady() const { return !model_.path.isEmpty() || model_.remote; }
    double tokensPerSecond() const { return tokensPerSecond_; }
    int generatedTokens() const { return generatedTokens_; }
    int contextUsed() const { return contextUsed_; }
    int contextLength() const { return model_.contextLength; }
    bool contextSlid() const { return contextSlid_; }
    QString error() const { return error_; }
    qint64 focusMessageId() const { return focusMessageId_; }
    bool thinkingSwitch() const { return model_.thinkingSwitch && !model_.remote; }
    bool searchingDocuments() const { return searching_; }
    // Where the conversation's collections are searched (none: the toggles do nothing).
    void setRetriever(Retriever retriever) { retriever_ = std::move(retriever); }
    // "fr" or "en": the instruction to cite the excerpts follows the question's language, this
    // when the question does not say.
    void setInterfaceLanguage(const QString& language) { interfaceLanguage_ = language; }

    void setModel(const ModelInfo& model);  // empty path (and not remote): no model
    const ModelInfo& model() const { return model_; }
    // Where replies go when the model is a remote one (not owned; may be null: no remote).
    void setRemoteEngine(ReplyEngine* remote);
    // gCO2e/kWh for the CO2e estimate of the next replies (the setting).
    void setGridIntensity(double gramsPerKwh) { gridIntensity_ = gramsPerKwh; }

    Q_INVOKABLE void newConversation();
    Q_INVOKABLE void openConversation(qint64 id);
    // Opens the conversation on the branch that holds the message and asks the view to show it.
    Q_INVOKABLE void openMessage(qint64 conversationId, qint64 messageId);
    Q_INVOKABLE bool send(const QString& text);
    Q_INVOKABLE void stop();
    Q_INVOKABLE void regenerate(qint64 replyId);
    Q_INVOKABLE void editMessage(qint64 messageId, const QString& text);
    Q_INVOKABLE void deleteMessage(qint64 messageId);
    Q_INVOKABLE void switchSibling(qint64 messageId, int step);
    Q_INVOKABLE QVariantMap settings() const;
    Q_INVOKABLE void setSettings(const QVariantMap& values);
    Q_INVOKABLE void clearError();
    // Shows an error of another part of the app (export, import) in the chat's error banner.
    void showError(const QString& message) { setError(message); }
    // Re-reads the title (after a rename).
    void reloadTitle();
    // Stops the reply and forgets it (its conversation is being deleted).
    void abandonReply();
    // Called when a conversation is deleted from the sidebar.
    void conversationDeleted(qint64 id);

signals:
    void conversationChanged();
    void generatingChanged();
    void modelReadyChanged();
    void modelChanged();
    void statsChanged();
    void errorChanged();
    void focusMessageRequested();
    // A reply ended: state "complete", "interrupted" (stopped) or "error"; its final text.
    void replyEnded(qint64 id, const QString& state, const QString& text);
    void conversationsChanged();  // titles, order or count in the sidebar changed

private:
    void setError(const QString& message);
    void reloadBranch();
    void showStatsOf(const QList<storage::Message>& branch);
    void startReply(qint64 parentId, qint64 regenerateOf);
    void flushPending();
    void onPiece(quint64 requestId, const QString& piece);
    void onReasoning(quint64 requestId, const QString& piece);
    void onFinished(quint64 requestId, const GenerationStats& stats);
    void onFailed(quint64 requestId, const QString& reason);
    void endReply(const QString& text, const storage::Provenance& provenance, storage::MessageState state);
    // The excerpts found: into the question's turn, recorded as the reply's sources; then the reply.
    void groundAndGenerate(const storage::Result<docs::Retrieval>& found);

    storage::ConversationStore& store_;
    ChatEngine& engine_;
    ReplyEngine* remote_ = nullptr;
    ReplyEngine* running_ = nullptr;  // the engine of the reply streaming now
    MessageListModel messages_;
    ModelInfo model_;
    qint64 conversationId_ = 0;
    QString title_;
    storage::ConversationSettings pendingSettings_;  // for a conversation not created yet
    // The reply streaming now (0: none).
    qint64 replyId_ = 0;
    quint64 requestId_ = 0;
    quint64 seed_ = 0;
    storage::SamplingSettings sampling_;
    ModelInfo replyModel_;  // the model the reply streaming now comes from
    QString replyText_, pending_;
    // A reasoning model's reply: what it writes between <think> and </think>, apart.
    std::optional<ReasoningSplitter> splitter_;
    QString reasoningText_, pendingReasoning_;
    QElapsedTimer reasoningTimer_;
    qint64 reasoningMs_ = 0;
    void takePiece(const ReasoningSplitter::Parts& parts);
    QTimer flushTimer_;
    QElapsedTimer sinceSave_;
    double tokensPerSecond_ = 0;
    int generatedTokens_ = 0, contextUsed_ = 0;
    bool contextSlid_ = false;
    QString error_;
    qint64 focusMessageId_ = 0;
    double gridIntensity_ = 57.0;
    Retriever retriever_;
    QString interfaceLanguage_ = QStringLiteral("en");
    bool searching_ = false;
    GenerationRequest pendingRequest_;  // waiting for its excerpts while searching_
};

}  // namespace causerie::gui
