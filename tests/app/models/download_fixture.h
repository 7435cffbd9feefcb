// Shared fixture of the download tests: a temporary folder, the models database, the local HTTP
// server and a manager with short delays.
#pragma once

#include "http_test_server.h"
#include "models/download_manager.h"
#include "models/models_db.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>

namespace causerie::models::test {

inline QByteArray randomBytes(qsizetype n, quint32 seed) {
  QByteArray out(n, Qt::Uninitialized);
  QRandomGenerator gen(seed);
  for (qsizetype i = 0; i < n; ++i) out[i] = char(gen.generate() & 0xff);
  return out;
}

inline QString sha256Hex(const QByteArray& bytes) {
  return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

inline QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

class DownloadFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ensureApp();
    ASSERT_TRUE(tmp_.isValid());
    ASSERT_TRUE(server_.listen());
    modelsDir_ = tmp_.filePath(QStringLiteral("models"));
    db_ = std::make_unique<ModelsDb>(tmp_.filePath(QStringLiteral("models.db")));
    ASSERT_TRUE(db_->open().ok());
  }

  static DownloadOptions fastOptions() {
    DownloadOptions o;
    o.backoffInitialMs = 40;
    o.backoffMaxMs = 200;
    o.stallTimeoutMs = 400;
    o.maxAttempts = 4;
    o.reserveBytes = 0;
    return o;
  }

  std::unique_ptr<DownloadManager> makeManager(DownloadOptions o = fastOptions()) {
    auto m = std::make_unique<DownloadManager>(*db_, std::move(o));
    EXPECT_TRUE(m->open().ok());
    return m;
  }

  DownloadRequest request(const QByteArray& path, const QString& name, const QString& sha = {}) const {
    DownloadRequest r;
    r.url = QUrl(QString::fromLatin1(server_.url(path)));
    r.dir = modelsDir_;
    r.fileName = name;
    r.expectedSha256 = sha;
    return r;
  }

  static bool done(const DownloadManager& m, qint64 id) {
    const auto d = m.download(id);
    return !d || d->state == DownloadState::Completed || d->state == DownloadState::Failed;
  }

  // Enqueues, waits for the end and returns the final info.
  DownloadInfo run(DownloadManager& m, const DownloadRequest& r, int ms = 15000) {
    Result<qint64> id = m.enqueue(r);
    EXPECT_TRUE(id.ok()) << id.error().toStdString();
    if (!id) return {};
    EXPECT_TRUE(waitFor([&] { return done(m, *id); }, ms));
    return m.download(*id).value_or(DownloadInfo{});
  }

  QStringList filesInModels() const {
    return QDir(modelsDir_).entryList(QDir::Files | QDir::NoDotAndDotDot);
  }

  QTemporaryDir tmp_;
  HttpTestServer server_;
  QString modelsDir_;
  std::unique_ptr<ModelsDb> db_;
};

}  // namespace causerie::models::test
