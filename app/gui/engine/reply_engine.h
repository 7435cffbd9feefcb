// What runs one reply, locally or on a remote endpoint: generate() returns at once; the pieces
// come back as signals on the GUI thread (pieceReady with text that may hold <think>...</think>,
// reasoningReady with reasoning that came apart), then generationFinished or generationFailed,
// each carrying the request's id. ChatController talks to two of them: the local ChatEngine and
// the RemoteEngine, and picks one per reply from the model chosen.
#pragma once
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include "storage/records.h"

#include <optional>

namespace causerie::gui {

struct ChatTurn {
    QString role;  // "system", "user", "assistant"
    QString content;
};

struct GenerationRequest {
    quint64 id = 0;
    QList<ChatTurn> turns;
    storage::SamplingSettings sampling;  // maxTokens < 0: up to the context length
    quint64 seed = 0;  // the seed actually used (resolved by the controller)
    std::optional<bool> enableThinking;  // the template's enable_thinking; none: its default
};

struct GenerationStats {
    QString text;
    int promptTokens = 0;
    int reusedTokens = 0;
    int generatedTokens = 0;
    int slides = 0;          // context slides (older tokens dropped)
    int contextUsed = 0;     // tokens in the KV cache after the reply
    double promptTokensPerSecond = 0;
    double tokensPerSecond = 0;
    QString stopReason;      // "eos", "max_tokens", "stopped", ...
    QString sampler;         // one line describing the sampler
    // Reasoning that came apart from the text (a remote server's reasoning_content); the local
    // engine leaves it empty: its reasoning is in `text`, between <think> and </think>.
    QString reasoning;
    // The energy the machine used during the generation (joules; < 0: nothing could be
    // measured) and the sources measured.
    double energyJoules = -1;
    QStringList energySources;
};

class ReplyEngine : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~ReplyEngine() override = default;

    // Generates a reply to `request.turns`; answers with pieceReady* (and reasoningReady*) then
    // generationFinished or generationFailed carrying request.id.
    virtual void generate(const GenerationRequest& request) = 0;
    // Asks the running generation to stop; safe to call at any time.
    virtual void stop() = 0;

signals:
    void pieceReady(quint64 requestId, const QString& piece);
    void reasoningReady(quint64 requestId, const QString& piece);
    void generationFinished(quint64 requestId, const causerie::gui::GenerationStats& stats);
    void generationFailed(quint64 requestId, const QString& reason);
};

}  // namespace causerie::gui

Q_DECLARE_METATYPE(causerie::gui::GenerationRequest)
Q_DECLARE_METATYPE(causerie::gui::GenerationStats)
