// Download failure cases against the local HTTP server: wrong bytes, HTTP errors with and without
// retries, 416, stalls, servers ignoring Range, full disks, bad GGUF files.
#include "download_fixture.h"
#include "models/model_library.h"

#include <QProcess>

#include <unistd.h>

namespace causerie::models::test {
namespace {

using DownloadFailureTest = DownloadFixture;

TEST_F(DownloadFailureTest, HashMismatchDeletesTheFileAndSaysSo) {
  const QByteArray body = randomBytes(100000, 20);
  Route r{body};
  r.corruptWith = randomBytes(100000, 21);  // same length, wrong bytes
  server_.setRoute("/h.gguf", r);
  auto m = makeManager();
  const DownloadInfo d = run(*m, request("/h.gguf", QStringLiteral("h.gguf"), sha256Hex(body)));
  EXPECT_EQ(d.state, DownloadState::Failed);
  EXPECT_TRUE(d.error.contains(QStringLiteral("SHA-256 mismatch"))) << d.error.toStdString();
  EXPECT_TRUE(d.error.contains(QStringLiteral("deleted")));
  EXPECT_TRUE(filesInModels().isEmpty());
  EXPECT_TRUE(ModelLibrary(*db_, modelsDir_).scan().isEmpty());
}

TEST_F(DownloadFailureTest, LinkedEtagMismatchFailsToo) {
  const QByteArray body = randomBytes(50000, 22);
  Route r{body};
  r.corruptWith = randomBytes(50000, 23);
  r.headers["X-Linked-Etag"] = "\"" + sha256Hex(body).toLatin1() + "\"";
  server_.setRoute("/e.bin", r);
  auto m = makeManager();
  const DownloadInfo d = run(*m, request("/e.bin", QStringLiteral("e.bin")));
  EXPECT_EQ(d.state, DownloadState::Failed);
  EXPECT_TRUE(d.error.contains(QStringLiteral("SHA-256 mismatch"))) << d.error.toStdString();
  EXPECT_TRUE(filesInModels().isEmpty());
}

TEST_F(DownloadFailureTest, NotFoundFailsAtOnceWithoutRetry) {
  auto m = makeManager();
  const DownloadInfo d = run(*m, request("/missing.gguf", QStringLiteral("missing.gguf")));
  EXPECT_EQ(d.state, DownloadState::Failed);
  EXPECT_TRUE(d.error.contains(QStringLiteral("HTTP 404"))) << d.error.toStdString();
  EXPECT_EQ(server_.requestCount("/missing.gguf"), 1);
  EXPECT_TRUE(filesInModels().isEmpty());
}

TEST_F(DownloadFailureTest, ServerErrorIsRetriedWithBackoffThenSucceeds) {
  const QByteArray body = randomBytes(80000, 24);
  Route r{body};
  r.status = 500;
  r.failFirst = 2;
  server_.setRoute("/r.bin", r);
  auto m = makeManager();
  QList<qint64> delays;
  QObject::connect(m.get(), &DownloadManager::downloadChanged, m.get(), [&](qint64 id) {
    const auto i = m->download(id);
    if (i && i->state == DownloadState::Waiting) delays.append(i->retryInMs);
  });
  const DownloadInfo d = run(*m, request("/r.bin", QStringLiteral("r.bin"), sha256Hex(body)));
  EXPECT_EQ(d.state, DownloadState::Completed) << d.error.toStdString();
  EXPECT_EQ(server_.requestCount("/r.bin"), 3);
  EXPECT_EQ(delays, (QList<qint64>{40, 80}));  // exponential backoff
}

TEST_F(DownloadFailureTest, PersistentServerErrorGivesUp) {
  Route r;
  r.status = 503;
  server_.setRoute("/down.bin", r);
  auto m = makeManager();  // maxAttempts = 4
  const DownloadInfo d = run(*m, request("/down.bin", QStringLiteral("down.bin")));
  EXPECT_EQ(d.state, DownloadState::Failed);
  EXPECT_TRUE(d.error.contains(QStringLiteral("HTTP 503"))) << d.error.toStdString();
  EXPECT_TRUE(d.error.contains(QStringLiteral("gave up after 4 attempts")));
  EXPECT_EQ(server_.requestCount("/down.bin"), 4);
}

TEST_F(DownloadFailureTest, RangeNotSatisfiableWithCompletePartVerifies) {
  const QByteArray body = randomBytes(60000, 25);
  server_.setRoute("/full.bin", Route{body});
  QDir().mkpath(modelsDir_);
  QFile part(QDir(modelsDir_).filePath(QStringLiteral("full.bin.part")));
  ASSERT_TRUE(part.open(QIODevice::WriteOnly));
  part.write(body);  // a previous run got every byte but died before the rename
  part.close();
  auto m = makeManager();
  const DownloadInfo d = run(*m, request("/full.bin", QStringLiteral("full.bin"), sha256Hex(body)));
  EXPECT_EQ(d.state, DownloadState::Completed) << d.error.toStdString();
  EXPECT_EQ(server_.requests().last().range, "bytes=60000-");  // answered 416 bytes */60000
  EXPECT_EQ(readAll(QDir(modelsDir_).filePath(QStringLiteral("full.bin"))), body);
}

TEST_F(DownloadFailureTest, RangeNotSatisfiableWithLongerPartStartsOver) {
  const QByteArray body = randomBytes(60000, 26);
  server_.setRoute("/short.bin", Route{body});
  QDir().mkpath(modelsDir_);
  QFile part(QDir(modelsDir_).filePath(QStringLiteral("short.bin.part")));
  ASSERT_TRUE(part.open(QIODevice::WriteOnly));
  part.write(randomBytes(70000, 27));  // stale bytes of another version, longer than the file
  part.close();
  auto m = makeManager();
  const DownloadInfo d = run(*m, request("/short.bin", QStringLiteral("short.bin"), sha256Hex(body)));
  EXPECT_EQ(d.state, DownloadState::Completed) << d.error.toStdString();
  ASSERT_EQ(server_.requestCount("/short.bin"), 2);
  EXPECT_TRUE(server_.requests().last().range.isEmpty());
  EXPECT_EQ(readAll(QDir(modelsDir_).filePath(QStringLiteral("short.bin"))), body);
}

TEST_F(DownloadFailureTest, StalledTransferIsAbortedAndResumed) {
  const QByteArray body = randomBytes(120000, 28);
  Route r{body};
  r.stallAt = 40000;
  server_.setRoute("/stall.bin", r);
  auto m = makeManager();  // stallTimeoutMs = 400
  const DownloadInfo d = run(*m, request("/stall.bin", QStringLiteral("stall.bin"), sha256Hex(body)));
  EXPECT_EQ(d.state, DownloadState::Completed) << d.error.toStdString();
  EXPECT_EQ(server_.requests().last().range, "bytes=40000-");
}

TEST_F(DownloadFailureTest, ServerIgnoringRangeRestartsFromZero) {
  const QByteArray body = randomBytes(90000, 29);
  Route r{body};
  r.ranges = false;
  r.dropAt = 30000;
  server_.setRoute("/norange.bin", r);
  auto m = makeManager();
  const DownloadInfo d = run(*m, request("/norange.bin", QStringLiteral("norange.bin"), sha256Hex(body)));
  EXPECT_EQ(d.state, DownloadState::Completed) << d.error.toStdString();
  EXPECT_EQ(server_.requests().last().range, "bytes=30000-");  // asked; got 200 and started over
  EXPECT_EQ(readAll(QDir(modelsDir_).filePath(QStringLiteral("norange.bin"))), body);
}

TEST_F(DownloadFailureTest, NotEnoughFreeSpaceIsRefusedBeforeWriting) {
  server_.setRoute("/big.bin", Route{randomBytes(100000, 30)});
  DownloadOptions o = fastOptions();
  o.freeSpace = [](const QString&) { return qint64(5000); };
  auto m = makeManager(o);
  const DownloadInfo d = run(*m, request("/big.bin", QStringLiteral("big.bin")));  // size from Content-Length
  EXPECT_EQ(d.state, DownloadState::Failed);
  EXPECT_TRUE(d.error.contains(QStringLiteral("not enough disk space"))) << d.error.toStdString();
  EXPECT_TRUE(filesInModels().isEmpty());  // no empty .part left behind
  DownloadRequest known = request("/big.bin", QStringLiteral("big2.bin"));
  known.expectedSize = 100000;  // known in advance: refused before any request
  const int before = server_.requestCount("/big.bin");
  const DownloadInfo d2 = run(*m, known);
  EXPECT_EQ(d2.state, DownloadState::Failed);
  EXPECT_EQ(server_.requestCount("/big.bin"), before);
}

// A real full disk: a 1 MiB tmpfs (root only); the free-space check is bypassed so that the
// write itself fails.
TEST_F(DownloadFailureTest, FullDiskGivesAClearErrorAndKeepsAResumablePart) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to mount a tmpfs";
  QDir().mkpath(modelsDir_);
  if (QProcess::execute(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                                  QStringLiteral("size=1m"), QStringLiteral("tmpfs"), modelsDir_}) != 0)
    GTEST_SKIP() << "mount -t tmpfs failed";
  struct Unmount {
    QString dir;
    ~Unmount() { QProcess::execute(QStringLiteral("umount"), {dir}); }
  } unmount{modelsDir_};
  const QByteArray body = randomBytes(3 << 20, 31);
  server_.setRoute("/huge.bin", Route{body});
  DownloadOptions o = fastOptions();
  o.freeSpace = [](const QString&) { return qint64(1) << 40; };  // a lying probe
  auto m = makeManager(o);
  const DownloadInfo d = run(*m, request("/huge.bin", QStringLiteral("huge.bin"), sha256Hex(body)));
  EXPECT_EQ(d.state, DownloadState::Failed);
  EXPECT_TRUE(d.error.startsWith(QStringLiteral("disk full"))) << d.error.toStdString();
  std::printf("full disk error: %s\n", qPrintable(d.error));
  EXPECT_FALSE(d.error.contains(QLatin1Char('\n')));
  EXPECT_TRUE(d.partKept);
  const QString part = QDir(modelsDir_).filePath(QStringLiteral("huge.bin.part"));
  EXPECT_EQ(QFileInfo(part).size(), d.receivedBytes);  // exactly the hashed bytes
  EXPECT_EQ(readAll(part), body.left(d.receivedBytes));
  EXPECT_FALSE(QFileInfo::exists(QDir(modelsDir_).filePath(QStringLiteral("huge.bin"))));
  m.reset();
}

TEST_F(DownloadFailureTest, FileThatIsNotGgufIsRejected) {
  server_.setRoute("/fake.gguf", Route{randomBytes(40000, 32)});
  auto m = makeManager();
  const DownloadInfo d = run(*m, request("/fake.gguf", QStringLiteral("fake.gguf")));
  EXPECT_EQ(d.state, DownloadState::Failed);
  EXPECT_TRUE(d.error.contains(QStringLiteral("not a usable GGUF"))) << d.error.toStdString();
  EXPECT_TRUE(filesInModels().isEmpty());
}

TEST_F(DownloadFailureTest, RealGgufDownloadsAndIsListed) {
  const QByteArray body = readAll(QStringLiteral(CAUSERIE_SHARED_DIR "/models/stories260K.gguf"));
  ASSERT_FALSE(body.isEmpty());
  Route r{body};
  r.dropAt = body.size() / 2;
  server_.setRoute("/stories.gguf", r);
  auto m = makeManager();
  const DownloadInfo d = run(*m, request("/stories.gguf", QStringLiteral("stories260K.gguf"), sha256Hex(body)));
  ASSERT_EQ(d.state, DownloadState::Completed) << d.error.toStdString();
  const QList<InstalledModel> models = ModelLibrary(*db_, modelsDir_).scan();
  ASSERT_EQ(models.size(), 1);
  EXPECT_EQ(models[0].id, QStringLiteral("stories260K"));
  EXPECT_TRUE(models[0].valid);
  EXPECT_EQ(models[0].summary.architecture, QStringLiteral("llama"));
}

TEST_F(DownloadFailureTest, ConnectionRefusedIsRetriedThenFails) {
  auto m = makeManager();
  DownloadRequest r = request("/x.bin", QStringLiteral("x.bin"));
  r.url = QUrl(QStringLiteral("http://127.0.0.1:1/x.bin"));
  const DownloadInfo d = run(*m, r);
  EXPECT_EQ(d.state, DownloadState::Failed);
  EXPECT_TRUE(d.error.contains(QStringLiteral("gave up after 4 attempts"))) << d.error.toStdString();
}

}  // namespace
}  // namespace causerie::models::test
