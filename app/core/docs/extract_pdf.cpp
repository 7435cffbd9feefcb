// PDF through Poppler's Qt 6 binding: the text of each page in reading order, pages 1-based;
// the heading path of a page comes from the outline (bookmarks): the last entry that starts on
// or before it, with its parents.
// A file Poppler cannot open, an encrypted one, or a damaged one (Poppler reports errors and
// pages are missing or unreadable: a truncated download) is refused with the reason.
#include "docs/extract.h"

#include <poppler-link.h>
#include <poppler-qt6.h>

#include <QRectF>

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

struct OutlineEntry {
  int page = 0;  // 1-based
  QStringList path;
};

void flattenOutline(const QVector<Poppler::OutlineItem>& items, const QStringList& parents, QList<OutlineEntry>& out,
                    int depth) {
  if (depth > 16 || out.size() > 100000) return;
  for (const Poppler::OutlineItem& item : items) {
    if (item.isNull()) continue;
    QStringList path = parents;
    path << item.name().simplified();
    const auto destination = item.destination();
    const int page = destination ? destination->pageNumber() : 0;
    if (page > 0) out.append({page, path});
    if (item.hasChildren()) flattenOutline(item.children(), path, out, depth + 1);
  }
}

// The outline entry that governs `page`: the latest-starting one at or before it (the last of
// those starting on the same page).
QStringList headingsForPage(const QList<OutlineEntry>& outline, int page) {
  const OutlineEntry* best = nullptr;
  for (const OutlineEntry& e : outline)
    if (e.page <= page && (!best || e.page >= best->page)) best = &e;
  return best ? best->path : QStringList();
}

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
  QList<OutlineEntry> outline;
  flattenOutline(document->outline(), {}, outline, 0);
  int missing = 0;
  for (int i = 0; i < pages; ++i) {

    std::unique_ptr<Poppler::Page> page = document->page(i);
    if (!page) {
      ++missing;
      continue;
    }
    // The page starts under the last entry of the earlier pages; an entry of this page takes
    // over at the line that carries its title ("9.4.12 Tuer un processus"), else at the page's end.
    const int number = i + 1;
    builder.setHeadingPath(headingsForPage(outline, number - 1));
    QList<const OutlineEntry*> pending;
    for (const OutlineEntry& e : outline)
      if (e.page == number) pending << &e;
    QStringList paragraph;
    auto flush = [&] {
      builder.paragraph(paragraph.join(QLatin1Char('\n')), number);
      paragraph.clear();
    };
    for (const QString& line : page->text(QRectF()).split(QLatin1Char('\n'))) {
      const QString trimmed = line.simplified();
      if (trimmed.isEmpty()) {
        flush();
        continue;
      }
      for (qsizetype p = 0; p < pending.size(); ++p) {
        const QString& title = pending[p]->path.last();
        if (!title.isEmpty() && trimmed.endsWith(title) && trimmed.size() <= title.size() + 16) {
          flush();
          builder.setHeadingPath(pending[p]->path);
          pending.remove(0, p + 1);
          break;
        }
      }
      paragraph << line;
    }
    flush();
    if (!pending.isEmpty()) builder.setHeadingPath(pending.last()->path);
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
