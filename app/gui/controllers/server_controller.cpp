#include "controllers/server_controller.h"

#include "server.h"

#include <QDir>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace causerie::gui {

namespace {
const QString kKeyName = QStringLiteral("server/key");
}

ServerController::ServerController(const QString& dataDir, ChatEngine* engine, SecretStore* secrets, QObject* parent)
    : QObject(parent),
      settings_(QDir(dataDir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat),
      engine_(engine),
      secrets_(secrets) {
    enabled_ = settings_.value(QStringLiteral("server/enabled"), false).toBool();
    port_ = std::clamp(settings_.value(QStringLiteral("server/port"), 8080).toInt(), 0, 65535);
    allowOthers_ = settings_.value(QStringLiteral("server/allowOthers"), false).toBool();
    const bool keySet = settings_.value(QStringLiteral("server/hasKey"), false).toBool();
    if (!keySet) {
        keyRead_ = true;
        if (enabled_) restart();
        return;
    }
    secrets_->read(kKeyName, [this](const QString& key) {  // the server starts once its key is known
        key_ = key;
        keyRead_ = true;
        if (enabled_) restart();
        emit changed();
    });
}

ServerController::~ServerController() { stopServer(); }

void ServerController::stopServer() {
    if (!server_) return;
    server_.reset();  // cancels its requests, joins its threads
    url_.clear();
    spdlog::info("the app's server stopped");
}

void ServerController::restart() {
    stopServer();
    error_.clear();
    if (!enabled_ || !keyRead_) return emit changed();
    auto shared = engine_->sharedEngine();
    if (!shared) {
        error_ = tr("This engine cannot serve its model.");
        return emit changed();
    }
    server::ServerOptions o;
    o.host = allowOthers_ ? "0.0.0.0" : "127.0.0.1";
    o.port = port_;
    o.api_key = key_.toStdString();
    o.model_id = modelId().toStdString();
    auto started = server::Server::start(o);
    if (!started) {
        error_ = tr("The server cannot listen on port %1 (is it in use?).").arg(port_);
        spdlog::warn("the app's server: {}", started.error().message);
        return emit changed();
    }
    server_ = std::move(*started);
    server_->share_engine(*shared);
    url_ = QString::fromStdString(server_->url()) + QStringLiteral("/v1");
    if (allowOthers_) url_.replace(QStringLiteral("0.0.0.0"), QStringLiteral("127.0.0.1"));
    spdlog::info("the app's server listens on {}{}", server_->url(), allowOthers_ ? " (other computers allowed)" : "");
    emit changed();
}

void ServerController::setEnabled(bool on) {
    if (on == enabled_) return;
    enabled_ = on;
    settings_.setValue(QStringLiteral("server/enabled"), on);
    restart();
}

void ServerController::setPort(int port) {
    port = std::clamp(port, 0, 65535);
    if (port == port_) return;
    port_ = port;
    settings_.setValue(QStringLiteral("server/port"), port);
    if (enabled_) restart();
    else emit changed();
}

void ServerController::setAllowOthers(bool allow) {
    if (allow == allowOthers_) return;
    allowOthers_ = allow;
    settings_.setValue(QStringLiteral("server/allowOthers"), allow);
    if (enabled_) restart();
    else emit changed();
}

void ServerController::setApiKey(const QString& key) {
    key_ = key;
    settings_.setValue(QStringLiteral("server/hasKey"), !key.isEmpty());  // whether to ask the keyring, not the key
    if (key.isEmpty()) secrets_->remove(kKeyName);
    else secrets_->write(kKeyName, key);
    if (enabled_) restart();
    else emit changed();
}

}  // namespace causerie::gui
