#include "app/offline_network.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QQmlEngine>
#include <QTimer>
#include <spdlog/spdlog.h>

namespace causerie::gui {
namespace {

// A reply that fails at once with "access denied", without a byte on the network.
class RefusedReply : public QNetworkReply {
public:
    RefusedReply(QNetworkAccessManager::Operation op, const QNetworkRequest& request, QObject* parent)
        : QNetworkReply(parent) {
        setRequest(request);
        setUrl(request.url());
        setOperation(op);
        setError(ContentAccessDenied, QStringLiteral("Causerie does not load anything from the network here"));
        open(QIODevice::ReadOnly);
        setFinished(true);
        QTimer::singleShot(0, this, [this] {
            emit errorOccurred(ContentAccessDenied);
            emit finished();
        });
    }
    void abort() override {}
    qint64 bytesAvailable() const override { return 0; }

protected:
    qint64 readData(char*, qint64) override { return -1; }
};

class RefusingAccessManager : public QNetworkAccessManager {
public:
    using QNetworkAccessManager::QNetworkAccessManager;

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request, QIODevice*) override {
        OfflineNetworkFactory::countRefusal();
        // The host only: the rest of the URL may carry what it tried to leak.
        spdlog::warn("refused a network request from the interface to {}", request.url().host().toStdString());
        return new RefusedReply(op, request, this);
    }
};

}  // namespace

QNetworkAccessManager* OfflineNetworkFactory::create(QObject* parent) { return new RefusingAccessManager(parent); }

void OfflineNetworkFactory::install(QQmlEngine* engine) {
    static OfflineNetworkFactory factory;
    engine->setNetworkAccessManagerFactory(&factory);
}

}  // namespace causerie::gui
