// The GUI's view of an inference engine: an asynchronous interface whose calls return at once
// and whose results come back as signals on the GUI thread. LocalEngine drives the real engine
// on a worker thread; tests use a fake that streams canned tokens.
#pragma once
#include <QObject>
#include <QString>
#include <QList>
#include <QStringList>
#include <QMetaType>

#include "storage/records.h"

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
};

struct ModelInfo {
    QString path;
    QString name;          // file name without extension
    QString architecture;
    QString templateName;  // "model" or the default's name
    QString deviceName;
    qint64 fileSize = 0;
    int contextLength = 0;
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
};

class ChatEngine : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~ChatEngine() override = default;

    // Loads a model (unloading the current one first) on a Vulkan device (-1: the best one);
    // answers with loadProgress*, then modelLoaded or loadFailed.
    virtual void loadModel(const QString& path, int contextLength, int device) = 0;
    // Answers with devicesListed (the Vulkan devices, best first).
    virtual void listDevices() = 0;
    virtual void unloadModel() = 0;
    // Generates a reply to `request.turns`; answers with pieceReady* then generationFinished or
    // generationFailed carrying request.id.
    virtual void generate(const GenerationRequest& request) = 0;
    // Asks the running generation to stop; safe to call at any time.
    virtual void stop() = 0;

signals:
    void loadProgress(double fraction);
    void modelLoaded(const causerie::gui::ModelInfo& info);
    void loadFailed(const QString& path, const QString& reason);
    void modelUnloaded();
    void devicesListed(const QStringList& names);
    // After devicesListed: each device's local memory in bytes (0: unknown), in the same order.
    void deviceMemoryListed(const QList<qint64>& bytes);
    void pieceReady(quint64 requestId, const QString& piece);
    void generationFinished(quint64 requestId, const causerie::gui::GenerationStats& stats);
    void generationFailed(quint64 requestId, const QString& reason);
};

}  // namespace causerie::gui

Q_DECLARE_METATYPE(causerie::gui::GenerationRequest)
Q_DECLARE_METATYPE(causerie::gui::ModelInfo)
Q_DECLARE_METATYPE(causerie::gui::GenerationStats)
