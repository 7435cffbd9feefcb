// Turns what a user types in the search box into a safe FTS5 MATCH expression.
#pragma once

#include <QString>

namespace causerie::storage {

// Words become quoted FTS5 strings joined by AND (implicit); the last word, when the text does not
// end with a space, becomes a prefix query ("bro" -> "bro"*). Text in double quotes stays a phrase.
// FTS5 operators typed by the user (AND, OR, NEAR, *, ^, :, parentheses) are taken literally.
// Returns an empty string when nothing searchable remains.
QString ftsMatchExpression(const QString& userQuery);

}  // namespace causerie::storage
