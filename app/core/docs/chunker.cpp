#include "docs/chunker.h"

#include "docs/text_analysis.h"

#include <algorithm>

namespace causerie::docs {
namespace {

struct Token {
  qsizetype start = 0;
  qsizetype end = 0;
  bool sentenceEnd = false;   // '.', '!', '?', ':' or ';'
  bool paragraphEnd = false;  // the last token of a block
};

bool isWordChar(QChar c) { return c.isLetterOrNumber() || c.isMark() || c.isSurrogate(); }

// Words and punctuation marks of text[from, to), as approximateTokens() counts them.
void tokenize(const QString& text, qsizetype from, qsizetype to, QList<Token>& out) {
  qsizetype i = from;
  while (i < to) {
    const QChar c = text[i];
    if (c.isSpace()) {
      ++i;
      continue;
    }
    Token t;
    t.start = i;
    if (isWordChar(c)) {
      while (i < to && isWordChar(text[i])) ++i;
    } else {
      ++i;
      t.sentenceEnd = c == QLatin1Char('.') || c == QLatin1Char('!') || c == QLatin1Char('?') ||
                      c == QLatin1Char(';') || c == QLatin1Char(':');
    }
    t.end = i;
    out.append(t);
  }
}

struct Section {
  int firstBlock = 0;
  int lastBlock = 0;  // inclusive
};

bool sameSection(const Block& a, const Block& b) {
  return a.page == b.page && a.headingPath == b.headingPath;
}

}  // namespace

QList<Chunk> chunkDocument(const ExtractedDocument& document, const ChunkOptions& options) {
  QList<Chunk> chunks;
  const QList<Block>& blocks = document.blocks;
  if (blocks.isEmpty()) return chunks;

  // Sections: runs of blocks with the same page and heading path. A section of headings only
  // (a title right above a subtitle) joins the next section on the same page (or any page, for
  // headings without one).
  QList<Section> sections;
  for (int i = 0; i < blocks.size(); ++i) {
    if (!sections.isEmpty()) {
      Section& last = sections.last();
      const bool headingsOnly = std::all_of(blocks.begin() + last.firstBlock, blocks.begin() + last.lastBlock + 1,
                                            [](const Block& b) { return b.isHeading; });
      if (sameSection(blocks[last.lastBlock], blocks[i]) ||
          (headingsOnly && (blocks[last.lastBlock].page == 0 || blocks[last.lastBlock].page == blocks[i].page))) {
        last.lastBlock = i;
        continue;
      }
    }
    sections.append({i, i});
  }

  const int target = std::max(8, options.targetTokens);
  const int overlap = std::clamp(options.overlapTokens, 0, target / 2);
  for (const Section& section : sections) {
    QList<Token> tokens;
    for (int b = section.firstBlock; b <= section.lastBlock; ++b) {
      const qsizetype before = tokens.size();
      tokenize(document.text, blocks[b].start, blocks[b].end, tokens);
      if (tokens.size() > before) tokens.last().paragraphEnd = true;
    }
    if (tokens.isEmpty()) continue;
    const Block& last = blocks[section.lastBlock];

    // With an engine tokenizer, sizes are measured in its tokens: scale our counts to them.
    double scale = 1.0;
    if (options.countTokens) {
      const QString text = document.text.mid(tokens.first().start, tokens.last().end - tokens.first().start);
      const int engine = options.countTokens(text);
      if (engine > 0) scale = double(engine) / double(tokens.size());
    }
    const int size = std::max(4, int(target / scale));
    const int back = int(overlap / scale);

    const int n = int(tokens.size());
    int a = 0;
    while (a < n) {
      int b = std::min(n, a + size);  // the chunk is tokens [a, b)
      if (b < n) {
        // The latest paragraph end, else sentence end, in the second half of the window.
        int cut = -1;
        for (int j = b - 1; j >= a + size / 2 && cut < 0; --j)
          if (tokens[j].paragraphEnd) cut = j + 1;
        for (int j = b - 1; j >= a + size / 2 && cut < 0; --j)
          if (tokens[j].sentenceEnd) cut = j + 1;
        if (cut > a) b = cut;
      }
      Chunk chunk;
      chunk.start = tokens[a].start;
      chunk.end = tokens[b - 1].end;
      chunk.page = last.page;
      chunk.headingPath = last.headingPath;
      const QString text = document.text.mid(chunk.start, chunk.end - chunk.start);
      chunk.tokens = options.countTokens ? options.countTokens(text) : b - a;
      chunks.append(chunk);
      if (b >= n) break;
      a = std::max(a + 1, b - back);
    }
  }
  return chunks;
}

}  // namespace causerie::docs
