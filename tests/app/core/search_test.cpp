// Full-text search: snippets with highlight, ranking, accents, prefix, and the index following
// edits, finished replies and deletions.
#include "storage/fts_query.h"
#include "test_support.h"

#include <gtest/gtest.h>

namespace causerie::storage::test {
namespace {

class Search : public ::testing::Test {
 protected:
  void SetUp() override {
    conv = *store().createConversation(QStringLiteral("animals"));
    other = *store().createConversation(QStringLiteral("cooking"));
    once = *store().appendMessage(conv, Role::User,
                                  QStringLiteral("The quick brown fox jumps over the lazy dog, "
                                                 "and many other words follow the fox here."));
    many = *store().appendMessage(conv, Role::Assistant,
                                  QStringLiteral("fox fox fox: a fox is a fox"));
    crepe = *store().appendMessage(other, Role::User, QStringLiteral("Une crêpe à la Crème brûlée"));
  }
  ConversationStore& store() { return t.store(); }
  QList<SearchHit> search(const QString& q, SearchOptions o = {}) {
    auto hits = store().search(q, o);
    EXPECT_TRUE(hits.ok()) << hits.error().toStdString();
    return hits.ok() ? *hits : QList<SearchHit>{};
  }

  TempDatabase t;
  qint64 conv = 0, other = 0, once = 0, many = 0, crepe = 0;
};

TEST_F(Search, RankedSnippetsWithHighlight) {
  auto hits = search(QStringLiteral("fox"));
  ASSERT_EQ(hits.size(), 2);
  EXPECT_EQ(hits[0].messageId, many);  // denser match ranks first
  EXPECT_EQ(hits[1].messageId, once);
  EXPECT_LE(hits[0].rank, hits[1].rank);
  EXPECT_EQ(hits[0].conversationId, conv);
  EXPECT_EQ(hits[0].conversationTitle, "animals");
  EXPECT_EQ(hits[0].role, Role::Assistant);
  EXPECT_TRUE(hits[1].snippet.contains(QStringLiteral("<b>fox</b>"))) << hits[1].snippet.toStdString();
  SearchOptions o;
  o.highlightOpen = QStringLiteral("[[");
  o.highlightClose = QStringLiteral("]]");
  o.snippetTokens = 4;
  o.limit = 1;
  hits = search(QStringLiteral("lazy"), o);
  ASSERT_EQ(hits.size(), 1);
  EXPECT_TRUE(hits[0].snippet.contains(QStringLiteral("[[lazy]]"))) << hits[0].snippet.toStdString();
  EXPECT_TRUE(hits[0].snippet.contains(QStringLiteral("…")));
}

TEST_F(Search, CaseAccentsPrefixAndPhrases) {
  EXPECT_EQ(search(QStringLiteral("CREME")).size(), 1);
  EXPECT_EQ(search(QStringLiteral("brulee")).front().messageId, crepe);
  EXPECT_EQ(search(QStringLiteral("cre")).size(), 1);        // prefix of the last word
  EXPECT_EQ(search(QStringLiteral("cre ")).size(), 0);       // a finished word is not a prefix
  EXPECT_EQ(search(QStringLiteral("quick dog")).size(), 1);  // all words, any order
  EXPECT_EQ(search(QStringLiteral("\"quick brown\"")).size(), 1);
  EXPECT_EQ(search(QStringLiteral("\"brown quick\"")).size(), 0);
  EXPECT_TRUE(search(QString()).isEmpty());
  EXPECT_TRUE(search(QStringLiteral("  !! ")).isEmpty());
}

TEST_F(Search, OperatorsAndQuotesAreLiteral) {
  for (const char* hostile : {"fox AND", "OR fox", "NEAR(", "fox\"", "\"", "*", "fox:", "(fox",
                              "col:fox", "^fox", "a\"b\"c"}) {
    auto hits = store().search(QString::fromUtf8(hostile));
    EXPECT_TRUE(hits.ok()) << hostile << ": " << hits.error().toStdString();
  }
  EXPECT_EQ(ftsMatchExpression(QStringLiteral("quick bro")), "\"quick\" \"bro\"*");
  EXPECT_EQ(ftsMatchExpression(QStringLiteral("say \"hi there\"")), "\"say\" \"hi there\"");
  EXPECT_EQ(ftsMatchExpression(QStringLiteral("a\"b")), "\"a\" \"b\"");
}

// A reply's reasoning is stored apart from its answer, found by search, kept by exports.
TEST_F(Search, ReasoningApartSearchedAndExported) {
  const qint64 reply = *store().beginReply(conv, many);
  ASSERT_TRUE(store().updateReply(reply, QString(), QStringLiteral("pondering the axolotl")).ok());
  EXPECT_EQ(search(QStringLiteral("axolotl")).size(), 1);
  ASSERT_TRUE(store().finishReply(reply, QStringLiteral("The answer is quokka."), {}, MessageState::Complete,
                                  QStringLiteral("weighing the narwhal"), 12345).ok());
  const auto m = store().message(reply);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->text, "The answer is quokka.");
  EXPECT_EQ(m->reasoning, "weighing the narwhal");
  EXPECT_EQ(m->reasoningMs, 12345);
  EXPECT_TRUE(search(QStringLiteral("axolotl")).isEmpty());
  const auto hits = search(QStringLiteral("narwhal"));
  ASSERT_EQ(hits.size(), 1);
  EXPECT_EQ(hits[0].messageId, reply);
  EXPECT_TRUE(hits[0].snippet.contains(QStringLiteral("<b>narwhal</b>"))) << hits[0].snippet.toStdString();
  EXPECT_EQ(search(QStringLiteral("quokka")).size(), 1);

  const auto md = store().exportMarkdown(conv);
  ASSERT_TRUE(md.ok());
  EXPECT_TRUE(md->contains(QStringLiteral("> **Reasoning** (12.3 s)\n>\n> weighing the narwhal\n\nThe answer is quokka.")))
      << md->toStdString();
  const auto json = store().exportJson(conv);
  ASSERT_TRUE(json.ok());
  const auto copy = store().importJson(*json);
  ASSERT_TRUE(copy.ok()) << copy.error().toStdString();
  const auto branch = store().currentBranch(*copy);
  ASSERT_TRUE(branch.ok());
  EXPECT_EQ(branch->back().reasoning, "weighing the narwhal");
  EXPECT_EQ(branch->back().reasoningMs, 12345);
  EXPECT_EQ(search(QStringLiteral("narwhal")).size(), 2);
}

TEST_F(Search, IndexFollowsStreamingEditsAndDeletes) {
  const qint64 reply = *store().beginReply(conv, many);
  ASSERT_TRUE(store().updateReply(reply, QStringLiteral("streaming platypus")).ok());
  EXPECT_EQ(search(QStringLiteral("platypus")).size(), 1);
  ASSERT_TRUE(store().finishReply(reply, QStringLiteral("final wombat"), {}).ok());
  EXPECT_TRUE(search(QStringLiteral("platypus")).isEmpty());
  EXPECT_EQ(search(QStringLiteral("wombat")).front().messageId, reply);

  const qint64 edited = *store().editUserMessage(crepe, QStringLiteral("galette saucisse"));
  EXPECT_EQ(search(QStringLiteral("galette")).front().messageId, edited);
  EXPECT_EQ(search(QStringLiteral("crêpe")).size(), 1);  // the old branch is kept

  ASSERT_TRUE(store().deleteMessage(many).ok());  // and the reply below it
  EXPECT_EQ(search(QStringLiteral("fox")).size(), 1);
  EXPECT_TRUE(search(QStringLiteral("wombat")).isEmpty());
  ASSERT_TRUE(store().deleteConversation(other).ok());
  EXPECT_TRUE(search(QStringLiteral("galette")).isEmpty());
  EXPECT_TRUE(search(QStringLiteral("crème")).isEmpty());
  EXPECT_TRUE(rawScalar(t.path(), QStringLiteral("INSERT INTO messages_fts(messages_fts) "
                                                  "VALUES ('integrity-check')"))
                  .isNull());
  EXPECT_EQ(*t.open().integrityCheck(), "ok");
}

}  // namespace
}  // namespace causerie::storage::test
