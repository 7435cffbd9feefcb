// Schema migrations: from nothing, from an empty file, from each older version; refusal of a newer
// database, which must stay byte for byte untouched.
#include "test_support.h"

#include <QFile>
#include <QSqlQuery>

#include <gtest/gtest.h>

namespace causerie::storage::test {
namespace {

TEST(Migrations, NewFileGetsLatestSchemaAndPragmas) {
  TempDatabase t;
  Database& db = t.open();
  EXPECT_EQ(db.schemaVersion(), Database::latestVersion());
  EXPECT_GE(Database::latestVersion(), 3);
  EXPECT_EQ(rawScalar(t.path(), QStringLiteral("PRAGMA user_version")).toInt(),
            Database::latestVersion());
  EXPECT_EQ(rawScalar(t.path(), QStringLiteral("PRAGMA journal_mode")).toString(), "wal");
  auto check = db.integrityCheck();
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(*check, "ok");
  // The connection's own pragmas.
  const auto pragma = [&](const char* name) {
    QSqlQuery q(*db.connection());
    EXPECT_TRUE(q.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(name))));
    return q.next() ? q.value(0).toInt() : -1;
  };
  EXPECT_EQ(pragma("foreign_keys"), 1);
  EXPECT_EQ(pragma("synchronous"), 1);  // NORMAL
  EXPECT_EQ(pragma("busy_timeout"), 5000);
}

TEST(Migrations, SynchronousFullOnRequest) {
  TempDatabase t;
  DatabaseOptions o;
  o.synchronous = Synchronous::Full;
  Database& db = t.open(o);
  QSqlQuery q(*db.connection());
  ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
  EXPECT_EQ(q.value(0).toInt(), 2);
}

TEST(Migrations, EmptyFileIsMigrated) {
  TempDatabase t;
  QFile f(t.path());
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.close();
  Database db(t.path());
  const Status status = db.open();
  ASSERT_TRUE(status.ok()) << status.error().toStdString();
  EXPECT_EQ(db.schemaVersion(), Database::latestVersion());
}

TEST(Migrations, ReopeningIsANoOp) {
  TempDatabase t;
  t.open();
  auto id = t.store().createConversation(QStringLiteral("kept"));
  ASSERT_TRUE(id.ok());
  t.open();
  auto list = t.store().listConversations();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1);
  EXPECT_EQ(list->front().title, "kept");
}

// Writes data with the schema of `version` by raw SQL, then opens with the latest schema.
class FromOlderVersion : public ::testing::TestWithParam<int> {};

TEST_P(FromOlderVersion, MigratesAndKeepsData) {
  const int version = GetParam();
  TempDatabase t;
  DatabaseOptions old;
  old.targetVersion = version;
  Database& db = t.open(old);
  ASSERT_EQ(db.schemaVersion(), version);
  // The columns of version 1 exist in every version.
  rawScalar(t.path(), QStringLiteral("INSERT INTO conversations (id, title, created_at, updated_at) "
                                     "VALUES (7, 'old chat', 1000, 2000)"));
  rawScalar(t.path(), QStringLiteral("INSERT INTO messages (id, conversation_id, parent_id, role, "
                                     "text, created_at, state) VALUES (1, 7, NULL, 'user', "
                                     "'a zebra question', 1000, 'complete')"));
  rawScalar(t.path(), QStringLiteral("INSERT INTO messages (id, conversation_id, parent_id, role, "
                                     "text, created_at, state) VALUES (2, 7, 1, 'assistant', "
                                     "'a giraffe answer', 1001, 'streaming')"));
  rawScalar(t.path(), QStringLiteral("UPDATE conversations SET current_leaf_id = 2 WHERE id = 7"));
  t.close();

  Database& latest = t.open();
  EXPECT_EQ(latest.schemaVersion(), Database::latestVersion());
  EXPECT_EQ(latest.recoveredReplies(), 1);
  auto branch = t.store().currentBranch(7);
  ASSERT_TRUE(branch.ok()) << branch.error().toStdString();
  ASSERT_EQ(branch->size(), 2);
  EXPECT_EQ(branch->at(0).text, "a zebra question");
  EXPECT_EQ(branch->at(1).state, MessageState::Interrupted);
  auto settings = t.store().conversationSettings(7);
  ASSERT_TRUE(settings.ok());
  // Defaults filled by the migration; the context as those versions set it (4096: a new
  // conversation's 0, "what the device allows", came later and does not rewrite old choices).
  SamplingSettings expected;
  expected.contextLength = 4096;
  EXPECT_EQ(settings->sampling, expected);
  // The search index was built from the messages that existed before it.
  auto hits = t.store().search(QStringLiteral("giraffe"));
  ASSERT_TRUE(hits.ok()) << hits.error().toStdString();
  ASSERT_EQ(hits->size(), 1);
  EXPECT_EQ(hits->front().messageId, 2);
  EXPECT_EQ(*latest.integrityCheck(), "ok");
}

INSTANTIATE_TEST_SUITE_P(EveryOlderVersion, FromOlderVersion, ::testing::Range(1, Database::latestVersion()));

TEST(Migrations, StepByStepEqualsDirect) {
  TempDatabase t;
  for (int v = 1; v <= Database::latestVersion(); ++v) {
    DatabaseOptions o;
    o.targetVersion = v;
    EXPECT_EQ(t.open(o).schemaVersion(), v);
  }
  t.close();
  TempDatabase direct;
  direct.open();
  direct.close();
  const QString schema = QStringLiteral("SELECT group_concat(sql, ';') FROM (SELECT sql FROM "
                                        "sqlite_schema WHERE sql IS NOT NULL ORDER BY name)");
  EXPECT_EQ(rawScalar(t.path(), schema).toString(), rawScalar(direct.path(), schema).toString());
}

TEST(Migrations, NewerDatabaseIsRefusedAndUntouched) {
  TempDatabase t;
  t.open();
  ASSERT_TRUE(t.store().createConversation(QStringLiteral("from the future")).ok());
  t.close();
  const int newer = Database::latestVersion() + 1;
  rawScalar(t.path(), QStringLiteral("PRAGMA user_version = %1").arg(newer));
  const QByteArray before = fileBytes(t.path());
  ASSERT_FALSE(before.isEmpty());

  Database db(t.path());
  const Status status = db.open();
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(status.error().contains(QStringLiteral("newer version"))) << status.error().toStdString();
  EXPECT_TRUE(status.error().contains(QString::number(newer)));
  EXPECT_TRUE(status.error().contains(QStringLiteral("not modified")));
  EXPECT_FALSE(db.isOpen());
  EXPECT_EQ(fileBytes(t.path()), before);
  EXPECT_FALSE(QFile::exists(t.path() + QStringLiteral("-wal")));
  auto version = Database::fileVersion(t.path());
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, newer);
}

// Version 7: a conversation of a version-6 database keeps the template's default (no choice
// stored); a choice made afterwards is kept, and refused by the column's check when invalid.
TEST(Migrations, ThinkingSwitchOfOldConversationsIsTheTemplateDefault) {
  TempDatabase t;
  DatabaseOptions old;
  old.targetVersion = 6;
  ASSERT_EQ(t.open(old).schemaVersion(), 6);
  rawScalar(t.path(), QStringLiteral("INSERT INTO conversations (id, title, created_at, updated_at) "
                                     "VALUES (3, 'before the switch', 1000, 2000)"));
  t.close();
  ASSERT_GE(Database::latestVersion(), 7);
  EXPECT_EQ(t.open().schemaVersion(), Database::latestVersion());
  EXPECT_TRUE(rawScalar(t.path(), QStringLiteral("SELECT enable_thinking FROM conversations WHERE id = 3")).isNull());
  auto settings = t.store().conversationSettings(3);
  ASSERT_TRUE(settings.ok()) << settings.error().toStdString();
  EXPECT_FALSE(settings->enableThinking.has_value());

  ConversationSettings off = *settings;
  off.enableThinking = false;
  ASSERT_TRUE(t.store().setConversationSettings(3, off).ok());
  EXPECT_EQ(rawScalar(t.path(), QStringLiteral("SELECT enable_thinking FROM conversations WHERE id = 3")).toInt(), 0);
  t.close();
  t.open();
  EXPECT_EQ(t.store().conversationSettings(3)->enableThinking, std::optional<bool>(false));
}

// Opening a version-7 file again does nothing (the migration's transaction is gated by
// user_version); a file newer than this build is refused by NewerDatabaseIsRefusedAndUntouched.
TEST(Migrations, ThinkingMigrationRunsOnceAndIsAtomic) {
  TempDatabase t;
  DatabaseOptions upTo7;
  upTo7.targetVersion = 7;
  EXPECT_EQ(t.open(upTo7).schemaVersion(), 7);
  t.close();
  EXPECT_EQ(t.open(upTo7).schemaVersion(), 7);  // again: nothing to do, no duplicate column
  EXPECT_EQ(rawScalar(t.path(), QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('conversations') "
                                               "WHERE name = 'enable_thinking'")).toInt(), 1);
}

TEST(Migrations, GarbageFileIsAnErrorNotACrash) {
  TempDatabase t;
  QFile f(t.path());
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write(QByteArray(4096, 'x'));
  f.close();
  Database db(t.path());
  const Status status = db.open();
  EXPECT_FALSE(status.ok());
  EXPECT_FALSE(status.error().isEmpty());
}

TEST(Database, ConnectionIsRefusedOnAnotherThreadAndWhenClosed) {
  TempDatabase t;
  Database db(t.path());
  EXPECT_FALSE(db.connection().ok());
  ConversationStore store(db);
  EXPECT_FALSE(store.listConversations().ok());
  ASSERT_TRUE(db.open().ok());
  EXPECT_TRUE(store.listConversations().ok());
}

}  // namespace
}  // namespace causerie::storage::test
