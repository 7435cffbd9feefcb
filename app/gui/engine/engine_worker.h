// Lives on the engine thread and owns the causerie::Session: every slot runs there, so the
// GUI thread never waits on the engine. Results leave by signals (queued to the GUI thread).
#pragma once
#include "engine/chat_engine.h"

#include <QObject>
#include <atomic>
#include <memory>
#include <shared_mutex>

namespace causerie { class Session; }
namespace causerie::energy { class EnergyRecorder; }

namespace causerie::gui {

class EngineWorker : public QObject {
    Q_OBJECT
public:
    // `cancel` is the session's cancel flag; requests with an id up to `stopThrough` are stopped.
    EngineWorker(std::atomic<bool>* cancel, const std::atomic<quint64>* stopThrough, QObject* parent = nullptr);
    ~EngineWorker() override;

    // For the app's server (server::SharedEngine): held exclusively here while session_ changes.
    std::shared_mutex& sessionLock() { return sessionLock_; }
    // The session now (read under sessionLock from another thread; used as is on this one).
    Session* session() const { return session_.get(); }

public slots:
    void loadModel(const QString& path, int contextLength, int device);
    void listDevices();
    void unloadModel();
    void generate(const causerie::gui::GenerationRequest& request);

signals:
    void loadProgress(double fraction);
    void modelLoaded(const causerie::gui::ModelInfo& info);
    void loadFailed(const QString& path, const QString& reason);
    void modelUnloaded();
    void devicesListed(const QStringList& names);
    void deviceMemoryListed(const QList<qint64>& bytes);
    void pieceReady(quint64 requestId, const QString& piece);
    void generationFinished(quint64 requestId, const causerie::gui::GenerationStats& stats);
    void generationFailed(quint64 requestId, const QString& reason);

private:
    // Opens a session (progress reported); the error's text on failure.
    QString open(const QString& path, int contextLength, int device);
    // Experts of how many layers go to system memory for this model on this device (0: none).
    static quint32 expertLayersInSystemMemory(const QString& path, quint32 context, int device);
    ModelInfo describe(const QString& path) const;
    // A request wanting more context than loaded: the model is loaded again with it (up to
    // its trained length), or stays as it was when that does not fit.
    void growContext(int contextLength);

    std::unique_ptr<Session> session_;
    std::unique_ptr<energy::EnergyRecorder> energy_;  // the system's sources, found at the first reply
    std::shared_mutex sessionLock_;
    QString path_;    // of the loaded model
    int device_ = -1;
    std::atomic<bool>* cancel_;
    const std::atomic<quint64>* stopThrough_;
};

}  // namespace causerie::gui
