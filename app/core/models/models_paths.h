// Where the model manager keeps things, shared by the app and the CLI.
#pragma once

#include <QString>

namespace causerie::models {

// $CAUSERIE_DATA_DIR, else the app's data folder (~/.local/share/Causerie/Causerie on Linux),
// whatever the calling program's QCoreApplication names are.
QString defaultDataDir();
// dataDir/models
QString defaultModelsDir(const QString& dataDir);

}  // namespace causerie::models
