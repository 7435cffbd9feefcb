// The files of one collection (Documents page), by path: indexed ones with their chunk and page
// counts, unreadable ones with the reason.
#pragma once
#include "docs/docs_index.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace causerie::gui {

class DocumentFileListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by the documents controller")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        PathRole = Qt::UserRole + 1,
        FileNameRole,
        FolderRole,
        FormatRole,
        SizeRole,
        PagesRole,       // 0: not a paged format
        ChunkCountRole,
        IndexedRole,     // false: unreadable, ErrorRole says why
        ErrorRole,
        LanguageRole,    // "fr" or "en"
    };
    Q_ENUM(Role)

    explicit DocumentFileListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the rows: in place when the paths are the same, else a reset.
    void setFiles(const QList<docs::FileRecord>& files);
    const QList<docs::FileRecord>& files() const { return rows_; }
    int count() const { return int(rows_.size()); }

signals:
    void countChanged();

private:
    QList<docs::FileRecord> rows_;
};

}  // namespace causerie::gui
