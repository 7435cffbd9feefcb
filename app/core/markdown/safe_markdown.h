// Markdown that a model wrote, or that was imported, made safe to show or to export: nothing in
// it can make a renderer fetch anything (no image, no raw HTML), and only links of a safe scheme
// (http, https, mailto) stay links. The rest of the Markdown (emphasis, lists, tables, code) is
// left as it is.
//
// What a model writes can be steered by what it reads (a document, a pasted page, an imported
// conversation), and an image URL that carries the conversation is the classic way such text
// leaks it; hence every image becomes text.
#pragma once
#include <QString>
#include <QUrl>

namespace causerie::markdown {

enum class MarkdownUse {
  Display,  // images become `imageLabel` text, unsafe links become "text (target)"
  Export,   // images and raw HTML stay visible as their own source text, links stay as written
};

struct MarkdownLabels {
  // %1: the image's description (alt text), %2: the host it would come from. Used for Display.
  QString remoteImage = QStringLiteral("[image from %2, not loaded: %1]");
  // %1: the description, for an image without a host (a file, a relative path, data:).
  QString localImage = QStringLiteral("[image not loaded: %1]");
};

QString safeMarkdown(const QString& markdown, MarkdownUse use, const MarkdownLabels& labels = {});

// Whether a link to `url` may be opened on click: an absolute http(s) URL with a host, or mailto.
bool isSafeLink(const QUrl& url);

// `text` with the ASCII punctuation that Markdown reads backslash-escaped: shown literally.
QString escapeMarkdown(const QString& text);

}  // namespace causerie::markdown
