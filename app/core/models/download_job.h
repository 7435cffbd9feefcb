// One download: the HTTP transfer into <name>.part with Range resume, SHA-256 while streaming,
// redirects, retries with backoff, stall detection, then verification and the atomic rename.
// Internal to DownloadManager, which owns the jobs, the queue and the persistence.
#pragma once

#include "models/download_types.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QThread;

namespace causerie::models {

class DownloadJob : public QObject {
  Q_OBJECT
 public:
  DownloadJob(DownloadInfo info, const DownloadOptions& options, QNetworkAccessManager* nam, QObject* parent);
  ~DownloadJob() override;

  const DownloadInfo& info() const { return info_; }
  void start();   // Queued/Paused/Failed -> Checking/Running
  void pause();   // keeps the .part
  void cancel();  // deletes the .part; emits finished() with state Failed and error "cancelled"
  void queue();   // Paused/Failed -> Queued (the manager starts it when a slot is free)
  bool hashing() const { return rehashThread_ != nullptr; }

 signals:
  // Something changed; `important` for state changes (persist now), false for progress.
  void changed(bool important);
  void finished();  // Completed, Failed, Paused after pause(), or cancelled

 private:
  void setState(DownloadState s);
  void failNow(const QString& error, bool keepPart);
  void beginTransfer();             // after the .part is checked
  void rehashPart(qint64 size);     // on a worker thread
  void sendRequest(const QUrl& url);
  void onHeaders();
  void onReadyRead();
  void onReplyFinished();
  void onStall();
  void scheduleRetry(const QString& error);
  void finishTransfer();
  void resetPart();                 // truncate the .part to zero and reset the hash
  bool checkFreeSpace();
  void updateSpeed();
  void dropReply();
  qint64 freeSpace() const;

  DownloadInfo info_;
  const DownloadOptions& options_;
  QNetworkAccessManager* nam_;
  QPointer<QNetworkReply> reply_;
  QFile part_;
  std::unique_ptr<QCryptographicHash> hash_;
  qint64 hashedBytes_ = -1;        // bytes of the .part covered by hash_; -1: none
  QTimer stallTimer_;
  QTimer retryTimer_;
  QElapsedTimer clock_;
  QList<QPair<qint64, qint64>> samples_;  // (ms, received) for the speed
  qint64 lastProgressEmit_ = 0;
  QThread* rehashThread_ = nullptr;
  std::shared_ptr<std::atomic_bool> rehashStop_;
  QUrl currentUrl_;
  int redirects_ = 0;
  bool accepting_ = false;          // this reply's body goes into the .part
  bool pausing_ = false, cancelled_ = false, stalled_ = false;
  bool rangeResetTried_ = false;
  bool progressThisAttempt_ = false;
  QString abortReason_;             // set when we abort a reply ourselves for a reason
  bool abortKeepsPart_ = true;
  bool abortRetryable_ = false;
};

}  // namespace causerie::models
