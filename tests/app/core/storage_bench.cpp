// causerie-storage-bench [DIR]: times opening a 2,000-message conversation and FTS searches over
// 100,000 messages. Not a test; prints the figures.
#include "storage/conversation_store.h"
#include "storage/database.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QStringList>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

using namespace causerie::storage;

namespace {

QStringList vocabulary() {
  QStringList words{QStringLiteral("the"), QStringLiteral("model"), QStringLiteral("token"),
                    QStringLiteral("vulkan"), QStringLiteral("shader"), QStringLiteral("llama"),
                    QStringLiteral("context"), QStringLiteral("sampler"), QStringLiteral("kernel"),
                    QStringLiteral("memory")};
  for (int i = 0; i < 20000; ++i) words << QStringLiteral("w%1").arg(i, 0, 36);
  return words;
}

QString sentence(QRandomGenerator& rng, const QStringList& words, int count) {
  QStringList out;
  for (int i = 0; i < count; ++i) {
    // Zipf-like: small indexes much more often.
    const double u = rng.generateDouble();
    const int index = std::min<int>(int(words.size()) - 1, int(std::pow(words.size(), u * u)) - 1);
    out << words.at(std::max(0, index));
  }
  return out.join(QLatin1Char(' '));
}

// Median of `runs` timings in milliseconds.
double medianMs(int runs, const std::function<void()>& work) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    QElapsedTimer t;
    t.start();
    work();
    times.push_back(double(t.nsecsElapsed()) / 1e6);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  QTemporaryDir tmp;
  const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : tmp.path();
  const QString path = dir + QStringLiteral("/bench.sqlite");
  QFile::remove(path);
  QFile::remove(path + QStringLiteral("-wal"));
  QFile::remove(path + QStringLiteral("-shm"));
  Database db(path);
  if (Status s = db.open(); !s) {
    std::fprintf(stderr, "%s\n", qPrintable(s.error()));
    return 1;
  }
  ConversationStore store(db);
  QRandomGenerator rng(42);
  const QStringList words = vocabulary();

  // 2,000-message conversation through the store (each message its own commit).
  QElapsedTimer fill;
  fill.start();
  const qint64 big = *store.createConversation(QStringLiteral("big"));
  for (int i = 0; i < 2000; ++i) {
    (void)store.appendMessage(big, i % 2 ? Role::Assistant : Role::User,
                              sentence(rng, words, 20 + int(rng.bounded(200))));
  }
  const double perMessageMs = double(fill.nsecsElapsed()) / 1e6 / 2000;

  // 98,000 more in 98 conversations, bulk inserted in one transaction.
  QSqlDatabase conn = *db.connection();
  QSqlQuery q(conn);
  q.exec(QStringLiteral("BEGIN"));
  for (int c = 0; c < 98; ++c) {
    const qint64 conv = *store.createConversation(QStringLiteral("c%1").arg(c));
    qint64 parent = 0;
    q.prepare(QStringLiteral("INSERT INTO messages (conversation_id, parent_id, role, text, "
                             "created_at, state) VALUES (?, ?, ?, ?, ?, 'complete')"));
    for (int i = 0; i < 1000; ++i) {
      q.addBindValue(conv);
      q.addBindValue(parent ? QVariant(parent) : QVariant(QMetaType(QMetaType::LongLong)));
      q.addBindValue(i % 2 ? QStringLiteral("assistant") : QStringLiteral("user"));
      q.addBindValue(sentence(rng, words, 20 + int(rng.bounded(200))));
      q.addBindValue(1700000000000LL + i);
      q.exec();
      parent = q.lastInsertId().toLongLong();
    }
    QSqlQuery leaf(conn);
    leaf.exec(QStringLiteral("UPDATE conversations SET current_leaf_id = %1 WHERE id = %2").arg(parent).arg(conv));
  }
  q.exec(QStringLiteral("COMMIT"));
  q.finish();

  int branchSize = 0;
  const double openMs = medianMs(21, [&] {
    auto c = store.conversation(big);
    auto branch = store.currentBranch(big);
    branchSize = branch ? int(branch->size()) : -1;
  });
  std::printf("messages in database: %d\n", 2000 + 98 * 1000);
  std::printf("add one message (own commit, WAL synchronous=NORMAL): %.3f ms\n", perMessageMs);
  std::printf("open a %d-message conversation (conversation + current branch with sibling counts): %.2f ms (median of 21)\n",
              branchSize, openMs);
  // A streaming reply saved once a second: the cost of one updateReply (FTS re-index included).
  const qint64 reply = *store.beginReply(big, store.conversation(big)->currentLeafId);
  QString replyText;
  const double updateMs = medianMs(41, [&] {
    replyText += sentence(rng, words, 100);  // ~100 tokens per save
    (void)store.updateReply(reply, replyText);
  });
  std::printf("updateReply of a growing reply (%lld chars at the end): %.3f ms (median of 41)\n",
              static_cast<long long>(replyText.size()), updateMs);
  const QStringList queries{QStringLiteral("vulkan"), QStringLiteral("shader kernel"),
                            QStringLiteral("w1a"), QStringLiteral("\"the model\""),
                            QStringLiteral("w3zz")};
  for (const QString& query : queries) {
    int hits = 0;
    const double ms = medianMs(11, [&] {
      auto r = store.search(query);
      hits = r ? int(r->size()) : -1;
    });
    std::printf("FTS search over 100,000 messages for %-15s: %7.2f ms (median of 11, %d hits shown, limit 50)\n",
                qPrintable(query), ms, hits);
  }
  return 0;
}
