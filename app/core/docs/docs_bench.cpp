#include "docs/docs_bench.h"

#include "docs/docs_database.h"
#include "docs/docs_index.h"
#include "docs/docs_search.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <random>

namespace causerie::docs {
namespace {

// Pseudo-words from French-looking syllables; word i is drawn with probability ~ 1/(i+1).
class Vocabulary {
 public:
  explicit Vocabulary(int size, std::mt19937& rng) {
    const char* syllables[] = {"la", "re", "mi", "son", "ter", "pa", "cou", "lin", "vé", "dé", "ma", "gri",
                               "on", "tion", "ment", "er", "ai", "bo", "cha", "ple", "fi", "gu", "né", "sta",
                               "ri", "po", "que", "eur", "an", "in", "ou", "té", "ble", "ver", "mon", "pré"};
    std::uniform_int_distribution<int> syl(0, int(std::size(syllables)) - 1), len(1, 4);
    while (int(words_.size()) < size) {
      QString w;
      const int n = len(rng);
      for (int i = 0; i < n; ++i) w += QString::fromUtf8(syllables[syl(rng)]);
      words_ << w;
    }
    double total = 0;
    for (int i = 0; i < size; ++i) total += 1.0 / (i + 1), cumulative_ << total;
    for (double& c : cumulative_) c /= total;
  }
  const QString& draw(std::mt19937& rng) const {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
    return words_[std::min<qsizetype>(it - cumulative_.begin(), words_.size() - 1)];
  }
  // A word of middling frequency (ranks 100..5000), as real queries use.
  const QString& drawQueryWord(std::mt19937& rng) const {
    return words_[std::uniform_int_distribution<int>(100, std::min<int>(5000, int(words_.size()) - 1))(rng)];
  }

 private:
  QStringList words_;
  QList<double> cumulative_;
};

QString sentence(const Vocabulary& v, std::mt19937& rng, int words) {
  QString s;
  for (int i = 0; i < words; ++i) {
    if (i) s += QLatin1Char(' ');
    s += v.draw(rng);
  }
  s[0] = s[0].toUpper();
  return s + QLatin1Char('.');
}

}  // namespace

Result<BenchResult> runDocsBench(const BenchOptions& options) {
  std::mt19937 rng(1234);
  const Vocabulary vocabulary(20000, rng);
  const QString corpus = QDir(options.dataDir).filePath(QStringLiteral("bench-corpus"));
  const QString dbPath = DocsDatabase::pathIn(options.dataDir);
  BenchResult result;
  if (!options.queriesOnly) {
    QDir(corpus).removeRecursively();
    if (!QDir().mkpath(corpus)) return fail(QStringLiteral("cannot create %1").arg(corpus));
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) QFile::remove(dbPath + suffix);

    // Files of chunksPerFile sections, each a heading and paragraphs filling one chunk.
    const qint64 files = std::max<qint64>(1, (options.chunks + options.chunksPerFile - 1) / options.chunksPerFile);
    const int sectionWords = std::max(8, options.chunking.targetTokens * 8 / 10);  // words + periods fit one chunk
    if (options.progress) options.progress(QStringLiteral("writing %1 files in %2").arg(files).arg(corpus));
    for (qint64 f = 0; f < files; ++f) {
      const QString folder = QDir(corpus).filePath(QStringLiteral("d%1").arg(f / 100, 3, 10, QLatin1Char('0')));
      QDir().mkpath(folder);
      QString text = QStringLiteral("# ") + sentence(vocabulary, rng, 4) + QStringLiteral("\n\n");
      for (int c = 0; c < options.chunksPerFile; ++c) {
        text += QStringLiteral("## ") + sentence(vocabulary, rng, 3) + QStringLiteral("\n\n");
        int words = 0;
        while (words < sectionWords) {
          const int n = std::uniform_int_distribution<int>(8, 20)(rng);
          text += sentence(vocabulary, rng, n) + QLatin1Char(' ');
          words += n + 1;
        }
        result.words += words;
        text += QStringLiteral("\n\n");
      }
      QFile out(QDir(folder).filePath(QStringLiteral("f%1.md").arg(f)));
      if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0)
        return fail(QStringLiteral("cannot write %1").arg(out.fileName()));
    }
  }

  DocsDatabase db(dbPath);
  if (auto opened = db.open(); !opened) return Error{opened.error()};
  DocsIndex index(db);
  if (!options.queriesOnly) {
    IndexOptions indexOptions;
    indexOptions.chunking = options.chunking;
    QElapsedTimer timer;
    if (options.progress) {
      indexOptions.progress = [&](const IndexProgress& p) {
        if (p.done > 0 && p.done % 200 == 0)
          options.progress(QStringLiteral("indexed %1/%2 files (%3 s)").arg(p.done).arg(p.total).arg(timer.elapsed() / 1000.0, 0, 'f', 1));
      };
    }
    timer.start();
    auto report = index.add(QStringLiteral("bench"), {corpus}, indexOptions);
    if (!report) return Error{report.error()};
    result.indexSeconds = double(timer.nsecsElapsed()) / 1e9;
    result.files = report->added;
    result.chunks = report->chunks;
    result.databaseBytes = QFileInfo(dbPath).size() + QFileInfo(dbPath + QStringLiteral("-wal")).size();
  }

  QList<double> ms, exactMs;
  std::mt19937 queryRng(99);  // the same queries whether the corpus was written now or before
  for (int q = 0; q < options.queries; ++q) {
    const int n = std::uniform_int_distribution<int>(2, 4)(queryRng);
    QStringList words;
    for (int i = 0; i < n; ++i) words << vocabulary.drawQueryWord(queryRng);
    const QString text = words.join(QLatin1Char(' '));
    for (const bool exact : {q % 2 == 0, q % 2 != 0}) {  // alternate which path goes first
      DocsSearchOptions searchOptions;
      searchOptions.k = 10;
      searchOptions.exactOnly = exact;
      QElapsedTimer t;
      t.start();
      auto hits = searchDocs(db, QStringLiteral("bench"), text, searchOptions);
      if (!hits) return Error{hits.error()};
      (exact ? exactMs : ms) << double(t.nsecsElapsed()) / 1e6;
    }
  }
  auto percentile = [](QList<double>& v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min<qsizetype>(v.size() - 1, std::max<qsizetype>(0, qsizetype(std::ceil(p * double(v.size()))) - 1))];
  };
  result.queries = int(ms.size());
  result.queryMsMedian = percentile(ms, 0.5);
  result.queryMsP95 = percentile(ms, 0.95);
  result.queryMsMax = ms.last();
  result.exactMsMedian = percentile(exactMs, 0.5);
  result.exactMsP95 = percentile(exactMs, 0.95);
  return result;
}

}  // namespace causerie::docs
