// Conversations, settings, streaming replies and the recovery of interrupted ones.
#include "test_support.h"

#include <QThread>

#include <gtest/gtest.h>

#include <thread>

namespace causerie::storage::test {
namespace {

TEST(Conversations, CreateRenameListDelete) {
  TempDatabase t;
  ConversationStore& s = t.store();
  auto a = s.createConversation(QStringLiteral("first"));
  QThread::msleep(5);
  auto b = s.createConversation(QStringLiteral("second"));
  ASSERT_TRUE(a.ok() && b.ok());
  auto list = s.listConversations();
  ASSERT_EQ(list->size(), 2);
  EXPECT_EQ(list->at(0).id, *b);  // most recently updated first
  QThread::msleep(5);
  ASSERT_TRUE(s.appendMessage(*a, Role::User, QStringLiteral("hello")).ok());
  EXPECT_EQ(s.listConversations()->at(0).id, *a);
  ASSERT_TRUE(s.renameConversation(*b, QStringLiteral("renamed")).ok());
  EXPECT_EQ(s.conversation(*b)->title, "renamed");
  EXPECT_FALSE(s.renameConversation(424242, QStringLiteral("x")).ok());
  ASSERT_TRUE(s.deleteConversation(*a).ok());
  EXPECT_EQ(s.listConversations()->size(), 1);
  EXPECT_FALSE(s.conversation(*a).ok());
  EXPECT_FALSE(s.deleteConversation(*a).ok());
  EXPECT_EQ(rawScalar(t.path(), QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 0);
}

TEST(Conversations, Settings) {
  TempDatabase t;
  ConversationSettings settings;
  settings.systemPrompt = QStringLiteral("Be brief.");
  settings.model = QStringLiteral("/models/tiny.gguf");
  settings.sampling = {0.2, 12, 0.5, 0.01, 1.3, 256, 8192, 1234567890123LL};
  auto id = t.store().createConversation(QStringLiteral("s"), settings);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*t.store().conversationSettings(*id), settings);
  settings.sampling.temperature = 1.5;
  settings.systemPrompt.clear();
  ASSERT_TRUE(t.store().setConversationSettings(*id, settings).ok());
  t.open();  // survives reopening
  EXPECT_EQ(*t.store().conversationSettings(*id), settings);
}

TEST(Streaming, BeginUpdateFinishWithProvenance) {
  TempDatabase t;
  ConversationStore& s = t.store();
  const qint64 conv = *s.createConversation(QStringLiteral("stream"));
  const qint64 q = *s.appendMessage(conv, Role::User, QStringLiteral("tell me"));
  auto reply = s.beginReply(conv, q);
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(s.message(*reply)->state, MessageState::Streaming);
  EXPECT_EQ(s.conversation(conv)->currentLeafId, *reply);
  ASSERT_TRUE(s.updateReply(*reply, QStringLiteral("Once")).ok());
  ASSERT_TRUE(s.updateReply(*reply, QStringLiteral("Once upon")).ok());
  EXPECT_EQ(s.message(*reply)->text, "Once upon");
  EXPECT_FALSE(s.message(*reply)->provenance.has_value());
  Provenance p;
  p.modelFile = QStringLiteral("stories260K.gguf");
  p.modelFileSize = 1185376;
  p.modelFileHash = QStringLiteral("abc123");
  p.sampling.temperature = 0.0;
  p.seed = 42;
  p.templateName = QStringLiteral("chatml");
  p.promptTokens = 17;
  p.generatedTokens = 5;
  p.promptTokensPerSecond = 1234.5;
  p.generationTokensPerSecond = 88.25;
  p.finishReason = QStringLiteral("stop");
  ASSERT_TRUE(s.finishReply(*reply, QStringLiteral("Once upon a time"), p).ok());
  auto m = s.message(*reply);
  EXPECT_EQ(m->text, "Once upon a time");
  EXPECT_EQ(m->state, MessageState::Complete);
  ASSERT_TRUE(m->provenance.has_value());
  EXPECT_EQ(*m->provenance, p);
  // A finished reply no longer accepts streaming updates.
  EXPECT_FALSE(s.updateReply(*reply, QStringLiteral("late")).ok());
  EXPECT_FALSE(s.finishReply(q, QStringLiteral("not a reply"), p).ok());
  EXPECT_FALSE(s.finishReply(*reply, QStringLiteral("x"), p, MessageState::Streaming).ok());
}

// A reply's energy: kept with its provenance (and its export) when measured; absent otherwise.
TEST(Streaming, EnergyOfAReplyIsKeptOrAbsent) {
  TempDatabase t;
  ConversationStore& s = t.store();
  const qint64 conv = *s.createConversation(QStringLiteral("energy"));
  const qint64 q = *s.appendMessage(conv, Role::User, QStringLiteral("how much?"));
  const qint64 measured = *s.beginReply(conv, q);
  Provenance p;
  p.modelFile = QStringLiteral("m.gguf");
  p.energyWh = 0.125;
  p.energySources = QStringLiteral("CPU package-0 (RAPL), NVIDIA H200 (NVML)");
  p.gridIntensity = 57;
  p.co2eGrams = 0.125 * 57 / 1000;
  ASSERT_TRUE(s.finishReply(measured, QStringLiteral("a lot"), p).ok());
  EXPECT_EQ(*s.message(measured)->provenance, p);
  EXPECT_DOUBLE_EQ(rawScalar(t.path(), QStringLiteral("SELECT energy_wh FROM messages WHERE id = %1").arg(measured)).toDouble(), 0.125);
  EXPECT_EQ(Provenance::fromJson(p.toJson()), p);

  const qint64 unmeasured = *s.beginRegeneration(measured);
  Provenance none;
  none.modelFile = QStringLiteral("m.gguf");
  ASSERT_TRUE(s.finishReply(unmeasured, QStringLiteral("unknown"), none).ok());
  const auto back = s.message(unmeasured)->provenance;
  ASSERT_TRUE(back.has_value());
  EXPECT_FALSE(back->energyWh.has_value());
  EXPECT_TRUE(back->energySources.isEmpty());
  EXPECT_TRUE(rawScalar(t.path(), QStringLiteral("SELECT co2e_g FROM messages WHERE id = %1").arg(unmeasured)).isNull());
  EXPECT_FALSE(none.toJson().contains(QStringLiteral("energy_wh")));
}

TEST(Streaming, KilledReplyIsRecoveredAsInterruptedOnOpen) {
  TempDatabase t;
  qint64 reply = 0;
  {
    ConversationStore& s = t.store();
    const qint64 conv = *s.createConversation(QStringLiteral("crash"));
    const qint64 q = *s.appendMessage(conv, Role::User, QStringLiteral("go"));
    reply = *s.beginReply(conv, q);
    Provenance started;  // what the app records when the reply starts
    started.modelFile = QStringLiteral("/models/tiny.gguf");
    started.seed = 7;
    ASSERT_TRUE(s.recordReplySource(reply, started).ok());
    ASSERT_TRUE(s.updateReply(reply, QStringLiteral("half a sent")).ok());
  }
  // A second connection of the running app must not interrupt it.
  {
    DatabaseOptions secondary;
    secondary.recoverInterruptedReplies = false;
    Database other(t.path(), secondary);
    ASSERT_TRUE(other.open().ok());
    EXPECT_EQ(ConversationStore(other).message(reply)->state, MessageState::Streaming);
  }
  Database& db = t.open();  // "restart"
  EXPECT_EQ(db.recoveredReplies(), 1);
  auto m = t.store().message(reply);
  EXPECT_EQ(m->state, MessageState::Interrupted);
  EXPECT_EQ(m->text, "half a sent");
  // It still says whose it was, and that it never finished (no finish reason).
  ASSERT_TRUE(m->provenance.has_value());
  EXPECT_EQ(m->provenance->modelFile, "/models/tiny.gguf");
  EXPECT_EQ(m->provenance->seed, 7);
  EXPECT_TRUE(m->provenance->finishReason.isEmpty());
  EXPECT_EQ(*t.store().recoverInterruptedReplies(), 0);
}

TEST(Threads, OneConnectionPerThread) {
  TempDatabase t;
  ConversationStore& mine = t.store();
  const qint64 conv = *mine.createConversation(QStringLiteral("threads"));
  bool refusedElsewhere = false;
  bool ownConnectionWorks = false;
  std::thread worker([&] {
    refusedElsewhere = !mine.listConversations().ok();
    DatabaseOptions o;
    o.recoverInterruptedReplies = false;
    Database db(t.path(), o);
    if (!db.open().ok()) return;
    ConversationStore store(db);
    for (int i = 0; i < 50; ++i) {
      if (!store.appendMessage(conv, Role::User, QStringLiteral("from worker")).ok()) return;
    }
    ownConnectionWorks = true;
  });
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(mine.createConversation(QStringLiteral("main %1").arg(i)).ok());
  }
  worker.join();
  EXPECT_TRUE(refusedElsewhere);
  EXPECT_TRUE(ownConnectionWorks);
  EXPECT_EQ(*mine.messageCount(conv), 50);
}

}  // namespace
}  // namespace causerie::storage::test
