// The message tree: edits and regenerations add siblings, the current branch follows switches.
#include "test_support.h"

#include <QThread>

#include <gtest/gtest.h>

namespace causerie::storage::test {
namespace {

QStringList texts(const QList<Message>& messages) {
  QStringList list;
  for (const Message& m : messages) list << m.text;
  return list;
}

class Branches : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = store().createConversation(QStringLiteral("tree"));
    ASSERT_TRUE(c.ok());
    conv = *c;
    q1 = *store().appendMessage(conv, Role::User, QStringLiteral("q1"));
    a1 = *store().appendMessage(conv, Role::Assistant, QStringLiteral("a1"));
    q2 = *store().appendMessage(conv, Role::User, QStringLiteral("q2"));
    a2 = *store().appendMessage(conv, Role::Assistant, QStringLiteral("a2"));
  }
  ConversationStore& store() { return t.store(); }
  QStringList branch() {
    auto b = store().currentBranch(conv);
    EXPECT_TRUE(b.ok()) << b.error().toStdString();
    return b.ok() ? texts(*b) : QStringList{};
  }

  TempDatabase t;
  qint64 conv = 0, q1 = 0, a1 = 0, q2 = 0, a2 = 0;
};

TEST_F(Branches, LinearConversation) {
  EXPECT_EQ(branch(), (QStringList{"q1", "a1", "q2", "a2"}));
  auto b = store().currentBranch(conv);
  for (const Message& m : *b) {
    EXPECT_EQ(m.siblingIndex, 0);
    EXPECT_EQ(m.siblingCount, 1);
    EXPECT_EQ(m.conversationId, conv);
  }
  EXPECT_EQ(b->at(0).parentId, 0);
  EXPECT_EQ(b->at(1).parentId, q1);
  EXPECT_EQ(store().conversation(conv)->currentLeafId, a2);
}

TEST_F(Branches, EditIntoABranchAndBack) {
  auto edited = store().editUserMessage(q2, QStringLiteral("q2 edited"));
  ASSERT_TRUE(edited.ok()) << edited.error().toStdString();
  EXPECT_EQ(branch(), (QStringList{"q1", "a1", "q2 edited"}));
  auto reply = store().appendMessage(conv, Role::Assistant, QStringLiteral("a2 for edit"));
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(branch(), (QStringList{"q1", "a1", "q2 edited", "a2 for edit"}));

  auto b = store().currentBranch(conv);
  EXPECT_EQ(b->at(2).siblingIndex, 1);
  EXPECT_EQ(b->at(2).siblingCount, 2);
  EXPECT_EQ(b->at(3).siblingCount, 1);

  // `<` on the edited message: back to the original branch, down to its deepest message.
  auto back = store().switchSibling(*edited, -1);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, q2);
  EXPECT_EQ(branch(), (QStringList{"q1", "a1", "q2", "a2"}));
  EXPECT_EQ(store().currentBranch(conv)->at(2).siblingIndex, 0);
  // Clamped at the first sibling.
  EXPECT_EQ(*store().switchSibling(q2, -1), q2);
  // `>` again.
  EXPECT_EQ(*store().switchSibling(q2, +1), *edited);
  EXPECT_EQ(branch(), (QStringList{"q1", "a1", "q2 edited", "a2 for edit"}));
}

TEST_F(Branches, EditingAReplyIsRefused) {
  EXPECT_FALSE(store().editUserMessage(a1, QStringLiteral("no")).ok());
  EXPECT_FALSE(store().beginRegeneration(q1).ok());
}

TEST_F(Branches, RegenerateAddsSiblingReplies) {
  auto r1 = store().beginRegeneration(a2);
  ASSERT_TRUE(r1.ok());
  ASSERT_TRUE(store().updateReply(*r1, QStringLiteral("a2 v")).ok());
  ASSERT_TRUE(store().finishReply(*r1, QStringLiteral("a2 v2"), {}).ok());
  auto r2 = store().beginRegeneration(*r1);
  ASSERT_TRUE(r2.ok());
  ASSERT_TRUE(store().finishReply(*r2, QStringLiteral("a2 v3"), {}).ok());
  EXPECT_EQ(branch(), (QStringList{"q1", "a1", "q2", "a2 v3"}));
  auto sibs = store().siblings(a2);
  ASSERT_TRUE(sibs.ok());
  EXPECT_EQ(texts(*sibs), (QStringList{"a2", "a2 v2", "a2 v3"}));
  EXPECT_EQ(sibs->at(1).siblingIndex, 1);
  EXPECT_EQ(sibs->at(1).siblingCount, 3);
  auto b = store().currentBranch(conv);
  EXPECT_EQ(b->back().siblingIndex, 2);
  EXPECT_EQ(b->back().siblingCount, 3);
  ASSERT_TRUE(store().switchTo(*r1).ok());
  EXPECT_EQ(branch(), (QStringList{"q1", "a1", "q2", "a2 v2"}));
}

TEST_F(Branches, SwitchGoesToTheMostRecentDescendant) {
  // Branch at a1: an older sub-branch and a newer one below the original q2.
  auto q2b = store().addMessage(conv, a1, Role::User, QStringLiteral("q2b"));
  ASSERT_TRUE(q2b.ok());
  auto a2b = store().appendMessage(conv, Role::Assistant, QStringLiteral("a2b"));
  ASSERT_TRUE(a2b.ok());
  // Extend the original branch later: it becomes the most recent one under q2.
  ASSERT_TRUE(store().switchTo(q2).ok());
  EXPECT_EQ(branch(), (QStringList{"q1", "a1", "q2", "a2"}));
  ASSERT_TRUE(store().appendMessage(conv, Role::User, QStringLiteral("q3")).ok());
  ASSERT_TRUE(store().switchTo(*q2b).ok());
  EXPECT_EQ(branch(), (QStringList{"q1", "a1", "q2b", "a2b"}));
  ASSERT_TRUE(store().switchTo(q1).ok());  // the whole tree: the newest message overall
  EXPECT_EQ(branch(), (QStringList{"q1", "a1", "q2", "a2", "q3"}));
}

TEST_F(Branches, SeveralRoots) {
  auto root2 = store().addMessage(conv, 0, Role::User, QStringLiteral("other root"));
  ASSERT_TRUE(root2.ok());
  EXPECT_EQ(branch(), (QStringList{"other root"}));
  auto b = store().currentBranch(conv);
  EXPECT_EQ(b->front().siblingIndex, 1);
  EXPECT_EQ(b->front().siblingCount, 2);
  EXPECT_EQ(*store().switchSibling(*root2, -1), q1);
  EXPECT_EQ(branch(), (QStringList{"q1", "a1", "q2", "a2"}));
}

TEST_F(Branches, DeleteSubtreeMovesTheLeaf) {
  auto edited = store().editUserMessage(q2, QStringLiteral("q2 edited"));
  ASSERT_TRUE(edited.ok());
  ASSERT_TRUE(store().deleteMessage(*edited).ok());
  EXPECT_EQ(branch(), (QStringList{"q1", "a1", "q2", "a2"}));
  ASSERT_TRUE(store().deleteMessage(q2).ok());  // q2 and a2
  EXPECT_EQ(branch(), (QStringList{"q1", "a1"}));
  EXPECT_EQ(*store().messageCount(conv), 2);
  EXPECT_FALSE(store().message(a2).ok());
  ASSERT_TRUE(store().deleteMessage(q1).ok());
  EXPECT_EQ(branch(), QStringList{});
  EXPECT_EQ(store().conversation(conv)->currentLeafId, 0);
}

TEST_F(Branches, ParentMustBelongToTheConversation) {
  auto other = store().createConversation(QStringLiteral("other"));
  ASSERT_TRUE(other.ok());
  auto bad = store().addMessage(*other, q1, Role::User, QStringLiteral("x"));
  EXPECT_FALSE(bad.ok());
  EXPECT_FALSE(store().addMessage(conv, 999999, Role::User, QStringLiteral("x")).ok());
  EXPECT_EQ(*store().messageCount(*other), 0);
}

TEST(LongChain, TwoThousandDeepChainIsDeletedWithItsConversation) {
  TempDatabase t;
  auto conv = t.store().createConversation(QStringLiteral("deep"));
  ASSERT_TRUE(conv.ok());
  qint64 first = 0;
  for (int i = 0; i < 2000; ++i) {
    auto id = t.store().appendMessage(*conv, i % 2 ? Role::Assistant : Role::User,
                                      QStringLiteral("deep message %1").arg(i));
    ASSERT_TRUE(id.ok()) << id.error().toStdString();
    if (i == 0) first = *id;
  }
  EXPECT_EQ(t.store().currentBranch(*conv)->size(), 2000);
  auto second = t.store().currentBranch(*conv)->at(1).id;
  ASSERT_TRUE(t.store().deleteMessage(second).ok());  // 1999-deep subtree
  EXPECT_EQ(*t.store().messageCount(*conv), 1);
  EXPECT_EQ(t.store().conversation(*conv)->currentLeafId, first);
  for (int i = 0; i < 1500; ++i) {
    ASSERT_TRUE(t.store().appendMessage(*conv, Role::User, QStringLiteral("deep again")).ok());
  }
  ASSERT_TRUE(t.store().deleteConversation(*conv).ok());  // cascades through a 1501-deep chain
  EXPECT_EQ(*t.store().messageCount(*conv), 0);
  EXPECT_TRUE(t.store().search(QStringLiteral("deep"))->isEmpty());
}

}  // namespace
}  // namespace causerie::storage::test
