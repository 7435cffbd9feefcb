#include "models/download_manager.h"

#include "models/download_job.h"
#include "models/models_db.h"

#include <QDateTime>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QSqlError>
#include <QSqlQuery>

namespace causerie::models {
namespace {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

// Text columns are NOT NULL: a null QString binds as NULL, so bind "" instead.
QString text(const QString& s) { return s.isNull() ? QStringLiteral("") : s; }

DownloadInfo rowToInfo(const QSqlQuery& q) {
  DownloadInfo d;
  d.id = q.value(0).toLongLong();
  d.request.url = QUrl(q.value(1).toString());
  d.request.dir = q.value(2).toString();
  d.request.fileName = q.value(3).toString();
  d.request.catalogId = q.value(4).toString();
  d.request.expectedSha256 = q.value(5).toString();
  d.request.expectedSize = q.value(6).toLongLong();
  d.totalBytes = q.value(7).toLongLong();
  d.receivedBytes = q.value(8).toLongLong();
  d.validator = q.value(9).toString();
  d.linkedSha256 = q.value(10).toString();
  d.state = downloadStateFromName(q.value(11).toString());
  d.error = q.value(12).toString();
  return d;
}

}  // namespace

DownloadManager::DownloadManager(ModelsDb& db, DownloadOptions options, QNetworkAccessManager* nam, QObject* parent)
    : QObject(parent), db_(db), options_(std::move(options)), nam_(nam ? nam : new QNetworkAccessManager(this)) {
  if (options_.maxConcurrent < 1) options_.maxConcurrent = 1;
}

DownloadManager::~DownloadManager() {
  // Running downloads stay "running" in the database: the next open() resumes them.
  for (DownloadJob* job : std::as_const(jobs_)) {
    job->disconnect(this);
    delete job;
  }
}

Status DownloadManager::open() {
  if (!db_.isOpen()) return fail(QStringLiteral("the models database is not open"));
  QSqlQuery q(db_.connection());
  if (!q.exec(QStringLiteral("SELECT id, url, dir, file_name, catalog_id, expected_sha256, expected_size, total_bytes, "
                             "received_bytes, validator, linked_sha256, state, error FROM downloads ORDER BY id")))
    return fail(q.lastError().text());
  QList<DownloadInfo> rows;
  while (q.next()) rows.append(rowToInfo(q));
  for (DownloadInfo d : rows) {
    if (jobs_.contains(d.id)) continue;
    const QFileInfo part(d.request.partPath());
    d.receivedBytes = part.exists() ? part.size() : 0;
    d.partKept = part.exists();
    if (isActive(d.state) || d.state == DownloadState::Queued)
      d.state = options_.resumeOnOpen ? DownloadState::Queued : DownloadState::Paused;
    if (d.state == DownloadState::Completed && !QFileInfo::exists(d.request.finalPath())) {
      eraseRow(d.id);  // deleted since: nothing to show
      continue;
    }
    jobs_.insert(d.id, makeJob(d));
    save(d);
  }
  schedule();
  return {};
}

DownloadJob* DownloadManager::makeJob(const DownloadInfo& info) {
  auto* job = new DownloadJob(info, options_, nam_, this);
  connect(job, &DownloadJob::changed, this, [this, job](bool important) { onJobChanged(job, important); });
  connect(job, &DownloadJob::finished, this, [this, job] { onJobFinished(job); });
  return job;
}

Result<qint64> DownloadManager::enqueue(const DownloadRequest& request) {
  if (!db_.isOpen()) return fail(QStringLiteral("the models database is not open"));
  const QString scheme = request.url.scheme();
  if (!request.url.isValid() || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
    return fail(QStringLiteral("not an http(s) URL: %1").arg(request.url.toString()));
  if (request.fileName.isEmpty() || request.fileName.contains(QLatin1Char('/')) || request.fileName.startsWith(QLatin1Char('.')))
    return fail(QStringLiteral("bad file name '%1'").arg(request.fileName));
  if (request.dir.isEmpty()) return fail(QStringLiteral("no destination folder"));
  for (DownloadJob* job : std::as_const(jobs_)) {
    const DownloadInfo& d = job->info();
    if (d.request.finalPath() == request.finalPath() && d.state != DownloadState::Completed)
      return fail(QStringLiteral("%1 is already in the download queue").arg(request.fileName));
  }
  if (QFileInfo::exists(request.finalPath())) return fail(QStringLiteral("%1 already exists").arg(request.finalPath()));
  DownloadInfo d;
  d.request = request;
  d.request.expectedSha256 = request.expectedSha256.toLower();
  d.state = DownloadState::Queued;
  QSqlQuery q(db_.connection());
  q.prepare(QStringLiteral("INSERT INTO downloads (url, dir, file_name, catalog_id, expected_sha256, expected_size, state, "
                           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)"));
  q.addBindValue(request.url.toString());
  q.addBindValue(text(request.dir));
  q.addBindValue(text(request.fileName));
  q.addBindValue(text(request.catalogId));
  q.addBindValue(text(d.request.expectedSha256));
  q.addBindValue(request.expectedSize);
  q.addBindValue(nowMs());
  q.addBindValue(nowMs());
  if (!q.exec()) return fail(QStringLiteral("cannot record the download: %1").arg(q.lastError().text()));
  d.id = q.lastInsertId().toLongLong();
  // Forget finished entries for the same file (a new download replaces them in the list).
  for (DownloadJob* job : jobs_.values()) {
    if (job->info().request.finalPath() == request.finalPath()) forget(job->info().id);
  }
  jobs_.insert(d.id, makeJob(d));
  emit downloadAdded(d.id);
  schedule();
  return d.id;
}

void DownloadManager::pause(qint64 id) {
  if (DownloadJob* job = jobs_.value(id)) job->pause();
  schedule();
}

void DownloadManager::pauseAll() {
  for (DownloadJob* job : jobs_.values()) job->pause();
}

void DownloadManager::resume(qint64 id) {
  DownloadJob* job = jobs_.value(id);
  if (!job) return;
  const DownloadState s = job->info().state;
  if (s != DownloadState::Paused && s != DownloadState::Failed) return;
  job->queue();  // the scheduler calls start() when a slot is free
  schedule();
}

void DownloadManager::cancel(qint64 id) {
  DownloadJob* job = jobs_.value(id);
  if (!job) return;
  job->disconnect(this);
  job->cancel();
  jobs_.remove(id);
  lastSaveMs_.remove(id);
  eraseRow(id);
  // The job may still wait for its hashing thread; it deletes itself once finished.
  connect(job, &DownloadJob::finished, job, &QObject::deleteLater);
  if (!job->hashing()) job->deleteLater();
  emit downloadRemoved(id);
  schedule();
}

void DownloadManager::forget(qint64 id) {
  DownloadJob* job = jobs_.value(id);
  if (!job || isActive(job->info().state) || job->info().state == DownloadState::Queued) return;
  jobs_.remove(id);
  lastSaveMs_.remove(id);
  eraseRow(id);
  job->disconnect(this);
  job->deleteLater();
  emit downloadRemoved(id);
}

QList<DownloadInfo> DownloadManager::downloads() const {
  QList<DownloadInfo> out;
  for (DownloadJob* job : jobs_) out.append(job->info());
  return out;
}

std::optional<DownloadInfo> DownloadManager::download(qint64 id) const {
  DownloadJob* job = jobs_.value(id);
  if (!job) return std::nullopt;
  return job->info();
}

int DownloadManager::activeCount() const {
  int n = 0;
  for (DownloadJob* job : jobs_)
    if (isActive(job->info().state)) ++n;
  return n;
}

bool DownloadManager::hasPendingWork() const {
  for (DownloadJob* job : jobs_) {
    const DownloadState s = job->info().state;
    if (isActive(s) || s == DownloadState::Queued) return true;
  }
  return false;
}

void DownloadManager::setMaxConcurrent(int n) {
  options_.maxConcurrent = std::max(1, n);
  schedule();
}

void DownloadManager::schedule() {
  if (scheduling_) return;
  scheduling_ = true;
  for (DownloadJob* job : jobs_.values()) {  // oldest first
    if (activeCount() >= options_.maxConcurrent) break;
    if (job->info().state == DownloadState::Queued) job->start();
  }
  scheduling_ = false;
}

void DownloadManager::onJobChanged(DownloadJob* job, bool important) {
  const DownloadInfo& d = job->info();
  const qint64 now = nowMs();
  if (important || now - lastSaveMs_.value(d.id) >= 1000) {
    lastSaveMs_[d.id] = now;
    save(d);
  }
  emit downloadChanged(d.id);
}

void DownloadManager::onJobFinished(DownloadJob* job) {
  const DownloadInfo d = job->info();
  save(d);
  if (d.state == DownloadState::Completed) emit downloadFinished(d.id, true, QString());
  else if (d.state == DownloadState::Failed) emit downloadFinished(d.id, false, d.error);
  schedule();
}

void DownloadManager::save(const DownloadInfo& d) {
  QSqlQuery q(db_.connection());
  q.prepare(QStringLiteral("UPDATE downloads SET total_bytes = ?, received_bytes = ?, validator = ?, linked_sha256 = ?, "
                           "state = ?, error = ?, updated_at = ? WHERE id = ?"));
  q.addBindValue(d.totalBytes);
  q.addBindValue(d.receivedBytes);
  q.addBindValue(text(d.validator));
  q.addBindValue(text(d.linkedSha256));
  q.addBindValue(downloadStateName(d.state));
  q.addBindValue(text(d.error));
  q.addBindValue(nowMs());
  q.addBindValue(d.id);
  q.exec();
}

void DownloadManager::eraseRow(qint64 id) {
  QSqlQuery q(db_.connection());
  q.prepare(QStringLiteral("DELETE FROM downloads WHERE id = ?"));
  q.addBindValue(id);
  q.exec();
}

}  // namespace causerie::models
