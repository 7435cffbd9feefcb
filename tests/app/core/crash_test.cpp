// The crash test: a child process streams replies into a database and is killed with SIGKILL at
// random moments, 50 times. After each kill the database must pass PRAGMA integrity_check and hold
// every message the child reported as committed, with at least the text it reported.
#include "crash_text.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QHash>
#include <QRandomGenerator>
#include <QThread>

#include <gtest/gtest.h>

#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace causerie::storage::test {
namespace {

struct Expected {
  char kind = 'M';  // M: user message, S: streaming reply, F: finished reply
  int length = 0;
};

// Starts the child, kills it after `delayMs`, returns everything it printed.
QByteArray runAndKill(const QString& dbPath, quint32 seed, int delayMs) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  const QByteArray db = dbPath.toLocal8Bit();
  const QByteArray seedText = QByteArray::number(seed);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    const char* args[] = {CAUSERIE_CRASH_CHILD, db.constData(), seedText.constData(), nullptr};
    ::execv(CAUSERIE_CRASH_CHILD, const_cast<char* const*>(args));
    ::_exit(127);
  }
  ::close(fds[1]);
  // Drain the pipe while waiting, so the child never blocks on a full pipe.
  QByteArray out;
  QElapsedTimer timer;
  timer.start();
  char buffer[65536];
  ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
  while (timer.elapsed() < delayMs) {
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n > 0) out.append(buffer, n);
    QThread::msleep(2);
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  for (;;) {
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n <= 0) break;
    out.append(buffer, n);
  }
  ::close(fds[0]);
  return out;
}

TEST(CrashTest, FiftyKillsLoseNothingCommitted) {
  TempDatabase t;
  QHash<qint64, Expected> expected;
  QRandomGenerator rng(20240605);
  int integrityOk = 0;
  int lost = 0;
  int shortText = 0;
  int killedMidReply = 0;
  constexpr int kKills = 50;
  for (int round = 0; round < kKills; ++round) {
    const int delay = 40 + int(rng.bounded(560));
    const QByteArray out = runAndKill(t.path(), rng.generate(), delay);
    bool streaming = false;
    for (const QByteArray& line : out.split('\n')) {
      const QList<QByteArray> f = line.split(' ');
      if (f.size() != 3) continue;  // an empty tail
      const qint64 id = f[1].toLongLong();
      Expected& e = expected[id];
      e.kind = f[0].at(0);
      e.length = std::max(e.length, f[2].toInt());
      streaming = e.kind == 'S';
    }
    killedMidReply += streaming ? 1 : 0;

    Database& db = t.open();  // restart: recovers the interrupted reply
    auto check = db.integrityCheck();
    ASSERT_TRUE(check.ok()) << check.error().toStdString();
    if (*check == "ok") ++integrityOk;
    ConversationStore& store = t.store();
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
      auto m = store.message(it.key());
      if (!m) {
        ++lost;
        continue;
      }
      const Expected& e = it.value();
      if (e.kind == 'M') {
        if (m->text != QStringLiteral("crash question")) ++shortText;
      } else if (e.kind == 'F') {
        if (m->state != MessageState::Complete || m->text != crashText(it.key(), e.length)) ++shortText;
      } else {
        // Saved at least up to what was reported; never left in state streaming.
        if (m->text.left(e.length) != crashText(it.key(), e.length) ||
            m->state == MessageState::Streaming) {
          ++shortText;
        }
      }
    }
    t.close();
  }
  std::printf("crash test: %d kills, integrity ok %d, committed messages %d, lost %d, "
              "short or wrong %d, killed mid-reply %d\n",
              kKills, integrityOk, int(expected.size()), lost, shortText, killedMidReply);
  EXPECT_EQ(integrityOk, kKills);
  EXPECT_EQ(lost, 0);
  EXPECT_EQ(shortText, 0);
  EXPECT_GT(int(expected.size()), kKills * 2);  // the child really worked between kills
  EXPECT_GT(killedMidReply, kKills / 2);
}

}  // namespace
}  // namespace causerie::storage::test
