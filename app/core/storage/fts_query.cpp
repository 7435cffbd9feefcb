#include "storage/fts_query.h"

#include <QStringList>

#include <algorithm>

namespace causerie::storage {
namespace {

bool searchable(const QString& term) {
  return std::any_of(term.begin(), term.end(), [](QChar c) { return c.isLetterOrNumber(); });
}

QString quoted(QString term) {
  term.replace(QLatin1Char('"'), QStringLiteral("\"\""));
  return QLatin1Char('"') + term + QLatin1Char('"');
}

}  // namespace

QString ftsMatchExpression(const QString& userQuery) {
  QStringList parts;
  bool lastIsBareWord = false;
  QString current;
  bool inPhrase = false;
  auto flush = [&](bool phrase) {
    const QString term = phrase ? current.simplified() : current;
    if (searchable(term)) {
      parts << quoted(term);
      lastIsBareWord = !phrase;
    }
    current.clear();
  };
  for (const QChar c : userQuery) {
    if (c == QLatin1Char('"')) {
      flush(inPhrase);
      inPhrase = !inPhrase;
    } else if (!inPhrase && c.isSpace()) {
      flush(false);
    } else {
      current += c;
    }
  }
  flush(inPhrase);
  if (parts.isEmpty()) return {};
  const bool endsWithSpace = !userQuery.isEmpty() && userQuery.back().isSpace();
  if (lastIsBareWord && !endsWithSpace && !inPhrase) parts.last() += QLatin1Char('*');
  return parts.join(QLatin1Char(' '));
}

}  // namespace causerie::storage
