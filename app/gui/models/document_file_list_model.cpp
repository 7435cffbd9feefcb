#include "models/document_file_list_model.h"

#include <QDir>
#include <QFileInfo>

namespace causerie::gui {

DocumentFileListModel::DocumentFileListModel(QObject* parent) : QAbstractListModel(parent) {}

int DocumentFileListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant DocumentFileListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const docs::FileRecord& f = rows_.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case PathRole: return f.path;
    case FileNameRole: return QFileInfo(f.path).fileName();
    case FolderRole: return QDir::toNativeSeparators(QFileInfo(f.path).path());
    case FormatRole: return f.format;
    case SizeRole: return f.size;
    case PagesRole: return f.pages;
    case ChunkCountRole: return f.chunkCount;
    case IndexedRole: return f.indexed;
    case ErrorRole: return f.error;
    case LanguageRole: return f.language;
    default: return {};
    }
}

QHash<int, QByteArray> DocumentFileListModel::roleNames() const {
    return {{PathRole, "path"},     {FileNameRole, "fileName"},     {FolderRole, "folder"},
            {FormatRole, "format"}, {SizeRole, "size"},             {PagesRole, "pages"},
            {ChunkCountRole, "chunkCount"}, {IndexedRole, "indexed"}, {ErrorRole, "error"},
            {LanguageRole, "language"}};
}

void DocumentFileListModel::setFiles(const QList<docs::FileRecord>& files) {
    bool samePaths = files.size() == rows_.size();
    for (qsizetype i = 0; samePaths && i < rows_.size(); ++i) samePaths = rows_[i].path == files[i].path;
    if (samePaths) {
        rows_ = files;
        if (!rows_.isEmpty()) emit dataChanged(index(0), index(int(rows_.size()) - 1));
        return;
    }
    const qsizetype before = rows_.size();
    beginResetModel();
    rows_ = files;
    endResetModel();
    if (before != rows_.size()) emit countChanged();
}

}  // namespace causerie::gui
