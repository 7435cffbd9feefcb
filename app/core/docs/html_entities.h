// HTML character references: &amp; &eacute; &#233; &#xE9;.
#pragma once

#include <QString>

namespace causerie::docs {

// Replaces the character references in `text` (the common named ones, and every numeric one);
// unknown names are left as written.
QString decodeHtmlEntities(const QString& text);

}  // namespace causerie::docs
