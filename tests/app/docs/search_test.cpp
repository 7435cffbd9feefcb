// Lexical search in French and English: diacritics folded, Snowball stems at index and query
// time (with French irregular verbs), BM25 order, snippets around the matches.
#include "docs/docs_database.h"
#include "docs/docs_index.h"
#include "docs/docs_search.h"

#include "docs_test_support.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace causerie::docs {
namespace {

using test::writeFile;

class DocsSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    const QString corpus = dir.filePath(QStringLiteral("corpus"));
    QDir().mkpath(corpus);
    writeFile(corpus + QStringLiteral("/systeme.md"),
              "# Entretien du système\n\nLes mises à jour de sécurité sont installées chaque nuit par le "
              "service de maintenance du serveur.\n");
    writeFile(corpus + QStringLiteral("/calendrier.md"),
              "# Calendrier\n\nLe jour de la réunion est fixé au mardi, et la salle est réservée pour "
              "la journée entière.\n");
    writeFile(corpus + QStringLiteral("/zoo.md"),
              "# Visite du zoo\n\nNous avons vu des elephants et des girafes près du bassin, puis les "
              "lions dans leur enclos.\n");
    writeFile(corpus + QStringLiteral("/garden.md"),
              "# The garden\n\nThe roses were pruned and the updates to the watering schedule were "
              "applied by the gardener.\n");
    writeFile(corpus + QStringLiteral("/cuisine.md"),
              "# Recettes\n\nUne tarte aux pommes : étaler la pâte, couper les pommes, cuire.\n\n"
              "## Soupe\n\nUne soupe de légumes du jardin, avec des poireaux.\n");
    db = std::make_unique<DocsDatabase>(DocsDatabase::pathIn(dir.filePath(QStringLiteral("data"))));
    ASSERT_TRUE(db->open());
    DocsIndex index(*db);
    auto report = index.add(QStringLiteral("c"), {corpus});
    ASSERT_TRUE(report) << report.error().toStdString();
    ASSERT_EQ(report->added, 5);
  }

  QList<DocsHit> search(const QString& q, bool stemming = true, int k = 5) {
    DocsSearchOptions o;
    o.k = k;
    o.stemming = stemming;
    auto hits = searchDocs(*db, QStringLiteral("c"), q, o);
    EXPECT_TRUE(hits) << hits.error().toStdString();
    return hits ? *hits : QList<DocsHit>{};
  }
  static QString name(const DocsHit& h) { return QFileInfo(h.path).fileName(); }
  // The file of the best hit, or "" when nothing matched.
  QString best(const QString& q) {
    const auto hits = search(q);
    return hits.isEmpty() ? QString() : name(hits[0]);
  }

  QTemporaryDir dir;
  std::unique_ptr<DocsDatabase> db;
};

TEST_F(DocsSearch, MettreAJourFindsMisesAJour) {
  const auto hits = search(QStringLiteral("mettre à jour"));
  ASSERT_FALSE(hits.isEmpty());
  EXPECT_EQ(name(hits[0]), QStringLiteral("systeme.md"));  // "mises" and "jour", above "jour" alone
  EXPECT_TRUE(hits[0].snippet.contains(QStringLiteral("**mises** à **jour**"))) << hits[0].snippet.toStdString();
  EXPECT_EQ(hits[0].headingPath, QStringList{QStringLiteral("Entretien du système")});
  EXPECT_EQ(hits[0].page, 0);
  // Without stemming, "mettre" matches nothing: "jour" alone ranks both, the calendar not below.
  const auto plain = search(QStringLiteral("mettre à jour"), false);
  ASSERT_EQ(plain.size(), 2);
  for (const DocsHit& h : plain) EXPECT_FALSE(h.snippet.contains(QStringLiteral("**mises**")));
}

TEST_F(DocsSearch, DiacriticsAndPluralsMeet) {
  const auto hits = search(QStringLiteral("éléphant"));
  ASSERT_EQ(hits.size(), 1);
  EXPECT_EQ(name(hits[0]), QStringLiteral("zoo.md"));
  EXPECT_TRUE(hits[0].snippet.contains(QStringLiteral("**elephants**"))) << hits[0].snippet.toStdString();
  EXPECT_TRUE(search(QStringLiteral("éléphant"), false).isEmpty());   // folded but not stemmed: no
  EXPECT_EQ(search(QStringLiteral("elephants"), false).size(), 1);     // folded: yes
  EXPECT_EQ(best(QStringLiteral("sécurité")), QStringLiteral("systeme.md"));
  EXPECT_EQ(best(QStringLiteral("securite")), QStringLiteral("systeme.md"));
  EXPECT_EQ(best(QStringLiteral("installer")), QStringLiteral("systeme.md"));  // "installées"
}

TEST_F(DocsSearch, EnglishStemsToo) {
  const auto hits = search(QStringLiteral("updating the watering"));
  ASSERT_FALSE(hits.isEmpty());
  EXPECT_EQ(name(hits[0]), QStringLiteral("garden.md"));
  EXPECT_TRUE(hits[0].snippet.contains(QStringLiteral("**updates**"))) << hits[0].snippet.toStdString();
}

TEST_F(DocsSearch, SectionsRankAndHeadingsCount) {
  const auto hits = search(QStringLiteral("soupe aux poireaux"));
  ASSERT_FALSE(hits.isEmpty());
  EXPECT_EQ(name(hits[0]), QStringLiteral("cuisine.md"));
  EXPECT_EQ(hits[0].headingPath, (QStringList{QStringLiteral("Recettes"), QStringLiteral("Soupe")}));
  // Best first, scores decreasing.
  const auto several = search(QStringLiteral("pommes soupe jour"), true, 10);
  ASSERT_GE(several.size(), 3);
  for (qsizetype i = 1; i < several.size(); ++i) EXPECT_GE(several[i - 1].score, several[i].score);
  // A heading's words find its section.
  EXPECT_EQ(best(QStringLiteral("calendrier")), QStringLiteral("calendrier.md"));
  // Only stop words, or punctuation: no crash, sensible answers.
  EXPECT_TRUE(search(QStringLiteral("?!")).isEmpty());
  EXPECT_NO_FATAL_FAILURE(search(QStringLiteral("le la les")));
  // FTS5 syntax typed by the user is taken literally.
  EXPECT_NO_FATAL_FAILURE(search(QStringLiteral("pommes\" OR NEAR(* \"")));
  auto missing = searchDocs(*db, QStringLiteral("nope"), QStringLiteral("pommes"));
  EXPECT_FALSE(missing);
}

TEST_F(DocsSearch, AnotherCollectionDoesNotCrowdThisOneOut) {
  // 80 files of another collection rank above this one's for "pommes": its hit still comes.
  const QString other = dir.filePath(QStringLiteral("other"));
  QDir().mkpath(other);
  for (int i = 0; i < 80; ++i)
    writeFile(other + QStringLiteral("/p%1.md").arg(i), "pommes pommes pommes, encore des pommes.\n");
  DocsIndex index(*db);
  ASSERT_TRUE(index.add(QStringLiteral("other"), {other}));
  const auto hits = search(QStringLiteral("pommes"));
  ASSERT_EQ(hits.size(), 1);
  EXPECT_EQ(name(hits[0]), QStringLiteral("cuisine.md"));
  DocsSearchOptions o;
  o.k = 100;
  auto many = searchDocs(*db, QStringLiteral("other"), QStringLiteral("pommes"), o);
  ASSERT_TRUE(many);
  EXPECT_EQ(many->size(), 80);
}

TEST(DocsSnippet, WindowAroundTheMatches) {
  QStringList words;
  for (int i = 0; i < 100; ++i) words << QStringLiteral("mot%1").arg(i);
  words[60] = QStringLiteral("Éléphants");
  words[62] = QStringLiteral("girafe");
  DocsSearchOptions o;
  o.snippetWords = 10;
  const QString s = makeSnippet(words.join(QLatin1Char(' ')) + QLatin1Char('.'), QStringLiteral("fr"),
                                QStringLiteral("éléphant girafes"), o);
  EXPECT_TRUE(s.startsWith(QStringLiteral("… "))) << s.toStdString();
  EXPECT_TRUE(s.endsWith(QStringLiteral(" …"))) << s.toStdString();
  EXPECT_TRUE(s.contains(QStringLiteral("**Éléphants** mot61 **girafe**"))) << s.toStdString();
  EXPECT_EQ(s.count(QLatin1Char(' ')), 11) << s.toStdString();  // ten words, two ellipses
}

}  // namespace
}  // namespace causerie::docs
