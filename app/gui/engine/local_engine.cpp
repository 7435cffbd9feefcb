#include "engine/local_engine.h"

#include "engine/engine_worker.h"
#include "session.h"

namespace causerie::gui {

LocalEngine::LocalEngine(QObject* parent) : ChatEngine(parent) {
    qRegisterMetaType<GenerationRequest>();
    qRegisterMetaType<ModelInfo>();
    qRegisterMetaType<GenerationStats>();
    thread_.setObjectName(QStringLiteral("engine"));
    worker_ = new EngineWorker(&cancel_, &stopThrough_);
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &EngineWorker::loadProgress, this, &ChatEngine::loadProgress);
    connect(worker_, &EngineWorker::modelLoaded, this, &ChatEngine::modelLoaded);
    connect(worker_, &EngineWorker::loadFailed, this, &ChatEngine::loadFailed);
    connect(worker_, &EngineWorker::modelUnloaded, this, &ChatEngine::modelUnloaded);
    connect(worker_, &EngineWorker::devicesListed, this, &ChatEngine::devicesListed);
    connect(worker_, &EngineWorker::deviceMemoryListed, this, &ChatEngine::deviceMemoryListed);
    connect(worker_, &EngineWorker::pieceReady, this, &ChatEngine::pieceReady);
    connect(worker_, &EngineWorker::generationFinished, this, &ChatEngine::generationFinished);
    connect(worker_, &EngineWorker::generationFailed, this, &ChatEngine::generationFailed);
    thread_.start();
}

LocalEngine::~LocalEngine() {
    stopThrough_ = ~quint64(0);
    cancel_ = true;
    thread_.quit();
    thread_.wait();
}

void LocalEngine::loadModel(const QString& path, int contextLength, int device) {
    QMetaObject::invokeMethod(
        worker_, [w = worker_, path, contextLength, device] { w->loadModel(path, contextLength, device); },
        Qt::QueuedConnection);
}

void LocalEngine::listDevices() {
    QMetaObject::invokeMethod(worker_, [w = worker_] { w->listDevices(); }, Qt::QueuedConnection);
}

void LocalEngine::unloadModel() {
    QMetaObject::invokeMethod(worker_, [w = worker_] { w->unloadModel(); }, Qt::QueuedConnection);
}

void LocalEngine::generate(const GenerationRequest& request) {
    lastRequest_ = request.id;
    QMetaObject::invokeMethod(worker_, [w = worker_, request] { w->generate(request); }, Qt::QueuedConnection);
}

std::optional<server::SharedEngine> LocalEngine::sharedEngine() {
    server::SharedEngine e;
    e.lock = &worker_->sessionLock();
    e.session = [w = worker_]() -> const Session* { return w->session(); };
    // Queued behind the chat's own requests on the engine thread: one queue, in order.
    e.run = [w = worker_](std::function<void(Session*)> task) {
        QMetaObject::invokeMethod(w, [w, task = std::move(task)] { task(w->session()); }, Qt::QueuedConnection);
    };
    return e;
}

void LocalEngine::stop() {
    stopThrough_ = lastRequest_.load();
    cancel_ = true;
}

}  // namespace causerie::gui
