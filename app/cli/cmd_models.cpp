// causerie-cli models: list | download (ID | URL) [--sha256 HEX] [--dir DIR] | import FILE | remove ID
// over causerie_core's model manager (the same code as the app's Models page).
// Compiled only when causerie-cli links causerie_core (CAUSERIE_CLI_MODELS).
#ifdef CAUSERIE_CLI_MODELS
#include "commands.h"

#include "models/catalog.h"
#include "models/download_manager.h"
#include "models/model_library.h"
#include "models/models_db.h"
#include "models/models_paths.h"
#include "vulkan/device.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>

#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

namespace causerie::cli {
namespace {

using namespace causerie::models;

struct Options {
  QString sub, target, sha256, dir, data;
  bool yes = false, inPlace = false, catalog = false;
  double memoryGib = -1;
  quint32 context = 4096;
};

const char* kUsage =
    "usage: causerie-cli models <command>\n"
    "  list [--catalog] [--context N] [--memory GIB]   installed models (and the catalog) with fit\n"
    "  download (ID | URL) [--sha256 HEX] [--dir DIR]  fetch, verify and install a model\n"
    "  import FILE [--in-place]                        copy a GGUF into the models folder (or use it where it is)\n"
    "  remove ID [--yes]                               delete an installed model (asks first)\n"
    "common: --data DIR (data folder; default $CAUSERIE_DATA_DIR or the app's), --dir DIR (models folder)\n";

std::string s(const QString& q) { return q.toStdString(); }
QString bytes(qint64 n) { return QLocale::c().formattedDataSize(n, 1, QLocale::DataSizeTraditionalFormat); }

bool parse(int argc, char** argv, Options& o, std::string& error) {
  if (argc < 3) return error = "missing models command", false;
  o.sub = QString::fromLocal8Bit(argv[2]);
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](QString& out) {
      if (i + 1 >= argc) return error = a + " needs a value", false;
      out = QString::fromLocal8Bit(argv[++i]);
      return true;
    };
    QString v;
    if (a == "--sha256") { if (!value(o.sha256)) return false; }
    else if (a == "--dir") { if (!value(o.dir)) return false; }
    else if (a == "--data-dir" || a == "--data") { if (!value(o.data)) return false; }  // --data-dir as the app
    else if (a == "--memory") { if (!value(v)) return false; o.memoryGib = v.toDouble(); }
    else if (a == "--context") { if (!value(v)) return false; o.context = v.toUInt(); }
    else if (a == "--yes" || a == "-y") o.yes = true;
    else if (a == "--in-place") o.inPlace = true;
    else if (a == "--catalog") o.catalog = true;
    else if (a.starts_with("--")) return error = "unknown option " + a, false;
    else if (o.target.isEmpty()) o.target = QString::fromLocal8Bit(argv[i]);
    else return error = "unexpected argument " + a, false;
  }
  if (o.data.isEmpty()) o.data = defaultDataDir();
  if (o.dir.isEmpty()) o.dir = defaultModelsDir(o.data);
  o.sha256 = o.sha256.toLower();
  if (!o.sha256.isEmpty() && (o.sha256.size() != 64 || o.sha256.contains(QRegularExpression(QStringLiteral("[^0-9a-f]")))))
    return error = "--sha256 needs 64 hex digits", false;
  return true;
}

quint64 deviceMemory(const Options& o) {
  if (o.memoryGib > 0) return quint64(o.memoryGib * double(1ull << 30));
  auto devices = vk::list_devices();
  if (!devices || devices->empty()) return 0;
  return devices->front().device_local_bytes;
}

int list(const Options& o, ModelsDb& db) {
  ModelLibrary lib(db, o.dir);
  const quint64 memory = deviceMemory(o);
  std::printf("Installed in %s%s:\n", s(o.dir).c_str(), memory ? "" : " (device memory unknown)");
  const QList<InstalledModel> models = lib.scan();
  if (models.isEmpty()) std::printf("  (none)\n");
  for (const InstalledModel& m : models) {
    if (!m.valid) {
      std::printf("  %-40s %9s  unreadable: %s\n", s(m.id).c_str(), s(bytes(m.sizeOnDisk)).c_str(), s(m.error).c_str());
      continue;
    }
    const FitEstimate fit = estimateFit(m.summary.shape, o.context, memory);
    std::printf("  %-40s %9s  %-6s %-7s %5s ctx %-6u %s%s  fit@%u: %s (%s)%s\n", s(m.id).c_str(), s(bytes(m.sizeOnDisk)).c_str(),
                s(m.summary.architecture).c_str(), s(m.summary.quantization).c_str(),
                s(formatParameterCount(m.summary.parameterCount)).c_str(), m.summary.contextLength,
                m.summary.embedding ? "embedding" : m.summary.hasChatTemplate ? "template" : "no-template", m.summary.supported ? "" : " (unsupported)", o.context,
                s(fitVerdictName(fit.verdict)).c_str(), s(bytes(qint64(fit.totalBytes))).c_str(),
                m.source == ModelSource::ModelsFolder ? "" : s(QStringLiteral("  [%1: %2]").arg(modelSourceName(m.source), m.path)).c_str());
  }
  const QList<ExternalModel> external = lib.findExternal();
  if (!external.isEmpty()) {
    std::printf("Found in other apps (use with: models import FILE --in-place):\n");
    for (const ExternalModel& e : external)
      std::printf("  %-9s %9s  %s\n", s(modelSourceName(e.source)).c_str(), s(bytes(e.size)).c_str(), s(e.path).c_str());
  }
  if (o.catalog) {
    std::printf("Catalog:\n");
    const Catalog catalog = Catalog::load(o.data);
    for (const CatalogEntry& e : catalog.entries())
      std::printf("  %-36s %s%9s  %-7s %s%s\n", s(e.id).c_str(), e.sizeApproximate ? "~" : " ", s(bytes(e.size)).c_str(),
                  s(e.quantization).c_str(), s(e.name).c_str(), e.supported() ? "" : "  (not yet supported)");
  }
  return 0;
}

int download(const Options& o, ModelsDb& db) {
  if (o.target.isEmpty()) return fail("models download needs a catalog ID or a URL");
  DownloadRequest req;
  req.dir = o.dir;
  req.expectedSha256 = o.sha256;
  const QUrl url(o.target);
  if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) {
    req.url = url;
    req.fileName = url.fileName();
  } else {
    const Catalog catalog = Catalog::load(o.data);
    const CatalogEntry* e = catalog.find(o.target);
    if (!e) return fail("no catalog model '" + s(o.target) + "' (see: causerie-cli models list --catalog)");
    if (!e->supported()) return fail(s(e->name) + ": architecture " + s(e->architecture) + " is not yet supported");
    req.url = e->downloadUrl(catalog.downloadBase());
    req.fileName = e->file;
    req.catalogId = e->id;
    if (req.expectedSha256.isEmpty()) req.expectedSha256 = e->sha256;
    if (!e->sizeApproximate) req.expectedSize = e->size;
  }
  DownloadOptions options;
  options.resumeOnOpen = false;  // the CLI runs only the download it was asked for
  DownloadManager manager(db, options);
  if (models::Status st = manager.open(); !st) return fail(s(st.error()));
  qint64 id = 0;
  for (const DownloadInfo& d : manager.downloads())  // an interrupted earlier try: resume it
    if (d.request.finalPath() == req.finalPath() && d.state != DownloadState::Completed) id = d.id;
  if (id) {
    manager.resume(id);
  } else {
    models::Result<qint64> added = manager.enqueue(req);
    if (!added) return fail(s(added.error()));
    id = *added;
  }
  const bool tty = isatty(fileno(stderr));
  QElapsedTimer sinceDraw;
  sinceDraw.start();
  auto draw = [&](const DownloadInfo& d, bool force) {
    if (!force && sinceDraw.elapsed() < 250) return;
    sinceDraw.restart();
    QString line = QStringLiteral("%1 %2").arg(downloadStateName(d.state), bytes(d.receivedBytes));
    if (d.totalBytes > 0)
      line += QStringLiteral(" / %1 (%2%)").arg(bytes(d.totalBytes)).arg(100.0 * double(d.receivedBytes) / double(d.totalBytes), 0, 'f', 1);
    if (d.bytesPerSecond > 0) line += QStringLiteral("  %1/s").arg(bytes(qint64(d.bytesPerSecond)));
    if (d.secondsLeft >= 0) line += QStringLiteral("  %1:%2 left").arg(d.secondsLeft / 60).arg(d.secondsLeft % 60, 2, 10, QLatin1Char('0'));
    if (d.state == DownloadState::Waiting) line += QStringLiteral("  (%1; retrying in %2 s)").arg(d.error).arg(d.retryInMs / 1000.0);
    std::fprintf(stderr, tty ? "\r\033[K%s" : "%s\n", s(line).c_str());
  };
  std::fprintf(stderr, "%s -> %s\n", s(req.url.toDisplayString()).c_str(), s(req.finalPath()).c_str());
  int rc = 1;
  QObject::connect(&manager, &DownloadManager::downloadChanged, &manager, [&](qint64 changed) {
    if (changed == id)
      if (auto d = manager.download(id)) draw(*d, false);
  });
  QObject::connect(&manager, &DownloadManager::downloadFinished, &manager, [&](qint64 done, bool ok, const QString&) {
    if (done != id) return;
    draw(*manager.download(id), true);
    if (tty) std::fputc('\n', stderr);
    rc = ok ? 0 : 1;
    QCoreApplication::exit(rc);
  });
  QCoreApplication::exec();
  const DownloadInfo d = manager.download(id).value_or(DownloadInfo{});
  if (rc != 0) return fail(s(d.error.isEmpty() ? QStringLiteral("download failed") : d.error));
  std::printf("%s\nsha256 %s (%s)\n", s(d.request.finalPath()).c_str(), s(d.sha256).c_str(),
              d.hashVerified ? "verified" : "no reference hash: size and GGUF structure checked only");
  manager.forget(id);
  return 0;
}

int importModel(const Options& o, ModelsDb& db) {
  if (o.target.isEmpty()) return fail("models import needs a file");
  ModelLibrary lib(db, o.dir);
  models::Result<InstalledModel> m = lib.importFile(o.target, o.inPlace ? ImportMode::InPlace : ImportMode::Copy);
  if (!m) return fail(s(m.error()));
  std::printf("%s: %s %s, %s\n", s(m->id).c_str(), s(m->summary.architecture).c_str(), s(m->summary.quantization).c_str(),
              s(m->path).c_str());
  return 0;
}

int removeModel(const Options& o, ModelsDb& db) {
  if (o.target.isEmpty()) return fail("models remove needs an ID");
  ModelLibrary lib(db, o.dir);
  models::Result<RemovalPlan> plan = lib.planRemoval(o.target);
  if (!plan) return fail(s(plan.error()));
  if (plan->forgetOnly)
    std::printf("Forget %s (the file stays where it is: %s)\n", s(plan->model.id).c_str(), s(plan->model.path).c_str());
  else
    for (const QString& f : plan->filesToDelete) std::printf("Delete %s\n", s(f).c_str());
  if (!plan->forgetOnly) std::printf("Frees %s\n", s(bytes(plan->bytesFreed)).c_str());
  if (!o.yes) {
    if (!isatty(fileno(stdin))) return fail("not confirmed: pass --yes to remove without asking");
    std::printf("Proceed? [y/N] ");
    std::fflush(stdout);
    char answer[16] = {};
    if (!std::fgets(answer, sizeof answer, stdin) || (answer[0] != 'y' && answer[0] != 'Y')) return fail("cancelled");
  }
  if (models::Status st = lib.remove(*plan); !st) return fail(s(st.error()));
  std::printf("Removed %s\n", s(plan->model.id).c_str());
  return 0;
}

}  // namespace

int cmd_models(int argc, char** argv) {
  Options o;
  std::string error;
  if (argc >= 3 && (!std::strcmp(argv[2], "--help") || !std::strcmp(argv[2], "-h"))) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (!parse(argc, argv, o, error)) {
    std::fputs(kUsage, stderr);
    return fail(error);
  }
  int qargc = 1;
  QCoreApplication app(qargc, argv);
  ModelsDb db(ModelsDb::defaultPath(o.data));
  if (models::Status st = db.open(); !st) return fail(s(st.error()));
  if (o.sub == QLatin1String("list")) return list(o, db);
  if (o.sub == QLatin1String("download")) return download(o, db);
  if (o.sub == QLatin1String("import")) return importModel(o, db);
  if (o.sub == QLatin1String("remove")) return removeModel(o, db);
  std::fputs(kUsage, stderr);
  return fail("unknown models command '" + s(o.sub) + "'");
}

}  // namespace causerie::cli
#endif  // CAUSERIE_CLI_MODELS
