// Export to Markdown and JSON; the JSON imports back as the same tree with new ids.
#include "test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

#include <functional>

namespace causerie::storage::test {
namespace {

// The tree as nested text, independent of ids: "role:text[state]{children}".
QString shape(const QList<Message>& all, qint64 parent = 0) {
  QString out;
  for (const Message& m : all) {
    if (m.parentId != parent) continue;
    out += QStringLiteral("%1:%2[%3]").arg(roleName(m.role), m.text, stateName(m.state));
    if (m.provenance) out += QString::fromUtf8(QJsonDocument(m.provenance->toJson()).toJson());
    out += QStringLiteral("{%1}").arg(shape(all, m.id));
  }
  return out;
}

QStringList branchTexts(ConversationStore& s, qint64 conv) {
  QStringList list;
  const auto branch = s.currentBranch(conv);
  if (!branch) return {branch.error()};
  for (const Message& m : *branch) list << m.text;
  return list;
}

TEST(Export, JsonRoundTripKeepsTreeTextsProvenanceAndBranch) {
  TempDatabase t;
  ConversationStore& s = t.store();
  ConversationSettings settings;
  settings.systemPrompt = QStringLiteral("You are terse.");
  settings.sampling.seed = 7;
  settings.enableThinking = false;
  const qint64 conv = *s.createConversation(QStringLiteral("Round trip « é »"), settings);
  const qint64 q1 = *s.appendMessage(conv, Role::User, QStringLiteral("line one\nline two ✓"));
  const qint64 r1 = *s.beginReply(conv, q1);
  Provenance p;
  p.modelFile = QStringLiteral("m.gguf");
  p.modelFileSize = 99;
  p.generatedTokens = 3;
  p.finishReason = QStringLiteral("stop");
  ASSERT_TRUE(s.finishReply(r1, QStringLiteral("answer"), p).ok());
  const qint64 r2 = *s.beginRegeneration(r1);
  ASSERT_TRUE(s.finishReply(r2, QStringLiteral("other answer"), p, MessageState::Interrupted).ok());
  const qint64 q2 = *s.editUserMessage(q1, QStringLiteral("edited"));
  ASSERT_TRUE(s.appendMessage(conv, Role::Assistant, QStringLiteral("edited answer")).ok());
  ASSERT_TRUE(s.switchTo(r2).ok());
  (void)q2;

  auto json = s.exportJson(conv);
  ASSERT_TRUE(json.ok());
  auto imported = s.importJson(*json);
  ASSERT_TRUE(imported.ok()) << imported.error().toStdString();
  EXPECT_NE(*imported, conv);

  auto a = s.allMessages(conv);
  auto b = s.allMessages(*imported);
  ASSERT_EQ(a->size(), b->size());
  EXPECT_EQ(shape(*a), shape(*b));
  for (qsizetype i = 0; i < a->size(); ++i) {
    EXPECT_NE(a->at(i).id, b->at(i).id);
    EXPECT_EQ(a->at(i).created, b->at(i).created);
  }
  EXPECT_EQ(branchTexts(s, conv), branchTexts(s, *imported));
  EXPECT_EQ(branchTexts(s, *imported), (QStringList{"line one\nline two ✓", "other answer"}));
  auto c = s.conversation(*imported);
  EXPECT_EQ(c->title, "Round trip « é »");
  EXPECT_EQ(c->settings, settings);
  // Exporting the import gives the same document but for ids.
  auto again = s.exportJson(*imported);
  const auto strip = [](QByteArray bytes) {
    QJsonObject o = QJsonDocument::fromJson(bytes).object();
    o.remove(QStringLiteral("messages"));
    QJsonObject c2 = o.value(QStringLiteral("conversation")).toObject();
    c2.remove(QStringLiteral("current_leaf_id"));
    o.insert(QStringLiteral("conversation"), c2);
    return o;
  };
  EXPECT_EQ(strip(*json), strip(*again));
}

TEST(Export, InvalidJsonIsRefusedAndWritesNothing) {
  TempDatabase t;
  ConversationStore& s = t.store();
  EXPECT_FALSE(s.importJson("not json").ok());
  EXPECT_FALSE(s.importJson(R"({"format":"something else"})").ok());
  EXPECT_FALSE(s.importJson(R"({"format":"causerie-conversation","version":1,"conversation":{},
      "messages":[{"id":1,"parent_id":5,"role":"user","text":"orphan"}]})")
                   .ok());
  EXPECT_FALSE(s.importJson(R"({"format":"causerie-conversation","version":1,"conversation":{},
      "messages":[{"id":1,"role":"robot","text":"x"}]})")
                   .ok());
  EXPECT_TRUE(s.listConversations()->isEmpty());
}

TEST(Export, MarkdownOfTheCurrentBranch) {
  TempDatabase t;
  ConversationStore& s = t.store();
  ConversationSettings settings;
  settings.systemPrompt = QStringLiteral("Be kind.");
  settings.model = QStringLiteral("tiny.gguf");
  const qint64 conv = *s.createConversation(QStringLiteral("Markdown"), settings);
  const qint64 q = *s.appendMessage(conv, Role::User, QStringLiteral("What is `x`?"));
  ASSERT_TRUE(s.appendMessage(conv, Role::Assistant, QStringLiteral("old answer")).ok());
  const qint64 r = *s.beginReply(conv, q);
  Provenance p;
  p.modelFile = QStringLiteral("tiny.gguf");
  p.generatedTokens = 12;
  p.generationTokensPerSecond = 34.5;
  p.energyWh = 0.25;
  p.co2eGrams = 0.015;
  ASSERT_TRUE(s.finishReply(r, QStringLiteral("```\nx = 1\n```"), p).ok());
  auto md = s.exportMarkdown(conv);
  ASSERT_TRUE(md.ok());
  EXPECT_TRUE(md->startsWith(QStringLiteral("# Markdown\n")));
  EXPECT_TRUE(md->contains(QStringLiteral("## System prompt\n\nBe kind.")));
  EXPECT_TRUE(md->contains(QStringLiteral("## User\n\nWhat is `x`?")));
  EXPECT_TRUE(md->contains(QStringLiteral("## Assistant\n\n```\nx = 1\n```")));
  EXPECT_TRUE(md->contains(QStringLiteral("12 tokens · 34.5 tokens/s · 0.25 Wh · 0.015 g CO2e*")));
  EXPECT_FALSE(md->contains(QStringLiteral("old answer")));
}

}  // namespace
}  // namespace causerie::storage::test

namespace causerie::storage::test {
namespace {

// A reply from a remote endpoint: its provenance names the endpoint and the server's model (no
// model file, no key), survives a reopen, the JSON export and import, and shows in Markdown.
TEST(Export, RemoteProvenanceRoundTrip) {
  TempDatabase t;
  ConversationStore& s = t.store();
  const qint64 conv = *s.createConversation(QStringLiteral("remote"));
  const qint64 q = *s.appendMessage(conv, Role::User, QStringLiteral("hello"));
  const qint64 r = *s.beginReply(conv, q);
  Provenance p;
  p.endpoint = QStringLiteral("http://gpu-box:8000/v1");
  p.remoteModel = QStringLiteral("Qwen/Qwen3-32B");
  p.sampling.temperature = 0.2;
  p.seed = 5;
  p.promptTokens = 12;
  p.generatedTokens = 4;
  p.finishReason = QStringLiteral("stop");
  ASSERT_TRUE(s.finishReply(r, QStringLiteral("hi there"), p).ok());
  auto m = s.message(r);
  ASSERT_TRUE(m->provenance.has_value());
  EXPECT_TRUE(m->provenance->isRemote());
  EXPECT_EQ(*m->provenance, p);
  EXPECT_TRUE(rawScalar(t.path(), QStringLiteral("SELECT model_file FROM messages WHERE id = %1").arg(r)).toString().isEmpty());
  EXPECT_EQ(rawScalar(t.path(), QStringLiteral("SELECT remote_model FROM messages WHERE id = %1").arg(r)).toString(), p.remoteModel);
  // A local reply has no remote columns.
  const qint64 r2 = *s.beginRegeneration(r);
  Provenance local;
  local.modelFile = QStringLiteral("m.gguf");
  ASSERT_TRUE(s.finishReply(r2, QStringLiteral("local"), local).ok());
  EXPECT_FALSE(s.message(r2)->provenance->isRemote());
  EXPECT_TRUE(rawScalar(t.path(), QStringLiteral("SELECT endpoint FROM messages WHERE id = %1").arg(r2)).isNull());

  auto json = s.exportJson(conv);
  ASSERT_TRUE(json.ok());
  EXPECT_TRUE(json->contains("\"remote_model\""));
  auto imported = s.importJson(*json);
  ASSERT_TRUE(imported.ok()) << imported.error().toStdString();
  auto all = s.allMessages(*imported);
  ASSERT_TRUE(all.ok());
  int remote = 0;
  for (const Message& x : *all)
    if (x.provenance && x.provenance->isRemote()) {
      ++remote;
      EXPECT_EQ(*x.provenance, p);
    }
  EXPECT_EQ(remote, 1);
  ASSERT_TRUE(s.switchTo(r).ok());
  auto md = s.exportMarkdown(conv);
  ASSERT_TRUE(md.ok());
  EXPECT_TRUE(md->contains(QStringLiteral("Qwen/Qwen3-32B @ http://gpu-box:8000/v1"))) << md->toStdString();
}

}  // namespace
}  // namespace causerie::storage::test

namespace causerie::storage::test {
namespace {

// Documents in the chat (issue 17): a conversation's collections and a reply's sources are
// stored, exported to JSON and imported back, and listed under the reply in Markdown.
TEST(Export, CollectionsAndSourcesRoundTrip) {
  TempDatabase t;
  ConversationStore& s = t.store();
  ConversationSettings settings;
  settings.collections = {QStringLiteral("travail"), QStringLiteral("manuels « fr »")};
  const qint64 conv = *s.createConversation(QStringLiteral("Sources"), settings);
  EXPECT_EQ(s.conversationSettings(conv)->collections, settings.collections);
  const qint64 q = *s.appendMessage(conv, Role::User, QStringLiteral("Quand ont lieu les mises à jour ?"));
  const qint64 r = *s.beginReply(conv, q);
  ReplySource a;
  a.marker = 1;
  a.collection = QStringLiteral("travail");
  a.path = QStringLiteral("/home/u/guide.pdf");
  a.page = 3;
  a.headingPath = {QStringLiteral("Serveur"), QStringLiteral("Mises à jour")};
  a.excerpt = QStringLiteral("Les mises à jour ont lieu le lundi.");
  a.chunkId = 42;
  a.score = 3.5;
  ReplySource b;
  b.marker = 2;
  b.collection = QStringLiteral("travail");
  b.path = QStringLiteral("/home/u/notes.md");
  b.excerpt = QStringLiteral("Le lundi, rien d'autre.");
  b.chunkId = 7;
  ASSERT_TRUE(s.setReplySources(r, {a, b}).ok());
  Provenance p;
  p.modelFile = QStringLiteral("m.gguf");
  ASSERT_TRUE(s.finishReply(r, QStringLiteral("Le lundi [1]."), p).ok());
  const auto stored = s.message(r);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->sources.size(), 2);
  EXPECT_EQ(stored->sources[0], a);
  EXPECT_EQ(stored->sources[1], b);
  EXPECT_TRUE(s.message(q)->sources.isEmpty());

  // Turning the collections off stores none.
  ConversationSettings off = settings;
  off.collections.clear();
  ASSERT_TRUE(s.setConversationSettings(conv, off).ok());
  EXPECT_TRUE(s.conversationSettings(conv)->collections.isEmpty());
  ASSERT_TRUE(s.setConversationSettings(conv, settings).ok());

  auto json = s.exportJson(conv);
  ASSERT_TRUE(json.ok());
  const QJsonObject root = QJsonDocument::fromJson(*json).object();
  EXPECT_EQ(root.value(QStringLiteral("conversation")).toObject().value(QStringLiteral("collections")).toArray().size(), 2);
  auto imported = s.importJson(*json);
  ASSERT_TRUE(imported.ok()) << imported.error().toStdString();
  EXPECT_EQ(s.conversationSettings(*imported)->collections, settings.collections);
  const auto branch = s.currentBranch(*imported);
  ASSERT_TRUE(branch.ok());
  ASSERT_EQ(branch->size(), 2);
  ASSERT_EQ(branch->at(1).sources.size(), 2);
  EXPECT_EQ(branch->at(1).sources[0], a);
  EXPECT_EQ(branch->at(1).sources[1], b);

  auto md = s.exportMarkdown(conv);
  ASSERT_TRUE(md.ok());
  EXPECT_TRUE(md->contains(QStringLiteral("1. `/home/u/guide.pdf`, page 3, Serveur > Mises à jour"))) << md->toStdString();
  EXPECT_TRUE(md->contains(QStringLiteral("2. `/home/u/notes.md`\n"))) << md->toStdString();
}

}  // namespace
}  // namespace causerie::storage::test
