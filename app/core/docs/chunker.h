// Cuts an extracted document into chunks that follow its structure: a chunk never spans two
// sections (a heading and what follows it, up to the next heading) nor two pages; inside a
// section, chunks end at paragraph ends, else sentence ends, and overlap the previous chunk.
#pragma once

#include "docs/document.h"

#include <functional>

namespace causerie::docs {

struct ChunkOptions {
  int targetTokens = 200;  // a chunk's size, at most
  int overlapTokens = 30;  // tokens repeated from the end of the previous chunk of the section
  // Counts tokens of a text with an engine's tokenizer; without it, words and punctuation marks.
  std::function<int(const QString&)> countTokens;
};

struct Chunk {
  qsizetype start = 0;  // character offsets in ExtractedDocument::text; text = text.mid(start, end - start)
  qsizetype end = 0;
  int page = 0;  // 1-based, 0 when none
  QStringList headingPath;
  int tokens = 0;
};

QList<Chunk> chunkDocument(const ExtractedDocument& document, const ChunkOptions& options = {});

}  // namespace causerie::docs
