// The curated catalog on the Models page: one row per catalog entry with its description in the
// interface language, whether it is installed or downloading, and the "will it fit" verdict.
#pragma once
#include "models/catalog.h"
#include "models/fit_estimate.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace causerie::gui {

struct CatalogRow {
    models::CatalogEntry entry;
    models::FitEstimate fit;
    bool installed = false;
    bool downloading = false;
    QString downloadError;  // its download failed, and why (the button offers it again)
};

class CatalogListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App.models")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        EntryIdRole = Qt::UserRole + 1, NameRole, DescriptionRole, SizeRole, SizeApproximateRole, QuantizationRole,
        ParametersRole, LicenseRole, ContextLengthRole, ArchitectureRole, SupportedRole, FitRole, SuggestedContextRole,
        NeededBytesRole, InstalledRole, DownloadingRole, RepositoryRole, DownloadErrorRole, ExpertLayersRole
    };
    Q_ENUM(Role)

    explicit CatalogListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setRows(const QList<CatalogRow>& rows);
    // Updates the installed/downloading flags and the failures (lower-case file name -> why) in place.
    void setStatus(const QStringList& installedFiles, const QStringList& downloadingFiles,
                   const QHash<QString, QString>& failedFiles = {});
    void setLanguage(const QString& language);
    const QList<CatalogRow>& rows() const { return rows_; }
    int count() const { return int(rows_.size()); }

signals:
    void countChanged();

private:
    QList<CatalogRow> rows_;
    QString language_ = QStringLiteral("en");
};

}  // namespace causerie::gui
