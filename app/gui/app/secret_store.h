// API keys of the remote endpoints, in the system keyring (Secret Service or KWallet, through
// QtKeychain) and nowhere else: never in SQLite, settings files or logs. Where no keyring
// service answers (a headless session, CI), or with CAUSERIE_KEYRING=session, keys are kept in
// memory for this session only and `persistent` says so. Asynchronous: the keyring may ask the
// user to unlock it, and the GUI thread never waits.
#pragma once
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace causerie::gui {

class SecretStore : public QObject {
    Q_OBJECT
public:
    // `service`: the keyring's folder for the app's keys.
    explicit SecretStore(QString service = QStringLiteral("org.causerie.Causerie"), QObject* parent = nullptr);

    // False once a keyring operation found no service (or by CAUSERIE_KEYRING=session): keys
    // then last for this session only.
    bool persistent() const { return persistent_; }
    // Why the keys are not kept (the keyring's own message), empty while they are.
    QString problem() const { return problem_; }

    // `done(key)` with the key ("" when there is none).
    void read(const QString& name, std::function<void(QString)> done);
    void write(const QString& name, const QString& key);
    void remove(const QString& name);

signals:
    void persistenceChanged();

private:
    void fallBack(const QString& why);

    QString service_;
    bool persistent_ = true;
    QString problem_;
    QHash<QString, QString> session_;  // every key this session knows, so that a failing keyring loses none
};

}  // namespace causerie::gui
