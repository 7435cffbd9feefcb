// The model manager's own SQLite file (models.db in the data folder): download state, so that
// downloads survive a restart, and the models used in place (imported or found in other apps).
// Separate from the conversations database; migrated by PRAGMA user_version, one transaction each.
#pragma once

#include "models/models_result.h"

#include <QSqlDatabase>
#include <QString>

namespace causerie::models {

class ModelsDb {
 public:
  static int latestVersion();
  static QString defaultPath(const QString& dataDir);  // dataDir/models.db

  explicit ModelsDb(QString path);
  ~ModelsDb();
  ModelsDb(const ModelsDb&) = delete;
  ModelsDb& operator=(const ModelsDb&) = delete;

  // Opens (creating the file and folder), sets WAL, migrates. Refuses a newer schema.
  Status open();
  bool isOpen() const;
  QSqlDatabase connection() const;
  const QString& path() const { return path_; }

 private:
  QString path_;
  QString name_;
};

}  // namespace causerie::models
