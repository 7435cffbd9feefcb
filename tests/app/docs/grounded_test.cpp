// Documents in the chat: retrieval over several collections (k best overall, a deleted collection
// skipped), the grounded question (instruction in French or English, numbered excerpts with
// file, page and heading, then the question), the reply's markers as links, the source's URL.
#include "docs/docs_database.h"
#include "docs/docs_index.h"
#include "docs/grounded_prompt.h"

#include "docs_test_support.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace causerie::docs {
namespace {

using test::writeFile;

class Grounding : public ::testing::Test {
 protected:
  void SetUp() override {
    test::ensureGuiApp();
    const QString corpus = dir.filePath(QStringLiteral("corpus"));
    QDir().mkpath(corpus + QStringLiteral("/a"));
    QDir().mkpath(corpus + QStringLiteral("/b"));
    writeFile(corpus + QStringLiteral("/a/serveur.md"),
              "# Serveur\n\n## Mises à jour\n\nLes mises à jour du serveur ont lieu le lundi matin.\n");
    test::writePdf(corpus + QStringLiteral("/b/guide.pdf"),
                   {QStringLiteral("Introduction du guide."), QStringLiteral("Pour mettre à jour le poste, ouvrez le terminal.")});
    writeFile(corpus + QStringLiteral("/b/jardin.txt"), "Les tomates poussent au soleil.\n");
    db = std::make_unique<DocsDatabase>(DocsDatabase::pathIn(dir.filePath(QStringLiteral("data"))));
    ASSERT_TRUE(db->open());
    DocsIndex index(*db);
    ASSERT_TRUE(index.add(QStringLiteral("serveurs"), {corpus + QStringLiteral("/a")}).ok());
    ASSERT_TRUE(index.add(QStringLiteral("guides"), {corpus + QStringLiteral("/b")}).ok());
  }
  QTemporaryDir dir;
  std::unique_ptr<DocsDatabase> db;
};

TEST_F(Grounding, RetrievesOverCollectionsBestFirst) {
  RetrievalOptions options;
  options.k = 5;
  EXPECT_EQ(retrievalMode(options), RetrievalMode::Lexical);
  auto r = retrieveExcerpts(*db, {QStringLiteral("serveurs"), QStringLiteral("guides"), QStringLiteral("gone")},
                            QStringLiteral("mettre à jour"), options);
  ASSERT_TRUE(r.ok()) << r.error().toStdString();
  ASSERT_EQ(r->excerpts.size(), 2);  // "mises à jour" (stemmed) and "mettre à jour"; not the tomatoes
  QStringList files;
  for (const RetrievedExcerpt& e : r->excerpts) files << QDir(e.hit.path).dirName() + QLatin1Char('@') + e.collection;
  files.sort();
  EXPECT_EQ(files, (QStringList{"guide.pdf@guides", "serveur.md@serveurs"}));
  EXPECT_GE(r->excerpts[0].hit.score, r->excerpts[1].hit.score);
  options.k = 1;
  auto one = retrieveExcerpts(*db, {QStringLiteral("serveurs"), QStringLiteral("guides")}, QStringLiteral("mettre à jour"), options);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->excerpts.size(), 1);
  EXPECT_EQ(one->excerpts[0].hit.chunkId, r->excerpts[0].hit.chunkId);
  auto none = retrieveExcerpts(*db, {QStringLiteral("gone")}, QStringLiteral("mettre à jour"), options);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->excerpts.isEmpty());
}

TEST_F(Grounding, QuestionWithNumberedExcerptsAndInstruction) {
  auto r = retrieveExcerpts(*db, {QStringLiteral("guides"), QStringLiteral("serveurs")}, QStringLiteral("mettre à jour"));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->excerpts.size(), 2);
  GroundingOptions fr;
  fr.language = questionLanguage(QStringLiteral("Comment mettre à jour le serveur ?"), QStringLiteral("en"));
  EXPECT_EQ(fr.language, "fr");
  const GroundedPrompt p = groundQuestion(QStringLiteral("Comment mettre à jour ?"), r->excerpts, fr);
  ASSERT_EQ(p.sources.size(), 2);
  EXPECT_TRUE(p.text.startsWith(citationInstruction(QStringLiteral("fr")))) << p.text.toStdString();
  EXPECT_TRUE(p.text.contains(QStringLiteral("entre crochets")));
  EXPECT_TRUE(p.text.endsWith(QStringLiteral("Question\u00A0: Comment mettre à jour ?"))) << p.text.toStdString();
  for (const storage::ReplySource& s : p.sources) {
    const QString header = QStringLiteral("[%1] %2").arg(s.marker).arg(QDir(s.path).dirName());
    EXPECT_TRUE(p.text.contains(header)) << header.toStdString();
    EXPECT_TRUE(p.text.contains(s.excerpt));
    if (s.path.endsWith(QLatin1String(".pdf"))) {
      EXPECT_EQ(s.page, 2);
      EXPECT_EQ(s.collection, "guides");
      EXPECT_TRUE(p.text.contains(header + QStringLiteral(", page 2\n")));
      EXPECT_TRUE(s.excerpt.contains(QStringLiteral("ouvrez le terminal")));
    } else {
      EXPECT_EQ(s.page, 0);
      EXPECT_EQ(s.headingPath, (QStringList{"Serveur", "Mises à jour"}));
      EXPECT_TRUE(p.text.contains(header + QStringLiteral(", Serveur > Mises à jour\n")));
    }
  }
  EXPECT_EQ(p.sources[0].marker, 1);
  EXPECT_EQ(p.sources[1].marker, 2);
  EXPECT_LT(p.text.indexOf(QStringLiteral("[1] ")), p.text.indexOf(QStringLiteral("[2] ")));

  GroundingOptions en;
  en.language = questionLanguage(QStringLiteral("How do I update the server?"), QStringLiteral("fr"));
  EXPECT_EQ(en.language, "en");
  en.maxExcerptChars = 20;
  const GroundedPrompt e = groundQuestion(QStringLiteral("How?"), r->excerpts, en);
  EXPECT_TRUE(e.text.startsWith(QStringLiteral("Answer the question using the numbered excerpts")));
  EXPECT_TRUE(e.text.endsWith(QStringLiteral("Question: How?")));
  for (const storage::ReplySource& s : e.sources) {
    EXPECT_LE(s.excerpt.size(), 21);
    EXPECT_TRUE(s.excerpt.endsWith(QStringLiteral("…")));
  }
  // Nothing found: the question alone, no sources.
  const GroundedPrompt alone = groundQuestion(QStringLiteral("Bonjour"), {}, fr);
  EXPECT_EQ(alone.text, "Bonjour");
  EXPECT_TRUE(alone.sources.isEmpty());
}

TEST(Citations, MarkersBecomeLinksToSources) {
  EXPECT_EQ(linkCitations(QStringLiteral("Le lundi [1]."), 2), "Le lundi [\\[1\\]](#source-1).");
  EXPECT_EQ(linkCitations(QStringLiteral("A [1, 2] B [1][2]"), 2),
            "A [\\[1\\]](#source-1)[\\[2\\]](#source-2) B [\\[1\\]](#source-1)[\\[2\\]](#source-2)");
  // Out of range, links, reference links and code spans stay.
  EXPECT_EQ(linkCitations(QStringLiteral("[3] [x](http://a) [y][1] `a[1]`"), 2), "[3] [x](http://a) [y][1] `a[1]`");
  EXPECT_EQ(linkCitations(QStringLiteral("no sources [1]"), 0), "no sources [1]");
  EXPECT_EQ(citationOfLink(QStringLiteral("#source-12")), 12);
  EXPECT_EQ(citationOfLink(QStringLiteral("https://example.com/#source-1")), 0);
  EXPECT_EQ(citedMarkers(QStringLiteral("[2] puis [1, 2] et [9]"), 3), (QList<int>{2, 1}));
}

TEST(Citations, ExcerptsFitTheContext) {
  EXPECT_EQ(excerptCharsFor(0, 5), 1500);       // unknown context
  EXPECT_EQ(excerptCharsFor(2048, 5), 409);     // a third of 2048 tokens, 3 characters a token, over 5
  EXPECT_EQ(excerptCharsFor(32768, 5), 1500);   // at most 1500
  EXPECT_EQ(excerptCharsFor(512, 5), 200);      // at least 200
  EXPECT_EQ(excerptCharsFor(4096, 1), 1500);
}

TEST(Citations, SourceOpensAtItsPage) {
  EXPECT_EQ(sourceUrl(QStringLiteral("/home/u/guide.pdf"), 3).toString(), "file:///home/u/guide.pdf#page=3");
  EXPECT_EQ(sourceUrl(QStringLiteral("/home/u/notes.md"), 3).toString(), "file:///home/u/notes.md");
  EXPECT_EQ(sourceUrl(QStringLiteral("/home/u/guide.pdf"), 0).toString(), "file:///home/u/guide.pdf");
}

}  // namespace
}  // namespace causerie::docs
