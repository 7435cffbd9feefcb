// Settings > Connections: the remote OpenAI-compatible endpoints, one row each (name, base URL,
// whether a key is set, the state of the last model listing and how many models it found).
#pragma once
#include <QAbstractListModel>
#include <QStringList>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace causerie::gui {

struct Connection {
    QString id;    // stable (a UUID); names the key in the keyring
    QString name;
    QUrl baseUrl;  // normalized (see remote::normalizeBaseUrl)
    bool hasKey = false;
    enum class State { Unchecked, Checking, Ready, Failed } state = State::Unchecked;
    QString error;       // why the last listing failed (translated)
    QStringList models;  // from GET /models
};

class ConnectionListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App.connections")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role { IdRole = Qt::UserRole + 1, NameRole, BaseUrlRole, HasKeyRole, StateRole, ErrorRole, ModelCountRole };
    Q_ENUM(Role)

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(rows_.size()); }
    const QList<Connection>& rows() const { return rows_; }
    int indexOf(const QString& id) const;
    void append(const Connection& c);
    void removeAt(int row);
    void update(int row, const Connection& c);  // one dataChanged for the row

signals:
    void countChanged();

private:
    QList<Connection> rows_;
};

// The model picker's remote part: every model of every ready connection, as
// "connection / model" rows.
class RemoteModelListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App.connections")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role { ConnectionIdRole = Qt::UserRole + 1, ConnectionNameRole, ModelIdRole };
    Q_ENUM(Role)

    struct Row {
        QString connectionId, connectionName, model;
    };

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(rows_.size()); }
    // Rebuilt from the connections (a reset: the list is short).
    void setConnections(const QList<Connection>& connections);
    const QList<Row>& rows() const { return rows_; }

signals:
    void countChanged();

private:
    QList<Row> rows_;
};

}  // namespace causerie::gui
