// Internal: statements shared by the parts of ConversationStore, run inside the caller's
// transaction (they neither begin nor commit).
#pragma once

#include "storage/records.h"
#include "storage/result.h"
#include "storage/sql.h"

namespace causerie::storage {

struct NewMessage {
  qint64 conversationId = 0;
  qint64 parentId = 0;
  Role role = Role::User;
  QString text;
  MessageState state = MessageState::Complete;
  qint64 createdMs = 0;  // 0: now
  QString reasoning;
  qint64 reasoningMs = 0;
};

// Checks that the parent (if any) belongs to the conversation, inserts, returns the id.
Result<qint64> insertMessage(const Sql& sql, const NewMessage& message);
// Writes the provenance columns of a message.
// The excerpts a reply was given (NULL for none).
Status writeSources(const Sql& sql, qint64 messageId, const QList<ReplySource>& sources);
Status writeProvenance(const Sql& sql, qint64 messageId, const Provenance& provenance);
Status setCurrentLeaf(const Sql& sql, qint64 conversationId, qint64 leafId, bool touch);
// The most recently created message among messageId and its descendants.
Result<qint64> mostRecentDescendant(const Sql& sql, qint64 conversationId, qint64 messageId);
// Conversation and parent of a message; error if there is no such message.
struct MessagePlace {
  qint64 conversationId = 0;
  qint64 parentId = 0;
  Role role = Role::User;
};
Result<MessagePlace> placeOf(const Sql& sql, qint64 messageId);

}  // namespace causerie::storage
