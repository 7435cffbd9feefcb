#include "models/model_library.h"

#include "models/models_db.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <filesystem>

namespace causerie::models {

QString modelSourceName(ModelSource s) {
  switch (s) {
    case ModelSource::ModelsFolder: return QStringLiteral("models-folder");
    case ModelSource::InPlace: return QStringLiteral("in-place");
    case ModelSource::LmStudio: return QStringLiteral("lm-studio");
    case ModelSource::Gpt4All: return QStringLiteral("gpt4all");
  }
  return {};
}

namespace {

ModelSource sourceFromName(const QString& name) {
  for (ModelSource s : {ModelSource::InPlace, ModelSource::LmStudio, ModelSource::Gpt4All, ModelSource::ModelsFolder})
    if (modelSourceName(s) == name) return s;
  return ModelSource::InPlace;
}

QStringList ggufFilesUnder(const QString& root) {
  QStringList out;
  if (root.isEmpty() || !QFileInfo(root).isDir()) return out;
  QDirIterator it(root, {QStringLiteral("*.gguf")}, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
  while (it.hasNext()) out.append(QFileInfo(it.next()).absoluteFilePath());
  return out;
}

QString canonical(const QString& path) {
  const QString c = QFileInfo(path).canonicalFilePath();
  return c.isEmpty() ? QFileInfo(path).absoluteFilePath() : c;
}

}  // namespace

ModelLibrary::ModelLibrary(ModelsDb& db, QString modelsDir) : db_(db), modelsDir_(QDir(modelsDir).absolutePath()) {}

InstalledModel ModelLibrary::inspect(const QString& path, ModelSource source) {
  InstalledModel m;
  const QFileInfo fi(path);
  m.path = fi.absoluteFilePath();
  m.fileName = fi.fileName();
  m.id = m.fileName.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive) ? m.fileName.chopped(5) : m.fileName;
  m.sizeOnDisk = fi.size();
  m.source = source;
  Result<GgufSummary> s = readGgufSummary(m.path);
  m.valid = s.ok();
  if (s) m.summary = std::move(s).value();
  else m.error = s.error();
  return m;
}

QList<QPair<QString, ModelSource>> ModelLibrary::registered() const {
  QList<QPair<QString, ModelSource>> out;
  if (!db_.isOpen()) return out;
  QSqlQuery q(db_.connection());
  if (!q.exec(QStringLiteral("SELECT path, source FROM local_models ORDER BY added_at"))) return out;
  while (q.next()) out.append({q.value(0).toString(), sourceFromName(q.value(1).toString())});
  return out;
}

QList<InstalledModel> ModelLibrary::scan() const {
  QList<InstalledModel> out;
  QSet<QString> seen;
  for (const QString& path : ggufFilesUnder(modelsDir_)) {
    seen.insert(canonical(path));
    out.append(inspect(path, ModelSource::ModelsFolder));
  }
  for (const auto& [path, source] : registered()) {
    if (!QFileInfo::exists(path) || seen.contains(canonical(path))) continue;
    seen.insert(canonical(path));
    out.append(inspect(path, source));
  }
  std::sort(out.begin(), out.end(), [](const InstalledModel& a, const InstalledModel& b) {
    return a.fileName.compare(b.fileName, Qt::CaseInsensitive) < 0;
  });
  return out;
}

QStringList ModelLibrary::defaultExternalRoots() {
  const QString home = QDir::homePath();
  QStringList roots;
  for (const char* rel : {".lmstudio/models", ".cache/lm-studio/models", ".local/share/nomic.ai/GPT4All"}) {
    const QString p = QDir(home).filePath(QString::fromLatin1(rel));
    if (QFileInfo(p).isDir()) roots.append(p);
  }
  return roots;
}

QList<ExternalModel> ModelLibrary::findExternal(const QStringList& roots) const {
  QSet<QString> known;
  for (const auto& r : registered()) known.insert(canonical(r.first));
  for (const QString& p : ggufFilesUnder(modelsDir_)) known.insert(canonical(p));
  QList<ExternalModel> out;
  for (const QString& root : roots.isEmpty() ? defaultExternalRoots() : roots) {
    const ModelSource source = root.contains(QLatin1String("nomic.ai"), Qt::CaseInsensitive) ||
                                       root.contains(QLatin1String("gpt4all"), Qt::CaseInsensitive)
                                   ? ModelSource::Gpt4All
                                   : ModelSource::LmStudio;
    for (const QString& path : ggufFilesUnder(root)) {
      if (known.contains(canonical(path))) continue;
      known.insert(canonical(path));
      out.append({path, source, QFileInfo(path).size()});
    }
  }
  return out;
}

Status ModelLibrary::registerInPlace(const QString& path, ModelSource source) {
  if (!db_.isOpen()) return fail(QStringLiteral("the models database is not open"));
  QSqlQuery q(db_.connection());
  q.prepare(QStringLiteral("INSERT OR REPLACE INTO local_models (path, source, added_at) VALUES (?, ?, ?)"));
  q.addBindValue(QFileInfo(path).absoluteFilePath());
  q.addBindValue(modelSourceName(source));
  q.addBindValue(QDateTime::currentMSecsSinceEpoch());
  if (!q.exec()) return fail(q.lastError().text());
  return {};
}

Result<InstalledModel> ModelLibrary::importFile(const QString& path, ImportMode mode) {
  const QFileInfo fi(path);
  if (!fi.isFile()) return fail(QStringLiteral("%1: no such file").arg(path));
  Result<GgufSummary> summary = readGgufSummary(fi.absoluteFilePath());
  if (!summary) return fail(QStringLiteral("not a usable GGUF file: %1").arg(summary.error()));
  if (mode == ImportMode::InPlace) {
    if (canonical(fi.absoluteFilePath()).startsWith(canonical(modelsDir_) + QLatin1Char('/')))
      return inspect(fi.absoluteFilePath(), ModelSource::ModelsFolder);
    Status st = registerInPlace(fi.absoluteFilePath(), ModelSource::InPlace);
    if (!st) return Error{st.error()};
    return inspect(fi.absoluteFilePath(), ModelSource::InPlace);
  }
  if (!QDir().mkpath(modelsDir_)) return fail(QStringLiteral("cannot create %1").arg(modelsDir_));
  const QString target = QDir(modelsDir_).filePath(fi.fileName());
  if (QFileInfo::exists(target)) return fail(QStringLiteral("%1 already exists").arg(target));
  const QString part = target + QStringLiteral(".part");
  QFile::remove(part);
  std::error_code ec;
  std::filesystem::copy_file(fi.absoluteFilePath().toStdString(), part.toStdString(), ec);
  if (ec) {
    QFile::remove(part);
    return fail(QStringLiteral("cannot copy to %1: %2").arg(modelsDir_, QString::fromStdString(ec.message())));
  }
  std::filesystem::rename(part.toStdString(), target.toStdString(), ec);
  if (ec) {
    QFile::remove(part);
    return fail(QStringLiteral("cannot rename %1: %2").arg(part, QString::fromStdString(ec.message())));
  }
  return inspect(target, ModelSource::ModelsFolder);
}

const InstalledModel* ModelLibrary::find(const QList<InstalledModel>& models, const QString& idOrPath) {
  for (const InstalledModel& m : models)
    if (m.id == idOrPath || m.fileName == idOrPath || m.path == idOrPath) return &m;
  const QString abs = QFileInfo(idOrPath).absoluteFilePath();
  for (const InstalledModel& m : models)
    if (m.path == abs || m.id.compare(idOrPath, Qt::CaseInsensitive) == 0) return &m;
  return nullptr;
}

Result<RemovalPlan> ModelLibrary::planRemoval(const QString& idOrPath) const {
  const QList<InstalledModel> models = scan();
  const InstalledModel* m = find(models, idOrPath);
  if (!m) return fail(QStringLiteral("no installed model '%1'").arg(idOrPath));
  RemovalPlan plan;
  plan.model = *m;
  plan.forgetOnly = m->source != ModelSource::ModelsFolder;
  if (!plan.forgetOnly) {
    plan.filesToDelete.append(m->path);
    plan.bytesFreed = m->sizeOnDisk;
    const QString stalePart = m->path + QStringLiteral(".part");
    if (QFileInfo::exists(stalePart)) {
      plan.filesToDelete.append(stalePart);
      plan.bytesFreed += QFileInfo(stalePart).size();
    }
  }
  return plan;
}

Status ModelLibrary::remove(const RemovalPlan& plan) {
  for (const QString& f : plan.filesToDelete)
    if (QFileInfo::exists(f) && !QFile::remove(f)) return fail(QStringLiteral("cannot delete %1").arg(f));
  if (db_.isOpen()) {
    QSqlQuery q(db_.connection());
    q.prepare(QStringLiteral("DELETE FROM local_models WHERE path = ?"));
    q.addBindValue(plan.model.path);
    if (!q.exec()) return fail(q.lastError().text());
  }
  return {};
}

}  // namespace causerie::models
