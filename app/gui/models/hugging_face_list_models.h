// Hugging Face search on the Models page: the repositories a search found, and the GGUF files
// of the chosen repository with their sizes and quantizations.
#pragma once
#include "models/hf_client.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace causerie::gui {

class HfRepositoryListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App.models")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role { RepositoryRole = Qt::UserRole + 1, DownloadsRole, LikesRole, LastModifiedRole };
    Q_ENUM(Role)

    explicit HfRepositoryListModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setRows(const QList<models::HfModel>& rows);
    int count() const { return int(rows_.size()); }

signals:
    void countChanged();

private:
    QList<models::HfModel> rows_;
};

class HfFileListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App.models")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString repository READ repository NOTIFY countChanged)
    // The row the quantization preference picks (Q4_K_M first...), -1 when none.
    Q_PROPERTY(int preferredRow READ preferredRow NOTIFY countChanged)
public:
    enum Role { PathRole = Qt::UserRole + 1, SizeRole, Sha256Role, QuantizationRole, SplitPartRole };
    Q_ENUM(Role)

    explicit HfFileListModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setRows(const QString& repository, const QList<models::HfFile>& rows);
    const QList<models::HfFile>& rows() const { return rows_; }
    int count() const { return int(rows_.size()); }
    QString repository() const { return repository_; }
    int preferredRow() const;

signals:
    void countChanged();

private:
    QString repository_;
    QList<models::HfFile> rows_;
};

}  // namespace causerie::gui
