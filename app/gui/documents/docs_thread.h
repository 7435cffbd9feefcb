// A thread with its own connection to documents.sqlite (SQLite connections belong to the thread
// that opened them): jobs run there in order, and their results come back on the receiver's
// thread. The Documents page indexes on one, the chat searches on another, so that a question
// never waits behind an indexing run (WAL lets the reader go on while the writer writes).
#pragma once
#include "docs/docs_database.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace causerie::gui {

class DocsThread {
public:
    DocsThread(const QString& databasePath, const QString& name);
    ~DocsThread();  // waits for the job running, closes the connection on its thread
    DocsThread(const DocsThread&) = delete;
    DocsThread& operator=(const DocsThread&) = delete;

    // Runs `job` on the thread, then `done(result)` on `receiver`'s thread (not at all when the
    // receiver is gone by then). The receiver must outlive this thread object or be deleted on
    // its own thread.
    template <typename R>
    void run(QObject* receiver, std::function<R(docs::DocsDatabase&, const QString& openError)> job,
             std::function<void(const R&)> done) {
        post([this, receiver, job = std::move(job), done = std::move(done)] {
            R result = job(database(), openError_);
            QMetaObject::invokeMethod(receiver, [done, result] { done(result); }, Qt::QueuedConnection);
        });
    }

private:
    void post(std::function<void()> task);
    docs::DocsDatabase& database();  // opened at the first job, on the thread

    QString path_;
    QThread thread_;
    QObject* context_ = nullptr;  // lives on thread_; jobs are its queued calls
    std::unique_ptr<docs::DocsDatabase> db_;
    QString openError_;
};

}  // namespace causerie::gui
