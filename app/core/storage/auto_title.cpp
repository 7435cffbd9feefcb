#include "storage/auto_title.h"

#include <algorithm>

namespace causerie::storage {

QString autoTitle(const QString& firstUserMessage, int maxChars) {
  const QString text = firstUserMessage.simplified();
  if (text.isEmpty() || maxChars <= 0) return {};
  if (text.size() <= maxChars) return text;
  // Room for the ellipsis; cut on the last space that leaves a non-empty title.
  const int room = std::max(1, maxChars - 1);
  qsizetype cut = text.lastIndexOf(QLatin1Char(' '), room);
  if (cut <= 0) cut = room;
  // Do not split a UTF-16 surrogate pair.
  if (cut > 0 && text.at(cut - 1).isHighSurrogate()) --cut;
  QString title = text.left(cut).trimmed();
  while (!title.isEmpty() && QStringLiteral(",;:-—").contains(title.back())) title.chop(1);
  return title + QStringLiteral("…");
}

}  // namespace causerie::storage
