#include "models/hf_client.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRegularExpression>
#include <QUrlQuery>

namespace causerie::models {
namespace {

template <typename T>
void finishWith(QNetworkReply* reply, const std::function<Result<T>(const QByteArray&)>& parse,
                const std::function<void(Result<T>)>& done) {
  reply->deleteLater();
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  if (reply->error() != QNetworkReply::NoError && status == 0) {
    done(fail(QStringLiteral("Hugging Face: %1").arg(reply->errorString())));
    return;
  }
  if (status != 200) {
    done(fail(QStringLiteral("Hugging Face: HTTP %1 for %2").arg(status).arg(reply->url().path())));
    return;
  }
  done(parse(reply->readAll()));
}

}  // namespace

HfClient::HfClient(QNetworkAccessManager* nam, QUrl baseUrl, QObject* parent)
    : QObject(parent), nam_(nam), base_(std::move(baseUrl)) {}

QString HfClient::base() const {
  QString b = base_.toString();
  while (b.endsWith(QLatin1Char('/'))) b.chop(1);
  return b;
}

QNetworkReply* HfClient::get(const QUrl& url) {
  QNetworkRequest req(url);
  req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
  req.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Causerie/0.1"));
  req.setTransferTimeout(30000);
  return nam_->get(req);
}

QUrl HfClient::fileUrl(const QString& repository, const QString& path) const {
  return QUrl(base() + QLatin1Char('/') + repository + QStringLiteral("/resolve/main/") + path);
}

void HfClient::search(const QString& query, int limit, std::function<void(Result<QList<HfModel>>)> done) {
  QUrl url(base() + QStringLiteral("/api/models"));
  QUrlQuery q;
  q.addQueryItem(QStringLiteral("search"), query);
  q.addQueryItem(QStringLiteral("filter"), QStringLiteral("gguf"));
  q.addQueryItem(QStringLiteral("sort"), QStringLiteral("downloads"));
  q.addQueryItem(QStringLiteral("direction"), QStringLiteral("-1"));
  q.addQueryItem(QStringLiteral("limit"), QString::number(limit > 0 ? limit : 30));
  url.setQuery(q);
  QNetworkReply* reply = get(url);
  connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
    finishWith<QList<HfModel>>(reply, &HfClient::parseSearch, done);
  });
}

void HfClient::listFiles(const QString& repository, std::function<void(Result<QList<HfFile>>)> done) {
  if (!QRegularExpression(QStringLiteral(R"(^[\w.-]+/[\w.-]+$)")).match(repository).hasMatch()) {
    done(fail(QStringLiteral("not a repository name: %1").arg(repository)));
    return;
  }
  QUrl url(base() + QStringLiteral("/api/models/") + repository + QStringLiteral("/tree/main"));
  url.setQuery(QStringLiteral("recursive=true"));
  QNetworkReply* reply = get(url);
  connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
    finishWith<QList<HfFile>>(reply, &HfClient::parseTree, done);
  });
}

Result<QList<HfModel>> HfClient::parseSearch(const QByteArray& json) {
  const QJsonDocument doc = QJsonDocument::fromJson(json);
  if (!doc.isArray()) return fail(QStringLiteral("Hugging Face: unexpected search answer"));
  QList<HfModel> out;
  for (const QJsonValue& v : doc.array()) {
    const QJsonObject o = v.toObject();
    HfModel m;
    m.repository = o.value(QLatin1String("id")).toString(o.value(QLatin1String("modelId")).toString());
    if (m.repository.isEmpty()) continue;
    m.downloads = qint64(o.value(QLatin1String("downloads")).toDouble());
    m.likes = qint64(o.value(QLatin1String("likes")).toDouble());
    for (const QJsonValue& t : o.value(QLatin1String("tags")).toArray()) m.tags.append(t.toString());
    m.lastModified = o.value(QLatin1String("lastModified")).toString();
    out.append(m);
  }
  return out;
}

Result<QList<HfFile>> HfClient::parseTree(const QByteArray& json) {
  const QJsonDocument doc = QJsonDocument::fromJson(json);
  if (!doc.isArray()) return fail(QStringLiteral("Hugging Face: unexpected file list"));
  static const QRegularExpression split(QStringLiteral(R"(-\d{5}-of-\d{5}\.gguf$)"), QRegularExpression::CaseInsensitiveOption);
  QList<HfFile> out;
  for (const QJsonValue& v : doc.array()) {
    const QJsonObject o = v.toObject();
    if (o.value(QLatin1String("type")).toString() != QLatin1String("file")) continue;
    HfFile f;
    f.path = o.value(QLatin1String("path")).toString();
    if (!f.path.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive)) continue;
    const QJsonObject lfs = o.value(QLatin1String("lfs")).toObject();
    f.size = qint64(o.value(QLatin1String("size")).toDouble());
    if (!lfs.isEmpty()) {
      f.sha256 = lfs.value(QLatin1String("oid")).toString().toLower();
      if (lfs.contains(QLatin1String("size"))) f.size = qint64(lfs.value(QLatin1String("size")).toDouble());
    }
    f.quantization = quantizationFromFileName(f.path);
    f.splitPart = split.match(f.path).hasMatch();
    out.append(f);
  }
  return out;
}

QString HfClient::quantizationFromFileName(const QString& fileName) {
  static const QRegularExpression re(
      QStringLiteral(R"((?:^|[-_.])((?:I?Q\d(?:_[A-Z0-9]+)*)|BF16|F16|F32)(?=[-_.])|(?:^|[-_.])(BF16|F16|F32)$)"),
      QRegularExpression::CaseInsensitiveOption);
  QString name = fileName.section(QLatin1Char('/'), -1);
  if (name.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive)) name.chop(5);
  name += QLatin1Char('.');
  QString found;
  auto it = re.globalMatch(name);
  while (it.hasNext()) {
    const auto m = it.next();
    found = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
  }
  return found.toUpper();
}

QStringList HfClient::defaultPreference() {
  return {QStringLiteral("Q4_K_M"), QStringLiteral("Q4_K_S"), QStringLiteral("Q5_K_M"), QStringLiteral("Q4_0"),
          QStringLiteral("Q5_K_S"), QStringLiteral("Q6_K"),   QStringLiteral("Q8_0"),   QStringLiteral("Q3_K_M"),
          QStringLiteral("F16"),    QStringLiteral("BF16"),   QStringLiteral("F32")};
}

const HfFile* HfClient::pickQuantization(const QList<HfFile>& files, const QStringList& preference) {
  for (bool allowSplit : {false, true})
    for (const QString& q : preference)
      for (const HfFile& f : files)
        if ((allowSplit || !f.splitPart) && f.quantization.compare(q, Qt::CaseInsensitive) == 0) return &f;
  for (const HfFile& f : files)
    if (!f.splitPart) return &f;
  return files.isEmpty() ? nullptr : &files.front();
}

}  // namespace causerie::models
