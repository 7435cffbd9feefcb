#include "docs/docs_database.h"

#include <QDir>

namespace causerie::docs {
namespace {

storage::DatabaseOptions docsOptions() {
  storage::DatabaseOptions o;
  o.recoverInterruptedReplies = false;  // no replies here
  o.migrations = &docsMigrations();
  o.kind = QStringLiteral("documents index");
  return o;
}

}  // namespace

int DocsDatabase::latestVersion() { return docsMigrations().back().version; }

QString DocsDatabase::pathIn(const QString& dataDir) {
  return QDir(dataDir).filePath(QStringLiteral("documents.sqlite"));
}

DocsDatabase::DocsDatabase(QString path) : db_(std::move(path), docsOptions()) {}

}  // namespace causerie::docs
