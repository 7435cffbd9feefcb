// Installed models on the Models page: the library's scan (models folder and files used in
// place) followed by the files found in LM Studio's and GPT4All's folders, offered in place.
#pragma once
#include "models/fit_estimate.h"
#include "models/model_library.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace causerie::gui {

struct InstalledRow {
    models::InstalledModel model;
    models::FitEstimate fit;
    bool external = false;  // found in another app's folder, not registered yet
};

class InstalledModelListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App.models")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int installedCount READ installedCount NOTIFY countChanged)
    // Installed chat models (valid, supported, not an embedding model): what the chat can load.
    Q_PROPERTY(int chatCount READ chatCount NOTIFY countChanged)
    Q_PROPERTY(QStringList embeddingPaths READ embeddingPaths NOTIFY embeddingModelsChanged)
public:
    enum Role {
        ModelIdRole = Qt::UserRole + 1, PathRole, FileNameRole, SizeRole, SourceRole, ValidRole, ErrorRole,
        ArchitectureRole, QuantizationRole, ParametersRole, ContextLengthRole, ChatTemplateRole, SupportedRole,
        FitRole, SuggestedContextRole, NeededBytesRole, ExternalRole, ExpertLayersRole,
        EmbeddingRole  // an embedding model (for documents): never offered as a chat model
    };
    Q_ENUM(Role)

    explicit InstalledModelListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setRows(const QList<InstalledRow>& rows);
    const QList<InstalledRow>& rows() const { return rows_; }
    int count() const { return int(rows_.size()); }
    int installedCount() const;
    int chatCount() const;
    // The installed embedding models' paths (valid and supported), in list order.
    QStringList embeddingPaths() const;

signals:
    void countChanged();
    void embeddingModelsChanged();

private:
    QList<InstalledRow> rows_;
};

}  // namespace causerie::gui
