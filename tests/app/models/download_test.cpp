// Downloads against the local HTTP server: verified completion, resume after a drop, after a
// restart (state from SQLite), redirects with X-Linked-Etag, several at once, pause and cancel.
#include "download_fixture.h"
#include "models/model_library.h"

namespace causerie::models::test {
namespace {

using DownloadTest = DownloadFixture;

TEST_F(DownloadTest, CompletesVerifiesAndRenames) {
  const QByteArray body = randomBytes(300000, 1);
  server_.setRoute("/a.bin", Route{body});
  auto m = makeManager();
  const DownloadInfo d = run(*m, request("/a.bin", QStringLiteral("a.bin"), sha256Hex(body)));
  EXPECT_EQ(d.state, DownloadState::Completed) << d.error.toStdString();
  EXPECT_TRUE(d.hashVerified);
  EXPECT_EQ(d.sha256, sha256Hex(body));
  EXPECT_EQ(readAll(QDir(modelsDir_).filePath(QStringLiteral("a.bin"))), body);
  EXPECT_EQ(filesInModels(), QStringList{QStringLiteral("a.bin")});  // no .part left
}

TEST_F(DownloadTest, ResumesAfterADroppedConnection) {
  const QByteArray body = randomBytes(400000, 2);
  Route r{body};
  r.dropAt = 150000;
  server_.setRoute("/b.bin", r);
  auto m = makeManager();
  const DownloadInfo d = run(*m, request("/b.bin", QStringLiteral("b.bin"), sha256Hex(body)));
  ASSERT_EQ(d.state, DownloadState::Completed) << d.error.toStdString();
  EXPECT_EQ(readAll(QDir(modelsDir_).filePath(QStringLiteral("b.bin"))), body);
  ASSERT_EQ(server_.requestCount("/b.bin"), 2);
  EXPECT_TRUE(server_.requests()[0].range.isEmpty());
  EXPECT_EQ(server_.requests()[1].range, "bytes=150000-");
  EXPECT_EQ(server_.requests()[1].ifRange, "\"v1\"");  // the ETag guards the resume
}

TEST_F(DownloadTest, ResumesAfterRestartFromSqliteState) {
  const QByteArray body = randomBytes(600000, 3);
  server_.setRoute("/c.bin", Route::slow(body));
  qint64 id = 0;
  {
    auto m = makeManager();
    Result<qint64> r = m->enqueue(request("/c.bin", QStringLiteral("c.bin"), sha256Hex(body)));
    ASSERT_TRUE(r.ok());
    id = *r;
    ASSERT_TRUE(waitFor([&] { return m->download(id)->receivedBytes > 100000; }));
    // The app quits mid-download (manager destroyed while running).
  }
  const qint64 partSize = QFileInfo(QDir(modelsDir_).filePath(QStringLiteral("c.bin.part"))).size();
  ASSERT_GT(partSize, 100000);
  ASSERT_LT(partSize, body.size());
  server_.route("/c.bin").chunkBytes = 0;
  auto m = makeManager();  // a new instance: state from models.db, the .part re-hashed
  ASSERT_TRUE(m->download(id).has_value());
  ASSERT_TRUE(waitFor([&] { return done(*m, id); }));
  const DownloadInfo d = *m->download(id);
  EXPECT_EQ(d.state, DownloadState::Completed) << d.error.toStdString();
  EXPECT_TRUE(d.hashVerified);
  EXPECT_EQ(readAll(QDir(modelsDir_).filePath(QStringLiteral("c.bin"))), body);
  EXPECT_EQ(server_.requests().last().range, "bytes=" + QByteArray::number(partSize) + "-");
}

TEST_F(DownloadTest, PausedDownloadStaysPausedAcrossRestartThenResumes) {
  const QByteArray body = randomBytes(500000, 4);
  server_.setRoute("/p.bin", Route::slow(body));
  qint64 id = 0;
  {
    auto m = makeManager();
    id = *m->enqueue(request("/p.bin", QStringLiteral("p.bin"), sha256Hex(body)));
    ASSERT_TRUE(waitFor([&] { return m->download(id)->receivedBytes > 50000; }));
    m->pause(id);
    EXPECT_EQ(m->download(id)->state, DownloadState::Paused);
    EXPECT_TRUE(QFileInfo::exists(QDir(modelsDir_).filePath(QStringLiteral("p.bin.part"))));
  }
  DownloadOptions o = fastOptions();
  o.resumeOnOpen = false;
  auto m = makeManager(o);
  ASSERT_EQ(m->download(id)->state, DownloadState::Paused);
  const qint64 kept = m->download(id)->receivedBytes;
  EXPECT_GT(kept, 50000);
  ModelLibrary lib(*db_, modelsDir_);
  EXPECT_TRUE(lib.scan().isEmpty());  // a .part is never an installed model
  m->resume(id);
  ASSERT_TRUE(waitFor([&] { return done(*m, id); }));
  EXPECT_EQ(m->download(id)->state, DownloadState::Completed) << m->download(id)->error.toStdString();
  EXPECT_EQ(readAll(QDir(modelsDir_).filePath(QStringLiteral("p.bin"))), body);
  EXPECT_EQ(server_.requests().last().range, "bytes=" + QByteArray::number(kept) + "-");
}

TEST_F(DownloadTest, FollowsRedirectAndVerifiesAgainstLinkedEtag) {
  const QByteArray body = randomBytes(200000, 5);
  Route redirect;
  redirect.redirectTo = server_.url("/cdn/blob");
  redirect.headers["X-Linked-Etag"] = "\"" + sha256Hex(body).toLatin1() + "\"";
  server_.setRoute("/repo/resolve/main/m.bin", redirect);
  server_.setRoute("/cdn/blob", Route{body});
  auto m = makeManager();
  const DownloadInfo d = run(*m, request("/repo/resolve/main/m.bin", QStringLiteral("m.bin")));
  EXPECT_EQ(d.state, DownloadState::Completed) << d.error.toStdString();
  EXPECT_EQ(d.linkedSha256, sha256Hex(body));
  EXPECT_TRUE(d.hashVerified);
  EXPECT_EQ(server_.requestCount("/cdn/blob"), 1);
}

TEST_F(DownloadTest, SeveralAtOnceWithinTheLimit) {
  QList<QByteArray> bodies;
  for (int i = 0; i < 4; ++i) {
    bodies.append(randomBytes(200000, 10 + quint32(i)));
    server_.setRoute("/f" + QByteArray::number(i), Route::slow(bodies.last()));
  }
  auto m = makeManager();  // maxConcurrent = 2
  QList<qint64> ids;
  for (int i = 0; i < 4; ++i)
    ids.append(*m->enqueue(request("/f" + QByteArray::number(i), QStringLiteral("f%1.bin").arg(i), sha256Hex(bodies[i]))));
  int maxActive = 0;
  ASSERT_TRUE(waitFor([&] {
    maxActive = std::max(maxActive, m->activeCount());
    for (qint64 id : ids)
      if (!done(*m, id)) return false;
    return true;
  }, 30000));
  EXPECT_EQ(maxActive, 2);
  EXPECT_EQ(server_.maxOpenConnections(), 2);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(m->download(ids[i])->state, DownloadState::Completed);
    EXPECT_EQ(readAll(QDir(modelsDir_).filePath(QStringLiteral("f%1.bin").arg(i))), bodies[i]);
  }
}

TEST_F(DownloadTest, CancelLeavesNothingListed) {
  const QByteArray body = randomBytes(500000, 6);
  server_.setRoute("/x.gguf", Route::slow(body, 8192));
  qint64 id = 0;
  {
    auto m = makeManager();
    id = *m->enqueue(request("/x.gguf", QStringLiteral("x.gguf")));
    ASSERT_TRUE(waitFor([&] { return m->download(id)->receivedBytes > 30000; }));
    m->cancel(id);
    EXPECT_FALSE(m->download(id).has_value());
    EXPECT_TRUE(m->downloads().isEmpty());
    waitFor([] { return false; }, 100);
  }
  EXPECT_TRUE(filesInModels().isEmpty()) << filesInModels().join(QLatin1Char(' ')).toStdString();
  ModelLibrary lib(*db_, modelsDir_);
  EXPECT_TRUE(lib.scan().isEmpty());
  auto again = makeManager();  // nothing comes back after a restart either
  EXPECT_TRUE(again->downloads().isEmpty());
}

TEST_F(DownloadTest, DuplicateAndExistingTargetsAreRefused) {
  server_.setRoute("/d.bin", Route{randomBytes(1000, 7)});
  auto m = makeManager();
  const DownloadInfo d = run(*m, request("/d.bin", QStringLiteral("d.bin")));
  ASSERT_EQ(d.state, DownloadState::Completed);
  EXPECT_FALSE(d.hashVerified);  // no hash known: completed on size only, and says so
  Result<qint64> again = m->enqueue(request("/d.bin", QStringLiteral("d.bin")));
  EXPECT_FALSE(again.ok());
  EXPECT_TRUE(again.error().contains(QStringLiteral("already exists")));
  DownloadRequest bad = request("/d.bin", QStringLiteral("../evil.bin"));
  EXPECT_FALSE(m->enqueue(bad).ok());
}

}  // namespace
}  // namespace causerie::models::test
