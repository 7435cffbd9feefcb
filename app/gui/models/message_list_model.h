// The messages of the open conversation's current branch, root first. Each row knows its
// position among its siblings (the `< 2/3 >` of edits and regenerations). While a reply
// streams, appendText() changes only that row.
#pragma once
#include "storage/records.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace causerie::gui {

class MessageListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by the chat controller")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        RoleNameRole,
        TextRole,
        BlocksRole,
        CreatedRole,
        StateRole,
        SiblingIndexRole,
        SiblingCountRole,
        ModelNameRole,
        TokensPerSecondRole,
        TokenCountRole,
        ReasoningRole,      // what a reasoning model wrote before its answer (Markdown, made safe)
        ReasoningMsRole,    // how long it reasoned (0 while it still does, or unknown)
        FinishReasonRole,   // why a reply ended: "stop", "length", "cancelled", "error: …"; empty: unknown
        EnergyWhRole,       // energy the reply used, Wh; -1: not measured
        Co2eGramsRole,      // its CO2e estimate, grams
        EnergySourcesRole,  // what was measured: "CPU package-0 (RAPL), …"
        GridIntensityRole,  // gCO2e/kWh used for the estimate
                            // (an interrupted reply without one was cut by the app closing)
        SourcesRole,        // a reply grounded in documents: [{marker, path, fileName, page, heading,
                            // excerpt, collection, url, cited}], marker order; [] for none
    };
    Q_ENUM(Role)

    explicit MessageListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setMessages(const QList<storage::Message>& messages);
    void clear() { setMessages({}); }
    void appendText(qint64 messageId, const QString& piece);
    void appendReasoning(qint64 messageId, const QString& piece);
    void updateMessage(const storage::Message& message);
    // The excerpts a reply was given (known before its first piece).
    void setSources(qint64 messageId, const QList<storage::ReplySource>& sources);
    int count() const { return int(rows_.size()); }
    Q_INVOKABLE int indexOf(qint64 messageId) const;
    const QList<storage::Message>& messages() const { return rows_; }

signals:
    void countChanged();

private:
    QList<storage::Message> rows_;
};

}  // namespace causerie::gui
