#include "models/models_paths.h"

#include <QDir>
#include <QStandardPaths>

namespace causerie::models {

QString defaultDataDir() {
  const QString env = qEnvironmentVariable("CAUSERIE_DATA_DIR");
  if (!env.isEmpty()) return QDir(env).absolutePath();
  const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
  return QDir(base).filePath(QStringLiteral("Causerie/Causerie"));
}

QString defaultModelsDir(const QString& dataDir) { return QDir(dataDir).filePath(QStringLiteral("models")); }

}  // namespace causerie::models
