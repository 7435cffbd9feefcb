#include "models/catalog.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>

namespace causerie::models {

bool isSupportedArchitecture(const QString& architecture) {
  // engine/model/hparams.cpp supported_architectures()
  static const QStringList engine{QStringLiteral("llama"),   QStringLiteral("qwen2"),   QStringLiteral("qwen3"),
                                  QStringLiteral("gemma2"),  QStringLiteral("gemma3"),  QStringLiteral("phi3"),
                                  QStringLiteral("granite"), QStringLiteral("smollm3"), QStringLiteral("mistral3"),
                                  QStringLiteral("falcon"),  QStringLiteral("bloom"),   QStringLiteral("qwen3moe"),
                                  QStringLiteral("gpt-oss"), QStringLiteral("qwen2moe"),  QStringLiteral("bert"),
                                  QStringLiteral("nomic-bert"), QStringLiteral("gemma4")};
  static const QStringList hybrids{QStringLiteral("qwen35"), QStringLiteral("qwen35moe")};  // Gated DeltaNet layers beside full attention
  return engine.contains(architecture) || hybrids.contains(architecture);
}

bool CatalogEntry::supported() const { return variantSupported && isSupportedArchitecture(architecture); }

QString CatalogEntry::description(const QString& language) const {
  if (language.startsWith(QLatin1String("fr")) && !descriptionFr.isEmpty()) return descriptionFr;
  return descriptionEn;
}

QUrl CatalogEntry::downloadUrl(const QUrl& downloadBase) const {
  QString base = downloadBase.toString();
  while (base.endsWith(QLatin1Char('/'))) base.chop(1);
  return QUrl(base + QLatin1Char('/') + repository + QStringLiteral("/resolve/main/") + file);
}

namespace {

bool isHex64(const QString& s) {
  if (s.size() != 64) return false;
  for (QChar c : s)
    if (!c.isDigit() && !(c >= QLatin1Char('a') && c <= QLatin1Char('f'))) return false;
  return true;
}

Result<CatalogEntry> parseEntry(const QJsonObject& o, int index) {
  CatalogEntry e;
  e.id = o.value(QLatin1String("id")).toString();
  e.name = o.value(QLatin1String("name")).toString(e.id);
  e.repository = o.value(QLatin1String("repository")).toString();
  e.file = o.value(QLatin1String("file")).toString();
  if (e.id.isEmpty() || e.repository.isEmpty() || e.file.isEmpty())
    return fail(QStringLiteral("catalog entry %1 lacks id, repository or file").arg(index));
  if (e.file.contains(QLatin1Char('/')) || e.file.contains(QLatin1Char('\\')) || e.file.startsWith(QLatin1Char('.')))
    return fail(QStringLiteral("catalog entry %1: bad file name '%2'").arg(e.id, e.file));
  e.quantization = o.value(QLatin1String("quantization")).toString();
  e.size = qint64(o.value(QLatin1String("size")).toDouble(0));
  e.sizeApproximate = o.value(QLatin1String("sizeApproximate")).toBool(e.size == 0);
  e.parameters = o.value(QLatin1String("parameters")).toString();
  e.parameterCount = qint64(o.value(QLatin1String("parameterCount")).toDouble(0));
  e.license = o.value(QLatin1String("license")).toString();
  e.contextLength = o.value(QLatin1String("contextLength")).toInt(0);
  e.architecture = o.value(QLatin1String("architecture")).toString();
  e.variantSupported = o.value(QLatin1String("supported")).toBool(true);
  e.sha256 = o.value(QLatin1String("sha256")).toString().toLower();
  if (!e.sha256.isEmpty() && !isHex64(e.sha256))
    return fail(QStringLiteral("catalog entry %1: sha256 is not 64 hex digits").arg(e.id));
  const QJsonObject d = o.value(QLatin1String("description")).toObject();
  e.descriptionEn = d.value(QLatin1String("en")).toString();
  e.descriptionFr = d.value(QLatin1String("fr")).toString();
  for (const QJsonValue& language : o.value(QLatin1String("languages")).toArray()) e.languages << language.toString();
  e.welcomeRank = qMax(0, o.value(QLatin1String("welcome")).toInt(0));
  e.kind = o.value(QLatin1String("kind")).toString(QStringLiteral("chat"));
  e.dimensions = qMax(0, o.value(QLatin1String("dimensions")).toInt(0));
  e.queryPrefix = o.value(QLatin1String("queryPrefix")).toString();
  e.passagePrefix = o.value(QLatin1String("passagePrefix")).toString();
  return e;
}

}  // namespace

Result<Catalog> Catalog::parse(const QByteArray& json) {
  QJsonParseError err;
  const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
  if (doc.isNull()) return fail(QStringLiteral("catalog: invalid JSON: %1").arg(err.errorString()));
  if (!doc.isObject()) return fail(QStringLiteral("catalog: the document is not an object"));
  const QJsonObject root = doc.object();
  const QJsonValue models = root.value(QLatin1String("models"));
  if (!models.isArray()) return fail(QStringLiteral("catalog: no \"models\" array"));
  Catalog c;
  c.version_ = root.value(QLatin1String("version")).toInt(0);
  const QString base = root.value(QLatin1String("downloadBase")).toString();
  if (!base.isEmpty()) c.downloadBase_ = QUrl(base);
  int index = 0;
  for (const QJsonValue& v : models.toArray()) {
    Result<CatalogEntry> e = parseEntry(v.toObject(), index++);
    if (!e) return Error{e.error()};
    c.entries_.append(std::move(e).value());
  }
  return c;
}

Catalog Catalog::builtIn() {
  QFile f(QStringLiteral(":/catalog/catalog.json"));
  Catalog c;
  if (f.open(QIODevice::ReadOnly)) {
    Result<Catalog> parsed = parse(f.readAll());
    if (parsed) c = std::move(parsed).value();
  }
  c.builtIn_ = true;
  return c;
}

QString Catalog::cachePath(const QString& dataDir) {
  return QDir(dataDir).filePath(QStringLiteral("catalog-cache.json"));
}

Catalog Catalog::load(const QString& dataDir) {
  QFile f(cachePath(dataDir));
  if (!dataDir.isEmpty() && f.open(QIODevice::ReadOnly)) {
    Result<Catalog> parsed = parse(f.readAll());
    if (parsed && !parsed->entries().isEmpty()) return std::move(parsed).value();
  }
  return builtIn();
}

const CatalogEntry* Catalog::find(const QString& id) const {
  for (const CatalogEntry& e : entries_)
    if (e.id.compare(id, Qt::CaseInsensitive) == 0 || e.file == id) return &e;
  return nullptr;
}

CatalogRefresher::CatalogRefresher(QNetworkAccessManager* nam, QString dataDir, QObject* parent)
    : QObject(parent), nam_(nam), dataDir_(std::move(dataDir)) {}

void CatalogRefresher::refresh(const QUrl& url) {
  if (busy()) return;
  if (!url.isValid() || url.isEmpty()) {
    emit failed(QStringLiteral("no catalog URL is set"));
    return;
  }
  QNetworkRequest req(url);
  req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
  req.setTransferTimeout(30000);
  reply_ = nam_->get(req);
  connect(reply_, &QNetworkReply::finished, this, &CatalogRefresher::onFinished);
}

void CatalogRefresher::onFinished() {
  QNetworkReply* reply = reply_;
  reply_ = nullptr;
  if (!reply) return;
  reply->deleteLater();
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  if (reply->error() != QNetworkReply::NoError) {
    emit failed(QStringLiteral("catalog refresh failed: %1").arg(reply->errorString()));
    return;
  }
  if (status != 200) {
    emit failed(QStringLiteral("catalog refresh failed: HTTP %1").arg(status));
    return;
  }
  const QByteArray body = reply->readAll();
  Result<Catalog> parsed = Catalog::parse(body);
  if (!parsed) {
    emit failed(parsed.error());
    return;
  }
  if (parsed->entries().isEmpty()) {
    emit failed(QStringLiteral("catalog refresh failed: the catalog is empty"));
    return;
  }
  QDir().mkpath(dataDir_);
  QSaveFile out(Catalog::cachePath(dataDir_));
  if (!out.open(QIODevice::WriteOnly) || out.write(body) != body.size() || !out.commit()) {
    emit failed(QStringLiteral("catalog refresh: cannot write the cache: %1").arg(out.errorString()));
    return;
  }
  emit refreshed(int(parsed->entries().size()));
}

}  // namespace causerie::models
