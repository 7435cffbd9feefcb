// A question grounded in the user's documents: the excerpts found for it, each under a numbered
// marker ([1], [2], ...) with its file, page and heading, and the instruction to cite them, in
// French or English. Also what the chat does with the markers in a reply (links to its Sources)
// and where a source opens (the file, at its page for a PDF). Headless: used by the app and by
// `causerie-cli ask`.
#pragma once

#include "docs/docs_retrieval.h"
#include "storage/records.h"

#include <QUrl>

namespace causerie::docs {

struct GroundedPrompt {
  QString text;                          // the user turn given to the model
  QList<storage::ReplySource> sources;   // marker N is sources[N - 1]
};

struct GroundingOptions {
  QString language = QStringLiteral("en");  // of the instruction: "fr" or "en"
  int maxExcerptChars = 1500;               // an excerpt longer than this is cut (at a word)
};

// The instruction to answer from the excerpts and cite them, in `language` ("fr", else English).
QString citationInstruction(const QString& language);

// "fr" or "en" for the instruction: the question's own language when it says (French and English
// function words), else `fallback` (the interface's language).
QString questionLanguage(const QString& question, const QString& fallback);

// The longest an excerpt may be so that `count` of them take about a third of a context of
// `contextTokens` (about 3 characters a token), between 200 and 1500 characters; 1500 when the
// context is unknown (0).
int excerptCharsFor(int contextTokens, int count);

// The turn: the instruction, the numbered excerpts, then the question. With no excerpt the
// question alone (and no source).
GroundedPrompt groundQuestion(const QString& question, const QList<RetrievedExcerpt>& excerpts,
                              const GroundingOptions& options = {});

// A reply's Markdown with each marker [N] (1 <= N <= sourceCount, also "[1, 2]" and "[1][2]")
// turned into a link to "#source-N"; other brackets, and anything inside code spans, untouched.
QString linkCitations(const QString& markdown, int sourceCount);
// The N of a "#source-N" link; 0 for any other link.
int citationOfLink(const QString& link);
// The markers a reply cites, in order of first use, each once.
QList<int> citedMarkers(const QString& text, int sourceCount);

// Where a source opens: its file (file://...), at its page for a PDF (#page=N, which PDF viewers
// and browsers follow).
QUrl sourceUrl(const QString& path, int page);

}  // namespace causerie::docs
