// The Models page as QML sees it (App.models): the curated catalog, the installed models, the
// Hugging Face search and the download queue, over app/core/models.
//
// Network work is asynchronous (DownloadManager, HfClient, CatalogRefresher live on the GUI
// thread and never block it); scans, copy-imports and removals run on a short-lived QThread with
// its own connection to models.db, and their results come back queued to the GUI thread.
#pragma once
#include "app/app_settings.h"
#include "models/catalog.h"
#include "models/catalog_list_model.h"
#include "models/download_list_model.h"
#include "models/hugging_face_list_models.h"
#include "models/installed_model_list_model.h"
#include "models/suggestion_list_model.h"
#include "models/model_library.h"

#include <QObject>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QThread;

namespace causerie::models {
class CatalogRefresher;
class DownloadManager;
class HfClient;
class ModelsDb;
}  // namespace causerie::models

namespace causerie::gui {

class ModelsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App")
    Q_PROPERTY(causerie::gui::CatalogListModel* catalog READ catalog CONSTANT)
    Q_PROPERTY(causerie::gui::InstalledModelListModel* installed READ installed CONSTANT)
    Q_PROPERTY(causerie::gui::HfRepositoryListModel* searchResults READ searchResults CONSTANT)
    Q_PROPERTY(causerie::gui::HfFileListModel* files READ files CONSTANT)
    Q_PROPERTY(causerie::gui::DownloadListModel* downloads READ downloads CONSTANT)
    Q_PROPERTY(causerie::gui::SuggestionListModel* suggestions READ suggestions CONSTANT)
    Q_PROPERTY(bool scanning READ scanning NOTIFY busyChanged)
    Q_PROPERTY(bool importing READ importing NOTIFY busyChanged)
    Q_PROPERTY(bool searching READ searching NOTIFY busyChanged)
    Q_PROPERTY(bool listingFiles READ listingFiles NOTIFY busyChanged)
    Q_PROPERTY(bool refreshingCatalog READ refreshingCatalog NOTIFY busyChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    // The technical detail behind an error said in plain words (e.g. Qt's network error), or empty.
    Q_PROPERTY(QString errorDetails READ errorDetails NOTIFY errorChanged)
    // Which tab the error belongs to: "catalog", "installed", "search", or "" (the whole page).
    Q_PROPERTY(QString errorScope READ errorScope NOTIFY errorChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    Q_PROPERTY(bool catalogBuiltIn READ catalogBuiltIn NOTIFY catalogChanged)
    Q_PROPERTY(qint64 deviceMemory READ deviceMemory NOTIFY deviceMemoryChanged)
    Q_PROPERTY(bool deviceMemoryKnown READ deviceMemoryKnown NOTIFY deviceMemoryChanged)
    Q_PROPERTY(int fitContext READ fitContext WRITE setFitContext NOTIFY deviceMemoryChanged)
    Q_PROPERTY(QString modelsDir READ modelsDir CONSTANT)
public:
    // Opens <dataDir>/models.db and the download queue kept there (interrupted downloads resume).
    ModelsController(AppSettings& settings, const QString& dataDir, models::DownloadOptions options = {},
                     QObject* parent = nullptr);
    ~ModelsController() override;

    CatalogListModel* catalog() { return &catalog_; }
    // The catalog's entry for an installed file (by its file name), or nullptr.
    const models::CatalogEntry* catalogEntryFor(const QString& path) const;
    InstalledModelListModel* installed() { return &installed_; }
    SuggestionListModel* suggestions() { return &suggestions_; }
    HfRepositoryListModel* searchResults() { return &searchResults_; }
    HfFileListModel* files() { return &files_; }
    DownloadListModel* downloads() { return &downloads_; }
    models::DownloadManager* manager() { return manager_.get(); }
    bool scanning() const { return scans_ > 0; }
    bool importing() const { return imports_ > 0; }
    bool searching() const { return searching_; }
    bool listingFiles() const { return listingFiles_; }
    bool refreshingCatalog() const;
    QString error() const { return error_; }
    QString errorDetails() const { return errorDetails_; }
    QString errorScope() const { return errorScope_; }
    QString notice() const;
    bool catalogBuiltIn() const { return catalogModel_.isBuiltIn(); }
    qint64 deviceMemory() const;
    bool deviceMemoryKnown() const;
    int fitContext() const { return fitContext_; }
    void setFitContext(int context);
    QString modelsDir() const { return modelsDir_; }

    // The interface language, for the catalog's descriptions.
    void setLanguage(const QString& language);
    // Each Vulkan device's memory, best first (as the engine lists them); 0 = unknown.
    void setDeviceMemory(const QList<qint64>& bytes);
    // Memory assumed for the fit badges when the device's is unknown.
    static qint64 fallbackDeviceMemory() { return qint64(8) << 30; }
    // The common English error lines of app/core/models in the interface language.
    static QString translateError(const QString& error);
    // A sentence a person understands for an error that says the network cannot be reached
    // (no connection, name resolution, refused, timed out); empty for any other error.
    static QString networkProblem(const QString& error);

    Q_INVOKABLE void reloadCatalog();   // from the cache (or built-in copy)
    Q_INVOKABLE void refreshCatalog();  // from the catalog URL setting
    Q_INVOKABLE void rescan();
    Q_INVOKABLE bool downloadCatalogEntry(const QString& entryId);
    Q_INVOKABLE void search(const QString& query);
    Q_INVOKABLE void listFiles(const QString& repository);
    Q_INVOKABLE bool downloadFile(int row);  // a row of `files`
    Q_INVOKABLE void pause(qint64 id);
    Q_INVOKABLE void resume(qint64 id);
    Q_INVOKABLE void cancel(qint64 id);
    Q_INVOKABLE void forget(qint64 id);
    // Imports a GGUF file: copied into the models folder, or used where it is.
    Q_INVOKABLE void importFile(const QString& pathOrUrl, bool copy);
    // Asks what deleting a model would do; answers with removalPlanned (or an error).
    Q_INVOKABLE void requestRemoval(const QString& path);
    Q_INVOKABLE void confirmRemoval(const QString& path);
    Q_INVOKABLE void clearError();
    Q_INVOKABLE void clearNotice();

signals:
    void busyChanged();
    void errorChanged();
    void noticeChanged();
    void catalogChanged();
    void deviceMemoryChanged();
    void scanned();
    // path, name, bytes (freed), forgetOnly, files (QStringList)
    void removalPlanned(const QVariantMap& plan);
    void removed(const QString& path);
    void imported(const QString& path);
    // A download finished and its file was checked (`catalogId` empty for a Hugging Face file).
    void downloadCompleted(const QString& catalogId, const QString& path);

private:
    // Runs `work` on a new thread with its own ModelLibrary; `done` gets its result on this thread.
    template <class T>
    void inBackground(std::function<T(models::ModelLibrary&)> work, std::function<void(T)> done);
    void applyScan();
    void updateCatalogFit();
    void updateCatalogStatus();
    // `scope`: the tab it belongs to (see errorScope).
    void setError(const QString& error, const QString& scope = {});
    // The notice is rebuilt on each read, so that it follows a change of language.
    void setNotice(std::function<QString()> notice);
    models::FitEstimate fitOf(const models::ModelShape& shape) const;

    AppSettings& settings_;
    QString dataDir_;
    QString modelsDir_;
    QString language_ = QStringLiteral("en");
    std::unique_ptr<models::ModelsDb> db_;
    QNetworkAccessManager* nam_;
    std::unique_ptr<models::DownloadManager> manager_;
    models::HfClient* hf_;
    models::CatalogRefresher* refresher_;
    models::Catalog catalogModel_;
    CatalogListModel catalog_;
    InstalledModelListModel installed_;
    HfRepositoryListModel searchResults_;
    HfFileListModel files_;
    DownloadListModel downloads_;
    SuggestionListModel suggestions_{&catalog_, &downloads_};  // after what it reads
    QList<models::InstalledModel> scan_;
    QList<models::ExternalModel> external_;
    QList<QThread*> threads_;
    QList<qint64> deviceMemory_;
    int fitContext_ = 4096;
    int scans_ = 0, imports_ = 0;
    bool rescanAgain_ = false;
    bool searching_ = false, listingFiles_ = false;
    quint64 searchSerial_ = 0;
    QString error_;
    QString errorDetails_;
    QString errorScope_;
    std::function<QString()> notice_;
};

}  // namespace causerie::gui
