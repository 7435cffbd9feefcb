// Installed models: the models folder scanned by reading GGUF headers, plus GGUF files used in
// place (imported without copying, or found in LM Studio's and GPT4All's folders).
//
// A file counts as installed only once it has its final name: downloads write "<name>.part" and
// rename after verification, and *.part files are never listed. Scanning maps each file and
// parses its header only (fast); import by copy and removal touch whole files, so the GUI calls
// them from a worker thread.
#pragma once

#include "models/gguf_summary.h"
#include "models/models_result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace causerie::models {

class ModelsDb;

enum class ModelSource {
  ModelsFolder,  // in Causerie's models folder (downloaded or copied in)
  InPlace,       // imported without copying
  LmStudio,      // in LM Studio's folder, used in place
  Gpt4All,       // in GPT4All's folder, used in place
};
QString modelSourceName(ModelSource s);  // "models-folder", "in-place", "lm-studio", "gpt4all"

struct InstalledModel {
  QString id;        // file name without ".gguf"
  QString path;      // absolute
  QString fileName;
  qint64 sizeOnDisk = 0;
  ModelSource source = ModelSource::ModelsFolder;
  bool valid = false;  // the header parsed; otherwise `error` says why
  QString error;
  GgufSummary summary;
};

// A file found in another app's folder, not yet registered.
struct ExternalModel {
  QString path;
  ModelSource source = ModelSource::LmStudio;
  qint64 size = 0;
};

// What remove() would do, for the UI to confirm.
struct RemovalPlan {
  InstalledModel model;
  QStringList filesToDelete;  // empty for models used in place: they are only forgotten
  qint64 bytesFreed = 0;
  bool forgetOnly = false;
};

enum class ImportMode { Copy, InPlace };

class ModelLibrary {
 public:
  // `db` open (table local_models); `modelsDir` created when needed.
  ModelLibrary(ModelsDb& db, QString modelsDir);

  const QString& modelsDir() const { return modelsDir_; }

  // The models folder (recursively, *.gguf) and the registered in-place files, sorted by name.
  QList<InstalledModel> scan() const;
  static InstalledModel inspect(const QString& path, ModelSource source);

  // GGUF files under LM Studio's and GPT4All's folders that are not registered yet.
  QList<ExternalModel> findExternal(const QStringList& roots = {}) const;
  // ~/.lmstudio/models, ~/.cache/lm-studio/models, ~/.local/share/nomic.ai/GPT4All (those present).
  static QStringList defaultExternalRoots();

  // Checks the file is a GGUF the engine can read the header of; copies it into the models
  // folder (through a .part, renamed at the end) or registers it in place.
  Result<InstalledModel> importFile(const QString& path, ImportMode mode);
  Status registerInPlace(const QString& path, ModelSource source);

  // The model named by id, file name or path, and what removing it deletes.
  Result<RemovalPlan> planRemoval(const QString& idOrPath) const;
  Status remove(const RemovalPlan& plan);

  // Finds by id, file name or path in a scan result.
  static const InstalledModel* find(const QList<InstalledModel>& models, const QString& idOrPath);

 private:
  QList<QPair<QString, ModelSource>> registered() const;

  ModelsDb& db_;
  QString modelsDir_;
};

}  // namespace causerie::models
