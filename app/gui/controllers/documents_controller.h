// The Documents page and the chat's searches: collections of folders and files, indexed in the
// background (a thread of their own, never the GUI thread) with progress, pause and resume;
// their folders watched, and re-indexed when they change (only what changed is read again: the
// core's incremental index). The chat's questions are searched on a second thread.
#pragma once
#include "controllers/chat_controller.h"
#include "documents/docs_embedding.h"
#include "documents/docs_thread.h"
#include "models/collection_list_model.h"
#include "models/document_file_list_model.h"

#include <QElapsedTimer>
#include <QFileSystemWatcher>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <memory>

namespace causerie::gui {

class DocumentsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App")
    Q_PROPERTY(causerie::gui::CollectionListModel* collections READ collections CONSTANT)
    Q_PROPERTY(causerie::gui::DocumentFileListModel* files READ files CONSTANT)
    // The collection shown on the page (its files in `files`).
    Q_PROPERTY(QString currentCollection READ currentCollection WRITE setCurrentCollection NOTIFY currentCollectionChanged)
    // Its folders and files as given.
    Q_PROPERTY(QStringList currentRoots READ currentRoots NOTIFY currentRootsChanged)
    Q_PROPERTY(bool indexing READ indexing NOTIFY indexingChanged)
    Q_PROPERTY(bool paused READ paused NOTIFY indexingChanged)
    Q_PROPERTY(QString indexingCollection READ indexingCollection NOTIFY indexingChanged)
    Q_PROPERTY(int progressDone READ progressDone NOTIFY progressChanged)
    Q_PROPERTY(int progressTotal READ progressTotal NOTIFY progressChanged)
    Q_PROPERTY(QString progressPath READ progressPath NOTIFY progressChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)  // what the last indexing did
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    // No embedding model (none chosen, or it cannot load): the chat's search is lexical only
    // (the UI says so). With one, hybrid: the words and the meaning (the model's vectors).
    Q_PROPERTY(bool lexicalOnly READ lexicalOnly NOTIFY searchModeChanged)
    // The embedding model's file ("": none) and its name for the UI; why it cannot load ("" when it can).
    Q_PROPERTY(QString embeddingModel READ embeddingModel NOTIFY searchModeChanged)
    Q_PROPERTY(QString embeddingModelName READ embeddingModelName NOTIFY searchModeChanged)
    Q_PROPERTY(QString embeddingError READ embeddingError NOTIFY searchModeChanged)
    // The indexing run is computing its passages' vectors (progress counts passages, not files).
    Q_PROPERTY(bool embeddingPhase READ embeddingPhase NOTIFY progressChanged)
public:
    explicit DocumentsController(const QString& dataDir, QObject* parent = nullptr);
    ~DocumentsController() override;

    CollectionListModel* collections() { return &collections_; }
    DocumentFileListModel* files() { return &files_; }
    QString currentCollection() const { return current_; }
    void setCurrentCollection(const QString& name);
    QStringList currentRoots() const { return currentRoots_; }
    bool indexing() const { return running_; }
    bool paused() const { return paused_; }
    QString indexingCollection() const { return runningCollection_; }
    int progressDone() const { return progressDone_; }
    int progressTotal() const { return progressTotal_; }
    QString progressPath() const { return progressPath_; }
    QString notice() const { return notice_; }
    QString error() const { return error_; }
    bool lexicalOnly() const;
    QString embeddingModel() const { return embeddingPath_; }
    QString embeddingModelName() const;
    QString embeddingError() const { return embeddingError_; }
    bool embeddingPhase() const { return embeddingPhase_; }
    // The embedding model for indexing and search ("": lexical only), with its catalog prefixes.
    // A new model has every collection indexed again (only the vectors are computed: the chunks
    // are unchanged), on the indexing thread.
    void setEmbeddingModel(const QString& path, const QString& queryPrefix = {}, const QString& passagePrefix = {});

    Q_INVOKABLE bool createCollection(const QString& name);
    Q_INVOKABLE void removeCollection(const QString& name);
    // Folders or files (file URLs or paths) added to the collection and indexed.
    Q_INVOKABLE void addPaths(const QString& collection, const QVariantList& pathsOrUrls);
    // A folder or file the collection was given, removed with its files' chunks.
    Q_INVOKABLE void removePath(const QString& collection, const QString& path);
    // The collection's folders read again (only what changed is indexed again).
    Q_INVOKABLE void refresh(const QString& collection);
    Q_INVOKABLE void pause();
    Q_INVOKABLE void resume();
    Q_INVOKABLE void clearError();
    Q_INVOKABLE void clearNotice();
    // Where a source opens: the file, at its page for a PDF.
    Q_INVOKABLE QUrl sourceUrl(const QString& path, int page) const;

    // The chat's searcher (a second thread, its own connection).
    ChatController::Retriever retriever();

    // For tests: true once the collections and the current files have been read and no
    // indexing is running or queued.
    bool idle() const { return !running_ && queue_.isEmpty() && pendingLoads_ == 0; }

signals:
    void currentCollectionChanged();
    void currentRootsChanged();
    void indexingChanged();
    void progressChanged();
    void noticeChanged();
    void errorChanged();
    void searchModeChanged();
    void idleChanged();  // for tests: after each job that leaves the controller idle

private:
    struct Job {
        QString collection;
        QStringList paths;  // empty: the collection's roots again
    };
    void enqueue(const Job& job);
    void runNext();
    void reload();  // collections, then the current collection's files; the watcher
    void loadFiles();
    void watch(const QStringList& paths);
    void onChanged(const QString& path);
    void setError(const QString& message);
    void loaded();
    void setEmbeddingError(const QString& path, const QString& error);

    QString dataDir_;
    CollectionListModel collections_;
    DocumentFileListModel files_;
    QString current_;
    QStringList currentRoots_;
    void updateRoots();
    QList<Job> queue_;
    bool running_ = false, paused_ = false;
    QString runningCollection_;
    QSet<QString> interrupted_;  // collections whose indexing a pause stopped
    std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
    int progressDone_ = 0, progressTotal_ = 0;
    QString progressPath_;
    QString notice_, error_;
    int pendingLoads_ = 0;
    bool startupRefreshed_ = false;
    QElapsedTimer sinceListed_;
    QFileSystemWatcher watcher_;
    QSet<QString> dirty_;  // collections whose folders changed, re-indexed after a pause
    QTimer rescanTimer_;
    QString embeddingPath_, embeddingError_;
    bool embeddingPhase_ = false;
    DocsEmbedding embedding_;  // used on both threads (its own lock): goes after them
    // Last: they stop (and finish their jobs) before the models and the controller go.
    std::unique_ptr<DocsThread> indexer_;
    std::unique_ptr<DocsThread> searcher_;
};

}  // namespace causerie::gui
