#include "models/installed_model_list_model.h"

namespace causerie::gui {

InstalledModelListModel::InstalledModelListModel(QObject* parent) : QAbstractListModel(parent) {}

int InstalledModelListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int InstalledModelListModel::installedCount() const {
    int n = 0;
    for (const InstalledRow& r : rows_) n += r.external ? 0 : 1;
    return n;
}

int InstalledModelListModel::chatCount() const {
    int n = 0;
    for (const InstalledRow& r : rows_) n += !r.external && r.model.valid && r.model.summary.supported && !r.model.summary.embedding;
    return n;
}

QStringList InstalledModelListModel::embeddingPaths() const {
    QStringList out;
    for (const InstalledRow& r : rows_)
        if (!r.external && r.model.valid && r.model.summary.supported && r.model.summary.embedding) out << r.model.path;
    return out;
}

QVariant InstalledModelListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const InstalledRow& r = rows_.at(index.row());
    const models::InstalledModel& m = r.model;
    switch (role) {
    case Qt::DisplayRole:
    case ModelIdRole: return m.id;
    case PathRole: return m.path;
    case FileNameRole: return m.fileName;
    case SizeRole: return m.sizeOnDisk;
    case SourceRole: return models::modelSourceName(m.source);
    case ValidRole: return m.valid;
    case ErrorRole: return m.error;
    case ArchitectureRole: return m.summary.architecture;
    case QuantizationRole: return m.summary.quantization;
    case ParametersRole: return m.summary.parameterCount ? models::formatParameterCount(m.summary.parameterCount) : QString();
    case ContextLengthRole: return int(m.summary.contextLength);
    case ChatTemplateRole: return m.summary.hasChatTemplate;
    case SupportedRole: return m.summary.supported;
    case FitRole: return models::fitVerdictName(r.fit.verdict);
    case SuggestedContextRole: return int(r.fit.suggestedContext);
    case NeededBytesRole: return qint64(r.fit.totalBytes);
    case ExpertLayersRole: return int(r.fit.expertLayersInSystemMemory);
    case ExternalRole: return r.external;
    case EmbeddingRole: return m.summary.embedding;
    default: return {};
    }
}

QHash<int, QByteArray> InstalledModelListModel::roleNames() const {
    return {{ModelIdRole, "modelId"}, {PathRole, "path"}, {FileNameRole, "fileName"}, {SizeRole, "size"},
            {SourceRole, "source"}, {ValidRole, "valid"}, {ErrorRole, "error"}, {ArchitectureRole, "architecture"},
            {QuantizationRole, "quantization"}, {ParametersRole, "parameters"}, {ContextLengthRole, "contextLength"},
            {ChatTemplateRole, "chatTemplate"}, {SupportedRole, "supported"}, {FitRole, "fit"},
            {SuggestedContextRole, "suggestedContext"}, {NeededBytesRole, "neededBytes"}, {ExternalRole, "external"},
            {ExpertLayersRole, "expertLayersInSystemMemory"},
            {EmbeddingRole, "embedding"}};
}

void InstalledModelListModel::setRows(const QList<InstalledRow>& rows) {
    const int before = int(rows_.size()), chatBefore = chatCount();
    const QStringList embeddingBefore = embeddingPaths();
    beginResetModel();
    rows_ = rows;
    endResetModel();
    if (before != rows_.size() || chatBefore != chatCount()) emit countChanged();
    if (embeddingBefore != embeddingPaths()) emit embeddingModelsChanged();
}

}  // namespace causerie::gui
