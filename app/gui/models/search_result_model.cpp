#include "models/search_result_model.h"

namespace causerie::gui {

SearchResultModel::SearchResultModel(QObject* parent) : QAbstractListModel(parent) {}

int SearchResultModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant SearchResultModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const storage::SearchHit& h = rows_.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case SnippetRole: return richSnippet(h.snippet);
    case ConversationIdRole: return h.conversationId;
    case MessageIdRole: return h.messageId;
    case TitleRole: return h.conversationTitle;
    case RoleNameRole: return storage::roleName(h.role);
    case CreatedRole: return h.created.toLocalTime();
    default: return {};
    }
}

QHash<int, QByteArray> SearchResultModel::roleNames() const {
    return {{ConversationIdRole, "conversationId"}, {MessageIdRole, "messageId"}, {TitleRole, "title"},
            {SnippetRole, "snippet"}, {RoleNameRole, "role"}, {CreatedRole, "created"}};
}

void SearchResultModel::setHits(const QList<storage::SearchHit>& hits) {
    const int before = int(rows_.size());
    beginResetModel();
    rows_ = hits;
    endResetModel();
    if (before != rows_.size()) emit countChanged();
}

QString SearchResultModel::richSnippet(const QString& snippet) {
    QString escaped = snippet.toHtmlEscaped();
    escaped.replace(markOpen(), QStringLiteral("<b>"));
    escaped.replace(markClose(), QStringLiteral("</b>"));
    escaped.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return escaped;
}

}  // namespace causerie::gui
