// What an extractor gives: the document's plain text, cut into blocks (headings and paragraphs)
// that know their page and the headings above them.
#pragma once

#include "storage/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace causerie::docs {

using storage::Error;
using storage::Result;
using storage::Status;
using storage::fail;

struct Block {
  qsizetype start = 0;      // offsets of the block in ExtractedDocument::text (UTF-16 units)
  qsizetype end = 0;
  int page = 0;             // 1-based page, 0 when the format has no pages
  QStringList headingPath;  // the headings this block sits under, outermost first
  bool isHeading = false;   // the block is a heading itself (the last entry of headingPath)
};

struct ExtractedDocument {
  QString format;  // "text", "markdown", "html", "pdf", "odt", "docx"
  QString text;    // the blocks' text, separated by blank lines
  QList<Block> blocks;
  int pageCount = 0;  // pages of a paged format (PDF), 0 otherwise
};

// Builds an ExtractedDocument block by block and keeps the heading path.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(QString format) { doc_.format = std::move(format); }

  // A heading of `level` (1 = top): it replaces the headings of its level and deeper.
  void heading(int level, const QString& text, int page = 0);
  // A paragraph under the current headings. Blank text is skipped; whitespace is tidied
  // (runs of spaces collapsed, lines kept) unless `preformatted`.
  void paragraph(const QString& text, int page = 0, bool preformatted = false);
  void setPageCount(int pages) { doc_.pageCount = pages; }
  // The headings above the next blocks, outermost first (for formats whose headings are not
  // blocks of text, such as a PDF's outline).
  void setHeadingPath(const QStringList& path);

  ExtractedDocument take() { return std::move(doc_); }

 private:
  void append(const QString& text, int page, bool isHeading);

  ExtractedDocument doc_;
  QList<QPair<int, QString>> headings_;  // (level, text), levels increasing
};

// A heading (level >= 1) or a paragraph (level 0) and the page it starts on, for extractors
// that learn whether the file has pages only at its end (DOCX, ODT).
struct PagedBlock {
  QString text;
  int level = 0;
  int page = 0;
};
// The document of these blocks in order: their pages when `paged` (and pageCount pages), else
// pages unknown (0).
ExtractedDocument buildDocument(const QString& format, const QList<PagedBlock>& blocks, bool paged, int pageCount);

// Collapses runs of spaces and tabs, trims each line, drops blank lines at both ends.
QString tidyText(const QString& text);

}  // namespace causerie::docs
