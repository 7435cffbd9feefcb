// Chunk vectors and hybrid search, with a deterministic stand-in for an embedding model (words
// hashed into 32 dimensions, normalized: equal texts give equal vectors, shared words raise the
// cosine): embedding a collection, keeping vectors across re-indexing, dropping them when the
// model changes or the file goes; exact top-k; reciprocal rank fusion; the hybrid ranking.
#include "docs/docs_database.h"
#include "docs/docs_index.h"
#include "docs/docs_search.h"
#include "docs/docs_vectors.h"

#include "docs_test_support.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace causerie::docs {
namespace {

using test::writeFile;

constexpr int kDim = 32;

std::vector<float> bagOfWords(const QString& text) {
  std::vector<float> v(kDim, 0.f);
  for (const QString& w : text.toLower().split(QRegularExpression(QStringLiteral("\\W+")), Qt::SkipEmptyParts))
    v[qHash(w) % kDim] += 1.f;
  double ss = 0;
  for (float x : v) ss += double(x) * x;
  if (ss > 0)
    for (float& x : v) x = float(x / std::sqrt(ss));
  return v;
}

DocsEmbedder fakeEmbedder(const QString& model, int* calls = nullptr) {
  DocsEmbedder e;
  e.model = model;
  e.dim = kDim;
  e.embed = [calls](const QStringList& texts) -> Result<std::vector<float>> {
    if (calls) ++*calls;
    std::vector<float> out;
    for (const QString& t : texts) {
      const auto v = bagOfWords(t);
      out.insert(out.end(), v.begin(), v.end());
    }
    return out;
  };
  return e;
}

class DocsVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus = dir.filePath(QStringLiteral("corpus"));
    QDir().mkpath(corpus);
    writeFile(corpus + QStringLiteral("/reseau.md"),
              "# Réseau\n\nLa configuration du réseau se trouve dans le fichier interfaces.\n\n"
              "# Pare-feu\n\nLe pare-feu filtre les paquets entrants.\n");
    writeFile(corpus + QStringLiteral("/paquets.md"), "# Paquets\n\nLa mise à jour des paquets se fait avec apt.\n");
    writeFile(corpus + QStringLiteral("/garden.md"), "# Garden\n\nThe roses were pruned by the gardener in spring.\n");
    db = std::make_unique<DocsDatabase>(DocsDatabase::pathIn(dir.filePath(QStringLiteral("data"))));
    ASSERT_TRUE(db->open());
    DocsIndex index(*db);
    ChunkOptions small;
    small.targetTokens = 16;
    small.overlapTokens = 0;
    options.chunking = small;
    auto report = index.add(QStringLiteral("c"), {corpus}, options);
    ASSERT_TRUE(report) << report.error().toStdString();
    ASSERT_EQ(report->added, 3);
  }

  // Every chunk of the collection: (id, text).
  QList<ChunkRecord> allChunks() {
    DocsIndex index(*db);
    QList<ChunkRecord> out;
    auto files = index.files(QStringLiteral("c"));
    EXPECT_TRUE(files);
    for (const FileRecord& f : *files) out += *index.chunks(f.id);
    return out;
  }

  QList<DocsHit> hybrid(const QString& query, const QString& model = QStringLiteral("bow"), int k = 5) {
    DocsSearchOptions o;
    o.k = k;
    o.queryVector = bagOfWords(query);
    o.vectorModel = model;
    auto hits = searchDocs(*db, QStringLiteral("c"), query, o);
    EXPECT_TRUE(hits) << hits.error().toStdString();
    return hits ? *hits : QList<DocsHit>{};
  }

  QTemporaryDir dir;
  QString corpus;
  IndexOptions options;
  std::unique_ptr<DocsDatabase> db;
};

TEST_F(DocsVectors, EmbedsOnceKeepsAcrossReindexAndDropsOnModelChange) {
  const int chunks = int(allChunks().size());
  ASSERT_GE(chunks, 4);
  int calls = 0;
  EmbedOptions eo;
  eo.batch = 2;
  auto first = embedCollection(*db, QStringLiteral("c"), fakeEmbedder(QStringLiteral("bow"), &calls), eo);
  ASSERT_TRUE(first) << first.error().toStdString();
  EXPECT_EQ(first->embedded, chunks);
  EXPECT_EQ(calls, (chunks + 1) / 2);  // in batches of 2
  auto vectors = collectionVectors(*db, QStringLiteral("c"));
  ASSERT_TRUE(vectors);
  EXPECT_EQ(vectors->model, QStringLiteral("bow"));
  EXPECT_EQ(vectors->dim, kDim);
  EXPECT_EQ(vectors->vectors, chunks);
  // Again with the same model: nothing to do
  auto again = embedCollection(*db, QStringLiteral("c"), fakeEmbedder(QStringLiteral("bow")));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->embedded, 0);
  EXPECT_EQ(again->kept, chunks);
  // One file changes: only its new chunk is embedded, the others keep theirs
  writeFile(corpus + QStringLiteral("/paquets.md"), "# Paquets\n\nLes paquets sont installés avec apt install.\n");
  DocsIndex index(*db);
  auto report = index.add(QStringLiteral("c"), {corpus}, options);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->updated, 1);
  auto partial = collectionVectors(*db, QStringLiteral("c"));
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->vectors, chunks - 1);  // the changed file's chunk went with its vector
  auto update = embedCollection(*db, QStringLiteral("c"), fakeEmbedder(QStringLiteral("bow")));
  ASSERT_TRUE(update);
  EXPECT_EQ(update->embedded, 1);
  EXPECT_EQ(update->kept, chunks - 1);
  // A file removed takes its vectors along
  auto removed = index.remove(QStringLiteral("c"), corpus + QStringLiteral("/garden.md"));
  ASSERT_TRUE(removed);
  auto fewer = collectionVectors(*db, QStringLiteral("c"));
  ASSERT_TRUE(fewer);
  EXPECT_EQ(fewer->vectors, chunks - 1);
  // Another model: the old vectors are dropped and every chunk embedded again
  auto other = embedCollection(*db, QStringLiteral("c"), fakeEmbedder(QStringLiteral("other")));
  ASSERT_TRUE(other);
  EXPECT_EQ(other->dropped, chunks - 1);
  EXPECT_EQ(other->embedded, chunks - 1);
  auto now = collectionVectors(*db, QStringLiteral("c"));
  ASSERT_TRUE(now);
  EXPECT_EQ(now->model, QStringLiteral("other"));
}

TEST_F(DocsVectors, HybridRanksAChunksOwnTextFirstByVector) {
  ASSERT_TRUE(embedCollection(*db, QStringLiteral("c"), fakeEmbedder(QStringLiteral("bow"))));
  for (const ChunkRecord& c : allChunks()) {
    const auto hits = hybrid(c.text);
    ASSERT_FALSE(hits.isEmpty());
    bool found = false;
    for (const DocsHit& h : hits) {
      EXPECT_TRUE(h.hybrid);
      if (h.chunkId == c.id) {
        found = true;
        EXPECT_EQ(h.vectorRank, 1) << c.text.toStdString();
        EXPECT_NEAR(h.cosine, 1.0, 1e-5);
      }
    }
    EXPECT_TRUE(found) << c.text.toStdString();
    EXPECT_EQ(hits[0].chunkId, c.id) << "lexical and vector agree on the chunk's own text: " << c.text.toStdString();
  }
  // Scores are fused: decreasing, each the sum of 1 / (60 + rank) over the rankings it is in
  const auto hits = hybrid(QStringLiteral("paquets apt"));
  for (qsizetype i = 0; i < hits.size(); ++i) {
    double want = 0;
    if (hits[i].lexicalRank) want += 1.0 / (60 + hits[i].lexicalRank);
    if (hits[i].vectorRank) want += 1.0 / (60 + hits[i].vectorRank);
    EXPECT_DOUBLE_EQ(hits[i].score, want);
    if (i > 0) {
      EXPECT_GE(hits[i - 1].score, hits[i].score);
    }
  }
}

TEST_F(DocsVectors, CachedVectorsFollowTheIndex) {
  ASSERT_TRUE(embedCollection(*db, QStringLiteral("c"), fakeEmbedder(QStringLiteral("bow"))));
  auto first = cachedVectors(*db, QStringLiteral("c"), QStringLiteral("bow"));
  auto second = cachedVectors(*db, QStringLiteral("c"), QStringLiteral("bow"));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->get(), second->get());  // unchanged: the same matrix
  // A file changes and is embedded again: the new chunk is what the search finds
  const QString text = QStringLiteral("Les sauvegardes quotidiennes partent vers le serveur distant.");
  writeFile(corpus + QStringLiteral("/paquets.md"), ("# Sauvegardes\n\n" + text + "\n").toUtf8());
  DocsIndex index(*db);
  ASSERT_TRUE(index.add(QStringLiteral("c"), {corpus}, options));
  ASSERT_TRUE(embedCollection(*db, QStringLiteral("c"), fakeEmbedder(QStringLiteral("bow"))));
  auto third = cachedVectors(*db, QStringLiteral("c"), QStringLiteral("bow"));
  ASSERT_TRUE(third);
  EXPECT_NE(third->get(), first->get());
  EXPECT_EQ((*third)->size(), (*first)->size());
  const auto hits = hybrid(QStringLiteral("Sauvegardes ") + text);
  ASSERT_FALSE(hits.isEmpty());
  EXPECT_TRUE(hits[0].path.endsWith(QStringLiteral("paquets.md")));
  EXPECT_EQ(hits[0].vectorRank, 1);
}

TEST_F(DocsVectors, WithoutVectorsOfTheModelSearchIsLexical) {
  // No vectors at all, then vectors of another model: lexical alone, said per hit
  for (int round = 0; round < 2; ++round) {
    const auto hits = hybrid(QStringLiteral("paquets"), QStringLiteral("bow"));
    ASSERT_FALSE(hits.isEmpty());
    for (const DocsHit& h : hits) {
      EXPECT_FALSE(h.hybrid);
      EXPECT_EQ(h.vectorRank, 0);
      EXPECT_GT(h.lexicalRank, 0);
    }
    ASSERT_TRUE(embedCollection(*db, QStringLiteral("c"), fakeEmbedder(QStringLiteral("other"))));
  }
  // A query vector of the wrong dimension is an error
  DocsSearchOptions o;
  o.queryVector = std::vector<float>(kDim + 1, 0.1f);
  o.vectorModel = QStringLiteral("other");
  EXPECT_FALSE(searchDocs(*db, QStringLiteral("c"), QStringLiteral("paquets"), o));
  // Words nothing matches lexically: the vector ranking alone still answers
  o.queryVector = bagOfWords(QStringLiteral("xylophone"));
  auto hits = searchDocs(*db, QStringLiteral("c"), QStringLiteral("xylophone"), o);
  ASSERT_TRUE(hits);
  ASSERT_FALSE(hits->isEmpty());
  for (const DocsHit& h : *hits) {
    EXPECT_TRUE(h.hybrid);
    EXPECT_EQ(h.lexicalRank, 0);
    EXPECT_GT(h.vectorRank, 0);
    EXPECT_FALSE(h.path.isEmpty());
  }
}

TEST(DocsVectorMath, TopKIsTheExactOrder) {
  std::mt19937 rng(3);
  std::normal_distribution<float> normal;
  VectorMatrix m(8);
  std::vector<std::vector<float>> rows;
  for (int i = 0; i < 200; ++i) {
    std::vector<float> v(8);
    double ss = 0;
    for (float& x : v) x = normal(rng), ss += double(x) * x;
    for (float& x : v) x = float(x / std::sqrt(ss));  // unit rows: a row is its own best match
    if (i == 50) v = rows[10];  // a tie: the lower id first
    rows.push_back(v);
    m.add(i + 1, v.data());
  }
  const std::vector<float> q = rows[10];
  const auto top = m.topK(q.data(), 7);
  ASSERT_EQ(top.size(), 7);
  std::vector<std::pair<float, qint64>> all;
  for (int i = 0; i < 200; ++i) {
    float d = 0;
    for (int j = 0; j < 8; ++j) d += rows[size_t(i)][size_t(j)] * q[size_t(j)];
    all.push_back({-d, i + 1});
  }
  std::sort(all.begin(), all.end());
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(top[i].id, all[size_t(i)].second);
    EXPECT_FLOAT_EQ(top[i].score, -all[size_t(i)].first);
  }
  EXPECT_EQ(top[0].id, 11);  // rows[10] is id 11, its copy id 51 comes second
  EXPECT_EQ(top[1].id, 51);
  EXPECT_EQ(m.topK(q.data(), 500).size(), 200);
  EXPECT_TRUE(m.topK(q.data(), 0).isEmpty());
  // Past 65,536 rows the scan is split between threads: the same best rows
  VectorMatrix big(8);
  for (int i = 0; i < 70000; ++i) big.add(i + 1, rows[size_t(i % 200)].data());
  const auto bigTop = big.topK(q.data(), 5);
  ASSERT_EQ(bigTop.size(), 5);
  // rows 10 and 50 are equal to q: ids 11, 51, 211, 251, 411 (every 200 rows)
  EXPECT_EQ(bigTop[0].id, 11);
  EXPECT_EQ(bigTop[1].id, 51);
  EXPECT_EQ(bigTop[2].id, 211);
  EXPECT_EQ(bigTop[3].id, 251);
  EXPECT_EQ(bigTop[4].id, 411);
}

TEST(DocsVectorMath, ReciprocalRankFusion) {
  const auto fused = reciprocalRankFusion({1, 2, 3}, {3, 1, 4}, 60);
  ASSERT_EQ(fused.size(), 4);
  // 1: 1/61 + 1/62; 3: 1/63 + 1/61; 2: 1/62; 4: 1/63
  EXPECT_EQ(fused[0].id, 1);
  EXPECT_EQ(fused[1].id, 3);
  EXPECT_EQ(fused[2].id, 2);
  EXPECT_EQ(fused[3].id, 4);
  EXPECT_DOUBLE_EQ(fused[0].score, 1.0 / 61 + 1.0 / 62);
  EXPECT_EQ(fused[1].ranks[0], 3);
  EXPECT_EQ(fused[1].ranks[1], 1);
  EXPECT_EQ(fused[3].ranks[0], 0);
  // Equal sums: the first ranking's order decides
  const auto tie = reciprocalRankFusion({5, 6}, {6, 5}, 60);
  EXPECT_EQ(tie[0].id, 5);
  EXPECT_TRUE(reciprocalRankFusion({}, {}, 60).isEmpty());
}

}  // namespace
}  // namespace causerie::docs
