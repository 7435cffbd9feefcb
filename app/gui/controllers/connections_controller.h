// Settings > Connections as QML sees it (App.connections): remote OpenAI-compatible endpoints
// (name and base URL in <data>/settings.ini, the API key in the system keyring through
// SecretStore), their models (GET /models, asynchronous), and the picker's list of them.
#pragma once
#include "app/secret_store.h"
#include "models/connection_list_model.h"
#include "remote/endpoint.h"

#include <QObject>
#include <QSettings>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace causerie::remote { class OpenAiClient; }

namespace causerie::gui {

class ConnectionsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App")
    Q_PROPERTY(causerie::gui::ConnectionListModel* list READ list CONSTANT)
    Q_PROPERTY(causerie::gui::RemoteModelListModel* remoteModels READ remoteModels CONSTANT)
    // False when keys cannot be kept in a keyring (then they last for this session only).
    Q_PROPERTY(bool keyringAvailable READ keyringAvailable NOTIFY keyringChanged)
    Q_PROPERTY(QString keyringProblem READ keyringProblem NOTIFY keyringChanged)
public:
    // Reads the connections saved in <dataDir>/settings.ini, then their keys, then their models.
    ConnectionsController(const QString& dataDir, SecretStore* secrets, remote::OpenAiClient* client, QObject* parent = nullptr);

    ConnectionListModel* list() { return &list_; }
    RemoteModelListModel* remoteModels() { return &remoteModels_; }
    bool keyringAvailable() const { return secrets_->persistent(); }
    QString keyringProblem() const { return secrets_->problem(); }

    // Adds an endpoint and lists its models; returns "" or why not (translated).
    Q_INVOKABLE QString addConnection(const QString& name, const QString& baseUrl, const QString& apiKey);
    Q_INVOKABLE void removeConnection(const QString& id);
    // A new key ("" removes it), kept in the keyring; the models are listed again.
    Q_INVOKABLE void setApiKey(const QString& id, const QString& apiKey);
    Q_INVOKABLE void refresh(const QString& id);
    Q_INVOKABLE void refreshAll();

    std::optional<Connection> connection(const QString& id) const;
    // The endpoint with its key, for a request.
    remote::Endpoint endpoint(const QString& id) const;

signals:
    void keyringChanged();
    void connectionRemoved(const QString& id);

private:
    void save();
    void changed(int row, const Connection& c);

    QSettings settings_;
    SecretStore* secrets_;
    remote::OpenAiClient* client_;
    ConnectionListModel list_;
    RemoteModelListModel remoteModels_;
    QHash<QString, QString> keys_;  // in memory while the app runs; written only to the keyring
    QHash<QString, quint64> listing_;  // id -> serial of the listing running (a later one wins)
    quint64 serial_ = 0;
};

}  // namespace causerie::gui
