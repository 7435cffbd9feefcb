// The application as QML sees it (the `App` singleton): settings, the open chat, the lists of
// the sidebar, the loaded model and its loading progress, language and theme.
#pragma once
#include "app/app_settings.h"
#include "app/translator.h"
#include "app/secret_store.h"
#include "controllers/chat_controller.h"
#include "controllers/connections_controller.h"
#include "controllers/documents_controller.h"
#include "controllers/server_controller.h"
#include "engine/remote_engine.h"
#include "controllers/models_controller.h"
#include "engine/chat_engine.h"
#include "models/conversation_list_model.h"
#include "models/search_result_model.h"

#include <QColor>
#include <QObject>
#include <QQuickItem>
#include <QUrl>
#include <QtQml/qqmlregistration.h>
#include <memory>

class QQmlEngine;
class QJSEngine;

namespace causerie::storage {
class Database;
class ConversationStore;
}  // namespace causerie::storage

namespace causerie::gui {

class AppController : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(App)
    QML_SINGLETON
    Q_PROPERTY(causerie::gui::AppSettings* settings READ settings CONSTANT)
    Q_PROPERTY(causerie::gui::ChatController* chat READ chat CONSTANT)
    Q_PROPERTY(causerie::gui::ModelsController* models READ models CONSTANT)
    Q_PROPERTY(causerie::gui::ConnectionsController* connections READ connections CONSTANT)
    Q_PROPERTY(causerie::gui::ServerController* server READ server CONSTANT)
    Q_PROPERTY(causerie::gui::DocumentsController* documents READ documents CONSTANT)
    // The chat's model is a remote endpoint's (modelName is then the server's name for it), and
    // which: "connectionId/model" ("" for the local model).
    Q_PROPERTY(bool modelIsRemote READ modelIsRemote NOTIFY modelChanged)
    Q_PROPERTY(QString remoteModelKey READ remoteModelKey NOTIFY modelChanged)
    Q_PROPERTY(causerie::gui::ConversationListModel* conversations READ conversations CONSTANT)
    Q_PROPERTY(causerie::gui::SearchResultModel* searchResults READ searchResults CONSTANT)
    Q_PROPERTY(QString searchQuery READ searchQuery WRITE setSearchQuery NOTIFY searchQueryChanged)
    Q_PROPERTY(QString language READ language NOTIFY languageChanged)  // in effect: "en" or "fr"
    Q_PROPERTY(bool modelLoading READ modelLoading NOTIFY modelChanged)
    Q_PROPERTY(double loadProgress READ loadProgress NOTIFY loadProgressChanged)
    Q_PROPERTY(QString modelName READ modelName NOTIFY modelChanged)
    Q_PROPERTY(QString modelPath READ modelPath NOTIFY modelChanged)
    Q_PROPERTY(QString modelDetails READ modelDetails NOTIFY modelChanged)
    Q_PROPERTY(QString modelError READ modelError NOTIFY modelChanged)
    Q_PROPERTY(QString storageError READ storageError CONSTANT)
    Q_PROPERTY(QStringList devices READ devices NOTIFY devicesChanged)  // Vulkan devices, best first
    // Whether Qt's file dialog can open (its QML modules are installed), checked at start; else
    // the app asks for a path and says what is missing (fileDialogProblem). Writable for tests.
    Q_PROPERTY(bool fileDialogsAvailable READ fileDialogsAvailable WRITE setFileDialogsAvailable NOTIFY fileDialogsChanged)
    Q_PROPERTY(QString fileDialogProblem READ fileDialogProblem NOTIFY fileDialogsChanged)
public:
    // Opens <dataDir>/causerie.db on the calling (GUI) thread. `engine` must outlive this.
    AppController(const QString& dataDir, ChatEngine* engine, QObject* parent = nullptr);
    ~AppController() override;

    // The instance QML's `App` resolves to (set by the constructor of the latest one).
    static AppController* instance();
    static AppController* create(QQmlEngine* qml, QJSEngine* js);

    // Connects the live language switch to this QML engine and applies the saved language
    // (or `languageOverride`, "en"/"fr", from the command line).
    void attachEngine(QQmlEngine* engine, const QString& languageOverride = {});

    AppSettings* settings() { return &settings_; }
    ChatController* chat() { return chat_.get(); }
    ModelsController* models() { return models_.get(); }
    ConnectionsController* connections() { return connections_.get(); }
    ServerController* server() { return server_.get(); }
    DocumentsController* documents() { return documents_.get(); }
    RemoteEngine* remoteEngine() { return &remoteEngine_; }
    bool modelIsRemote() const { return usingRemote_; }
    QString remoteModelKey() const;
    ConversationListModel* conversations() { return &conversations_; }
    SearchResultModel* searchResults() { return &searchResults_; }
    storage::ConversationStore* store() { return store_.get(); }
    QString searchQuery() const { return searchQuery_; }
    void setSearchQuery(const QString& query);
    QString language() const { return translator_.current(); }
    bool modelLoading() const { return loading_; }
    double loadProgress() const { return progress_; }
    QString modelName() const { return usingRemote_ ? remoteModel_.remoteModel : model_.name; }
    QString modelPath() const { return model_.path; }
    QString modelDetails() const;
    QString modelError() const { return modelError_; }
    QString storageError() const { return storageError_; }
    QStringList devices() const { return devices_; }
    bool fileDialogsAvailable() const { return fileDialogsAvailable_; }
    void setFileDialogsAvailable(bool available);
    QString fileDialogProblem() const { return fileDialogProblem_; }

    // A local model file: loaded (or, when it is the one loaded, chosen again at once).
    Q_INVOKABLE void openModel(const QString& pathOrUrl);
    // A model of a remote endpoint: the next replies of the chat come from it.
    Q_INVOKABLE void useRemoteModel(const QString& connectionId, const QString& model);
    // Loads the current model again (after a change of device).
    Q_INVOKABLE void reloadModel();
    Q_INVOKABLE void refreshConversations();
    Q_INVOKABLE void renameConversation(qint64 id, const QString& title);
    Q_INVOKABLE void deleteConversation(qint64 id);
    // Writes the conversation to a file ("markdown": its current branch; "json": the whole tree).
    Q_INVOKABLE bool exportConversation(qint64 id, const QString& pathOrUrl, const QString& format);
    // A file in the documents folder named after the title, for the export dialog.
    Q_INVOKABLE QUrl suggestedExportUrl(const QString& title, const QString& format) const;
    // Reads a JSON export as a new conversation and opens it.
    Q_INVOKABLE bool importConversation(const QString& pathOrUrl);
    Q_INVOKABLE void copyText(const QString& text);
    // A file URL as a local path (the path field of the file picker's fallback).
    Q_INVOKABLE QString pathOfUrl(const QUrl& url) const;
    // Opens a link of a message in the browser or mail client: http(s) and mailto only; false
    // (and nothing opened) for any other scheme.
    Q_INVOKABLE bool openLink(const QString& link);
    // A link's target as shown before it is opened: percent-encoded, so that invisible and
    // direction-changing characters cannot disguise it; empty for a link that cannot open.
    Q_INVOKABLE QString linkTarget(const QString& link) const;
    Q_INVOKABLE void openLogFolder();
    Q_INVOKABLE void clearModelError();
    // Qt 6.4's file dialog (Basic style) paints its folder bar white whatever the palette: the
    // bars of the dialogs open in `item`'s window take these colours instead.
    // The colour of links in rich text (the messages' Markdown): Qt Quick's text items take it
    // from the application palette, not from the items' own, so it follows the theme from here.
    Q_INVOKABLE void setLinkColor(const QColor& color);
    Q_INVOKABLE void themeFileDialogs(QQuickItem* item, const QColor& background, const QColor& border) const;
    Q_INVOKABLE QString formatDate(const QDateTime& when) const;  // today: the time only
    Q_INVOKABLE bool isToday(const QDateTime& when) const;
    Q_INVOKABLE QString formatNumber(double value, int decimals) const;
    Q_INVOKABLE QString formatBytes(qint64 bytes) const;  // "1,88 Go" / "1.88 GB"
    Q_INVOKABLE QString formatEnergy(double wattHours) const;  // "12,3 mWh" / "1.25 Wh"
    Q_INVOKABLE QString formatCo2e(double grams) const;        // "0,70 mg éq. CO₂" / "1.2 g CO₂e"
    // What a context of `context` tokens costs in device memory with the loaded model (empty
    // when its shape is unknown), for the conversation drawer.
    Q_INVOKABLE QString contextCost(int context) const;
    // The context a model is loaded with: what the device memory allows (fit estimate), at most
    // the training length and 32K; 0 for the engine's default.
    static quint32 defaultContext(const models::ModelShape& shape, quint64 deviceBytes);

signals:
    void searchQueryChanged();
    void languageChanged();
    void modelChanged();
    void loadProgressChanged();
    void devicesChanged();
    void fileDialogsChanged();

private:
    void applyLanguage();
    void loadLocal(const QString& path);
    // The Documents' embedding model from the setting and the installed models.
    void applyEmbeddingModel();
    void checkFileDialogs(QQmlEngine* engine);

    AppSettings settings_;
    ChatEngine* engine_;
    std::unique_ptr<storage::Database> database_;
    std::unique_ptr<storage::ConversationStore> store_;
    std::unique_ptr<ChatController> chat_;
    std::unique_ptr<ModelsController> models_;
    SecretStore secrets_;
    RemoteEngine remoteEngine_;
    std::unique_ptr<ConnectionsController> connections_;
    std::unique_ptr<ServerController> server_;  // after the engine's users: stopped first
    // After the chat: its threads stop (and its answers to the chat's searches are dropped)
    // before the chat goes.
    std::unique_ptr<DocumentsController> documents_;
    ModelInfo remoteModel_;
    bool usingRemote_ = false;
    ConversationListModel conversations_;
    SearchResultModel searchResults_;
    Translator translator_;
    QString languageOverride_;
    QString searchQuery_;
    QString storageError_;
    ModelInfo model_;
    models::ModelShape modelShape_;  // of the model being loaded, then of the loaded one
    QString loadingPath_;
    bool loading_ = false;
    double progress_ = 0;
    QString modelError_;
    QStringList devices_;
    bool autoPickPending_ = true;  // the first scan may open the only installed model
    bool fileDialogsAvailable_ = true;
    QString fileDialogProblem_;
};

}  // namespace causerie::gui
