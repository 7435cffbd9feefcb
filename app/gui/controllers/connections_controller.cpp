#include "controllers/connections_controller.h"

#include "engine/remote_engine.h"
#include "remote/openai_client.h"

#include <QDir>
#include <QUuid>
#include <spdlog/spdlog.h>

namespace causerie::gui {

namespace {
QString keyName(const QString& id) { return QStringLiteral("connection/") + id; }
}  // namespace

ConnectionsController::ConnectionsController(const QString& dataDir, SecretStore* secrets, remote::OpenAiClient* client,
                                             QObject* parent)
    : QObject(parent),
      settings_(QDir(dataDir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat),
      secrets_(secrets),
      client_(client) {
    connect(secrets_, &SecretStore::persistenceChanged, this, &ConnectionsController::keyringChanged);
    const int n = settings_.beginReadArray(QStringLiteral("connections"));
    for (int i = 0; i < n; ++i) {
        settings_.setArrayIndex(i);
        Connection c;
        c.id = settings_.value(QStringLiteral("id")).toString();
        c.name = settings_.value(QStringLiteral("name")).toString();
        c.baseUrl = remote::normalizeBaseUrl(settings_.value(QStringLiteral("url")).toString());
        c.hasKey = settings_.value(QStringLiteral("hasKey")).toBool();
        if (c.id.isEmpty() || !c.baseUrl.isValid()) continue;
        list_.append(c);
    }
    settings_.endArray();
    for (const Connection& c : list_.rows()) {
        if (!c.hasKey) {
            refresh(c.id);
            continue;
        }
        const QString id = c.id;
        secrets_->read(keyName(id), [this, id](const QString& key) {
            keys_.insert(id, key);
            refresh(id);
        });
    }
}

void ConnectionsController::save() {
    settings_.beginWriteArray(QStringLiteral("connections"), int(list_.rows().size()));
    for (int i = 0; i < list_.rows().size(); ++i) {
        const Connection& c = list_.rows()[i];
        settings_.setArrayIndex(i);
        settings_.setValue(QStringLiteral("id"), c.id);
        settings_.setValue(QStringLiteral("name"), c.name);
        settings_.setValue(QStringLiteral("url"), c.baseUrl.toString());
        settings_.setValue(QStringLiteral("hasKey"), c.hasKey);  // whether to ask the keyring, not the key
    }
    settings_.endArray();
    settings_.sync();
}

void ConnectionsController::changed(int row, const Connection& c) {
    list_.update(row, c);
    remoteModels_.setConnections(list_.rows());
}

QString ConnectionsController::addConnection(const QString& name, const QString& baseUrl, const QString& apiKey) {
    Connection c;
    c.baseUrl = remote::normalizeBaseUrl(baseUrl);
    if (!c.baseUrl.isValid()) return tr("The address must be an http:// or https:// URL, such as http://127.0.0.1:8080/v1.");
    c.name = name.simplified().isEmpty() ? c.baseUrl.host() : name.simplified();
    for (const Connection& other : list_.rows())
        if (other.name == c.name) return tr("A connection named %1 exists already.").arg(c.name);
    c.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    c.hasKey = !apiKey.isEmpty();
    if (c.hasKey) {
        keys_.insert(c.id, apiKey);
        secrets_->write(keyName(c.id), apiKey);
    }
    list_.append(c);
    save();
    spdlog::info("connection '{}' added ({})", c.name.toStdString(), remote::displayUrl(c.baseUrl).toStdString());
    refresh(c.id);
    return {};
}

void ConnectionsController::removeConnection(const QString& id) {
    const int row = list_.indexOf(id);
    if (row < 0) return;
    if (list_.rows()[row].hasKey) secrets_->remove(keyName(id));
    keys_.remove(id);
    listing_.remove(id);
    list_.removeAt(row);
    remoteModels_.setConnections(list_.rows());
    save();
    emit connectionRemoved(id);
}

void ConnectionsController::setApiKey(const QString& id, const QString& apiKey) {
    const int row = list_.indexOf(id);
    if (row < 0) return;
    Connection c = list_.rows()[row];
    c.hasKey = !apiKey.isEmpty();
    if (c.hasKey) {
        keys_.insert(id, apiKey);
        secrets_->write(keyName(id), apiKey);
    } else {
        keys_.remove(id);
        secrets_->remove(keyName(id));
    }
    list_.update(row, c);
    save();
    refresh(id);
}

void ConnectionsController::refresh(const QString& id) {
    const int row = list_.indexOf(id);
    if (row < 0) return;
    Connection c = list_.rows()[row];
    c.state = Connection::State::Checking;
    c.error.clear();
    changed(row, c);
    const quint64 serial = ++serial_;
    listing_.insert(id, serial);
    remote::ModelListRequest* request = client_->listModels(endpoint(id));
    connect(request, &remote::ModelListRequest::finished, this, [this, request, id, serial] {
        request->deleteLater();
        if (listing_.value(id) != serial) return;  // removed, or listed again since
        const int at = list_.indexOf(id);
        if (at < 0) return;
        Connection done = list_.rows()[at];
        if (request->error()) {
            done.state = Connection::State::Failed;
            done.error = RemoteEngine::describe(*request->error());
            done.models.clear();
            spdlog::warn("connection '{}': {}", done.name.toStdString(), request->error()->message.toStdString());
        } else {
            done.state = Connection::State::Ready;
            done.models = request->models();
        }
        changed(at, done);
    });
}

void ConnectionsController::refreshAll() {
    for (const Connection& c : list_.rows()) refresh(c.id);
}

std::optional<Connection> ConnectionsController::connection(const QString& id) const {
    const int row = list_.indexOf(id);
    if (row < 0) return std::nullopt;
    return list_.rows()[row];
}

remote::Endpoint ConnectionsController::endpoint(const QString& id) const {
    remote::Endpoint e;
    if (auto c = connection(id)) {
        e.baseUrl = c->baseUrl;
        e.apiKey = keys_.value(id);
    }
    return e;
}

}  // namespace causerie::gui
