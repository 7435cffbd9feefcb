// Splits a message's Markdown into prose and fenced code blocks, so that the chat view can
// render prose with Text.MarkdownText and give each code block its own copy button.
#pragma once
#include <QString>
#include <QVariantList>

namespace causerie::gui {

// Each entry is a map {kind: "text" | "code", text, language}. An unclosed fence (a reply
// still streaming) is a code block up to the end.
QVariantList splitMarkdownBlocks(const QString& markdown);

}  // namespace causerie::gui
