#include "models/message_list_model.h"

#include "models/markdown_blocks.h"

#include "docs/grounded_prompt.h"

#include <QFileInfo>
#include <QVariantMap>

namespace causerie::gui {

namespace {
// The blocks of a reply; with sources, its markers [N] in prose are links to them.
QVariantList blocksOf(const storage::Message& m) {
    QVariantList blocks = splitMarkdownBlocks(m.text);
    if (m.sources.isEmpty()) return blocks;
    for (QVariant& b : blocks) {
        QVariantMap block = b.toMap();
        if (block.value(QStringLiteral("kind")).toString() != QLatin1String("text")) continue;
        block.insert(QStringLiteral("text"), docs::linkCitations(block.value(QStringLiteral("text")).toString(), int(m.sources.size())));
        b = block;
    }
    return blocks;
}

QVariantList sourcesOf(const storage::Message& m) {
    QVariantList out;
    const QList<int> cited = docs::citedMarkers(m.text, int(m.sources.size()));
    for (const storage::ReplySource& s : m.sources) {
        out.append(QVariantMap{{QStringLiteral("marker"), s.marker},
                               {QStringLiteral("path"), s.path},
                               {QStringLiteral("fileName"), QFileInfo(s.path).fileName()},
                               {QStringLiteral("page"), s.page},
                               {QStringLiteral("heading"), s.headingPath.join(QStringLiteral(" › "))},
                               {QStringLiteral("excerpt"), s.excerpt},
                               {QStringLiteral("collection"), s.collection},
                               {QStringLiteral("url"), docs::sourceUrl(s.path, s.page)},
                               {QStringLiteral("cited"), cited.contains(s.marker)}});
    }
    return out;
}
}  // namespace

MessageListModel::MessageListModel(QObject* parent) : QAbstractListModel(parent) {}

int MessageListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant MessageListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const storage::Message& m = rows_.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole: return m.text;
    case IdRole: return m.id;
    case RoleNameRole: return storage::roleName(m.role);
    case BlocksRole: return blocksOf(m);
    case SourcesRole: return sourcesOf(m);
    case CreatedRole: return m.created.toLocalTime();
    case StateRole: return storage::stateName(m.state);
    case SiblingIndexRole: return m.siblingIndex;
    case SiblingCountRole: return m.siblingCount;
    case ModelNameRole:
        if (!m.provenance) return QString();
        return m.provenance->isRemote() ? m.provenance->remoteModel : QFileInfo(m.provenance->modelFile).completeBaseName();
    case TokensPerSecondRole: return m.provenance ? m.provenance->generationTokensPerSecond : 0.0;
    case TokenCountRole: return m.provenance ? m.provenance->generatedTokens : 0;
    case ReasoningRole: return m.reasoning.isEmpty() ? QString() : displayMarkdown(m.reasoning);
    case ReasoningMsRole: return m.reasoningMs;
    case FinishReasonRole: return m.provenance ? m.provenance->finishReason : QString();
    case EnergyWhRole: return m.provenance && m.provenance->energyWh ? *m.provenance->energyWh : -1.0;
    case Co2eGramsRole: return m.provenance && m.provenance->energyWh ? m.provenance->co2eGrams : 0.0;
    case EnergySourcesRole: return m.provenance ? m.provenance->energySources : QString();
    case GridIntensityRole: return m.provenance ? m.provenance->gridIntensity : 0.0;
    default: return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const {
    return {{IdRole, "messageId"},          {RoleNameRole, "role"},         {TextRole, "text"},
            {BlocksRole, "blocks"},         {CreatedRole, "created"},       {StateRole, "state"},
            {SiblingIndexRole, "siblingIndex"}, {SiblingCountRole, "siblingCount"}, {ModelNameRole, "modelName"},
            {TokensPerSecondRole, "tokensPerSecond"}, {TokenCountRole, "tokenCount"},
            {ReasoningRole, "reasoning"},   {ReasoningMsRole, "reasoningMs"}, {FinishReasonRole, "finishReason"},
            {EnergyWhRole, "energyWh"}, {Co2eGramsRole, "co2eGrams"}, {EnergySourcesRole, "energySources"},
            {GridIntensityRole, "gridIntensity"}, {SourcesRole, "sources"}};
}

void MessageListModel::setMessages(const QList<storage::Message>& messages) {
    // Keep the common prefix (same ids) and change only the rows after it, so that the view does
    // not rebuild every delegate when a branch changes near its end.
    qsizetype common = 0;
    while (common < rows_.size() && common < messages.size() && rows_[common].id == messages[common].id) ++common;
    const int before = int(rows_.size());
    if (common < rows_.size()) {
        beginRemoveRows({}, int(common), int(rows_.size()) - 1);
        rows_.resize(common);
        endRemoveRows();
    }
    for (qsizetype i = 0; i < common; ++i) rows_[i] = messages[i];
    if (common > 0) emit dataChanged(index(0), index(int(common) - 1));
    if (common < messages.size()) {
        beginInsertRows({}, int(common), int(messages.size()) - 1);
        for (qsizetype i = common; i < messages.size(); ++i) rows_.append(messages[i]);
        endInsertRows();
    }
    if (before != rows_.size()) emit countChanged();
}

void MessageListModel::appendText(qint64 messageId, const QString& piece) {
    const int row = indexOf(messageId);
    if (row < 0) return;
    rows_[row].text += piece;
    emit dataChanged(index(row), index(row), {TextRole, BlocksRole, Qt::DisplayRole, SourcesRole});
}

void MessageListModel::appendReasoning(qint64 messageId, const QString& piece) {
    const int row = indexOf(messageId);
    if (row < 0) return;
    rows_[row].reasoning += piece;
    emit dataChanged(index(row), index(row), {ReasoningRole});
}

void MessageListModel::updateMessage(const storage::Message& message) {
    const int row = indexOf(message.id);
    if (row < 0) return;
    const int siblingIndex = rows_[row].siblingIndex, siblingCount = rows_[row].siblingCount;
    rows_[row] = message;
    rows_[row].siblingIndex = siblingIndex;
    rows_[row].siblingCount = siblingCount;
    emit dataChanged(index(row), index(row));
}

void MessageListModel::setSources(qint64 messageId, const QList<storage::ReplySource>& sources) {
    const int row = indexOf(messageId);
    if (row < 0) return;
    rows_[row].sources = sources;
    emit dataChanged(index(row), index(row), {SourcesRole, BlocksRole});
}

int MessageListModel::indexOf(qint64 messageId) const {
    for (qsizetype i = rows_.size() - 1; i >= 0; --i)
        if (rows_[i].id == messageId) return int(i);
    return -1;
}

}  // namespace causerie::gui
