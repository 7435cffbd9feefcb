#include "documents/docs_thread.h"

namespace causerie::gui {

DocsThread::DocsThread(const QString& databasePath, const QString& name) : path_(databasePath) {
    thread_.setObjectName(name);
    context_ = new QObject;
    context_->moveToThread(&thread_);
    QObject::connect(&thread_, &QThread::finished, context_, &QObject::deleteLater);
    thread_.start();
}

DocsThread::~DocsThread() {
    // The connection closes where it was opened, after the jobs already queued.
    QMetaObject::invokeMethod(context_, [this] { db_.reset(); }, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
}

void DocsThread::post(std::function<void()> task) { QMetaObject::invokeMethod(context_, std::move(task), Qt::QueuedConnection); }

docs::DocsDatabase& DocsThread::database() {
    if (!db_) {
        db_ = std::make_unique<docs::DocsDatabase>(path_);
        if (auto opened = db_->open(); !opened) openError_ = opened.error();
    }
    return *db_;
}

}  // namespace causerie::gui
