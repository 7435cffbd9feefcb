// `generate --endpoint` and `chat --endpoint` through the real causerie-cli against its own
// `serve` (stories260K): the remote text at temperature 0 is the local `generate`'s, byte for
// byte; a refused connection is one line on stderr and exit status 1; a wrong model is a 404 line.
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>
#include <QTcpServer>

#include <gtest/gtest.h>

namespace {

const QString kModel = QStringLiteral(CAUSERIE_SHARED_DIR "/models/stories260K.gguf");

struct CliRun {
    int rc = -1;
    QString out, err;
};

CliRun cli(const QStringList& arguments, const QByteArray& input = {}) {
    QProcess p;
    p.start(QStringLiteral(CAUSERIE_CLI), arguments);
    EXPECT_TRUE(p.waitForStarted());
    if (!input.isEmpty()) p.write(input);
    p.closeWriteChannel();
    EXPECT_TRUE(p.waitForFinished(60000));
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

class CliRemote : public ::testing::Test {
protected:
    void SetUp() override {
        serve_.start(QStringLiteral(CAUSERIE_CLI), {QStringLiteral("serve"), QStringLiteral("--model"), kModel, QStringLiteral("--port"),
                                                    QStringLiteral("0"), QStringLiteral("--api-key"), QStringLiteral("sk-cli")});
        ASSERT_TRUE(serve_.waitForStarted());
        QString out;
        const QRegularExpression listening(QStringLiteral("listening on (http://127\\.0\\.0\\.1:\\d+)"));
        while (!out.contains(QStringLiteral("loaded")) && serve_.waitForReadyRead(30000)) out += QString::fromUtf8(serve_.readAllStandardOutput());
        const auto m = listening.match(out);
        ASSERT_TRUE(m.hasMatch()) << out.toStdString();
        url_ = m.captured(1) + QStringLiteral("/v1");
    }
    void TearDown() override {
        serve_.terminate();
        serve_.waitForFinished(10000);
    }
    QProcess serve_;
    QString url_;
};

TEST_F(CliRemote, GenerateThroughServeEqualsLocalGenerateAtTemperatureZero) {
    const CliRun local = cli({QStringLiteral("generate"), QStringLiteral("--model"), kModel, QStringLiteral("--prompt"),
                           QStringLiteral("Once upon a time"), QStringLiteral("--n"), QStringLiteral("48"), QStringLiteral("--temp"),
                           QStringLiteral("0")});
    ASSERT_EQ(local.rc, 0) << local.err.toStdString();
    const CliRun remote = cli({QStringLiteral("generate"), QStringLiteral("--endpoint"), url_, QStringLiteral("--api-key"),
                            QStringLiteral("sk-cli"), QStringLiteral("--remote-model"), QStringLiteral("stories260K"),
                            QStringLiteral("--prompt"), QStringLiteral("Once upon a time"), QStringLiteral("--n"), QStringLiteral("48"),
                            QStringLiteral("--temp"), QStringLiteral("0"), QStringLiteral("--seed"), QStringLiteral("3")});
    ASSERT_EQ(remote.rc, 0) << remote.err.toStdString();
    EXPECT_GT(local.out.size(), QStringLiteral("Once upon a time\n").size());
    EXPECT_EQ(remote.out.toStdString(), local.out.toStdString());
}

TEST_F(CliRemote, ChatThroughServe) {
    const CliRun r = cli({QStringLiteral("chat"), QStringLiteral("--endpoint"), url_, QStringLiteral("--api-key"), QStringLiteral("sk-cli"),
                       QStringLiteral("--remote-model"), QStringLiteral("stories260K"), QStringLiteral("--n"), QStringLiteral("12"),
                       QStringLiteral("--temp"), QStringLiteral("0")},
                      "/help\nOnce upon a time\n/reset\n/quit\n");
    ASSERT_EQ(r.rc, 0) << r.err.toStdString();
    EXPECT_FALSE(r.out.trimmed().isEmpty());
    EXPECT_TRUE(r.err.contains(QStringLiteral("[12 tokens; prompt "))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("(conversation started over)")));
}

TEST_F(CliRemote, WrongKeyAndWrongModelAreOneLine) {
    CliRun r = cli({QStringLiteral("generate"), QStringLiteral("--endpoint"), url_, QStringLiteral("--api-key"), QStringLiteral("sk-bad"),
                 QStringLiteral("--remote-model"), QStringLiteral("stories260K"), QStringLiteral("--prompt"), QStringLiteral("Hi")});
    EXPECT_EQ(r.rc, 1);
    EXPECT_TRUE(r.out.isEmpty());
    EXPECT_TRUE(r.err.startsWith(QStringLiteral("error: "))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("HTTP 401")));
    EXPECT_FALSE(r.err.contains(QStringLiteral("sk-bad")));
    r = cli({QStringLiteral("generate"), QStringLiteral("--endpoint"), url_, QStringLiteral("--api-key"), QStringLiteral("sk-cli"),
             QStringLiteral("--remote-model"), QStringLiteral("nope"), QStringLiteral("--prompt"), QStringLiteral("Hi")});
    EXPECT_EQ(r.rc, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("HTTP 404"))) << r.err.toStdString();
    EXPECT_EQ(r.err.count(QLatin1Char('\n')), 1);
}

TEST(CliRemoteRefused, OneClearLineAndNonZeroExit) {
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const QString url = QStringLiteral("http://127.0.0.1:%1/v1").arg(probe.serverPort());
    probe.close();
    for (const QString& command : {QStringLiteral("generate"), QStringLiteral("chat")}) {
        const CliRun r = cli({command, QStringLiteral("--endpoint"), url, QStringLiteral("--remote-model"), QStringLiteral("m"),
                           QStringLiteral("--prompt"), QStringLiteral("Hi")},
                          "Hello\n");
        EXPECT_EQ(r.rc, 1) << command.toStdString();
        const QStringList lines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        ASSERT_EQ(lines.size(), 1) << r.err.toStdString();
        EXPECT_TRUE(lines.last().startsWith(QStringLiteral("error: connection refused by 127.0.0.1:"))) << r.err.toStdString();
        EXPECT_TRUE(r.out.isEmpty());
    }
}

TEST(CliRemoteArguments, BadEndpointAndMissingModel) {
    CliRun r = cli({QStringLiteral("generate"), QStringLiteral("--endpoint"), QStringLiteral("ftp://x"), QStringLiteral("--remote-model"),
                 QStringLiteral("m"), QStringLiteral("--prompt"), QStringLiteral("Hi")});
    EXPECT_EQ(r.rc, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("--endpoint needs an http(s) base URL")));
    r = cli({QStringLiteral("generate"), QStringLiteral("--endpoint"), QStringLiteral("http://127.0.0.1:1/v1"), QStringLiteral("--prompt"),
             QStringLiteral("Hi")});
    EXPECT_EQ(r.rc, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("--remote-model")));
}

}  // namespace
