// The schema's history: migration N brings a database from user_version N-1 to N.
// Never edit a released migration; add a new one at the end.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace causerie::storage {

struct Migration {
  int version = 0;          // user_version after this migration
  QString description;
  QStringList statements;   // one SQL statement each (Qt runs one statement per exec)
};

// Ordered by version, starting at 1, without gaps.
const QList<Migration>& migrations();

}  // namespace causerie::storage
