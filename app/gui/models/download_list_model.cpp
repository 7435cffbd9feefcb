#include "models/download_list_model.h"

#include <QFileInfo>

namespace causerie::gui {

using models::DownloadState;

DownloadListModel::DownloadListModel(QObject* parent) : QAbstractListModel(parent) {}

int DownloadListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int DownloadListModel::activeCount() const {
    int n = 0;
    for (const auto& d : rows_) n += (d.state == DownloadState::Queued || models::isActive(d.state)) ? 1 : 0;
    return n;
}

int DownloadListModel::rowOf(qint64 id) const {
    for (int i = 0; i < rows_.size(); ++i)
        if (rows_[i].id == id) return i;
    return -1;
}

QVariant DownloadListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const models::DownloadInfo& d = rows_.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case FileNameRole: return d.request.fileName;
    case DownloadIdRole: return d.id;
    case StateRole: return models::downloadStateName(d.state);
    case ReceivedRole: return d.receivedBytes;
    case TotalRole: return d.totalBytes;
    case ProgressRole: return d.totalBytes > 0 ? double(d.receivedBytes) / double(d.totalBytes) : 0.0;
    case SpeedRole: return d.bytesPerSecond;
    case SecondsLeftRole: return d.secondsLeft;
    case ErrorRole: return translate_ ? translate_(d.error) : d.error;
    case CanPauseRole: return d.state == DownloadState::Queued || d.state == DownloadState::Running ||
                              d.state == DownloadState::Waiting || d.state == DownloadState::Checking;
    case CanResumeRole: return d.state == DownloadState::Paused || d.state == DownloadState::Failed;
    case RetryInRole: return d.retryInMs;
    case CatalogIdRole: return d.request.catalogId;
    case PathRole: return d.request.finalPath();
    default: return {};
    }
}

QHash<int, QByteArray> DownloadListModel::roleNames() const {
    return {{DownloadIdRole, "downloadId"}, {FileNameRole, "fileName"}, {StateRole, "downloadState"},
            {ReceivedRole, "received"}, {TotalRole, "total"}, {ProgressRole, "progress"}, {SpeedRole, "speed"},
            {SecondsLeftRole, "secondsLeft"}, {ErrorRole, "error"}, {CanPauseRole, "canPause"},
            {CanResumeRole, "canResume"}, {RetryInRole, "retryIn"}, {CatalogIdRole, "catalogId"}, {PathRole, "path"}};
}

void DownloadListModel::checkActive() {
    const int active = activeCount();
    if (active == lastActive_) return;
    lastActive_ = active;
    emit activeCountChanged();
}

void DownloadListModel::setDownloads(const QList<models::DownloadInfo>& downloads) {
    const int before = int(rows_.size());
    beginResetModel();
    rows_ = downloads;
    endResetModel();
    if (before != rows_.size()) emit countChanged();
    checkActive();
}

void DownloadListModel::upsert(const models::DownloadInfo& info) {
    const int row = rowOf(info.id);
    if (row < 0) {
        beginInsertRows({}, int(rows_.size()), int(rows_.size()));
        rows_.append(info);
        endInsertRows();
        emit countChanged();
    } else {
        rows_[row] = info;
        emit dataChanged(index(row), index(row));
    }
    checkActive();
}

void DownloadListModel::remove(qint64 id) {
    const int row = rowOf(id);
    if (row < 0) return;
    beginRemoveRows({}, row, row);
    rows_.removeAt(row);
    endRemoveRows();
    emit countChanged();
    checkActive();
}

void DownloadListModel::retranslate() {
    if (!rows_.isEmpty()) emit dataChanged(index(0), index(int(rows_.size()) - 1), {ErrorRole});
}

}  // namespace causerie::gui
