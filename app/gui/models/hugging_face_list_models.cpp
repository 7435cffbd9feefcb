#include "models/hugging_face_list_models.h"

namespace causerie::gui {

HfRepositoryListModel::HfRepositoryListModel(QObject* parent) : QAbstractListModel(parent) {}

int HfRepositoryListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant HfRepositoryListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const models::HfModel& m = rows_.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case RepositoryRole: return m.repository;
    case DownloadsRole: return m.downloads;
    case LikesRole: return m.likes;
    case LastModifiedRole: return m.lastModified;
    default: return {};
    }
}

QHash<int, QByteArray> HfRepositoryListModel::roleNames() const {
    return {{RepositoryRole, "repository"}, {DownloadsRole, "downloads"}, {LikesRole, "likes"},
            {LastModifiedRole, "lastModified"}};
}

void HfRepositoryListModel::setRows(const QList<models::HfModel>& rows) {
    const int before = int(rows_.size());
    beginResetModel();
    rows_ = rows;
    endResetModel();
    if (before != rows_.size()) emit countChanged();
}

HfFileListModel::HfFileListModel(QObject* parent) : QAbstractListModel(parent) {}

int HfFileListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant HfFileListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const models::HfFile& f = rows_.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case PathRole: return f.path;
    case SizeRole: return f.size;
    case Sha256Role: return f.sha256;
    case QuantizationRole: return f.quantization;
    case SplitPartRole: return f.splitPart;
    default: return {};
    }
}

QHash<int, QByteArray> HfFileListModel::roleNames() const {
    return {{PathRole, "path"}, {SizeRole, "size"}, {Sha256Role, "sha256"}, {QuantizationRole, "quantization"},
            {SplitPartRole, "splitPart"}};
}

void HfFileListModel::setRows(const QString& repository, const QList<models::HfFile>& rows) {
    beginResetModel();
    repository_ = repository;
    rows_ = rows;
    endResetModel();
    emit countChanged();
}

int HfFileListModel::preferredRow() const {
    const models::HfFile* best = models::HfClient::pickQuantization(rows_);
    if (!best) return -1;
    for (int i = 0; i < rows_.size(); ++i)
        if (&rows_[i] == best) return i;
    return -1;
}

}  // namespace causerie::gui
