#include "models/catalog_list_model.h"

namespace causerie::gui {

CatalogListModel::CatalogListModel(QObject* parent) : QAbstractListModel(parent) {}

int CatalogListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant CatalogListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const CatalogRow& r = rows_.at(index.row());
    const models::CatalogEntry& e = r.entry;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return e.name;
    case EntryIdRole: return e.id;
    case DescriptionRole: return e.description(language_);
    case SizeRole: return e.size;
    case SizeApproximateRole: return e.sizeApproximate;
    case QuantizationRole: return e.quantization;
    case ParametersRole: return e.parameters;
    case LicenseRole: return e.license;
    case ContextLengthRole: return e.contextLength;
    case ArchitectureRole: return e.architecture;
    case SupportedRole: return e.supported();
    case FitRole: return models::fitVerdictName(r.fit.verdict);
    case SuggestedContextRole: return int(r.fit.suggestedContext);
    case NeededBytesRole: return qint64(r.fit.totalBytes);
    case ExpertLayersRole: return int(r.fit.expertLayersInSystemMemory);
    case InstalledRole: return r.installed;
    case DownloadingRole: return r.downloading;
    case RepositoryRole: return e.repository;
    case DownloadErrorRole: return r.downloadError;
    default: return {};
    }
}

QHash<int, QByteArray> CatalogListModel::roleNames() const {
    return {{EntryIdRole, "entryId"}, {NameRole, "name"}, {DescriptionRole, "description"}, {SizeRole, "size"},
            {SizeApproximateRole, "sizeApproximate"}, {QuantizationRole, "quantization"}, {ParametersRole, "parameters"},
            {LicenseRole, "license"}, {ContextLengthRole, "contextLength"}, {ArchitectureRole, "architecture"},
            {SupportedRole, "supported"}, {FitRole, "fit"}, {SuggestedContextRole, "suggestedContext"},
            {NeededBytesRole, "neededBytes"}, {ExpertLayersRole, "expertLayersInSystemMemory"}, {InstalledRole, "installed"}, {DownloadingRole, "downloading"},
            {RepositoryRole, "repository"}, {DownloadErrorRole, "downloadError"}};
}

void CatalogListModel::setRows(const QList<CatalogRow>& rows) {
    const int before = int(rows_.size());
    beginResetModel();
    rows_ = rows;
    endResetModel();
    if (before != rows_.size()) emit countChanged();
}

void CatalogListModel::setStatus(const QStringList& installedFiles, const QStringList& downloadingFiles,
                                 const QHash<QString, QString>& failedFiles) {
    for (int i = 0; i < rows_.size(); ++i) {
        CatalogRow& r = rows_[i];
        const bool installed = installedFiles.contains(r.entry.file, Qt::CaseInsensitive);
        const bool downloading = downloadingFiles.contains(r.entry.file, Qt::CaseInsensitive);
        const QString failure = installed || downloading ? QString() : failedFiles.value(r.entry.file.toLower());
        if (installed == r.installed && downloading == r.downloading && failure == r.downloadError) continue;
        r.installed = installed;
        r.downloading = downloading;
        r.downloadError = failure;
        emit dataChanged(index(i), index(i), {InstalledRole, DownloadingRole, DownloadErrorRole});
    }
}

void CatalogListModel::setLanguage(const QString& language) {
    if (language == language_) return;
    language_ = language;
    if (!rows_.isEmpty()) emit dataChanged(index(0), index(int(rows_.size()) - 1), {DescriptionRole});
}

}  // namespace causerie::gui
