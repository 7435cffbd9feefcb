// PDF through Poppler's Qt 6 binding: the text of each page in reading order, pages 1-based.
// A file Poppler cannot open, an encrypted one, or a damaged one (Poppler reports errors and
// pages are missing or unreadable: a truncated download) is refused with the reason.
#include "docs/extract.h"

#include <poppler-qt6.h>

#include <QRectF>
#include <QRegularExpression>

#include <mutex>

namespace causerie::docs {
namespace {

// Poppler reports problems through one process-wide function; we keep the first error of the
// current thread's extraction and keep them off stderr.
thread_local QStringList* currentErrors = nullptr;

void collectError(const QString& message, const QVariant&) {
  if (currentErrors && currentErrors->size() < 20) currentErrors->append(message);
}

void installErrorHandler() {
  static std::once_flag once;
  std::call_once(once, [] { Poppler::setDebugErrorFunction(collectError, QVariant()); });
}

struct ErrorScope {
  QStringList errors;
  ErrorScope() { currentErrors = &errors; }
  ~ErrorScope() { currentErrors = nullptr; }
  ErrorScope(const ErrorScope&) = delete;
  ErrorScope& operator=(const ErrorScope&) = delete;
  QString first() const { return errors.isEmpty() ? QString() : errors.first().trimmed(); }
};

}  // namespace

Result<ExtractedDocument> extractPdf(const QString& path) {
  installErrorHandler();
  ErrorScope scope;
  std::unique_ptr<Poppler::Document> document = Poppler::Document::load(path);
  if (!document) {
    return fail(scope.errors.isEmpty() ? QStringLiteral("not a readable PDF")
                                       : QStringLiteral("not a readable PDF (%1)").arg(scope.first()));
  }
  if (document->isLocked()) return fail(QStringLiteral("the PDF is encrypted (password protected)"));
  const int pages = document->numPages();
  if (pages <= 0) return fail(QStringLiteral("the PDF has no pages (damaged or truncated?)"));
  DocumentBuilder builder(QStringLiteral("pdf"));
  builder.setPageCount(pages);
  static const QRegularExpression blankLines(QStringLiteral("\\n[ \\t]*\\n"));
  int missing = 0;
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<Poppler::Page> page = document->page(i);
    if (!page) {
      ++missing;
      continue;
    }
    const QString text = page->text(QRectF());
    for (const QString& paragraph : text.split(blankLines)) builder.paragraph(paragraph, i + 1);
  }
  // Poppler rebuilds a damaged cross-reference table and may still find some pages: when it had
  // to, and pages are missing, the file is damaged (most often a truncated download).
  if (missing > 0) {
    return fail(QStringLiteral("damaged PDF: %1 of %2 pages cannot be read%3")
                    .arg(missing)
                    .arg(pages)
                    .arg(scope.errors.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(scope.first())));
  }
  return builder.take();
}

}  // namespace causerie::docs
