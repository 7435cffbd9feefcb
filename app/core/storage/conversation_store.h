// ConversationStore: conversations and their message trees, on one thread's Database.
//
// Create one store per thread, over that thread's open Database. Every call is a short
// transaction, committed before it returns: a message added is on disk (in the WAL) when
// addMessage() returns. Errors come back as values, never as exceptions or aborts.
//
// Messages form a tree per conversation: parentId is 0 for a root, siblings share a parent and
// are ordered by creation time. Editing a user message or regenerating a reply adds a sibling; the
// conversation remembers its current leaf, and the current branch is the path root -> leaf.
#pragma once

#include "storage/database.h"
#include "storage/records.h"
#include "storage/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace causerie::storage {

class ConversationStore {
 public:
  explicit ConversationStore(Database& database);

  // ---- conversations ----------------------------------------------------------------------
  Result<qint64> createConversation(const QString& title, const ConversationSettings& settings = {});
  Status renameConversation(qint64 conversationId, const QString& title);
  // Deletes the conversation and all its messages (ON DELETE CASCADE), search index included.
  Status deleteConversation(qint64 conversationId);
  // Most recently updated first.
  Result<QList<Conversation>> listConversations() const;
  Result<Conversation> conversation(qint64 conversationId) const;
  Status setConversationSettings(qint64 conversationId, const ConversationSettings& settings);
  Result<ConversationSettings> conversationSettings(qint64 conversationId) const;

  // ---- messages ----------------------------------------------------------------------------
  // Adds a complete message under parentId (0: a root) and makes it the current leaf.
  Result<qint64> addMessage(qint64 conversationId, qint64 parentId, Role role, const QString& text);
  // addMessage under the current leaf.
  Result<qint64> appendMessage(qint64 conversationId, Role role, const QString& text);
  Result<Message> message(qint64 messageId) const;
  Result<int> messageCount(qint64 conversationId) const;
  // Deletes a message and its whole subtree. If the current leaf was inside, the current leaf
  // becomes the most recent remaining descendant of the parent (or the parent, or 0).
  Status deleteMessage(qint64 messageId);

  // ---- branches ----------------------------------------------------------------------------
  // The current branch, root first, with siblingIndex/siblingCount filled in.
  Result<QList<Message>> currentBranch(qint64 conversationId) const;
  // All messages of the conversation (every branch), parents before children.
  Result<QList<Message>> allMessages(qint64 conversationId) const;
  // The message and its siblings (same parent), oldest first, siblingIndex/siblingCount filled in.
  Result<QList<Message>> siblings(qint64 messageId) const;
  // Makes the branch through messageId current: the current leaf becomes the most recently
  // created message among messageId and its descendants (the deepest one on the branch last
  // extended). Returns the new leaf id.
  Result<qint64> switchTo(qint64 messageId);
  // Moves to the sibling `step` places away (-1: `<`, +1: `>`), clamped; returns its id, and makes
  // its branch current as switchTo() does.
  Result<qint64> switchSibling(qint64 messageId, int step);
  // Edit of a user message: adds a sibling (same parent) with the new text; the old branch is
  // kept. The new message becomes the current leaf; returns its id.
  Result<qint64> editUserMessage(qint64 messageId, const QString& newText);

  // ---- streaming replies -------------------------------------------------------------------
  // Creates an assistant message in state Streaming with empty text under parentId and makes it
  // the current leaf.
  Result<qint64> beginReply(qint64 conversationId, qint64 parentId);
  // Regenerate: beginReply as a sibling of the reply replyId (same parent).
  Result<qint64> beginRegeneration(qint64 replyId);
  // Saves the text so far (one cheap UPDATE; call it about once a second while streaming).
  Status updateReply(qint64 messageId, const QString& text, const QString& reasoning = {});
  // What a reply is being written with (model file or endpoint, sampling, seed), recorded when it
  // starts, so that a reply cut by a crash still says whose it was; finishReply completes it.
  Status recordReplySource(qint64 messageId, const Provenance& provenance);
  // The excerpts of documents the reply is given with the question (its sources, under their
  // markers [N]); recorded when it starts, like its model.
  Status setReplySources(qint64 messageId, const QList<ReplySource>& sources);
  // Final text, provenance and state (Complete, Interrupted or Error).
  Status finishReply(qint64 messageId, const QString& text, const Provenance& provenance,
                     MessageState state = MessageState::Complete, const QString& reasoning = {},
                     qint64 reasoningMs = 0);
  // Turns every reply in state Streaming into Interrupted, keeping its text; returns how many.
  // Database::open() does it at startup unless told not to.
  Result<int> recoverInterruptedReplies();

  // ---- search ------------------------------------------------------------------------------
  // Full-text search over all messages (FTS5). Words of `query` must all appear (any order,
  // case and accents ignored), the last one as a prefix ("quick bro" finds "brown"); a phrase in
  // double quotes must appear as is. Best first (bm25 rank). An empty query gives no hits.
  Result<QList<SearchHit>> search(const QString& query, const SearchOptions& options = {}) const;

  // ---- export / import ---------------------------------------------------------------------
  // The current branch as Markdown (title, settings, then one section per message).
  Result<QString> exportMarkdown(qint64 conversationId) const;
  // The whole tree with provenance, as JSON (format "causerie-conversation", version 1).
  Result<QByteArray> exportJson(qint64 conversationId) const;
  // Imports JSON written by exportJson as a new conversation (new ids, same tree, same current
  // branch); returns the new conversation id. Nothing is written if the JSON is invalid.
  Result<qint64> importJson(const QByteArray& json);

 private:
  Database& database_;
};

}  // namespace causerie::storage
