// The sidebar's conversations, most recently updated first, with a section role that groups
// them as Today / Yesterday / Previous 7 days / Older.
#pragma once
#include "storage/records.h"

#include <QAbstractListModel>
#include <QDate>
#include <QtQml/qqmlregistration.h>

namespace causerie::gui {

class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role { IdRole = Qt::UserRole + 1, TitleRole, UpdatedRole, SectionRole, ModelRole };
    Q_ENUM(Role)

    explicit ConversationListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the rows: in place (dataChanged) when the order of ids is unchanged, else a reset.
    void setConversations(const QList<storage::Conversation>& conversations);
    int count() const { return int(rows_.size()); }
    Q_INVOKABLE int indexOf(qint64 id) const;
    // "today", "yesterday", "week" or "older", relative to `today`.
    static QString sectionFor(const QDateTime& updated, const QDate& today);

signals:
    void countChanged();

private:
    QList<storage::Conversation> rows_;
};

}  // namespace causerie::gui
