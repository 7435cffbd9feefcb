#include "app/secret_store.h"

#include <qt6keychain/keychain.h>
#include <spdlog/spdlog.h>

namespace causerie::gui {

namespace {
// The keyring errors that mean "there is no usable keyring here", as opposed to "no such entry".
bool noKeyring(QKeychain::Error e) {
    return e == QKeychain::NoBackendAvailable || e == QKeychain::NotImplemented || e == QKeychain::OtherError ||
           e == QKeychain::AccessDenied;
}
}  // namespace

SecretStore::SecretStore(QString service, QObject* parent) : QObject(parent), service_(std::move(service)) {
    if (qEnvironmentVariable("CAUSERIE_KEYRING") == QLatin1String("session")) {
        persistent_ = false;
        problem_ = QStringLiteral("CAUSERIE_KEYRING=session");
    }
}

void SecretStore::fallBack(const QString& why) {
    if (!persistent_) return;
    spdlog::warn("no system keyring ({}): API keys are kept for this session only", why.toStdString());
    persistent_ = false;
    problem_ = why;
    emit persistenceChanged();
}

void SecretStore::read(const QString& name, std::function<void(QString)> done) {
    if (session_.contains(name) || !persistent_) {
        const QString key = session_.value(name);
        QMetaObject::invokeMethod(this, [done, key] { done(key); }, Qt::QueuedConnection);
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(service_, this);
    job->setAutoDelete(true);
    job->setKey(name);
    connect(job, &QKeychain::Job::finished, this, [this, job, name, done] {
        if (job->error() == QKeychain::NoError) {
            session_.insert(name, job->textData());
            return done(job->textData());
        }
        if (noKeyring(job->error())) fallBack(job->errorString());
        done(session_.value(name));
    });
    job->start();
}

void SecretStore::write(const QString& name, const QString& key) {
    session_.insert(name, key);
    if (!persistent_) return;
    auto* job = new QKeychain::WritePasswordJob(service_, this);
    job->setAutoDelete(true);
    job->setKey(name);
    job->setTextData(key);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() != QKeychain::NoError) fallBack(job->errorString());
    });
    job->start();
}

void SecretStore::remove(const QString& name) {
    session_.remove(name);
    if (!persistent_) return;
    auto* job = new QKeychain::DeletePasswordJob(service_, this);
    job->setAutoDelete(true);
    job->setKey(name);
    connect(job, &QKeychain::Job::finished, this, [job] {
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
            spdlog::warn("the keyring could not delete a key: {}", job->errorString().toStdString());
    });
    job->start();
}

}  // namespace causerie::gui
