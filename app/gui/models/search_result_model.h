// Full-text search hits over every conversation, best first; the snippet is rich text with
// the matched words in bold (the message text itself is escaped).
#pragma once
#include "storage/records.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace causerie::gui {

class SearchResultModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role { ConversationIdRole = Qt::UserRole + 1, MessageIdRole, TitleRole, SnippetRole, RoleNameRole, CreatedRole };
    Q_ENUM(Role)

    explicit SearchResultModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Hits whose snippets use the private markers below around matches.
    void setHits(const QList<storage::SearchHit>& hits);
    int count() const { return int(rows_.size()); }

    static QString markOpen() { return QStringLiteral("\u0001"); }
    static QString markClose() { return QStringLiteral("\u0002"); }
    // Escapes the snippet for rich text and turns the markers into <b>...</b>.
    static QString richSnippet(const QString& snippet);

signals:
    void countChanged();

private:
    QList<storage::SearchHit> rows_;
};

}  // namespace causerie::gui
