// causerie-storage-crash-child DB SEED: streams conversations into DB forever (until killed).
// After each commit it prints one line on stdout, which the parent trusts as durable:
//   M <id> 0          a complete user message "crash question"
//   S <id> <length>   a streaming reply whose saved text is crashText(id, length)
//   F <id> <length>   a finished reply (state complete) of crashText(id, length)
#include "crash_text.h"
#include "storage/conversation_store.h"
#include "storage/database.h"

#include <QRandomGenerator>
#include <QThread>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

using namespace causerie::storage;
using causerie::storage::test::crashText;

namespace {

void report(char kind, qint64 id, int length) {
  char line[64];
  const int n = std::snprintf(line, sizeof line, "%c %lld %d\n", kind, static_cast<long long>(id), length);
  // One write per line: atomic on a pipe, nothing buffered in the process when it is killed.
  if (::write(STDOUT_FILENO, line, static_cast<size_t>(n)) != n) std::_Exit(3);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s DB SEED\n", argv[0]);
    return 2;
  }
  DatabaseOptions options;
  options.recoverInterruptedReplies = false;  // the parent does it after each kill
  Database db(QString::fromLocal8Bit(argv[1]), options);
  if (Status s = db.open(); !s) {
    std::fprintf(stderr, "%s\n", qPrintable(s.error()));
    return 1;
  }
  ConversationStore store(db);
  QRandomGenerator rng(static_cast<quint32>(std::strtoul(argv[2], nullptr, 10)));
  for (;;) {
    auto conv = store.createConversation(QStringLiteral("crash"));
    if (!conv) return 1;
    for (int turn = 0; turn < 5; ++turn) {
      auto user = store.appendMessage(*conv, Role::User, QStringLiteral("crash question"));
      if (!user) return 1;
      report('M', *user, 0);
      auto m = store.beginReply(*conv, *user);
      if (!m) return 1;
      report('S', *m, 0);
      int length = 0;
      const int finalLength = 200 + int(rng.bounded(3000));
      while (length < finalLength) {
        length = std::min(finalLength, length + 1 + int(rng.bounded(60)));
        if (!store.updateReply(*m, crashText(*m, length))) return 1;
        report('S', *m, length);
        QThread::usleep(500 + rng.bounded(3000));
      }
      Provenance p;
      p.modelFile = QStringLiteral("crash.gguf");
      p.generatedTokens = length;
      if (!store.finishReply(*m, crashText(*m, length), p)) return 1;
      report('F', *m, length);
    }
  }
}
