// The downloads panel: the download manager's queue, oldest first, with progress, speed, time
// left and the reason of a failure (translated when it is one of the common ones).
#pragma once
#include "models/download_types.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace causerie::gui {

class DownloadListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App.models")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int activeCount READ activeCount NOTIFY activeCountChanged)
public:
    enum Role {
        DownloadIdRole = Qt::UserRole + 1, FileNameRole, StateRole, ReceivedRole, TotalRole, ProgressRole, SpeedRole,
        SecondsLeftRole, ErrorRole, CanPauseRole, CanResumeRole, RetryInRole, CatalogIdRole, PathRole
    };
    Q_ENUM(Role)

    explicit DownloadListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setDownloads(const QList<models::DownloadInfo>& downloads);
    void upsert(const models::DownloadInfo& info);  // updates the row, or appends it
    void remove(qint64 id);
    const QList<models::DownloadInfo>& downloads() const { return rows_; }
    int count() const { return int(rows_.size()); }
    int activeCount() const;
    int rowOf(qint64 id) const;
    // Turns the manager's English error lines into the interface language.
    void setErrorTranslator(std::function<QString(const QString&)> translate) { translate_ = std::move(translate); }
    void retranslate();

signals:
    void countChanged();
    void activeCountChanged();

private:
    QList<models::DownloadInfo> rows_;
    std::function<QString(const QString&)> translate_;
    int lastActive_ = 0;
    void checkActive();
};

}  // namespace causerie::gui
