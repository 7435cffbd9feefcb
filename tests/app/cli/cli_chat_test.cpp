// `causerie-cli chat` driven through its standard input: the commands (/help, /reset, an unknown
// one, /quit), a reply, and its stats on their own line.
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>

#include <gtest/gtest.h>

namespace {

struct ChatRun {
  int rc = -1;
  QString out, err;
};

ChatRun chat(const QByteArray& input) {
  QProcess p;
  p.start(QStringLiteral(CAUSERIE_CLI),
          {QStringLiteral("chat"), QStringLiteral("--model"), QStringLiteral(CAUSERIE_SHARED_DIR "/models/stories260K.gguf"),
           QStringLiteral("--cpu"), QStringLiteral("--n"), QStringLiteral("12"), QStringLiteral("--temp"), QStringLiteral("0")});
  EXPECT_TRUE(p.waitForStarted());
  p.write(input);
  p.closeWriteChannel();
  EXPECT_TRUE(p.waitForFinished(60000));
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

TEST(CliChat, CommandsAndAReply) {
  const ChatRun r = chat("/help\n/bogus\nOnce upon a time\n/reset\n/quit\nnever sent\n");
  ASSERT_EQ(r.rc, 0) << r.err.toStdString();
  EXPECT_TRUE(r.err.contains(QStringLiteral("/reset  start the conversation over"))) << r.err.toStdString();
  EXPECT_TRUE(r.err.contains(QStringLiteral("unknown command /bogus")));
  EXPECT_TRUE(r.err.contains(QStringLiteral("(conversation started over)")));
  // One reply on stdout; its stats on a line of their own on stderr.
  EXPECT_FALSE(r.out.trimmed().isEmpty());
  EXPECT_FALSE(r.out.contains(QStringLiteral("tok/s")));
  // (On stderr the stats follow the next prompt's "> "; on a terminal, the reply's line ends first.)
  const QRegularExpression stats(QStringLiteral("^(> )?\\[\\d+ tokens, [0-9.]+ tok/s; prompt \\d+ .*\\]$"));
  int statsLines = 0;
  for (const QString& line : r.err.split(QLatin1Char('\n')))
    if (stats.match(line).hasMatch()) ++statsLines;
  EXPECT_EQ(statsLines, 1) << "one reply, and none after /quit: " << r.err.toStdString();
}

}  // namespace
