// The collections of documents (Documents page, conversation drawer), by name, with their counts
// of files, chunks and unreadable files and the folders and files they were given.
#pragma once
#include "docs/docs_collections.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace causerie::gui {

class CollectionListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by the documents controller")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role { NameRole = Qt::UserRole + 1, FileCountRole, ChunkCountRole, ErrorCountRole, RootsRole };
    Q_ENUM(Role)

    explicit CollectionListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the rows: in place when the names are the same, else a reset.
    void setCollections(const QList<docs::CollectionSummary>& collections);
    const QList<docs::CollectionSummary>& collections() const { return rows_; }
    int count() const { return int(rows_.size()); }
    Q_INVOKABLE int indexOf(const QString& name) const;
    Q_INVOKABLE QStringList names() const;

signals:
    void countChanged();

private:
    QList<docs::CollectionSummary> rows_;
};

}  // namespace causerie::gui
