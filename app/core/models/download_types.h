// Plain data of the download manager: what to fetch, where it stands, and the knobs.
#pragma once

#include <QDir>
#include <QString>
#include <QUrl>

#include <functional>

namespace causerie::models {

enum class DownloadState {
  Queued,     // waiting for a free slot
  Checking,   // re-hashing an existing .part before resuming
  Running,    // transferring
  Waiting,    // a network error: retrying after a backoff delay
  Paused,     // by the user, or left paused at startup
  Verifying,  // transfer done: hash/size/GGUF checks, then the atomic rename
  Completed,  // verified and renamed: the model is installed
  Failed,     // see DownloadInfo::error; resume() retries from the .part when one is kept
};
QString downloadStateName(DownloadState s);  // "queued", "running"... (stable, for the DB too)
DownloadState downloadStateFromName(const QString& name);
bool isActive(DownloadState s);  // holds a slot: Checking, Running, Waiting, Verifying

struct DownloadRequest {
  QUrl url;                // http(s); redirects are followed (never https -> http)
  QString dir;             // destination folder
  QString fileName;        // final name; the transfer writes fileName + ".part"
  QString catalogId;       // optional, for the UI
  QString expectedSha256;  // lowercase hex; empty: use X-Linked-Etag when the server sends one
  qint64 expectedSize = 0; // optional (0 = unknown), for the free-space check before the headers

  QString finalPath() const { return QDir(dir).filePath(fileName); }
  QString partPath() const { return finalPath() + QStringLiteral(".part"); }
};

struct DownloadInfo {
  qint64 id = 0;
  DownloadRequest request;
  DownloadState state = DownloadState::Queued;
  qint64 receivedBytes = 0;
  qint64 totalBytes = 0;        // 0 = unknown yet
  double bytesPerSecond = 0;    // over the last few seconds
  qint64 secondsLeft = -1;      // -1 = unknown
  int attempt = 0;              // failed attempts in a row (reset when bytes arrive)
  qint64 retryInMs = 0;         // in state Waiting
  QString error;                // the reason, one line, in state Failed (or the last retried error)
  bool partKept = false;        // Failed with a trustworthy .part: resume() continues from it
  QString sha256;               // of the completed file
  bool hashVerified = false;    // sha256 matched the catalog/--sha256/X-Linked-Etag value
  QString linkedSha256;         // what the server announced (X-Linked-Etag), if anything
  QString validator;            // ETag or Last-Modified of the resource, sent as If-Range
};

struct DownloadOptions {
  int maxConcurrent = 2;
  int maxAttempts = 6;            // per error streak; then Failed
  int backoffInitialMs = 1000;    // doubles each attempt
  int backoffMaxMs = 60000;
  int stallTimeoutMs = 30000;     // no byte for this long: abort and retry
  qint64 reserveBytes = 64ll << 20;  // free space left over after the download
  bool requireHash = false;       // true: fail when no SHA-256 is known to compare with
  bool verifyGguf = true;         // *.gguf files must parse (all tensors inside the file)
  bool resumeOnOpen = true;       // downloads interrupted by a quit restart on open()
  // Free bytes in a folder (default: QStorageInfo). Injectable for tests.
  std::function<qint64(const QString& dir)> freeSpace;
};

}  // namespace causerie::models
