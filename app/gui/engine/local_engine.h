// The real engine: an EngineWorker on its own QThread. Calls are queued to the worker; stop()
// raises an atomic flag that the session checks while it evaluates and between tokens.
#pragma once
#include "engine/chat_engine.h"

#include <QThread>
#include <atomic>

namespace causerie::gui {

class EngineWorker;

class LocalEngine : public ChatEngine {
    Q_OBJECT
public:
    explicit LocalEngine(QObject* parent = nullptr);
    ~LocalEngine() override;

    void loadModel(const QString& path, int contextLength, int device) override;
    void listDevices() override;
    void unloadModel() override;
    void generate(const GenerationRequest& request) override;
    void stop() override;
    std::optional<server::SharedEngine> sharedEngine() override;

private:
    QThread thread_;
    EngineWorker* worker_ = nullptr;  // deleted on the engine thread when it finishes
    // stop() cancels every request up to the last one issued: the worker raises the session's
    // cancel flag for a request at or below stopThrough_, and lowers it for a newer one.
    std::atomic<bool> cancel_{false};
    std::atomic<quint64> lastRequest_{0};
    std::atomic<quint64> stopThrough_{0};
};

}  // namespace causerie::gui
