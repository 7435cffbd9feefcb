#include "controllers/documents_controller.h"

#include "docs/docs_index.h"
#include "docs/grounded_prompt.h"
#include "docs/docs_vectors.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <spdlog/spdlog.h>

namespace causerie::gui {

namespace {
constexpr int kRescanDelayMs = 1500;   // changes in a watched folder settle, then one re-index
constexpr int kMaxWatched = 8000;
constexpr int kListIntervalMs = 1000;  // the lists are read again this often while indexing  // inotify watches are a per-user resource

struct IndexOutcome {
    docs::IndexReport report;
    QString error;
    QString embeddingPath, embeddingError;  // the model tried, and why it could not load
    int embedded = -1;                      // passages given a vector now; -1: no embedding model
};

template <typename T>
struct Loaded {
    T value{};
    QString error;
    QStringList files;  // folders and files of every collection, to watch
};

QString localPath(const QVariant& v) {
    const QString s = v.toString();
    const QUrl url(s);
    if (url.isLocalFile()) return url.toLocalFile();
    return s;
}
}  // namespace

DocumentsController::DocumentsController(const QString& dataDir, QObject* parent) : QObject(parent), dataDir_(dataDir) {
    QDir().mkpath(dataDir);
    const QString path = docs::DocsDatabase::pathIn(dataDir);
    indexer_ = std::make_unique<DocsThread>(path, QStringLiteral("docs-index"));
    searcher_ = std::make_unique<DocsThread>(path, QStringLiteral("docs-search"));
    rescanTimer_.setSingleShot(true);
    rescanTimer_.setInterval(kRescanDelayMs);
    connect(&rescanTimer_, &QTimer::timeout, this, [this] {
        const QSet<QString> dirty = std::exchange(dirty_, {});
        for (const QString& c : dirty) refresh(c);
    });
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, this, &DocumentsController::onChanged);
    connect(&watcher_, &QFileSystemWatcher::fileChanged, this, &DocumentsController::onChanged);
    reload();
}

DocumentsController::~DocumentsController() {
    cancel_->store(true);  // an indexing run stops at its next file
}

bool DocumentsController::lexicalOnly() const { return embeddingPath_.isEmpty() || !embeddingError_.isEmpty(); }

QString DocumentsController::embeddingModelName() const {
    return embeddingPath_.isEmpty() ? QString() : QFileInfo(embeddingPath_).completeBaseName();
}

void DocumentsController::setEmbeddingModel(const QString& path, const QString& queryPrefix, const QString& passagePrefix) {
    embedding_.setModel(path, queryPrefix, passagePrefix);
    if (path == embeddingPath_) return;
    embeddingPath_ = path;
    embeddingError_.clear();
    emit searchModeChanged();
    // The collections get this model's vectors (their chunks are unchanged: only embedding runs).
    if (!path.isEmpty())
        for (const QString& c : collections_.names()) refresh(c);
}

void DocumentsController::setEmbeddingError(const QString& path, const QString& error) {
    if (path != embeddingPath_ || error == embeddingError_) return;  // a model since replaced
    embeddingError_ = error;
    if (!error.isEmpty()) spdlog::warn("documents: embedding model {}: {}", path.toStdString(), error.toStdString());
    emit searchModeChanged();
}

QUrl DocumentsController::sourceUrl(const QString& path, int page) const { return docs::sourceUrl(path, page); }

void DocumentsController::setError(const QString& message) {
    if (!message.isEmpty()) spdlog::warn("documents: {}", message.toStdString());
    if (error_ == message) return;
    error_ = message;
    emit errorChanged();
}

void DocumentsController::clearError() { setError({}); }

void DocumentsController::clearNotice() {
    if (notice_.isEmpty()) return;
    notice_.clear();
    emit noticeChanged();
}

void DocumentsController::setCurrentCollection(const QString& name) {
    if (current_ == name) return;
    current_ = name;
    emit currentCollectionChanged();
    updateRoots();
    loadFiles();
}

void DocumentsController::updateRoots() {
    const int row = collections_.indexOf(current_);
    const QStringList roots = row >= 0 ? collections_.collections().at(row).roots : QStringList();
    if (roots == currentRoots_) return;
    currentRoots_ = roots;
    emit currentRootsChanged();
}

void DocumentsController::loaded() {
    --pendingLoads_;
    if (idle()) emit idleChanged();
}

void DocumentsController::reload() {
    ++pendingLoads_;
    // On the reading thread: the lists come while an indexing run writes (WAL).
    searcher_->run<Loaded<QList<docs::CollectionSummary>>>(
        this,
        [](docs::DocsDatabase& db, const QString& openError) {
            Loaded<QList<docs::CollectionSummary>> out;
            if (!openError.isEmpty()) return out.error = openError, out;
            auto list = docs::collectionSummaries(db);
            if (!list) return out.error = list.error(), out;
            out.value = *list;
            // What to watch, found here rather than on the GUI thread: the folders given and
            // their subfolders (a file added, removed or renamed there), the files given alone,
            // and the files indexed (a file written in place is reported for the file only).
            for (const docs::CollectionSummary& c : out.value) {
                for (const QString& root : c.roots) {
                    const QFileInfo info(root);
                    if (!info.exists()) continue;
                    out.files << root;
                    if (!info.isDir()) continue;
                    QDirIterator it(root, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
                    while (it.hasNext() && out.files.size() < kMaxWatched) out.files << QDir::cleanPath(it.next());
                }
            }
            docs::DocsIndex index(db);
            for (const docs::CollectionSummary& c : out.value)
                if (auto files = index.files(c.name))
                    for (const docs::FileRecord& f : *files)
                        if (out.files.size() < kMaxWatched) out.files << f.path;
            return out;
        },
        [this](const Loaded<QList<docs::CollectionSummary>>& r) {
            if (!r.error.isEmpty()) setError(r.error);
            collections_.setCollections(r.value);
            updateRoots();
            if (!current_.isEmpty() && collections_.indexOf(current_) < 0) setCurrentCollection({});
            if (current_.isEmpty() && collections_.count() > 0) setCurrentCollection(collections_.collections().first().name);
            else loadFiles();
            watch(r.files);
            // At start, what changed while the app was closed (only that is read again).
            if (!startupRefreshed_) {
                startupRefreshed_ = true;
                for (const docs::CollectionSummary& c : r.value) refresh(c.name);
            }
            loaded();
        });
}

void DocumentsController::loadFiles() {
    const QString name = current_;
    if (name.isEmpty()) return files_.setFiles({});
    ++pendingLoads_;
    searcher_->run<Loaded<QList<docs::FileRecord>>>(
        this,
        [name](docs::DocsDatabase& db, const QString& openError) {
            Loaded<QList<docs::FileRecord>> out;
            if (!openError.isEmpty()) return out.error = openError, out;
            docs::DocsIndex index(db);
            auto files = index.files(name);
            if (!files) out.error = files.error();
            else out.value = *files;
            return out;
        },
        [this, name](const Loaded<QList<docs::FileRecord>>& r) {
            if (name == current_) files_.setFiles(r.value);  // a collection just removed has no files: no error
            loaded();
        });
}

void DocumentsController::watch(const QStringList& wanted) {
    const QSet<QString> want(wanted.begin(), wanted.end());
    const QStringList watched = watcher_.directories() + watcher_.files();
    const QSet<QString> have(watched.begin(), watched.end());
    QStringList gone, added;
    for (const QString& p : have)
        if (!want.contains(p)) gone << p;
    for (const QString& p : want)
        if (!have.contains(p)) added << p;
    if (!gone.isEmpty()) watcher_.removePaths(gone);
    if (!added.isEmpty()) watcher_.addPaths(added);
}

void DocumentsController::onChanged(const QString& path) {
    const QString clean = QDir::cleanPath(path);
    for (const docs::CollectionSummary& c : collections_.collections()) {
        for (const QString& root : c.roots) {
            if (clean == root || clean.startsWith(root + QLatin1Char('/')) || root.startsWith(clean + QLatin1Char('/'))) {
                dirty_.insert(c.name);
                break;
            }
        }
    }
    if (!dirty_.isEmpty()) rescanTimer_.start();
}

bool DocumentsController::createCollection(const QString& name) {
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) return false;
    if (collections_.indexOf(trimmed) >= 0) {
        setError(tr("There is already a collection named “%1”.").arg(trimmed));
        return false;
    }
    ++pendingLoads_;
    indexer_->run<QString>(
        this,
        [trimmed](docs::DocsDatabase& db, const QString& openError) {
            if (!openError.isEmpty()) return openError;
            docs::DocsIndex index(db);
            auto id = index.collection(trimmed, true);
            return id ? QString() : id.error();
        },
        [this, trimmed](const QString& error) {
            if (!error.isEmpty()) setError(error);
            current_ = trimmed;
            emit currentCollectionChanged();
            reload();
            loaded();
        });
    return true;
}

void DocumentsController::removeCollection(const QString& name) {
    // Its queued indexing goes too; a running one stops at its next file.
    for (qsizetype i = queue_.size() - 1; i >= 0; --i)
        if (queue_[i].collection == name) queue_.removeAt(i);
    interrupted_.remove(name);
    if (running_ && runningCollection_ == name) cancel_->store(true);
    ++pendingLoads_;
    indexer_->run<QString>(
        this,
        [name](docs::DocsDatabase& db, const QString& openError) {
            if (!openError.isEmpty()) return openError;
            docs::DocsIndex index(db);
            auto removed = index.removeCollection(name);
            return removed ? QString() : removed.error();
        },
        [this, name](const QString& error) {
            if (!error.isEmpty()) setError(error);
            if (current_ == name) {
                current_.clear();
                emit currentCollectionChanged();
                files_.setFiles({});
            }
            reload();
            loaded();
        });
}

void DocumentsController::addPaths(const QString& collection, const QVariantList& pathsOrUrls) {
    QStringList paths;
    for (const QVariant& v : pathsOrUrls) {
        const QString p = localPath(v).trimmed();
        if (!p.isEmpty()) paths << docs::normalizedPath(p);
    }
    if (collection.trimmed().isEmpty() || paths.isEmpty()) return;
    clearError();
    enqueue({collection, paths});
}

void DocumentsController::removePath(const QString& collection, const QString& path) {
    ++pendingLoads_;
    indexer_->run<QString>(
        this,
        [collection, path](docs::DocsDatabase& db, const QString& openError) {
            if (!openError.isEmpty()) return openError;
            docs::DocsIndex index(db);
            auto removed = index.remove(collection, path);
            return removed ? QString() : removed.error();
        },
        [this](const QString& error) {
            if (!error.isEmpty()) setError(error);
            reload();
            loaded();
        });
}

void DocumentsController::refresh(const QString& collection) {
    for (const Job& j : queue_)
        if (j.collection == collection && j.paths.isEmpty()) return;  // already coming
    enqueue({collection, {}});
}

void DocumentsController::enqueue(const Job& job) {
    queue_.append(job);
    runNext();
}

void DocumentsController::pause() {
    if (paused_) return;
    paused_ = true;
    if (running_) cancel_->store(true);
    emit indexingChanged();
}

void DocumentsController::resume() {
    if (!paused_) return;
    paused_ = false;
    // What a pause stopped starts again from the collection's folders (the files done are
    // unchanged now: skipped at once).
    for (const QString& c : std::exchange(interrupted_, {})) queue_.prepend({c, {}});
    emit indexingChanged();
    runNext();
}

void DocumentsController::runNext() {
    if (running_ || paused_ || queue_.isEmpty()) {
        if (idle()) emit idleChanged();
        return;
    }
    const Job job = queue_.takeFirst();
    running_ = true;
    runningCollection_ = job.collection;
    cancel_->store(false);
    progressDone_ = progressTotal_ = 0;
    progressPath_.clear();
    emit indexingChanged();
    emit progressChanged();
    std::shared_ptr<std::atomic<bool>> cancel = cancel_;
    indexer_->run<IndexOutcome>(
        this,
        [job, cancel, this](docs::DocsDatabase& db, const QString& openError) {
            IndexOutcome out;
            out.embeddingPath = embedding_.model();
            if (!openError.isEmpty()) return out.error = openError, out;
            docs::DocsIndex index(db);
            docs::IndexOptions options;
            options.cancel = cancel.get();
            // Progress goes to the GUI thread as queued calls (the controller outlives this
            // thread: it stops the thread first).
            options.progress = [this](const docs::IndexProgress& p) {
                QMetaObject::invokeMethod(this, [this, p] {
                    progressDone_ = p.done;
                    progressTotal_ = p.total;
                    progressPath_ = p.path;
                    emit progressChanged();
                    // The page's lists follow the run (its folders, the files done so far).
                    if (!sinceListed_.isValid() || sinceListed_.elapsed() >= kListIntervalMs) {
                        sinceListed_.start();
                        if (pendingLoads_ == 0) reload();
                    }
                }, Qt::QueuedConnection);
            };
            auto report = job.paths.isEmpty() ? index.refresh(job.collection, options) : index.add(job.collection, job.paths, options);
            if (!report) out.error = report.error();
            else out.report = *report;
            if (!report || report->cancelled || out.embeddingPath.isEmpty()) return out;
            // Then the passages' vectors, on this thread too (the model loads here at its first use).
            auto id = embedding_.load();
            if (!id) return out.embeddingError = id.error(), out;
            docs::EmbedOptions embedding;
            embedding.cancel = cancel.get();
            embedding.progress = [this](const docs::EmbedProgress& p) {
                QMetaObject::invokeMethod(this, [this, p] {
                    embeddingPhase_ = true;
                    progressDone_ = p.done;
                    progressTotal_ = p.total;
                    progressPath_.clear();
                    emit progressChanged();
                }, Qt::QueuedConnection);
            };
            auto embedded = docs::embedCollection(db, job.collection, embedding_.docsEmbedder(*id), embedding);
            if (!embedded) out.embeddingError = embedded.error();
            else if (embedded->cancelled) out.report.cancelled = true;
            else out.embedded = embedded->embedded;
            return out;
        },
        [this, job](const IndexOutcome& r) {
            running_ = false;
            runningCollection_.clear();
            embeddingPhase_ = false;
            if (!r.embeddingPath.isEmpty()) setEmbeddingError(r.embeddingPath, r.embeddingError);
            if (!r.error.isEmpty()) {
                setError(r.error);
            } else if (r.report.cancelled) {
                if (paused_ && collections_.indexOf(job.collection) >= 0) interrupted_.insert(job.collection);
            } else {
                const docs::IndexReport& p = r.report;
                notice_ = tr("“%1”: %2 added, %3 updated, %4 unchanged, %5 removed, %6 unreadable; %7 written.")
                              .arg(job.collection)
                              .arg(p.added).arg(p.updated).arg(p.unchanged).arg(p.removed).arg(p.failed)
                              .arg(tr("%n passage(s)", "", p.chunks));
                if (r.embedded > 0)
                    notice_ += QLatin1Char(' ') + tr("%n passage(s) given their meaning's vector by %1.", "", r.embedded)
                                                      .arg(QFileInfo(r.embeddingPath).completeBaseName());
                emit noticeChanged();
            }
            emit indexingChanged();
            reload();
            runNext();
        });
}

ChatController::Retriever DocumentsController::retriever() {
    return [this](const QStringList& collections, const QString& question,
                  std::function<void(const storage::Result<docs::Retrieval>&)> done) {
        searcher_->run<storage::Result<docs::Retrieval>>(
            this,
            [this, collections, question](docs::DocsDatabase& db, const QString& openError) -> storage::Result<docs::Retrieval> {
                if (!openError.isEmpty()) return storage::fail(openError);
                // Hybrid with the embedding model when it loads (here, on the search thread);
                // lexical otherwise, the reason shown on the page and in the drawer.
                docs::RetrievalOptions options;
                const QString path = embedding_.model();
                QString failure;
                if (!path.isEmpty()) {
                    if (auto id = embedding_.load()) {
                        options.vectorModel = *id;
                        options.embedQuestion = [this](const QString& q) { return embedding_.embedQuestion(q); };
                    } else {
                        failure = id.error();
                    }
                }
                auto found = docs::retrieveExcerpts(db, collections, question, options);
                if (!found && docs::retrievalMode(options) == docs::RetrievalMode::Hybrid) {
                    failure = found.error();
                    found = docs::retrieveExcerpts(db, collections, question, {});
                }
                if (!path.isEmpty())
                    QMetaObject::invokeMethod(this, [this, path, failure] { setEmbeddingError(path, failure); }, Qt::QueuedConnection);
                return found;
            },
            std::move(done));
    };
}

}  // namespace causerie::gui
