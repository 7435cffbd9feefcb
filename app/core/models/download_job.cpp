#include "models/download_job.h"

#include "models/gguf_summary.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QStorageInfo>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace causerie::models {
namespace {

constexpr int kMaxRedirects = 10;

// "bytes 100-999/1000" -> (100, 1000); "bytes */1000" -> (-1, 1000); total -1 when "*".
struct ContentRange {
  qint64 first = -1, total = -1;
  bool valid = false;
};
ContentRange parseContentRange(const QByteArray& header) {
  static const QRegularExpression re(QStringLiteral(R"(^\s*bytes\s+(?:(\d+)-(\d+)|\*)/(\d+|\*)\s*$)"));
  ContentRange r;
  const auto m = re.match(QString::fromLatin1(header));
  if (!m.hasMatch()) return r;
  r.valid = true;
  if (m.capturedLength(1)) r.first = m.captured(1).toLongLong();
  if (m.captured(3) != QLatin1String("*")) r.total = m.captured(3).toLongLong();
  return r;
}

// X-Linked-Etag: "\"<sha256>\"" on Hugging Face LFS files; anything else is ignored.
QString sha256FromEtag(QByteArray etag) {
  etag = etag.trimmed();
  if (etag.startsWith("W/")) return {};
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.mid(1, etag.size() - 2);
  static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
  const QString s = QString::fromLatin1(etag);
  return hex.match(s).hasMatch() ? s.toLower() : QString();
}

bool retryableStatus(int status) { return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504; }

QString bytesText(qint64 n) { return QLocale::c().formattedDataSize(n, 1, QLocale::DataSizeTraditionalFormat); }

}  // namespace

DownloadJob::DownloadJob(DownloadInfo info, const DownloadOptions& options, QNetworkAccessManager* nam, QObject* parent)
    : QObject(parent), info_(std::move(info)), options_(options), nam_(nam) {
  stallTimer_.setSingleShot(true);
  retryTimer_.setSingleShot(true);
  connect(&stallTimer_, &QTimer::timeout, this, &DownloadJob::onStall);
  connect(&retryTimer_, &QTimer::timeout, this, [this] { sendRequest(info_.request.url); });
  clock_.start();
}

DownloadJob::~DownloadJob() {
  if (rehashStop_) *rehashStop_ = true;
  if (rehashThread_) {
    rehashThread_->wait();
    delete rehashThread_;
  }
  dropReply();
}

qint64 DownloadJob::freeSpace() const {
  if (options_.freeSpace) return options_.freeSpace(info_.request.dir);
  QStorageInfo storage(info_.request.dir);
  return storage.isValid() ? storage.bytesAvailable() : -1;
}

void DownloadJob::setState(DownloadState s) {
  info_.state = s;
  if (s != DownloadState::Running) {
    info_.bytesPerSecond = 0;
    info_.secondsLeft = -1;
  }
  emit changed(true);
}

void DownloadJob::dropReply() {
  if (!reply_) return;
  QNetworkReply* r = reply_;
  reply_ = nullptr;
  r->disconnect(this);
  r->abort();
  r->deleteLater();
}

void DownloadJob::failNow(const QString& error, bool keepPart) {
  stallTimer_.stop();
  retryTimer_.stop();
  dropReply();
  part_.close();
  if (keepPart && QFileInfo(info_.request.partPath()).size() == 0) keepPart = false;  // nothing to resume
  if (!keepPart) {
    QFile::remove(info_.request.partPath());
    hash_.reset();
    hashedBytes_ = -1;
    info_.receivedBytes = 0;
  }
  info_.partKept = keepPart && QFileInfo::exists(info_.request.partPath());
  info_.error = error;
  setState(DownloadState::Failed);
  emit finished();
}

void DownloadJob::start() {
  if (isActive(info_.state) || info_.state == DownloadState::Completed) return;
  pausing_ = cancelled_ = false;
  rangeResetTried_ = false;
  info_.error.clear();
  info_.attempt = 0;
  redirects_ = 0;
  const QString dir = info_.request.dir;
  if (!QDir().mkpath(dir)) return failNow(QStringLiteral("cannot create the folder %1").arg(dir), true);
  const QFileInfo part(info_.request.partPath());
  const qint64 size = part.exists() ? part.size() : 0;
  if (size > 0 && hash_ && hashedBytes_ == size) {
    info_.receivedBytes = size;
    return beginTransfer();
  }
  if (size > 0) return rehashPart(size);
  hash_ = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha256);
  hashedBytes_ = 0;
  info_.receivedBytes = 0;
  beginTransfer();
}

// Hashes the existing .part on a worker thread (a multi-GB file takes seconds), then resumes.
void DownloadJob::rehashPart(qint64 size) {
  setState(DownloadState::Checking);
  struct Outcome {
    std::unique_ptr<QCryptographicHash> hash;
    qint64 bytes = 0;
    QString error;
  };
  auto outcome = std::make_shared<Outcome>();
  auto stop = std::make_shared<std::atomic_bool>(false);
  rehashStop_ = stop;
  const QString path = info_.request.partPath();
  rehashThread_ = QThread::create([outcome, stop, path, size] {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
      outcome->error = f.errorString();
      return;
    }
    outcome->hash = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha256);
    QByteArray buf(1 << 20, Qt::Uninitialized);
    while (outcome->bytes < size && !*stop) {
      const qint64 n = f.read(buf.data(), std::min<qint64>(buf.size(), size - outcome->bytes));
      if (n <= 0) break;
      outcome->hash->addData(QByteArrayView(buf.constData(), n));
      outcome->bytes += n;
    }
  });
  connect(rehashThread_, &QThread::finished, this, [this, outcome, size] {
    rehashThread_->deleteLater();
    rehashThread_ = nullptr;
    rehashStop_.reset();
    if (cancelled_ || pausing_) {
      pausing_ = false;
      if (cancelled_) QFile::remove(info_.request.partPath());
      else setState(DownloadState::Paused);
      emit finished();
      return;
    }
    if (!outcome->error.isEmpty() || outcome->bytes != size) {
      // Unreadable part: start over rather than trust it.
      QFile::remove(info_.request.partPath());
      hash_ = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha256);
      hashedBytes_ = 0;
      info_.receivedBytes = 0;
    } else {
      hash_ = std::move(outcome->hash);
      hashedBytes_ = size;
      info_.receivedBytes = size;
    }
    beginTransfer();
  });
  rehashThread_->start();
}

bool DownloadJob::checkFreeSpace() {
  const qint64 total = info_.totalBytes > 0 ? info_.totalBytes : info_.request.expectedSize;
  if (total <= 0) return true;
  const qint64 needed = std::max<qint64>(0, total - info_.receivedBytes);
  const qint64 free = freeSpace();
  if (free < 0 || free >= needed + options_.reserveBytes) return true;
  failNow(QStringLiteral("not enough disk space in %1: %2 needed, %3 free")
              .arg(QDir::toNativeSeparators(info_.request.dir), bytesText(needed + options_.reserveBytes), bytesText(free)),
          true);
  return false;
}

void DownloadJob::beginTransfer() {
  if (!checkFreeSpace()) return;
  part_.setFileName(info_.request.partPath());
  // Unbuffered: a failing write (full disk) is seen at once, and the hash covers what is on disk.
  if (!part_.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
    return failNow(QStringLiteral("cannot write %1: %2").arg(part_.fileName(), part_.errorString()), true);
  setState(DownloadState::Running);
  sendRequest(info_.request.url);
}

void DownloadJob::sendRequest(const QUrl& url) {
  if (cancelled_) return;
  if (url == info_.request.url) redirects_ = 0;
  currentUrl_ = url;
  accepting_ = false;
  stalled_ = false;
  progressThisAttempt_ = false;
  abortReason_.clear();
  if (info_.state != DownloadState::Running) setState(DownloadState::Running);
  info_.retryInMs = 0;
  QNetworkRequest req(url);
  req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
  req.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Causerie/0.1"));
  // Bytes as stored: no transparent decompression under a Range.
  req.setRawHeader("Accept-Encoding", "identity");
  if (info_.receivedBytes > 0) {
    req.setRawHeader("Range", "bytes=" + QByteArray::number(info_.receivedBytes) + "-");
    if (!info_.validator.isEmpty()) req.setRawHeader("If-Range", info_.validator.toLatin1());
  }
  reply_ = nam_->get(req);  // TLS verification stays on: ignoreSslErrors is never called
  connect(reply_, &QNetworkReply::metaDataChanged, this, &DownloadJob::onHeaders);
  connect(reply_, &QNetworkReply::readyRead, this, &DownloadJob::onReadyRead);
  connect(reply_, &QNetworkReply::finished, this, &DownloadJob::onReplyFinished);
  stallTimer_.start(options_.stallTimeoutMs);
}

void DownloadJob::onHeaders() {
  if (!reply_) return;
  stallTimer_.start(options_.stallTimeoutMs);
  const int status = reply_->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  const QString linked = sha256FromEtag(reply_->rawHeader("X-Linked-Etag"));
  if (!linked.isEmpty()) info_.linkedSha256 = linked;
  if (status < 200 || status >= 300) return;
  qint64 total = -1;
  if (status == 206) {
    const ContentRange cr = parseContentRange(reply_->rawHeader("Content-Range"));
    if (!cr.valid || cr.first != info_.receivedBytes) {
      abortReason_ = QStringLiteral("the server resumed at the wrong offset");
      abortRetryable_ = true;
      abortKeepsPart_ = false;
      reply_->abort();
      return;
    }
    total = cr.total;
  } else {
    if (status != 200) return;  // 204 and such: no body to take
    if (info_.receivedBytes > 0) resetPart();  // the server ignored the Range (or If-Range failed)
    const QVariant length = reply_->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid()) total = length.toLongLong();
  }
  if (total >= 0) info_.totalBytes = total;
  const QByteArray etag = reply_->rawHeader("ETag");
  if (!etag.isEmpty() && !etag.startsWith("W/")) info_.validator = QString::fromLatin1(etag);
  else if (reply_->hasRawHeader("Last-Modified")) info_.validator = QString::fromLatin1(reply_->rawHeader("Last-Modified"));
  if (info_.request.expectedSize > 0 && info_.totalBytes > 0 && info_.totalBytes != info_.request.expectedSize &&
      !info_.request.expectedSha256.isEmpty()) {
    // A known hash with a different size cannot match: do not fetch gigabytes to find out.
    abortReason_ = QStringLiteral("the server's file is %1 bytes, expected %2").arg(info_.totalBytes).arg(info_.request.expectedSize);
    abortRetryable_ = false;
    abortKeepsPart_ = false;
    reply_->abort();
    return;
  }
  const qint64 needed = info_.totalBytes - info_.receivedBytes;
  const qint64 free = freeSpace();
  if (info_.totalBytes > 0 && free >= 0 && free < needed + options_.reserveBytes) {
    abortReason_ = QStringLiteral("not enough disk space in %1: %2 needed, %3 free")
                       .arg(QDir::toNativeSeparators(info_.request.dir), bytesText(needed + options_.reserveBytes), bytesText(free));
    abortRetryable_ = false;
    abortKeepsPart_ = true;
    reply_->abort();
    return;
  }
  accepting_ = true;
  emit changed(true);
}

void DownloadJob::resetPart() {
  part_.resize(0);
  part_.seek(0);
  hash_ = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha256);
  hashedBytes_ = 0;
  info_.receivedBytes = 0;
  samples_.clear();
}

void DownloadJob::onReadyRead() {
  if (!reply_) return;
  stallTimer_.start(options_.stallTimeoutMs);
  if (!accepting_) {
    reply_->readAll();  // an error page or a redirect body
    return;
  }
  const QByteArray data = reply_->readAll();
  if (data.isEmpty()) return;
  if (info_.totalBytes > 0 && info_.receivedBytes + data.size() > info_.totalBytes) {
    abortReason_ = QStringLiteral("the server sent more bytes than announced");
    abortRetryable_ = false;
    abortKeepsPart_ = false;
    reply_->abort();
    return;
  }
  const qint64 written = part_.write(data);
  if (written > 0) {
    hash_->addData(QByteArrayView(data.constData(), written));
    info_.receivedBytes += written;
    hashedBytes_ = info_.receivedBytes;
    progressThisAttempt_ = true;
  }
  if (written != data.size()) {
    const int err = errno;
    const QString why = err ? QString::fromLocal8Bit(std::strerror(err)) : part_.errorString();
    const qint64 remaining = info_.totalBytes > 0 ? info_.totalBytes - info_.receivedBytes : -1;
    const qint64 free = freeSpace();
    const bool full = err == ENOSPC || err == EDQUOT || part_.error() == QFileDevice::ResourceError ||
                      (free >= 0 && remaining > 0 && free < remaining);
    abortReason_ = full ? QStringLiteral("disk full: cannot write %1 (%2); %3 downloaded, free some space and resume")
                              .arg(QDir::toNativeSeparators(part_.fileName()), why, bytesText(info_.receivedBytes))
                        : QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(part_.fileName()), why);
    abortRetryable_ = false;
    // The .part stays trustworthy if it holds exactly the hashed bytes.
    part_.close();
    const qint64 onDisk = QFileInfo(info_.request.partPath()).size();
    abortKeepsPart_ = onDisk == info_.receivedBytes ||
                      (onDisk > info_.receivedBytes && QFile::resize(info_.request.partPath(), info_.receivedBytes));
    reply_->abort();
    return;
  }
  updateSpeed();
  if (clock_.elapsed() - lastProgressEmit_ >= 100) {
    lastProgressEmit_ = clock_.elapsed();
    emit changed(false);
  }
}

void DownloadJob::updateSpeed() {
  const qint64 now = clock_.elapsed();
  samples_.append({now, info_.receivedBytes});
  while (samples_.size() > 2 && now - samples_.front().first > 5000) samples_.removeFirst();
  const auto& first = samples_.front();
  const qint64 dt = now - first.first;
  if (dt < 200) return;
  info_.bytesPerSecond = double(info_.receivedBytes - first.second) * 1000.0 / double(dt);
  if (info_.totalBytes > 0 && info_.bytesPerSecond > 1)
    info_.secondsLeft = qint64(double(info_.totalBytes - info_.receivedBytes) / info_.bytesPerSecond + 0.5);
}

void DownloadJob::onStall() {
  if (!reply_) return;
  stalled_ = true;
  abortReason_ = QStringLiteral("no data for %1 s").arg(options_.stallTimeoutMs / 1000.0);
  abortRetryable_ = true;
  abortKeepsPart_ = true;
  reply_->abort();
}

void DownloadJob::onReplyFinished() {
  QNetworkReply* reply = reply_;
  if (!reply) return;
  reply_ = nullptr;
  reply->deleteLater();
  stallTimer_.stop();
  if (cancelled_) {
    part_.close();
    QFile::remove(info_.request.partPath());
    emit finished();
    return;
  }
  if (pausing_) {
    pausing_ = false;
    part_.close();
    setState(DownloadState::Paused);
    emit finished();
    return;
  }
  if (!abortReason_.isEmpty()) {
    const QString why = abortReason_;
    if (!abortKeepsPart_) {
      part_.close();
      QFile::remove(info_.request.partPath());
      hash_.reset();
      hashedBytes_ = -1;
      info_.receivedBytes = 0;
    }
    if (abortRetryable_) {
      if (!abortKeepsPart_) {
        // Reopen an empty part and go on from zero.
        hash_ = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha256);
        hashedBytes_ = 0;
        part_.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered);
      }
      return scheduleRetry(why);
    }
    return failNow(why, abortKeepsPart_);
  }
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  const QString where = currentUrl_.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
  if (status >= 300 && status < 400 && status != 304) {
    const QUrl target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
    if (target.isEmpty()) return failNow(QStringLiteral("HTTP %1 without a Location from %2").arg(status).arg(where), true);
    const QUrl next = currentUrl_.resolved(target);
    if (++redirects_ > kMaxRedirects) return failNow(QStringLiteral("too many redirects from %1").arg(where), true);
    if (currentUrl_.scheme() == QLatin1String("https") && next.scheme() != QLatin1String("https"))
      return failNow(QStringLiteral("refused a redirect from HTTPS to %1").arg(next.scheme()), true);
    return sendRequest(next);
  }
  if (status == 416) {
    const ContentRange cr = parseContentRange(reply->rawHeader("Content-Range"));
    if (info_.receivedBytes > 0 && cr.total == info_.receivedBytes) {
      info_.totalBytes = cr.total;  // the .part already holds the whole file
      return finishTransfer();
    }
    if (info_.receivedBytes > 0 && !rangeResetTried_) {
      rangeResetTried_ = true;  // our .part is longer than the file, or the file changed: start over
      resetPart();
      return sendRequest(info_.request.url);
    }
    return failNow(QStringLiteral("HTTP 416 (range not satisfiable) from %1").arg(where), false);
  }
  if (status >= 400) {
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QString why = QStringLiteral("HTTP %1 %2 from %3").arg(status).arg(reason, where).simplified();
    if (retryableStatus(status)) return scheduleRetry(why);
    return failNow(why, true);
  }
  if (reply->error() != QNetworkReply::NoError) {
    const QString why = QStringLiteral("%1 (%2)").arg(reply->errorString(), where);
    const auto e = reply->error();
    const bool tls = e == QNetworkReply::SslHandshakeFailedError || e == QNetworkReply::InsecureRedirectError;
    if (tls) return failNow(why, true);  // never retried, never ignored
    return scheduleRetry(why);
  }
  if (!accepting_) return scheduleRetry(QStringLiteral("unexpected HTTP %1 from %2").arg(status).arg(where));
  if (info_.totalBytes > 0 && info_.receivedBytes < info_.totalBytes)
    return scheduleRetry(QStringLiteral("connection closed at %1 of %2 bytes").arg(info_.receivedBytes).arg(info_.totalBytes));
  finishTransfer();
}

void DownloadJob::scheduleRetry(const QString& error) {
  if (progressThisAttempt_) info_.attempt = 0;
  ++info_.attempt;
  info_.error = error;
  if (info_.attempt >= options_.maxAttempts)
    return failNow(QStringLiteral("%1; gave up after %2 attempts").arg(error).arg(info_.attempt), true);
  const qint64 delay = std::min<qint64>(qint64(options_.backoffInitialMs) << std::min(info_.attempt - 1, 20), options_.backoffMaxMs);
  info_.retryInMs = delay;
  setState(DownloadState::Waiting);
  retryTimer_.start(int(delay));
}

void DownloadJob::finishTransfer() {
  setState(DownloadState::Verifying);
  part_.close();
  const QString partPath = info_.request.partPath();
  const qint64 size = QFileInfo(partPath).size();
  if (info_.totalBytes > 0 && size != info_.totalBytes)
    return failNow(QStringLiteral("size mismatch: %1 bytes written, %2 expected").arg(size).arg(info_.totalBytes), false);
  if (!hash_ || hashedBytes_ != size) return failNow(QStringLiteral("internal error: the hash does not cover the file"), false);
  info_.sha256 = QString::fromLatin1(hash_->result().toHex());
  const QString expected = !info_.request.expectedSha256.isEmpty() ? info_.request.expectedSha256.toLower() : info_.linkedSha256;
  if (!expected.isEmpty() && expected != info_.sha256)
    return failNow(QStringLiteral("SHA-256 mismatch: expected %1, got %2; the file was deleted").arg(expected, info_.sha256), false);
  if (expected.isEmpty() && options_.requireHash)
    return failNow(QStringLiteral("no SHA-256 to verify the file against; the file was deleted"), false);
  info_.hashVerified = !expected.isEmpty();
  if (options_.verifyGguf && info_.request.fileName.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive)) {
    Result<GgufSummary> summary = readGgufSummary(partPath);
    if (!summary) return failNow(QStringLiteral("not a usable GGUF file (%1); the file was deleted").arg(summary.error()), false);
  }
  std::error_code ec;
  std::filesystem::rename(std::filesystem::path(partPath.toStdString()),
                          std::filesystem::path(info_.request.finalPath().toStdString()), ec);
  if (ec) return failNow(QStringLiteral("cannot rename %1: %2").arg(partPath, QString::fromStdString(ec.message())), true);
  hash_.reset();
  hashedBytes_ = -1;
  info_.error.clear();
  info_.partKept = false;
  setState(DownloadState::Completed);
  emit finished();
}

void DownloadJob::pause() {
  if (info_.state == DownloadState::Queued || info_.state == DownloadState::Failed) {
    setState(DownloadState::Paused);
    return;
  }
  if (!isActive(info_.state) || info_.state == DownloadState::Verifying) return;
  if (rehashThread_) {
    pausing_ = true;
    *rehashStop_ = true;
    return;
  }
  retryTimer_.stop();
  if (reply_) {
    pausing_ = true;
    reply_->abort();  // finishes synchronously: onReplyFinished() sets Paused
    return;
  }
  part_.close();
  setState(DownloadState::Paused);
  emit finished();
}

void DownloadJob::queue() {
  if (info_.state != DownloadState::Paused && info_.state != DownloadState::Failed) return;
  info_.error.clear();
  setState(DownloadState::Queued);
}

void DownloadJob::cancel() {
  cancelled_ = true;
  retryTimer_.stop();
  stallTimer_.stop();
  if (rehashThread_) {
    *rehashStop_ = true;
    return;  // the thread's end deletes nothing more and reports finished()
  }
  if (reply_) {
    reply_->abort();  // onReplyFinished() removes the .part
    return;
  }
  part_.close();
  QFile::remove(info_.request.partPath());
  emit finished();
}

}  // namespace causerie::models
