// The GUI's view of the local inference engine: a ReplyEngine that also loads models and lists
// devices, asynchronously (calls return at once, results come back as signals on the GUI
// thread). LocalEngine drives the real engine on a worker thread; tests use a fake that streams
// canned tokens. Remote endpoints are another ReplyEngine (RemoteEngine).
#pragma once
#include <QObject>
#include <QString>
#include <QList>
#include <QStringList>
#include <QMetaType>

#include "engine/reply_engine.h"
#include "server.h"

#include <optional>

namespace causerie::gui {

struct ModelInfo {
    QString path;
    QString name;          // file name without extension
    QString architecture;
    QString templateName;  // "model" or the default's name
    QString deviceName;
    qint64 fileSize = 0;
    int contextLength = 0;
    // The chat template takes enable_thinking (Qwen 3, SmolLM3), and reasons when it is unset.
    bool thinkingSwitch = false;
    bool thinkingDefault = true;
    // A model of a remote endpoint (then path is empty): the connection's id and name, the
    // endpoint's base URL and the server's name for the model.
    bool remote = false;
    QString connectionId;
    QString endpointName;
    QString endpointUrl;
    QString remoteModel;
};

class ChatEngine : public ReplyEngine {
    Q_OBJECT
public:
    using ReplyEngine::ReplyEngine;
    ~ChatEngine() override = default;

    // Loads a model (unloading the current one first) on a Vulkan device (-1: the best one);
    // answers with loadProgress*, then modelLoaded or loadFailed.
    virtual void loadModel(const QString& path, int contextLength, int device) = 0;
    // Answers with devicesListed (the Vulkan devices, best first).
    virtual void listDevices() = 0;
    virtual void unloadModel() = 0;
    // The session lent to the app's OpenAI-compatible server, which then runs its requests in
    // this engine's queue; none for an engine without one (the tests' fake).
    virtual std::optional<server::SharedEngine> sharedEngine() { return std::nullopt; }

signals:
    void loadProgress(double fraction);
    void modelLoaded(const causerie::gui::ModelInfo& info);
    void loadFailed(const QString& path, const QString& reason);
    void modelUnloaded();
    void devicesListed(const QStringList& names);
    // After devicesListed: each device's local memory in bytes (0: unknown), in the same order.
    void deviceMemoryListed(const QList<qint64>& bytes);
};

}  // namespace causerie::gui

Q_DECLARE_METATYPE(causerie::gui::ModelInfo)
