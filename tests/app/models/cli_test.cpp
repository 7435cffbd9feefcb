// `causerie-cli models` end to end (through the driver binary) against the local HTTP server.
#include "download_fixture.h"

#include <QProcess>

namespace causerie::models::test {
namespace {

struct CliRun {
  int rc = -1;
  QString out, err;
};

class CliTest : public DownloadFixture {
 protected:
  CliRun cli(QStringList args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), tmp_.filePath(QStringLiteral("home")));  // no real LM Studio folder
    p.setProcessEnvironment(env);
    args.prepend(QStringLiteral("models"));
    args << QStringLiteral("--data") << tmp_.filePath(QStringLiteral("data")) << QStringLiteral("--dir") << modelsDir_;
    if (!args.contains(QStringLiteral("--memory")) && args.value(1) == QLatin1String("list")) args << QStringLiteral("--memory") << QStringLiteral("8");
    p.start(QStringLiteral(CAUSERIE_MODELS_CLI), args);
    EXPECT_TRUE(p.waitForStarted());
    // The server lives in this process: keep its event loop turning while the CLI runs.
    EXPECT_TRUE(waitFor([&] { return p.state() == QProcess::NotRunning; }, 30000));
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
  }
};

TEST_F(CliTest, DownloadListRemove) {
  const QByteArray body = readAll(QStringLiteral(CAUSERIE_SHARED_DIR "/models/stories260K.gguf"));
  Route r{body};
  r.dropAt = body.size() / 3;
  server_.setRoute("/stories260K.gguf", r);
  CliRun d = cli({QStringLiteral("download"), QString::fromLatin1(server_.url("/stories260K.gguf")), QStringLiteral("--sha256"), sha256Hex(body)});
  ASSERT_EQ(d.rc, 0) << d.err.toStdString();
  EXPECT_TRUE(d.out.contains(QStringLiteral("(verified)"))) << d.out.toStdString();
  EXPECT_TRUE(d.err.contains(QStringLiteral("completed")));  // progress on stderr

  CliRun l = cli({QStringLiteral("list")});
  ASSERT_EQ(l.rc, 0) << l.err.toStdString();
  EXPECT_TRUE(l.out.contains(QStringLiteral("stories260K"))) << l.out.toStdString();
  EXPECT_TRUE(l.out.contains(QStringLiteral("fits"))) << l.out.toStdString();

  CliRun no = cli({QStringLiteral("remove"), QStringLiteral("stories260K")});  // stdin is not a terminal
  EXPECT_EQ(no.rc, 1);
  EXPECT_TRUE(no.err.contains(QStringLiteral("--yes")));
  CliRun yes = cli({QStringLiteral("remove"), QStringLiteral("stories260K"), QStringLiteral("--yes")});
  EXPECT_EQ(yes.rc, 0) << yes.err.toStdString();
  EXPECT_TRUE(filesInModels().isEmpty());
}

TEST_F(CliTest, FailuresExitNonZeroWithOneLine) {
  const QByteArray body = randomBytes(50000, 40);
  server_.setRoute("/m.gguf", Route{body});
  CliRun bad = cli({QStringLiteral("download"), QString::fromLatin1(server_.url("/m.gguf")), QStringLiteral("--sha256"),
                 QString(64, QLatin1Char('0'))});
  EXPECT_EQ(bad.rc, 1);
  const QStringList lines = bad.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  ASSERT_FALSE(lines.isEmpty());
  EXPECT_TRUE(lines.last().startsWith(QStringLiteral("error: SHA-256 mismatch"))) << bad.err.toStdString();
  EXPECT_TRUE(filesInModels().isEmpty());

  CliRun missing = cli({QStringLiteral("download"), QString::fromLatin1(server_.url("/nope.gguf"))});
  EXPECT_EQ(missing.rc, 1);
  EXPECT_TRUE(missing.err.trimmed().split(QLatin1Char('\n')).last().startsWith(QStringLiteral("error: HTTP 404")))
      << missing.err.toStdString();

  CliRun unknown = cli({QStringLiteral("download"), QStringLiteral("no-such-model")});
  EXPECT_EQ(unknown.rc, 1);
  CliRun unsupported = cli({QStringLiteral("download"), QStringLiteral("granite-4.0-h-tiny-q4_k_m")});
  EXPECT_EQ(unsupported.rc, 1);
  EXPECT_TRUE(unsupported.err.contains(QStringLiteral("not yet supported")));
}

TEST_F(CliTest, ImportCopiesOrUsesInPlace) {
  const QString src = QStringLiteral(CAUSERIE_SHARED_DIR "/models/stories260K.gguf");
  CliRun inPlace = cli({QStringLiteral("import"), src, QStringLiteral("--in-place")});
  ASSERT_EQ(inPlace.rc, 0) << inPlace.err.toStdString();
  EXPECT_TRUE(filesInModels().isEmpty());
  CliRun l = cli({QStringLiteral("list")});
  EXPECT_TRUE(l.out.contains(QStringLiteral("in-place"))) << l.out.toStdString();
  CliRun forget = cli({QStringLiteral("remove"), QStringLiteral("stories260K"), QStringLiteral("--yes")});
  EXPECT_EQ(forget.rc, 0);
  EXPECT_TRUE(forget.out.contains(QStringLiteral("Forget")));
  EXPECT_TRUE(QFileInfo::exists(src));  // never deletes a file used in place
  CliRun copy = cli({QStringLiteral("import"), src});
  ASSERT_EQ(copy.rc, 0) << copy.err.toStdString();
  EXPECT_EQ(filesInModels(), QStringList{QStringLiteral("stories260K.gguf")});
  CliRun notGguf = cli({QStringLiteral("import"), tmp_.filePath(QStringLiteral("models.db"))});
  EXPECT_EQ(notGguf.rc, 1);
}

}  // namespace
}  // namespace causerie::models::test
