// Settings > Server as QML sees it (App.server): the OpenAI-compatible server inside the app,
// off by default, serving the model the app has loaded. Its requests run in the engine's own
// queue, after (and before) the chat's, one at a time: the app and its clients share the one
// session fairly, and the GUI thread never waits (the HTTP threads are the server's own).
// Port, "allow other computers" (127.0.0.1 otherwise) and enabled are saved in settings.ini; the
// optional API key in the system keyring (SecretStore).
#pragma once
#include "app/secret_store.h"
#include "engine/chat_engine.h"

#include <QObject>
#include <QSettings>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace causerie::server { class Server; }

namespace causerie::gui {

class ServerController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App")
    Q_PROPERTY(bool enabled READ enabled WRITE setEnabled NOTIFY changed)
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY changed)  // 0: a free one
    Q_PROPERTY(bool allowOthers READ allowOthers WRITE setAllowOthers NOTIFY changed)
    Q_PROPERTY(bool hasKey READ hasKey NOTIFY changed)
    Q_PROPERTY(bool running READ running NOTIFY changed)
    Q_PROPERTY(QString url READ url NOTIFY changed)      // the OpenAI base URL while running
    Q_PROPERTY(QString error READ error NOTIFY changed)  // why it is not running (translated)
    Q_PROPERTY(QString modelId READ modelId CONSTANT)    // the name clients give as "model"
public:
    ServerController(const QString& dataDir, ChatEngine* engine, SecretStore* secrets, QObject* parent = nullptr);
    ~ServerController() override;

    bool enabled() const { return enabled_; }
    void setEnabled(bool on);
    int port() const { return port_; }
    void setPort(int port);
    bool allowOthers() const { return allowOthers_; }
    void setAllowOthers(bool allow);
    bool hasKey() const { return !key_.isEmpty(); }
    bool running() const { return server_ != nullptr; }
    QString url() const { return url_; }
    QString error() const { return error_; }
    QString modelId() const { return QStringLiteral("causerie"); }

    // A key clients must send ("" : none); kept in the keyring. Restarts a running server.
    Q_INVOKABLE void setApiKey(const QString& key);

signals:
    void changed();

private:
    void restart();
    void stopServer();

    QSettings settings_;
    ChatEngine* engine_;
    SecretStore* secrets_;
    std::unique_ptr<server::Server> server_;
    bool enabled_ = false, allowOthers_ = false, keyRead_ = false;
    int port_ = 8080;
    QString key_, url_, error_;
};

}  // namespace causerie::gui
