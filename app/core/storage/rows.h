// Internal: the column lists of conversations and messages and the readers of their rows,
// shared by the parts of ConversationStore.
#pragma once

#include "storage/records.h"

#include <QSqlQuery>
#include <QString>

namespace causerie::storage {

qint64 nowMs();
// A conversation's collections as stored (a JSON array; "" for none), and back.
QString collectionsToJson(const QStringList& names);
QStringList collectionsFromJson(const QString& json);
QDateTime fromMs(qint64 ms);

// "id, title, ..." of conversations, prefixed with `alias.` when given.
QString conversationColumns(const QString& alias = {});
Conversation readConversation(const QSqlQuery& q, int first = 0);
int conversationColumnCount();

QString messageColumns(const QString& alias = {});
Message readMessage(const QSqlQuery& q, int first = 0);
int messageColumnCount();

}  // namespace causerie::storage
