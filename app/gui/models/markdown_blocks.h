// Splits a message's Markdown into prose and fenced code blocks, so that the chat view can
// render prose with TextEdit.MarkdownText and give each code block its own copy button.
#pragma once
#include <QString>
#include <QVariantList>

namespace causerie::gui {

// Each entry is a map {kind: "text" | "code", text, language}. An unclosed fence (a reply
// still streaming) is a code block up to the end. Prose is made safe to render
// (displayMarkdown); code is shown as plain text.
QVariantList splitMarkdownBlocks(const QString& markdown);

// Prose as the chat view renders it: images as text ("image from example.com, not loaded"),
// raw HTML as text, links of other schemes than http(s) and mailto as text. Checked with Qt's
// own Markdown reader: should it still find an image, the whole text is shown literally.
QString displayMarkdown(const QString& markdown);

}  // namespace causerie::gui
