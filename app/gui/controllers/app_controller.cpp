#include "controllers/app_controller.h"

#include "app/accessibility.h"
#include "app/logging.h"
#include "app/offline_network.h"
#include "markdown/safe_markdown.h"
#include "models/gguf_summary.h"
#include "storage/conversation_store.h"
#include "storage/database.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QGuiApplication>
#include <QIcon>
#include <QLocale>
#include <QPalette>
#include <QPointer>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickWindow>
#include <spdlog/spdlog.h>

namespace causerie::gui {

namespace {
QPointer<AppController> currentInstance;
}

AppController::AppController(const QString& dataDir, ChatEngine* engine, QObject* parent)
    : QObject(parent), settings_(dataDir), engine_(engine) {
    QDir().mkpath(dataDir);
    database_ = std::make_unique<storage::Database>(QDir(dataDir).filePath(QStringLiteral("causerie.db")));
    if (auto opened = database_->open(); !opened) {
        storageError_ = opened.error();
        spdlog::error("cannot open the database: {}", storageError_.toStdString());
    } else if (database_->recoveredReplies() > 0) {
        spdlog::info("{} interrupted replies recovered", database_->recoveredReplies());
    }
    store_ = std::make_unique<storage::ConversationStore>(*database_);
    chat_ = std::make_unique<ChatController>(*store_, *engine_);
    models_ = std::make_unique<ModelsController>(settings_, dataDir);
    connections_ = std::make_unique<ConnectionsController>(dataDir, &secrets_, remoteEngine_.client());
    chat_->setRemoteEngine(&remoteEngine_);
    chat_->setGridIntensity(settings_.gridIntensity());
    connect(&settings_, &AppSettings::gridIntensityChanged, this, [this] { chat_->setGridIntensity(settings_.gridIntensity()); });
    server_ = std::make_unique<ServerController>(dataDir, engine_, &secrets_);
    documents_ = std::make_unique<DocumentsController>(dataDir);
    chat_->setRetriever(documents_->retriever());
    connect(models_->installed(), &InstalledModelListModel::embeddingModelsChanged, this, &AppController::applyEmbeddingModel);
    connect(&settings_, &AppSettings::embeddingModelChanged, this, &AppController::applyEmbeddingModel);
    remoteEngine_.setTargetResolver([this] {
        return RemoteTarget{connections_->endpoint(remoteModel_.connectionId), remoteModel_.remoteModel};
    });
    connect(connections_.get(), &ConnectionsController::connectionRemoved, this, [this](const QString& id) {
        if (!usingRemote_ || remoteModel_.connectionId != id) return;
        if (chat_->generating()) chat_->stop();
        usingRemote_ = false;
        remoteModel_ = {};
        chat_->setModel(model_);
        emit modelChanged();
    });
    connect(engine_, &ChatEngine::deviceMemoryListed, models_.get(), &ModelsController::setDeviceMemory);
    connect(chat_.get(), &ChatController::conversationsChanged, this, &AppController::refreshConversations);
    // At start, with no model asked for (no --model, no last model), the only installed one.
    connect(models_.get(), &ModelsController::scanned, this, [this] {
        if (!autoPickPending_) return;
        autoPickPending_ = false;
        if (loading_ || !model_.path.isEmpty() || !modelError_.isEmpty()) return;
        QStringList usable;
        for (const InstalledRow& row : models_->installed()->rows())
            if (row.model.valid && row.model.summary.supported && !row.model.summary.embedding) usable << row.model.path;
        if (usable.size() == 1) openModel(usable.first());
    });

    connect(engine_, &ChatEngine::loadProgress, this, [this](double fraction) {
        progress_ = fraction;
        emit loadProgressChanged();
    });
    connect(engine_, &ChatEngine::modelLoaded, this, [this](const ModelInfo& info) {
        loading_ = false;
        model_ = info;
        modelError_.clear();
        settings_.setLastModel(info.path);
        if (!usingRemote_) chat_->setModel(info);
        emit modelChanged();
    });
    connect(engine_, &ChatEngine::loadFailed, this, [this](const QString& path, const QString& reason) {
        loading_ = false;
        model_ = {};
        if (!usingRemote_) chat_->setModel({});
        // The engine often starts its reason with the path; the file name is said once.
        QString why = reason;
        if (why.startsWith(path + QLatin1String(": "))) why = why.mid(path.size() + 2);
        modelError_ = tr("Cannot load %1: %2").arg(QFileInfo(path).fileName(), why);
        emit modelChanged();
    });
    connect(engine_, &ChatEngine::devicesListed, this, [this](const QStringList& names) {
        devices_ = names;
        emit devicesChanged();
    });
    engine_->listDevices();
    connect(&settings_, &AppSettings::languageChanged, this, &AppController::applyLanguage);
    connect(&settings_, &AppSettings::logLevelChanged, this, [this] { setLogLevel(settings_.logLevel()); });
    currentInstance = this;
    refreshConversations();
}

AppController::~AppController() {
    server_.reset();  // its requests run on the engine: it stops before anything else
    documents_.reset();  // its threads, before the chat that waits on its searches
    chat_->stop();
    models_.reset();
    if (currentInstance == this) currentInstance = nullptr;
}

AppController* AppController::instance() { return currentInstance; }

AppController* AppController::create(QQmlEngine*, QJSEngine*) {
    AppController* app = currentInstance;
    QJSEngine::setObjectOwnership(app, QJSEngine::CppOwnership);
    return app;
}

void AppController::attachEngine(QQmlEngine* engine, const QString& languageOverride) {
    OfflineNetworkFactory::install(engine);
    installAccessibilityFixes();
    // Icons by name from the desktop's theme; Adwaita (a dependency of the package) where the
    // desktop names none or lacks one.
    if (QIcon::themeName().isEmpty() || QIcon::themeName() == QLatin1String("hicolor")) QIcon::setThemeName(QStringLiteral("Adwaita"));
    QIcon::setFallbackThemeName(QStringLiteral("Adwaita"));
    checkFileDialogs(engine);
    translator_.setEngine(engine);
    languageOverride_ = languageOverride;
    applyLanguage();
    languageOverride_.clear();  // the override holds at start; later choices come from settings
}

void AppController::checkFileDialogs(QQmlEngine* engine) {
    // Qt's own file dialog (where the platform has no native one) needs these QML modules at
    // the moment it opens; without them it crashed the app. Created once here, they say it.
    struct Need {
        const char* qml;
        const char* package;
    };
    const Need needs[] = {
        {"import QtQuick.Dialogs\nFileDialog {}\n", "qml6-module-qtquick-dialogs"},
        {"import Qt.labs.folderlistmodel\nFolderListModel {}\n", "qml6-module-qt-labs-folderlistmodel"},
    };
    QStringList missing;
    for (const Need& need : needs) {
        QQmlComponent component(engine);
        component.setData(need.qml, QUrl(QStringLiteral("qrc:/causerie/file-dialog-check.qml")));
        std::unique_ptr<QObject> object(component.create());
        if (object) continue;
        spdlog::warn("the file dialog cannot work: {}", component.errorString().trimmed().toStdString());
        missing << QString::fromLatin1(need.package);
    }
    fileDialogsAvailable_ = missing.isEmpty();
    fileDialogProblem_ = missing.join(QStringLiteral(", "));
    emit fileDialogsChanged();
}

void AppController::setFileDialogsAvailable(bool available) {
    if (available == fileDialogsAvailable_) return;
    fileDialogsAvailable_ = available;
    emit fileDialogsChanged();
}

void AppController::applyLanguage() {
    const QString before = translator_.current();
    translator_.apply(languageOverride_.isEmpty() ? settings_.language() : languageOverride_);
    spdlog::info("interface language: {}", translator_.current().toStdString());
    models_->setLanguage(translator_.current());
    chat_->setInterfaceLanguage(translator_.current());
    if (before != translator_.current()) emit languageChanged();
    emit modelChanged();  // modelDetails is translated text
}

void AppController::setSearchQuery(const QString& query) {
    if (query == searchQuery_) return;
    searchQuery_ = query;
    emit searchQueryChanged();
    if (query.trimmed().isEmpty()) return searchResults_.setHits({});
    storage::SearchOptions options;
    options.highlightOpen = SearchResultModel::markOpen();
    options.highlightClose = SearchResultModel::markClose();
    options.limit = 50;
    auto hits = store_->search(query, options);
    searchResults_.setHits(hits ? *hits : QList<storage::SearchHit>{});
}

QString AppController::remoteModelKey() const {
    return usingRemote_ ? remoteModel_.connectionId + QLatin1Char('/') + remoteModel_.remoteModel : QString();
}

void AppController::useRemoteModel(const QString& connectionId, const QString& model) {
    auto connection = connections_->connection(connectionId);
    if (!connection || model.isEmpty()) return;
    if (chat_->generating()) chat_->stop();
    remoteModel_ = {};
    remoteModel_.remote = true;
    remoteModel_.name = model;
    remoteModel_.connectionId = connectionId;
    remoteModel_.endpointName = connection->name;
    remoteModel_.endpointUrl = remote::displayUrl(connection->baseUrl);
    remoteModel_.remoteModel = model;
    usingRemote_ = true;
    modelError_.clear();
    spdlog::info("chat model: {} on '{}'", model.toStdString(), connection->name.toStdString());
    chat_->setModel(remoteModel_);
    emit modelChanged();
}

QString AppController::modelDetails() const {
    if (usingRemote_)
        return tr("remote model · %1 · %2").arg(remoteModel_.endpointName, remoteModel_.endpointUrl);
    if (model_.path.isEmpty()) return {};
    return tr("%1 · template %2 · context %3 tokens · %4")
        .arg(model_.deviceName, model_.templateName, formatNumber(model_.contextLength, 0), formatBytes(model_.fileSize));
}

void AppController::applyEmbeddingModel() {
    const QStringList installed = models_->installed()->embeddingPaths();
    const QString choice = settings_.embeddingModel();
    QString path;
    if (choice.isEmpty()) path = installed.value(0);  // the first installed one
    else if (choice != QLatin1String("none")) path = choice;
    const models::CatalogEntry* entry = path.isEmpty() ? nullptr : models_->catalogEntryFor(path);
    documents_->setEmbeddingModel(path, entry ? entry->queryPrefix : QString(), entry ? entry->passagePrefix : QString());
}

void AppController::openModel(const QString& pathOrUrl) {
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (path.isEmpty()) return;
    if (usingRemote_ && !loading_ && path == model_.path) {  // back to the model still loaded
        if (chat_->generating()) chat_->stop();
        usingRemote_ = false;
        chat_->setModel(model_);
        emit modelChanged();
        return;
    }
    // An embedding model is for the documents' search, never a chat model.
    for (const InstalledRow& row : models_->installed()->rows()) {
        if (row.model.path != path || !row.model.summary.embedding) continue;
        modelError_ = tr("%1 is an embedding model (for documents), not a chat model: choose it in the Documents page.")
                          .arg(QFileInfo(path).fileName());
        emit modelChanged();
        return;
    }
    loadLocal(path);
}

void AppController::loadLocal(const QString& path) {
    if (chat_->generating()) chat_->stop();
    usingRemote_ = false;
    loading_ = true;
    progress_ = 0;
    loadingPath_ = path;
    modelError_.clear();
    model_ = {};
    chat_->setModel({});
    emit modelChanged();
    emit loadProgressChanged();
    // The context the device memory allows (the conversation may ask for more or less).
    auto summary = models::readGgufSummary(path);
    modelShape_ = summary ? summary->shape : models::ModelShape{};
    const quint32 context = defaultContext(modelShape_, quint64(models_->deviceMemory()));
    spdlog::info("default context for {}: {} tokens", path.toStdString(), context);
    engine_->loadModel(path, int(context), settings_.device());
}

quint32 AppController::defaultContext(const models::ModelShape& shape, quint64 deviceBytes) {
    // The largest context that fits under 80% of the device memory, up to the model's training
    // length and at most 32K (beyond, memory goes to a cache most conversations never fill); 0
    // (the engine's own default) when the shape is unknown or nothing fits.
    if (!shape.valid()) return 0;
    const quint32 cap = std::min<quint32>(shape.contextTrain ? shape.contextTrain : 4096, 32768);
    const models::FitEstimate fit = models::estimateFit(shape, cap, deviceBytes);
    return fit.suggestedContext ? std::min(fit.suggestedContext, cap) : 0;
}

QString AppController::contextCost(int context) const {
    const models::ModelShape& shape = modelShape_;
    if (model_.path.isEmpty() || !shape.valid() || context <= 0) return {};
    const models::FitEstimate fit = models::estimateFit(shape, quint32(context), quint64(models_->deviceMemory()));
    const QString need = tr("%1 tokens of context take %2 of device memory (%3 with the weights, of %4)")
                             .arg(formatNumber(context, 0), formatBytes(qint64(fit.kvBytes + fit.scratchBytes)),
                                  formatBytes(qint64(fit.totalBytes)), formatBytes(qint64(fit.deviceBytes)));
    if (shape.contextTrain && quint32(context) > shape.contextTrain)
        return need + tr("; the model was trained on %1 tokens, it will be used up to there").arg(formatNumber(shape.contextTrain, 0));
    if (fit.verdict == models::FitVerdict::TooBig) return need + tr(": too much for this device");
    return need;
}

void AppController::reloadModel() {
    const QString path = model_.path.isEmpty() ? loadingPath_ : model_.path;
    if (!path.isEmpty() && !loading_ && !usingRemote_) loadLocal(path);
}

void AppController::clearModelError() {
    modelError_.clear();
    emit modelChanged();
}

void AppController::refreshConversations() {
    auto list = store_->listConversations();
    if (list) conversations_.setConversations(*list);
    if (!searchQuery_.trimmed().isEmpty()) {
        const QString query = searchQuery_;
        searchQuery_.clear();
        setSearchQuery(query);
    }
}

void AppController::renameConversation(qint64 id, const QString& title) {
    const QString trimmed = title.simplified();
    if (trimmed.isEmpty()) return;
    if (auto renamed = store_->renameConversation(id, trimmed); !renamed) {
        spdlog::warn("rename failed: {}", renamed.error().toStdString());
        return;
    }
    if (chat_->conversationId() == id) chat_->reloadTitle();
    refreshConversations();
}

void AppController::deleteConversation(qint64 id) {
    // A reply streaming into that conversation has nowhere to go.
    if (chat_->generating()) {
        if (auto reply = store_->currentBranch(id); reply && !reply->isEmpty() &&
                                                    reply->last().state == storage::MessageState::Streaming)
            chat_->abandonReply();
    }
    chat_->conversationDeleted(id);
    if (auto deleted = store_->deleteConversation(id); !deleted)
        spdlog::warn("delete failed: {}", deleted.error().toStdString());
    refreshConversations();
}

namespace {
QString localPath(const QString& pathOrUrl) {
    const QUrl url(pathOrUrl);
    return url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
}
}  // namespace

QString AppController::pathOfUrl(const QUrl& url) const { return localPath(url.toString()); }

bool AppController::exportConversation(qint64 id, const QString& pathOrUrl, const QString& format) {
    QByteArray bytes;
    if (format == QLatin1String("json")) {
        auto json = store_->exportJson(id);
        if (!json) return chat_->showError(tr("Cannot export the conversation: %1").arg(json.error())), false;
        bytes = *json;
    } else {
        auto markdown = store_->exportMarkdown(id);
        if (!markdown) return chat_->showError(tr("Cannot export the conversation: %1").arg(markdown.error())), false;
        bytes = markdown->toUtf8();
    }
    QSaveFile file(localPath(pathOrUrl));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        chat_->showError(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(file.fileName()), file.errorString()));
        return false;
    }
    spdlog::info("conversation {} exported to {}", id, file.fileName().toStdString());
    return true;
}

QUrl AppController::suggestedExportUrl(const QString& title, const QString& format) const {
    QString name = title.simplified();
    static const QRegularExpression unsafe(QStringLiteral("[\\\\/:*?\"<>|]"));
    name.replace(unsafe, QStringLiteral("_"));
    if (name.isEmpty()) name = QStringLiteral("conversation");
    // The documents folder, or the home folder where there is none (a fresh account).
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!QDir(folder).exists()) folder = QDir::homePath();
    return QUrl::fromLocalFile(QDir(folder).filePath(name + (format == QLatin1String("json") ? QStringLiteral(".json") : QStringLiteral(".md"))));
}

bool AppController::importConversation(const QString& pathOrUrl) {
    QFile file(localPath(pathOrUrl));
    if (!file.open(QIODevice::ReadOnly)) {
        chat_->showError(tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(file.fileName()), file.errorString()));
        return false;
    }
    auto imported = store_->importJson(file.readAll());
    if (!imported) {
        chat_->showError(tr("Cannot import %1: %2").arg(QDir::toNativeSeparators(file.fileName()), imported.error()));
        return false;
    }
    refreshConversations();
    chat_->openConversation(*imported);
    return true;
}

bool AppController::openLink(const QString& link) {
    const QUrl url(link, QUrl::StrictMode);
    if (!markdown::isSafeLink(url)) {
        spdlog::warn("a link of scheme '{}' was not opened", url.scheme().left(32).toStdString());
        return false;
    }
    return QDesktopServices::openUrl(url);
}

QString AppController::linkTarget(const QString& link) const {
    const QUrl url(link, QUrl::StrictMode);
    if (!markdown::isSafeLink(url)) return {};
    return QString::fromLatin1(url.toEncoded());
}

void AppController::setLinkColor(const QColor& color) {
    QPalette palette = QGuiApplication::palette();
    if (palette.color(QPalette::Link) == color) return;
    palette.setColor(QPalette::Link, color);
    QGuiApplication::setPalette(palette);
}

void AppController::copyText(const QString& text) {
    if (QClipboard* clipboard = QGuiApplication::clipboard()) clipboard->setText(text);
}

void AppController::openLogFolder() { QDesktopServices::openUrl(QUrl::fromLocalFile(settings_.logDir())); }

QString AppController::formatDate(const QDateTime& when) const {
    const QLocale locale;
    const QDateTime local = when.toLocalTime();
    if (local.date() == QDate::currentDate()) return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

void AppController::themeFileDialogs(QQuickItem* item, const QColor& background, const QColor& border) const {
    if (!item || !item->window()) return;
    QList<QQuickItem*> pending{item->window()->contentItem()};
    while (!pending.isEmpty()) {
        QQuickItem* next = pending.takeLast();
        if (next->inherits("QQuickFolderBreadcrumbBar")) {
            if (auto* bar = next->property("background").value<QQuickItem*>()) {
                bar->setProperty("color", background);
                if (QObject* outline = bar->property("border").value<QObject*>()) outline->setProperty("color", border);
            }
        }
        pending << next->childItems();
    }
}

bool AppController::isToday(const QDateTime& when) const { return when.toLocalTime().date() == QDate::currentDate(); }

QString AppController::formatNumber(double value, int decimals) const { return QLocale().toString(value, 'f', decimals); }

namespace {
// Two or three significant digits: 1.25, 12.3, 123.
QString threeDigits(const QLocale& locale, double v) { return locale.toString(v, 'f', v < 10 ? 2 : v < 100 ? 1 : 0); }
}  // namespace

QString AppController::formatEnergy(double wattHours) const {
    const QLocale locale;
    if (wattHours < 1.0) return tr("%1 mWh").arg(threeDigits(locale, wattHours * 1000.0));
    if (wattHours < 1000.0) return tr("%1 Wh").arg(threeDigits(locale, wattHours));
    return tr("%1 kWh").arg(threeDigits(locale, wattHours / 1000.0));
}

QString AppController::formatCo2e(double grams) const {
    const QLocale locale;
    if (grams < 1.0) return tr("%1 mg CO₂e").arg(threeDigits(locale, grams * 1000.0));
    if (grams < 1000.0) return tr("%1 g CO₂e").arg(threeDigits(locale, grams));
    return tr("%1 kg CO₂e").arg(threeDigits(locale, grams / 1000.0));
}

QString AppController::formatBytes(qint64 bytes) const {
    // Decimal units (GB, "Go" in French) with the live locale's decimal separator: the sizes
    // that model pages and disks show.
    const QLocale locale;
    if (bytes < 1000) return tr("%1 B").arg(locale.toString(bytes));
    double value = double(bytes);
    int unit = 0;
    while (value >= 999.5 && unit < 4) {
        value /= 1000;
        ++unit;
    }
    const QString number = locale.toString(value, 'f', value < 10 ? 2 : value < 100 ? 1 : 0);
    switch (unit) {
    case 1: return tr("%1 kB").arg(number);
    case 2: return tr("%1 MB").arg(number);
    case 3: return tr("%1 GB").arg(number);
    default: return tr("%1 TB").arg(number);
    }
}

}  // namespace causerie::gui
