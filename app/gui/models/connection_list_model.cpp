#include "models/connection_list_model.h"

namespace causerie::gui {

namespace {
QString stateName(Connection::State s) {
    switch (s) {
        case Connection::State::Unchecked: return QStringLiteral("unchecked");
        case Connection::State::Checking: return QStringLiteral("checking");
        case Connection::State::Ready: return QStringLiteral("ready");
        case Connection::State::Failed: return QStringLiteral("failed");
    }
    return {};
}
}  // namespace

int ConnectionListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant ConnectionListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Connection& c = rows_.at(index.row());
    switch (role) {
        case Qt::DisplayRole:
        case NameRole: return c.name;
        case IdRole: return c.id;
        case BaseUrlRole: return c.baseUrl.toString();
        case HasKeyRole: return c.hasKey;
        case StateRole: return stateName(c.state);
        case ErrorRole: return c.error;
        case ModelCountRole: return int(c.models.size());
        default: return {};
    }
}

QHash<int, QByteArray> ConnectionListModel::roleNames() const {
    return {{IdRole, "connectionId"}, {NameRole, "name"},   {BaseUrlRole, "address"},      {HasKeyRole, "hasKey"},
            {StateRole, "status"},     {ErrorRole, "error"}, {ModelCountRole, "modelCount"}};
}

int ConnectionListModel::indexOf(const QString& id) const {
    for (int i = 0; i < rows_.size(); ++i)
        if (rows_[i].id == id) return i;
    return -1;
}

void ConnectionListModel::append(const Connection& c) {
    beginInsertRows({}, int(rows_.size()), int(rows_.size()));
    rows_.append(c);
    endInsertRows();
    emit countChanged();
}

void ConnectionListModel::removeAt(int row) {
    if (row < 0 || row >= rows_.size()) return;
    beginRemoveRows({}, row, row);
    rows_.removeAt(row);
    endRemoveRows();
    emit countChanged();
}

void ConnectionListModel::update(int row, const Connection& c) {
    if (row < 0 || row >= rows_.size()) return;
    rows_[row] = c;
    emit dataChanged(index(row), index(row));
}

int RemoteModelListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant RemoteModelListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& r = rows_.at(index.row());
    switch (role) {
        case Qt::DisplayRole:
        case ModelIdRole: return r.model;
        case ConnectionIdRole: return r.connectionId;
        case ConnectionNameRole: return r.connectionName;
        default: return {};
    }
}

QHash<int, QByteArray> RemoteModelListModel::roleNames() const {
    return {{ConnectionIdRole, "connectionId"}, {ConnectionNameRole, "connectionName"}, {ModelIdRole, "modelId"}};
}

void RemoteModelListModel::setConnections(const QList<Connection>& connections) {
    QList<Row> rows;
    for (const Connection& c : connections)
        if (c.state == Connection::State::Ready)
            for (const QString& m : c.models) rows.append({c.id, c.name, m});
    const bool changedCount = rows.size() != rows_.size();
    beginResetModel();
    rows_ = rows;
    endResetModel();
    if (changedCount) emit countChanged();
}

}  // namespace causerie::gui
