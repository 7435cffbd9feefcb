// The text the crash child streams for a message: deterministic from the message id, so that
// the parent can check any prefix the child reported as saved.
#pragma once

#include <QString>

namespace causerie::storage::test {

inline QString crashText(qint64 id, int length) {
  QString text;
  text.reserve(length + 16);
  for (int k = 0; text.size() < length; ++k) {
    text += QStringLiteral("w%1x%2 ").arg(id).arg(k);
  }
  text.truncate(length);
  return text;
}

}  // namespace causerie::storage::test
