// Text extraction, one function per format (extract_*.cpp). Each reads one file and returns its
// text in blocks, or why it cannot be read (damaged, encrypted, not text, too big).
#pragma once

#include "docs/document.h"

#include <QByteArray>
#include <QString>

namespace causerie::docs {

// Files bigger than this are refused (a 200 MiB PDF is more likely a scan than prose).
constexpr qint64 kMaxFileBytes = 256ll * 1024 * 1024;

// The format of a file by its name: "text", "markdown", "html", "pdf", "odt", "docx", or empty
// when it is not a format we index.
QString formatForPath(const QString& path);

// Reads and extracts `path` in the format its name says.
Result<ExtractedDocument> extractFile(const QString& path);

// The extractors. The byte-based ones also serve the tests and fuzzing.
Result<ExtractedDocument> extractPlainText(const QByteArray& bytes);
Result<ExtractedDocument> extractMarkdown(const QByteArray& bytes);
Result<ExtractedDocument> extractHtml(const QByteArray& bytes);
Result<ExtractedDocument> extractPdf(const QString& path);
Result<ExtractedDocument> extractOdt(const QString& path);
Result<ExtractedDocument> extractDocx(const QString& path);
// The zip formats from their XML parts (optional parts empty when absent).
Result<ExtractedDocument> extractOdtParts(const QByteArray& content, const QByteArray& styles, const QByteArray& meta);
Result<ExtractedDocument> extractDocxParts(const QByteArray& document, const QByteArray& styles, const QByteArray& app);

// UTF-8 text, or why not: invalid UTF-8, or NUL bytes (a binary file).
Result<QString> decodeUtf8Text(const QByteArray& bytes);

}  // namespace causerie::docs
