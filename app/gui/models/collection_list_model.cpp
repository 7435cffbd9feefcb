#include "models/collection_list_model.h"

namespace causerie::gui {

CollectionListModel::CollectionListModel(QObject* parent) : QAbstractListModel(parent) {}

int CollectionListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant CollectionListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const docs::CollectionSummary& c = rows_.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return c.name;
    case FileCountRole: return c.files;
    case ChunkCountRole: return c.chunks;
    case ErrorCountRole: return c.errors;
    case RootsRole: return c.roots;
    default: return {};
    }
}

QHash<int, QByteArray> CollectionListModel::roleNames() const {
    return {{NameRole, "name"}, {FileCountRole, "fileCount"}, {ChunkCountRole, "chunkCount"},
            {ErrorCountRole, "errorCount"}, {RootsRole, "roots"}};
}

void CollectionListModel::setCollections(const QList<docs::CollectionSummary>& collections) {
    bool sameNames = collections.size() == rows_.size();
    for (qsizetype i = 0; sameNames && i < rows_.size(); ++i) sameNames = rows_[i].name == collections[i].name;
    if (sameNames) {
        rows_ = collections;
        if (!rows_.isEmpty()) emit dataChanged(index(0), index(int(rows_.size()) - 1));
        return;
    }
    const qsizetype before = rows_.size();
    beginResetModel();
    rows_ = collections;
    endResetModel();
    if (before != rows_.size()) emit countChanged();
}

int CollectionListModel::indexOf(const QString& name) const {
    for (qsizetype i = 0; i < rows_.size(); ++i)
        if (rows_[i].name == name) return int(i);
    return -1;
}

QStringList CollectionListModel::names() const {
    QStringList out;
    for (const docs::CollectionSummary& c : rows_) out << c.name;
    return out;
}

}  // namespace causerie::gui
