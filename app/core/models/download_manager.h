// DownloadManager: the queue of model downloads.
//
// Each download is written to <dir>/<file>.part, hashed (SHA-256) while it streams, compared with
// the expected hash (the catalog's or --sha256, else the X-Linked-Etag Hugging Face sends for LFS
// files), checked (size, GGUF structure for *.gguf), then renamed atomically to <dir>/<file>.
// A .part is never an installed model. Pause keeps the .part; resume continues with an HTTP Range
// request (If-Range guards against a changed file) after re-hashing the .part when the process
// restarted. Network errors, 408/429/5xx and stalls are retried with exponential backoff; 4xx
// fail at once. Redirects are followed (never from HTTPS to HTTP); TLS errors are never ignored.
// State lives in ModelsDb (table downloads), so the queue survives a restart.
//
// Lives on one thread (the GUI thread or the CLI's); signals carry the download id.
#pragma once

#include "models/download_types.h"
#include "models/models_result.h"

#include <QList>
#include <QMap>
#include <QObject>

#include <optional>

class QNetworkAccessManager;

namespace causerie::models {

class DownloadJob;
class ModelsDb;

class DownloadManager : public QObject {
  Q_OBJECT
 public:
  // `db` must be open and outlive the manager; `nam` may be null (the manager makes its own).
  DownloadManager(ModelsDb& db, DownloadOptions options = {}, QNetworkAccessManager* nam = nullptr,
                  QObject* parent = nullptr);
  ~DownloadManager() override;  // leaves running downloads resumable (state kept as interrupted)

  // Loads the downloads kept in the database; interrupted ones are queued again when
  // options.resumeOnOpen, else paused.
  Status open();

  // Adds a download to the queue and starts it when a slot is free. Fails if the same
  // destination is already in the queue or the file is already there.
  Result<qint64> enqueue(const DownloadRequest& request);
  void pause(qint64 id);
  void resume(qint64 id);   // Paused or Failed -> Queued (continues from a kept .part)
  void cancel(qint64 id);   // stops, deletes the .part, forgets the download (downloadRemoved)
  void forget(qint64 id);   // removes a Completed/Failed/Paused entry from the list (keeps files)
  void pauseAll();

  QList<DownloadInfo> downloads() const;  // in queue order (oldest first)
  std::optional<DownloadInfo> download(qint64 id) const;
  int activeCount() const;
  bool hasPendingWork() const;  // anything queued or active

  const DownloadOptions& options() const { return options_; }
  void setMaxConcurrent(int n);

 signals:
  void downloadAdded(qint64 id);
  void downloadChanged(qint64 id);       // progress (at most ~10/s per download) or state
  void downloadRemoved(qint64 id);
  void downloadFinished(qint64 id, bool ok, const QString& error);  // Completed or Failed

 private:
  DownloadJob* makeJob(const DownloadInfo& info);
  void schedule();
  void onJobChanged(DownloadJob* job, bool important);
  void onJobFinished(DownloadJob* job);
  void save(const DownloadInfo& info);
  void eraseRow(qint64 id);

  ModelsDb& db_;
  DownloadOptions options_;
  QNetworkAccessManager* nam_;
  QMap<qint64, DownloadJob*> jobs_;
  QMap<qint64, qint64> lastSaveMs_;
  bool scheduling_ = false;
};

}  // namespace causerie::models
