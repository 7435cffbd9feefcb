#include "models/conversation_list_model.h"

#include <QFileInfo>

namespace causerie::gui {

ConversationListModel::ConversationListModel(QObject* parent) : QAbstractListModel(parent) {}

int ConversationListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant ConversationListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const storage::Conversation& c = rows_.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole: return c.title;
    case IdRole: return c.id;
    case UpdatedRole: return c.updated.toLocalTime();
    case SectionRole: return sectionFor(c.updated, QDate::currentDate());
    case ModelRole: return QFileInfo(c.settings.model).completeBaseName();
    default: return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const {
    return {{IdRole, "conversationId"}, {TitleRole, "title"}, {UpdatedRole, "updated"}, {SectionRole, "section"},
            {ModelRole, "modelName"}};
}

void ConversationListModel::setConversations(const QList<storage::Conversation>& conversations) {
    bool sameIds = conversations.size() == rows_.size();
    for (qsizetype i = 0; sameIds && i < rows_.size(); ++i) sameIds = rows_[i].id == conversations[i].id;
    if (sameIds) {
        rows_ = conversations;
        if (!rows_.isEmpty()) emit dataChanged(index(0), index(int(rows_.size()) - 1));
        return;
    }
    const int before = int(rows_.size());
    beginResetModel();
    rows_ = conversations;
    endResetModel();
    if (before != rows_.size()) emit countChanged();
}

int ConversationListModel::indexOf(qint64 id) const {
    for (qsizetype i = 0; i < rows_.size(); ++i)
        if (rows_[i].id == id) return int(i);
    return -1;
}

QString ConversationListModel::sectionFor(const QDateTime& updated, const QDate& today) {
    const QDate day = updated.toLocalTime().date();
    if (day >= today) return QStringLiteral("today");
    if (day == today.addDays(-1)) return QStringLiteral("yesterday");
    if (day >= today.addDays(-7)) return QStringLiteral("week");
    return QStringLiteral("older");
}

}  // namespace causerie::gui
