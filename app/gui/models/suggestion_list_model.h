// The first start's suggestions: the few catalog models worth downloading on this machine
// (supported, fitting the device memory, not installed yet), those that chat in the interface
// language first, then in the catalog's welcome order. A row has the catalog list's roles plus
// the progress of its download, when one runs.
#pragma once
#include "models/catalog_list_model.h"
#include "models/download_list_model.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace causerie::gui {

class SuggestionListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App.models")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    static constexpr int kMaxRows = 3;
    enum Role { DownloadProgressRole = CatalogListModel::RepositoryRole + 100, DownloadStateRole };
    Q_ENUM(Role)

    SuggestionListModel(const CatalogListModel* catalog, const DownloadListModel* downloads, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setLanguage(const QString& language);
    int count() const { return int(rows_.size()); }
    // The catalog rows chosen, in order (for tests).
    QList<int> catalogRows() const { return rows_; }

signals:
    void countChanged();

private:
    void rebuild();
    const models::DownloadInfo* downloadOf(const QString& entryId) const;

    const CatalogListModel* catalog_;
    const DownloadListModel* downloads_;
    QList<int> rows_;
    QString language_ = QStringLiteral("en");
};

}  // namespace causerie::gui
