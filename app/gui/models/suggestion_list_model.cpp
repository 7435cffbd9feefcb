#include "models/suggestion_list_model.h"

#include <algorithm>

namespace causerie::gui {

SuggestionListModel::SuggestionListModel(const CatalogListModel* catalog, const DownloadListModel* downloads, QObject* parent)
    : QAbstractListModel(parent), catalog_(catalog), downloads_(downloads) {
    for (const QAbstractItemModel* source : {static_cast<const QAbstractItemModel*>(catalog_), static_cast<const QAbstractItemModel*>(downloads_)}) {
        connect(source, &QAbstractItemModel::modelReset, this, &SuggestionListModel::rebuild);
        connect(source, &QAbstractItemModel::rowsInserted, this, &SuggestionListModel::rebuild);
        connect(source, &QAbstractItemModel::rowsRemoved, this, &SuggestionListModel::rebuild);
    }
    // Status and progress change in place: the same rows, new values.
    connect(catalog_, &QAbstractItemModel::dataChanged, this, &SuggestionListModel::rebuild);
    connect(downloads_, &QAbstractItemModel::dataChanged, this, [this] {
        if (!rows_.isEmpty()) emit dataChanged(index(0), index(int(rows_.size()) - 1), {DownloadProgressRole, DownloadStateRole});
    });
    rebuild();
}

void SuggestionListModel::setLanguage(const QString& language) {
    if (language == language_) return;
    language_ = language;
    rebuild();
}

void SuggestionListModel::rebuild() {
    const QList<CatalogRow>& all = catalog_->rows();
    QList<int> chosen;
    for (int i = 0; i < all.size(); ++i) {
        const CatalogRow& r = all[i];
        const bool fits = r.fit.verdict == models::FitVerdict::Fits || r.fit.verdict == models::FitVerdict::Unknown;
        // A download started from here stays listed, so that its progress shows.
        if (r.entry.supported() && !r.entry.isEmbedding() && r.entry.welcomeRank > 0 && fits && (!r.installed || r.downloading)) chosen << i;
    }
    const QString language = language_.left(2);
    std::stable_sort(chosen.begin(), chosen.end(), [&](int a, int b) {
        const bool speaksA = all[a].entry.languages.contains(language), speaksB = all[b].entry.languages.contains(language);
        if (speaksA != speaksB) return speaksA;
        return all[a].entry.welcomeRank < all[b].entry.welcomeRank;
    });
    if (chosen.size() > kMaxRows) chosen.resize(kMaxRows);
    if (chosen == rows_) {
        if (!rows_.isEmpty()) emit dataChanged(index(0), index(int(rows_.size()) - 1));
        return;
    }
    const bool countChanges = chosen.size() != rows_.size();
    beginResetModel();
    rows_ = chosen;
    endResetModel();
    if (countChanges) emit countChanged();
}

const models::DownloadInfo* SuggestionListModel::downloadOf(const QString& entryId) const {
    const models::DownloadInfo* found = nullptr;
    for (const models::DownloadInfo& d : downloads_->downloads())
        if (d.request.catalogId == entryId) found = &d;  // the newest
    return found;
}

int SuggestionListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant SuggestionListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rows_.size()) return {};
    const int source = rows_[index.row()];
    if (role == DownloadProgressRole || role == DownloadStateRole) {
        const QString id = catalog_->rows().value(source).entry.id;
        const models::DownloadInfo* d = downloadOf(id);
        if (role == DownloadStateRole) return d ? models::downloadStateName(d->state) : QString();
        return d && d->totalBytes > 0 ? double(d->receivedBytes) / double(d->totalBytes) : 0.0;
    }
    return catalog_->data(catalog_->index(source), role);
}

QHash<int, QByteArray> SuggestionListModel::roleNames() const {
    QHash<int, QByteArray> names = catalog_->roleNames();
    names.insert(DownloadProgressRole, "downloadProgress");
    names.insert(DownloadStateRole, "downloadState");
    return names;
}

}  // namespace causerie::gui
