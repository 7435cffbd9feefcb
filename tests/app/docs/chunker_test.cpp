// Chunks follow the structure (never across a heading or a page), stay within the size, overlap,
// and their offsets point at their text; word stemming and folding.
#include "docs/chunker.h"
#include "docs/text_analysis.h"

#include <gtest/gtest.h>

namespace causerie::docs {
namespace {

QString words(const QString& stem, int n) {
  QStringList out;
  for (int i = 0; i < n; ++i) out << QStringLiteral("%1%2").arg(stem).arg(i);
  return out.join(QLatin1Char(' '));
}

TEST(DocsChunker, SectionsPagesSizesAndOverlap) {
  DocumentBuilder b(QStringLiteral("test"));
  b.heading(1, QStringLiteral("Titre"));
  b.heading(2, QStringLiteral("Partie A"));
  b.paragraph(words(QStringLiteral("a"), 30) + QStringLiteral("."), 1);
  b.paragraph(words(QStringLiteral("b"), 250) + QStringLiteral("."), 1);  // longer than a chunk
  b.paragraph(words(QStringLiteral("c"), 20) + QStringLiteral("."), 2);   // next page
  b.heading(2, QStringLiteral("Partie B"), 2);
  b.paragraph(words(QStringLiteral("d"), 10) + QStringLiteral("."), 2);
  const ExtractedDocument doc = b.take();

  ChunkOptions options;
  options.targetTokens = 100;
  options.overlapTokens = 10;
  const QList<Chunk> chunks = chunkDocument(doc, options);
  ASSERT_GE(chunks.size(), 5);
  qsizetype previousEnd = -1;
  for (const Chunk& c : chunks) {
    const QString text = doc.text.mid(c.start, c.end - c.start);
    EXPECT_LE(c.tokens, 100) << text.toStdString();
    EXPECT_EQ(c.tokens, approximateTokens(text));
    EXPECT_FALSE(text.startsWith(QLatin1Char(' ')));
    // Never across two pages or two sections.
    if (text.contains(QStringLiteral("a0"))) {
      EXPECT_EQ(c.page, 1);
      EXPECT_EQ(c.headingPath, (QStringList{QStringLiteral("Titre"), QStringLiteral("Partie A")}));
    }
    if (text.contains(QStringLiteral("c0"))) {
      EXPECT_EQ(c.page, 2);
      EXPECT_FALSE(text.contains(QStringLiteral("b249")));
    }
    if (text.contains(QStringLiteral("d0"))) {
      EXPECT_FALSE(text.contains(QStringLiteral("c19")));
      EXPECT_EQ(c.headingPath, (QStringList{QStringLiteral("Titre"), QStringLiteral("Partie B")}));
      EXPECT_TRUE(text.contains(QStringLiteral("Partie B")));  // the heading opens its section's chunk
    }
    previousEnd = c.end;
  }
  (void)previousEnd;
  // The heading-only section "Titre" joined "Partie A": the first chunk starts with the title.
  EXPECT_TRUE(doc.text.mid(chunks[0].start, chunks[0].end - chunks[0].start).startsWith(QStringLiteral("Titre\n\nPartie A")));
  // The long paragraph is cut with overlap: consecutive chunks of the section share words.
  int overlaps = 0;
  for (qsizetype i = 1; i < chunks.size(); ++i)
    if (chunks[i].page == chunks[i - 1].page && chunks[i].headingPath == chunks[i - 1].headingPath &&
        chunks[i].start < chunks[i - 1].end)
      ++overlaps;
  EXPECT_GE(overlaps, 2);
  // Every word of the document is in some chunk.
  for (const Word& w : splitWords(doc.text)) {
    bool covered = false;
    for (const Chunk& c : chunks) covered = covered || (w.start >= c.start && w.end <= c.end);
    ASSERT_TRUE(covered) << w.lower.toStdString();
  }
}

TEST(DocsChunker, EngineTokenizerSetsTheSize) {
  DocumentBuilder b(QStringLiteral("test"));
  b.paragraph(words(QStringLiteral("w"), 400));
  const ExtractedDocument doc = b.take();
  ChunkOptions options;
  options.targetTokens = 100;
  options.overlapTokens = 0;
  options.countTokens = [](const QString& text) { return 2 * approximateTokens(text); };  // two tokens a word
  const QList<Chunk> chunks = chunkDocument(doc, options);
  ASSERT_EQ(chunks.size(), 8);
  for (const Chunk& c : chunks) EXPECT_EQ(c.tokens, 100);
}

TEST(DocsText, FoldingAndStemming) {
  EXPECT_EQ(fold(QStringLiteral("Éléphant")), QStringLiteral("elephant"));
  EXPECT_EQ(fold(QStringLiteral("cœur")), QStringLiteral("coeur"));
  EXPECT_EQ(stem(QStringLiteral("éléphant"), Language::French), stem(QStringLiteral("elephants"), Language::French));
  EXPECT_EQ(stem(QStringLiteral("installés"), Language::French), stem(QStringLiteral("installation"), Language::French));
  EXPECT_EQ(stem(QStringLiteral("mises"), Language::French), stem(QStringLiteral("mettre"), Language::French));
  EXPECT_EQ(stem(QStringLiteral("permis"), Language::French), stem(QStringLiteral("permettre"), Language::French));
  EXPECT_EQ(stem(QStringLiteral("updates"), Language::English), stem(QStringLiteral("updating"), Language::English));
  EXPECT_NE(stem(QStringLiteral("pomme"), Language::French), stem(QStringLiteral("poire"), Language::French));
  EXPECT_EQ(detectLanguage(QStringLiteral("Le chat est sur la table et il dort.")), Language::French);
  EXPECT_EQ(detectLanguage(QStringLiteral("The cat is on the table and it sleeps.")), Language::English);
  const QList<Word> w = splitWords(QStringLiteral("l'été, c'est 2024 !"));
  ASSERT_EQ(w.size(), 5);
  EXPECT_EQ(w[1].lower, QStringLiteral("été"));
  EXPECT_EQ(w[4].lower, QStringLiteral("2024"));
  EXPECT_EQ(approximateTokens(QStringLiteral("l'été, c'est 2024 !")), 9);
}

}  // namespace
}  // namespace causerie::docs
