#include "controllers/models_controller.h"

#include "models/download_manager.h"
#include "models/hf_client.h"
#include "models/models_db.h"
#include "models/models_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSet>
#include <QThread>
#include <QUrl>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace causerie::gui {

using namespace causerie::models;

namespace {

QString localPath(const QString& pathOrUrl) {
    const QUrl url(pathOrUrl);
    return url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
}

// A catalog entry has no GGUF header to read before it is downloaded: its shape is guessed from
// the parameter count with the proportions of today's small instruct models (grouped-query
// attention, 128-wide heads, a large vocabulary). Good enough for a fits / tight / too big badge.
ModelShape approximateShape(const CatalogEntry& e) {
    ModelShape s;
    const double params = e.parameterCount > 0 ? double(e.parameterCount) : double(e.size) * 1.8;
    if (params <= 0) return s;
    s.weightBytes = quint64(e.size > 0 ? e.size : qint64(params * 0.6));
    s.nLayer = params < 1.0e9 ? 24 : params < 2.5e9 ? 28 : params < 5e9 ? 32 : 36;
    const double embd = std::sqrt(params / (12.0 * s.nLayer));
    s.nEmbd = std::max<quint32>(512, quint32(std::lround(embd / 128.0)) * 128);
    s.headDim = 128;
    s.nHead = std::max<quint32>(1, s.nEmbd / s.headDim);
    s.nHeadKv = std::max<quint32>(1, s.nHead / 4);
    s.nFf = s.nEmbd * 4;
    s.nVocab = 128000;
    s.contextTrain = quint32(std::max(0, e.contextLength));
    return s;
}

}  // namespace

QString ModelsController::translateError(const QString& error) {
    if (error.isEmpty()) return error;
    struct Pattern {
        const char* regex;
        const char* text;  // %1, %2... the captures
    };
    static const Pattern patterns[] = {
        {"^cancelled$", QT_TR_NOOP("cancelled")},
        {"^not enough disk space in (.*): (.*) needed, (.*) free$", QT_TR_NOOP("not enough disk space in %1: %2 needed, %3 free")},
        {"^SHA-256 mismatch: expected (.*), got (.*); the file was deleted$",
         QT_TR_NOOP("the file is corrupt (SHA-256 expected %1, got %2); it was deleted")},
        {"^(.*); gave up after (\\d+) attempts$", QT_TR_NOOP("%1; gave up after %2 attempts")},
        {"^connection closed at (\\d+) of (\\d+) bytes$", QT_TR_NOOP("connection closed at byte %1 of %2")},
        {"^unexpected HTTP (\\d+) from (.*)$", QT_TR_NOOP("the server answered HTTP %1 (%2)")},
        {"^HTTP (\\d+).* from (\\S+)$", QT_TR_NOOP("the server answered HTTP %1 (%2)")},
        {"^(.*) already exists$", QT_TR_NOOP("%1 is already installed")},
        {"^(.*) is already in the download queue$", QT_TR_NOOP("%1 is already in the download queue")},
        {"^not a usable GGUF file \\((.*)\\); the file was deleted$", QT_TR_NOOP("not a usable GGUF file (%1); it was deleted")},
        {"^not a usable GGUF file: (.*)$", QT_TR_NOOP("not a usable GGUF file: %1")},
        {"^size mismatch: (\\d+) bytes written, (\\d+) expected$", QT_TR_NOOP("size mismatch: %1 bytes written, %2 expected")},
        {"^(.*): no such file$", QT_TR_NOOP("%1: no such file")},
        {"^cannot write (.*): (.*)$", QT_TR_NOOP("cannot write %1: %2")},
        {"^Hugging Face: HTTP (\\d+) for (.*)$", QT_TR_NOOP("Hugging Face answered HTTP %1 for %2")},
        {"^Hugging Face: (.*)$", QT_TR_NOOP("Hugging Face: %1")},
        {"^no installed model '(.*)'$", QT_TR_NOOP("no installed model '%1'")},
    };
    for (const Pattern& p : patterns) {
        const QRegularExpression re(QString::fromLatin1(p.regex));
        const QRegularExpressionMatch m = re.match(error);
        if (!m.hasMatch()) continue;
        QString text = QCoreApplication::translate("causerie::gui::ModelsController", p.text);
        for (int i = 1; i <= m.lastCapturedIndex(); ++i) text = text.arg(m.captured(i));
        return text;
    }
    return error;
}

ModelsController::ModelsController(AppSettings& settings, const QString& dataDir, DownloadOptions options,
                                   QObject* parent)
    : QObject(parent), settings_(settings), dataDir_(dataDir), modelsDir_(defaultModelsDir(dataDir)) {
    QDir().mkpath(modelsDir_);
    db_ = std::make_unique<ModelsDb>(ModelsDb::defaultPath(dataDir));
    if (auto opened = db_->open(); !opened) {
        setError(tr("The models database cannot be opened: %1").arg(opened.error()));
        spdlog::error("models database: {}", opened.error().toStdString());
    }
    nam_ = new QNetworkAccessManager(this);
    manager_ = std::make_unique<DownloadManager>(*db_, std::move(options), nam_);
    hf_ = new HfClient(nam_, QUrl(settings_.hfBaseUrl()), this);
    refresher_ = new CatalogRefresher(nam_, dataDir_, this);
    downloads_.setErrorTranslator(&ModelsController::translateError);

    connect(&settings_, &AppSettings::hfBaseUrlChanged, this, [this] { hf_->setBaseUrl(QUrl(settings_.hfBaseUrl())); });
    connect(&settings_, &AppSettings::deviceChanged, this, [this] {
        emit deviceMemoryChanged();
        applyScan();
        updateCatalogFit();
    });
    connect(refresher_, &CatalogRefresher::refreshed, this, [this](int count) {
        emit busyChanged();
        QSet<QString> before;
        for (const CatalogEntry& e : catalogModel_.entries()) before.insert(e.id);
        reloadCatalog();
        int added = 0;
        for (const CatalogEntry& e : catalogModel_.entries()) added += before.contains(e.id) ? 0 : 1;
        if (errorScope_ == QLatin1String("catalog")) clearError();  // an older failure no longer holds
        setNotice([count, added] {
            return tr("Catalog up to date: %1, %2").arg(tr("%n models", nullptr, count), tr("%n new", nullptr, added));
        });
    });
    connect(refresher_, &CatalogRefresher::failed, this, [this](const QString& reason) {
        emit busyChanged();
        setError(tr("The catalog cannot be refreshed (the last copy is shown): %1").arg(translateError(reason)), QStringLiteral("catalog"));
    });

    connect(manager_.get(), &DownloadManager::downloadAdded, this, [this](qint64 id) {
        if (auto d = manager_->download(id)) downloads_.upsert(*d);
        updateCatalogStatus();
    });
    connect(manager_.get(), &DownloadManager::downloadChanged, this, [this](qint64 id) {
        if (auto d = manager_->download(id)) downloads_.upsert(*d);
        updateCatalogStatus();  // a failed one resumed is downloading again
    });
    connect(manager_.get(), &DownloadManager::downloadRemoved, this, [this](qint64 id) {
        downloads_.remove(id);
        updateCatalogStatus();
    });
    connect(manager_.get(), &DownloadManager::downloadFinished, this, [this](qint64 id, bool ok, const QString& why) {
        if (auto d = manager_->download(id)) downloads_.upsert(*d);
        updateCatalogStatus();
        if (ok) rescan();
        else spdlog::warn("download {} failed: {}", id, why.toStdString());
        if (auto d = manager_->download(id); ok && d) emit downloadCompleted(d->request.catalogId, d->request.finalPath());
    });
    if (db_->isOpen()) {
        if (auto opened = manager_->open(); !opened) setError(translateError(opened.error()));
        downloads_.setDownloads(manager_->downloads());
    }
    reloadCatalog();
    rescan();
}

ModelsController::~ModelsController() {
    manager_.reset();  // leaves running downloads resumable
    for (QThread* t : threads_) {
        t->wait();
        delete t;
    }
}

bool ModelsController::refreshingCatalog() const { return refresher_->busy(); }

qint64 ModelsController::deviceMemory() const {
    const int index = std::max(0, settings_.device());
    const qint64 bytes = index < deviceMemory_.size() ? deviceMemory_[index] : 0;
    return bytes > 0 ? bytes : fallbackDeviceMemory();
}

bool ModelsController::deviceMemoryKnown() const {
    const int index = std::max(0, settings_.device());
    return index < deviceMemory_.size() && deviceMemory_[index] > 0;
}

void ModelsController::setFitContext(int context) {
    context = std::clamp(context, 256, 1 << 20);
    if (context == fitContext_) return;
    fitContext_ = context;
    emit deviceMemoryChanged();
    applyScan();
    updateCatalogFit();
}

void ModelsController::setLanguage(const QString& language) {
    language_ = language;
    if (notice_) emit noticeChanged();  // said again in the new language
    catalog_.setLanguage(language);
    suggestions_.setLanguage(language);
    downloads_.retranslate();
    updateCatalogStatus();  // the reasons of failed downloads, in the new language
}

void ModelsController::setDeviceMemory(const QList<qint64>& bytes) {
    deviceMemory_ = bytes;
    emit deviceMemoryChanged();
    applyScan();
    updateCatalogFit();
}

FitEstimate ModelsController::fitOf(const ModelShape& shape) const {
    const quint32 trained = shape.contextTrain ? shape.contextTrain : quint32(fitContext_);
    return estimateFit(shape, std::min(quint32(fitContext_), trained), quint64(deviceMemory()));
}

QString ModelsController::networkProblem(const QString& error) {
    // Qt's socket and DNS errors, as QNetworkReply::errorString() words them.
    static const QRegularExpression offline(
        QStringLiteral("host .* not found|connection refused|network (is )?unreachable|timed out|"
                       "temporary failure in name resolution|network access is disabled|no route to host|"
                       "connection closed|remote host closed"),
        QRegularExpression::CaseInsensitiveOption);
    if (!offline.match(error).hasMatch()) return {};
    return tr("No Internet connection, or the server cannot be reached: the catalog, the search and the downloads "
              "need one. Local models keep working.");
}

void ModelsController::setError(const QString& error, const QString& scope) {
    const QString plain = networkProblem(error);
    const QString shown = plain.isEmpty() ? error : plain;
    const QString details = plain.isEmpty() ? QString() : error;
    const QString where = shown.isEmpty() ? QString() : scope;
    if (shown == error_ && details == errorDetails_ && where == errorScope_) return;
    error_ = shown;
    errorDetails_ = details;
    errorScope_ = where;
    emit errorChanged();
}

void ModelsController::setNotice(std::function<QString()> notice) {
    notice_ = std::move(notice);
    emit noticeChanged();
}

QString ModelsController::notice() const { return notice_ ? notice_() : QString(); }

void ModelsController::clearError() { setError({}); }
void ModelsController::clearNotice() { setNotice(nullptr); }

// --- catalog --------------------------------------------------------------------------------

void ModelsController::reloadCatalog() {
    catalogModel_ = Catalog::load(dataDir_);
    catalog_.setLanguage(language_);
    updateCatalogFit();
    emit catalogChanged();
}

void ModelsController::refreshCatalog() {
    const QUrl url(settings_.catalogUrl());
    if (settings_.catalogUrl().isEmpty()) {
        setNotice([] { return tr("No catalog address is set (see the settings): the built-in catalog is shown."); });
        return;
    }
    if (!url.isValid() || url.scheme().isEmpty()) {
        setError(tr("The catalog address is not a valid URL: %1").arg(settings_.catalogUrl()), QStringLiteral("catalog"));
        return;
    }
    refresher_->refresh(url);
    emit busyChanged();
}

void ModelsController::updateCatalogFit() {
    QList<CatalogRow> rows;
    for (const CatalogEntry& e : catalogModel_.entries()) {
        CatalogRow row;
        row.entry = e;
        const InstalledModel* local = ModelLibrary::find(scan_, e.file);
        row.fit = fitOf(local && local->valid ? local->summary.shape : approximateShape(e));
        rows << row;
    }
    catalog_.setRows(rows);
    updateCatalogStatus();
}

void ModelsController::updateCatalogStatus() {
    QStringList installedFiles, downloading;
    QHash<QString, QString> failed;  // file name (lower case) -> why, for the catalog's cards
    for (const InstalledModel& m : scan_)
        if (m.source == ModelSource::ModelsFolder) installedFiles << m.fileName;
    for (const DownloadInfo& d : downloads_.downloads()) {
        if (d.state == DownloadState::Failed) failed.insert(d.request.fileName.toLower(), translateError(d.error));
        else if (d.state != DownloadState::Completed) downloading << d.request.fileName;
    }
    catalog_.setStatus(installedFiles, downloading, failed);
}

bool ModelsController::downloadCatalogEntry(const QString& entryId) {
    const CatalogEntry* e = catalogModel_.find(entryId);
    if (!e) return setError(tr("No such model in the catalog: %1").arg(entryId), QStringLiteral("catalog")), false;
    if (!e->supported()) return setError(tr("%1 is not supported yet").arg(e->name), QStringLiteral("catalog")), false;
    // A failed download of this entry is tried again (from its .part when one is kept).
    for (const DownloadInfo& d : downloads_.downloads()) {
        if (d.state == DownloadState::Failed && d.request.fileName.compare(e->file, Qt::CaseInsensitive) == 0 &&
            QDir(d.request.dir) == QDir(modelsDir_)) {
            manager_->resume(d.id);
            if (errorScope_ == QLatin1String("catalog")) clearError();
            return true;
        }
    }
    DownloadRequest request;
    request.url = e->downloadUrl(catalogModel_.downloadBase());
    request.dir = modelsDir_;
    request.fileName = e->file;
    request.catalogId = e->id;
    request.expectedSha256 = e->sha256;
    request.expectedSize = e->size;
    auto id = manager_->enqueue(request);
    if (!id) return setError(tr("Cannot download %1: %2").arg(e->name, translateError(id.error())), QStringLiteral("catalog")), false;
    return true;
}

// --- Hugging Face -----------------------------------------------------------------------------

void ModelsController::search(const QString& query) {
    const QString q = query.trimmed();
    if (q.isEmpty()) return searchResults_.setRows({});
    const quint64 serial = ++searchSerial_;
    searching_ = true;
    emit busyChanged();
    hf_->search(q, 30, [this, serial](Result<QList<HfModel>> found) {
        if (serial != searchSerial_) return;
        searching_ = false;
        emit busyChanged();
        if (!found) return setError(tr("The search failed: %1").arg(translateError(found.error())), QStringLiteral("search"));
        searchResults_.setRows(*found);
    });
}

void ModelsController::listFiles(const QString& repository) {
    listingFiles_ = true;
    files_.setRows(repository, {});
    emit busyChanged();
    hf_->listFiles(repository, [this, repository](Result<QList<HfFile>> files) {
        if (files_.repository() != repository) return;
        listingFiles_ = false;
        emit busyChanged();
        if (!files) return setError(tr("The files of %1 cannot be listed: %2").arg(repository, translateError(files.error())), QStringLiteral("search"));
        files_.setRows(repository, *files);
    });
}

bool ModelsController::downloadFile(int row) {
    if (row < 0 || row >= files_.count()) return false;
    const HfFile& f = files_.rows().at(row);
    DownloadRequest request;
    request.url = hf_->fileUrl(files_.repository(), f.path);
    request.dir = modelsDir_;
    request.fileName = QFileInfo(f.path).fileName();
    request.expectedSha256 = f.sha256;
    request.expectedSize = f.size;
    auto id = manager_->enqueue(request);
    if (!id) return setError(tr("Cannot download %1: %2").arg(request.fileName, translateError(id.error())), QStringLiteral("search")), false;
    return true;
}

// --- downloads --------------------------------------------------------------------------------

void ModelsController::pause(qint64 id) { manager_->pause(id); }
void ModelsController::resume(qint64 id) { manager_->resume(id); }
void ModelsController::cancel(qint64 id) { manager_->cancel(id); }
void ModelsController::forget(qint64 id) { manager_->forget(id); }

// --- installed models -------------------------------------------------------------------------

template <class T>
void ModelsController::inBackground(std::function<T(ModelLibrary&)> work, std::function<void(T)> done) {
    auto result = std::make_shared<std::optional<T>>();
    const QString dbPath = db_->path(), dir = modelsDir_;
    QThread* thread = QThread::create([work = std::move(work), result, dbPath, dir] {
        ModelsDb db(dbPath);  // one connection per thread
        (void)db.open();
        ModelLibrary library(db, dir);
        *result = work(library);
    });
    threads_ << thread;
    connect(thread, &QThread::finished, this, [this, thread, result, done = std::move(done)] {
        threads_.removeOne(thread);
        thread->deleteLater();
        if (*result) done(std::move(**result));
    });
    thread->start();
}

struct ScanResult {
    QList<InstalledModel> models;
    QList<ExternalModel> external;
};

void ModelsController::rescan() {
    if (scans_ > 0) {
        rescanAgain_ = true;
        return;
    }
    ++scans_;
    emit busyChanged();
    inBackground<ScanResult>(
        [](ModelLibrary& library) { return ScanResult{library.scan(), library.findExternal()}; },
        [this](ScanResult r) {
            --scans_;
            scan_ = r.models;
            external_ = r.external;
            applyScan();
            updateCatalogFit();
            emit busyChanged();
            emit scanned();
            if (rescanAgain_) {
                rescanAgain_ = false;
                rescan();
            }
        });
}

const models::CatalogEntry* ModelsController::catalogEntryFor(const QString& path) const {
    return catalogModel_.find(QFileInfo(path).fileName());
}

void ModelsController::applyScan() {
    QList<InstalledRow> rows;
    for (const InstalledModel& m : scan_) {
        InstalledRow row;
        row.model = m;
        // An embedding model by its file, or by its catalog entry.
        if (const models::CatalogEntry* entry = catalogEntryFor(m.path); entry && entry->isEmbedding()) row.model.summary.embedding = true;
        if (m.valid) row.fit = fitOf(m.summary.shape);
        rows << row;
    }
    for (const ExternalModel& e : external_) {
        InstalledRow row;
        row.external = true;
        row.model.path = e.path;
        row.model.fileName = QFileInfo(e.path).fileName();
        row.model.id = QFileInfo(e.path).completeBaseName();
        row.model.sizeOnDisk = e.size;
        row.model.source = e.source;
        rows << row;
    }
    installed_.setRows(rows);
}

void ModelsController::importFile(const QString& pathOrUrl, bool copy) {
    const QString path = localPath(pathOrUrl);
    if (path.isEmpty()) return;
    ++imports_;
    emit busyChanged();
    const QString name = QFileInfo(path).fileName();
    if (copy) setNotice([name] { return tr("Copying %1 into the models folder…").arg(name); });
    else setNotice(nullptr);
    inBackground<Result<InstalledModel>>(
        [path, copy](ModelLibrary& library) { return library.importFile(path, copy ? ImportMode::Copy : ImportMode::InPlace); },
        [this, path](Result<InstalledModel> r) {
            --imports_;
            emit busyChanged();
            if (!r) {
                setNotice(nullptr);
                setError(tr("Cannot import %1: %2").arg(QFileInfo(path).fileName(), translateError(r.error())), QStringLiteral("installed"));
                return;
            }
            setNotice([name = r->fileName] { return tr("%1 is installed").arg(name); });
            emit imported(r->path);
            rescan();
        });
}

namespace {
QVariantMap planToMap(const RemovalPlan& plan) {
    return {{QStringLiteral("path"), plan.model.path},
            {QStringLiteral("name"), plan.model.fileName},
            {QStringLiteral("bytes"), plan.bytesFreed},
            {QStringLiteral("forgetOnly"), plan.forgetOnly},
            {QStringLiteral("files"), plan.filesToDelete}};
}
}  // namespace

void ModelsController::requestRemoval(const QString& path) {
    inBackground<Result<RemovalPlan>>([path](ModelLibrary& library) { return library.planRemoval(path); },
                                      [this](Result<RemovalPlan> plan) {
                                          if (!plan) return setError(translateError(plan.error()), QStringLiteral("installed"));
                                          emit removalPlanned(planToMap(*plan));
                                      });
}

void ModelsController::confirmRemoval(const QString& path) {
    inBackground<Status>(
        [path](ModelLibrary& library) -> Status {
            auto plan = library.planRemoval(path);
            if (!plan) return fail(plan.error());
            return library.remove(*plan);
        },
        [this, path](Status done) {
            if (!done) return setError(tr("Cannot delete the model: %1").arg(translateError(done.error())), QStringLiteral("installed"));
            setNotice([name = QFileInfo(path).fileName()] { return tr("%1 was removed").arg(name); });
            emit removed(path);
            rescan();
        });
}

}  // namespace causerie::gui
