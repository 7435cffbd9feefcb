// Auto title of a conversation from its first user message: a pure function.
#pragma once

#include <QString>

namespace causerie::storage {

// Collapses whitespace, trims, and cuts to at most maxChars characters on a word boundary,
// adding "…" when cut. A single word longer than maxChars is cut inside the word.
// Returns an empty string for blank text (the caller keeps its "New conversation" title).
QString autoTitle(const QString& firstUserMessage, int maxChars = 48);

}  // namespace causerie::storage
