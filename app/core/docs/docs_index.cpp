#include "docs/docs_index.h"

#include "docs/extract.h"
#include "docs/text_analysis.h"
#include "storage/sql.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace causerie::docs {
namespace {

using storage::Sql;
using storage::Transaction;

Result<Sql> sqlOn(const DocsDatabase& db) {
  auto c = db.connection();
  if (!c) return Error{c.error()};
  return Sql(*c);
}

QString headingJson(const QStringList& path) {
  if (path.isEmpty()) return {};
  return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(path)).toJson(QJsonDocument::Compact));
}

QStringList headingFromJson(const QVariant& value) {
  if (value.isNull()) return {};
  QStringList out;
  for (const auto& v : QJsonDocument::fromJson(value.toString().toUtf8()).array()) out << v.toString();
  return out;
}

Result<QString> sha256Of(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return fail(QStringLiteral("cannot read: %1").arg(file.errorString()));
  QCryptographicHash hash(QCryptographicHash::Sha256);
  if (!hash.addData(&file)) return fail(QStringLiteral("cannot read: %1").arg(file.errorString()));
  return QString::fromLatin1(hash.result().toHex());
}

// Paths under `folder` (or `folder` itself), as an SQL condition on column `path` with 2 binds.
const char* kUnder = "(path = ? OR substr(path, 1, length(?) + 1) = ? || '/')";

QString dirPrefix(const QString& folder) { return folder.endsWith(QLatin1Char('/')) ? folder.chopped(1) : folder; }

ChunkRecord chunkFromQuery(const QSqlQuery& q) {
  ChunkRecord c;
  c.id = q.value(0).toLongLong();
  c.fileId = q.value(1).toLongLong();
  c.ordinal = q.value(2).toInt();
  c.page = q.value(3).isNull() ? 0 : q.value(3).toInt();
  c.headingPath = headingFromJson(q.value(4));
  c.charStart = q.value(5).toLongLong();
  c.charEnd = q.value(6).toLongLong();
  c.tokens = q.value(7).toInt();
  c.text = q.value(8).toString();
  return c;
}

const char* kChunkColumns = "id, file_id, ordinal, page, heading_path, char_start, char_end, tokens, text";

}  // namespace

QString normalizedPath(const QString& path) { return QDir::cleanPath(QFileInfo(path).absoluteFilePath()); }

Result<qint64> DocsIndex::collection(const QString& name, bool create) {
  if (name.trimmed().isEmpty()) return fail(QStringLiteral("a collection needs a name"));
  auto sql = sqlOn(db_);
  if (!sql) return Error{sql.error()};
  auto id = sql->scalar(QStringLiteral("SELECT id FROM collections WHERE name = ?"), {name});
  if (!id) return Error{id.error()};
  if (id->isValid()) return id->toLongLong();
  if (!create) return fail(QStringLiteral("no collection named \"%1\"").arg(name));
  return sql->insert(QStringLiteral("INSERT INTO collections (name, created_at) VALUES (?, ?)"),
                     {name, QDateTime::currentMSecsSinceEpoch()});
}

Result<QStringList> DocsIndex::collections() {
  auto sql = sqlOn(db_);
  if (!sql) return Error{sql.error()};
  auto q = sql->query(QStringLiteral("SELECT name FROM collections ORDER BY name"));
  if (!q) return Error{q.error()};
  QStringList names;
  while (q->next()) names << q->value(0).toString();
  return names;
}

Status DocsIndex::removeCollection(const QString& name) {
  auto cid = collection(name, false);
  if (!cid) return Error{cid.error()};
  auto sql = sqlOn(db_);
  if (!sql) return Error{sql.error()};
  auto removed = sql->exec(QStringLiteral("DELETE FROM collections WHERE id = ?"), {*cid});
  if (!removed) return Error{removed.error()};
  return {};
}

Result<QStringList> DocsIndex::roots(const QString& collectionName) {
  auto cid = collection(collectionName, false);
  if (!cid) return Error{cid.error()};
  auto sql = sqlOn(db_);
  if (!sql) return Error{sql.error()};
  auto q = sql->query(QStringLiteral("SELECT path FROM roots WHERE collection_id = ? ORDER BY path"), {*cid});
  if (!q) return Error{q.error()};
  QStringList out;
  while (q->next()) out << q->value(0).toString();
  return out;
}

Result<IndexReport> DocsIndex::refresh(const QString& collectionName, const IndexOptions& options) {
  auto r = roots(collectionName);
  if (!r) return Error{r.error()};
  return add(collectionName, *r, options);
}

Result<IndexReport> DocsIndex::add(const QString& collectionName, const QStringList& paths, const IndexOptions& options) {
  auto sql = sqlOn(db_);
  if (!sql) return Error{sql.error()};
  // Every path exists, or is known to the index (then it was deleted: its files go).
  QStringList clean;
  for (const QString& p : paths) {
    const QString path = dirPrefix(normalizedPath(p));
    if (!QFileInfo::exists(path)) {
      auto known = collection(collectionName, false);
      bool inIndex = false;
      if (known) {
        auto n = sql->scalar(QStringLiteral("SELECT count(*) FROM roots WHERE collection_id = ? AND path = ?"), {*known, path});
        inIndex = n && n->toInt() > 0;
      }
      if (!inIndex) return fail(QStringLiteral("%1: no such file or folder").arg(p));
    }
    clean << path;
  }
  auto cid = collection(collectionName, true);
  if (!cid) return Error{cid.error()};

  IndexReport report;
  QStringList found;      // files to look at, in order
  QSet<QString> present;  // all of them
  for (const QString& path : clean) {
    auto root = sql->exec(QStringLiteral("INSERT OR IGNORE INTO roots (collection_id, path) VALUES (?, ?)"), {*cid, path});
    if (!root) return Error{root.error()};
    const QFileInfo info(path);
    if (info.isDir()) {
      QStringList inFolder;
      QDirIterator it(path, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
      while (it.hasNext()) {
        const QString file = it.next();
        if (!formatForPath(file).isEmpty()) inFolder << QDir::cleanPath(file);
      }
      inFolder.sort();
      for (const QString& f : inFolder)
        if (!present.contains(f)) found << f, present.insert(f);
    } else if (info.isFile()) {
      if (!present.contains(path)) found << path, present.insert(path);
    }
  }

  // Files of these roots that are gone from the disk.
  for (const QString& path : clean) {
    auto q = sql->query(QStringLiteral("SELECT id, path FROM files WHERE collection_id = ? AND %1").arg(QLatin1String(kUnder)),
                        {*cid, path, path, path});
    if (!q) return Error{q.error()};
    QList<qint64> gone;
    while (q->next())
      if (!present.contains(q->value(1).toString())) gone << q->value(0).toLongLong();
    q->finish();
    for (qint64 id : gone) {
      auto r = sql->exec(QStringLiteral("DELETE FROM files WHERE id = ?"), {id});
      if (!r) return Error{r.error()};
      ++report.removed;
    }
    if (!QFileInfo::exists(path)) {
      auto r = sql->exec(QStringLiteral("DELETE FROM roots WHERE collection_id = ? AND path = ?"), {*cid, path});
      if (!r) return Error{r.error()};
    }
  }

  IndexProgress progress;
  progress.total = int(found.size());
  for (const QString& file : found) {
    if (options.cancel && options.cancel->load()) {
      report.cancelled = true;
      break;
    }
    progress.path = file;
    if (options.progress) options.progress(progress);
    int chunks = 0;
    auto outcome = indexFile(*cid, file, options.chunking, chunks);
    if (!outcome) return Error{outcome.error()};
    switch (*outcome) {
      case Outcome::Added: ++report.added; break;
      case Outcome::Updated: ++report.updated; break;
      case Outcome::Unchanged: ++report.unchanged; break;
      case Outcome::Failed: ++report.failed; break;
    }
    report.chunks += chunks;
    ++progress.done;
  }
  if (options.progress && !report.cancelled) {
    progress.path.clear();
    options.progress(progress);
  }
  return report;
}

Result<DocsIndex::Outcome> DocsIndex::indexFile(qint64 collectionId, const QString& path, const ChunkOptions& chunking,
                                                int& chunkCount) {
  auto sql = sqlOn(db_);
  if (!sql) return Error{sql.error()};
  const QFileInfo info(path);
  const qint64 size = info.size();
  const qint64 mtime = info.lastModified().toMSecsSinceEpoch();
  qint64 fileId = 0;
  QString oldHash;
  bool wasIndexed = false;
  {
    auto q = sql->query(QStringLiteral("SELECT id, size, mtime_ms, sha256, status FROM files WHERE collection_id = ? AND path = ?"),
                        {collectionId, path});
    if (!q) return Error{q.error()};
    if (q->next()) {
      fileId = q->value(0).toLongLong();
      if (q->value(1).toLongLong() == size && q->value(2).toLongLong() == mtime) return Outcome::Unchanged;
      oldHash = q->value(3).toString();
      wasIndexed = q->value(4).toString() == QLatin1String("indexed");
    }
  }
  auto hash = sha256Of(path);
  if (hash && fileId > 0 && *hash == oldHash && wasIndexed) {
    auto r = sql->exec(QStringLiteral("UPDATE files SET size = ?, mtime_ms = ? WHERE id = ?"), {size, mtime, fileId});
    if (!r) return Error{r.error()};
    return Outcome::Unchanged;
  }

  Result<ExtractedDocument> document = hash ? extractFile(path) : Result<ExtractedDocument>(Error{hash.error()});
  QList<Chunk> chunks;
  Language language = Language::French;
  if (document) {
    chunks = chunkDocument(*document, chunking);
    language = detectLanguage(document->text);
  }

  Transaction transaction(*sql);
  if (auto begun = transaction.begin(); !begun) return Error{begun.error()};
  const QVariantList fields{formatForPath(path),
                            size,
                            mtime,
                            hash ? *hash : QString(),
                            QString::fromLatin1(languageCode(language)),
                            document ? document->pageCount : 0,
                            document ? QStringLiteral("indexed") : QStringLiteral("error"),
                            document ? QString() : document.error(),
                            int(chunks.size()),
                            QDateTime::currentMSecsSinceEpoch()};
  const bool existed = fileId > 0;
  if (existed) {
    auto d = sql->exec(QStringLiteral("DELETE FROM chunks WHERE file_id = ?"), {fileId});
    if (!d) return Error{d.error()};
    auto u = sql->exec(QStringLiteral("UPDATE files SET format = ?, size = ?, mtime_ms = ?, sha256 = ?, language = ?, pages = ?,"
                                      " status = ?, error = ?, chunk_count = ?, indexed_at = ? WHERE id = ?"),
                       QVariantList(fields) << fileId);
    if (!u) return Error{u.error()};
  } else {
    auto id = sql->insert(QStringLiteral("INSERT INTO files (format, size, mtime_ms, sha256, language, pages, status, error,"
                                         " chunk_count, indexed_at, collection_id, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                          QVariantList(fields) << collectionId << path);
    if (!id) return Error{id.error()};
    fileId = *id;
  }
  if (document) {
    QSqlQuery insertChunk(sql->db());
    QSqlQuery insertFts(sql->db());
    if (!insertChunk.prepare(QStringLiteral("INSERT INTO chunks (file_id, ordinal, page, heading_path, char_start, char_end,"
                                            " tokens, language, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) ||
        !insertFts.prepare(QStringLiteral("INSERT INTO chunks_fts (rowid, stems, words) VALUES (?, ?, ?)"))) {
      return fail(QStringLiteral("cannot prepare the chunk insert: %1").arg(insertChunk.lastError().text()));
    }
    for (qsizetype i = 0; i < chunks.size(); ++i) {
      const Chunk& c = chunks[i];
      const QString text = document->text.mid(c.start, c.end - c.start);
      const QString heading = headingJson(c.headingPath);
      // Each chunk in its own language when it says clearly (a partly translated manual), else the document's.
      const Language chunkLanguage = detectLanguage(text, language, 5);
      insertChunk.bindValue(0, fileId);
      insertChunk.bindValue(1, int(i));
      insertChunk.bindValue(2, c.page > 0 ? QVariant(c.page) : QVariant(QMetaType(QMetaType::Int)));
      insertChunk.bindValue(3, heading.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(heading));
      insertChunk.bindValue(4, qint64(c.start));
      insertChunk.bindValue(5, qint64(c.end));
      insertChunk.bindValue(6, c.tokens);
      insertChunk.bindValue(7, QString::fromLatin1(languageCode(chunkLanguage)));
      insertChunk.bindValue(8, text);
      if (!insertChunk.exec()) return fail(QStringLiteral("cannot store a chunk: %1").arg(insertChunk.lastError().text()));
      const qint64 chunkId = insertChunk.lastInsertId().toLongLong();
      // The heading path is indexed with the chunk: a section's title describes its text.
      const QString indexed = c.headingPath.isEmpty() ? text : c.headingPath.join(QLatin1Char('\n')) + QLatin1Char('\n') + text;
      insertFts.bindValue(0, chunkId);
      insertFts.bindValue(1, stemmedText(indexed, chunkLanguage));
      insertFts.bindValue(2, foldedText(indexed));
      if (!insertFts.exec()) return fail(QStringLiteral("cannot index a chunk: %1").arg(insertFts.lastError().text()));
    }
  }
  if (auto committed = transaction.commit(); !committed) return Error{committed.error()};
  chunkCount = int(chunks.size());
  if (!document) return Outcome::Failed;
  return existed ? Outcome::Updated : Outcome::Added;
}

Result<int> DocsIndex::remove(const QString& collectionName, const QString& p) {
  auto cid = collection(collectionName, false);
  if (!cid) return Error{cid.error()};
  auto sql = sqlOn(db_);
  if (!sql) return Error{sql.error()};
  const QString path = dirPrefix(normalizedPath(p));
  Transaction transaction(*sql);
  if (auto begun = transaction.begin(); !begun) return Error{begun.error()};
  auto removed = sql->exec(QStringLiteral("DELETE FROM files WHERE collection_id = ? AND %1").arg(QLatin1String(kUnder)),
                           {*cid, path, path, path});
  if (!removed) return Error{removed.error()};
  auto roots = sql->exec(QStringLiteral("DELETE FROM roots WHERE collection_id = ? AND %1").arg(QLatin1String(kUnder)),
                         {*cid, path, path, path});
  if (!roots) return Error{roots.error()};
  if (auto committed = transaction.commit(); !committed) return Error{committed.error()};
  if (*removed == 0 && *roots == 0) return fail(QStringLiteral("%1 is not in the collection \"%2\"").arg(p, collectionName));
  return *removed;
}

Result<QList<FileRecord>> DocsIndex::files(const QString& collectionName) {
  auto cid = collection(collectionName, false);
  if (!cid) return Error{cid.error()};
  auto sql = sqlOn(db_);
  if (!sql) return Error{sql.error()};
  auto q = sql->query(QStringLiteral("SELECT id, path, format, size, mtime_ms, sha256, language, pages, status, error,"
                                     " chunk_count FROM files WHERE collection_id = ? ORDER BY path"),
                      {*cid});
  if (!q) return Error{q.error()};
  QList<FileRecord> out;
  while (q->next()) {
    FileRecord f;
    f.id = q->value(0).toLongLong();
    f.path = q->value(1).toString();
    f.format = q->value(2).toString();
    f.size = q->value(3).toLongLong();
    f.mtimeMs = q->value(4).toLongLong();
    f.sha256 = q->value(5).toString();
    f.language = q->value(6).toString();
    f.pages = q->value(7).toInt();
    f.indexed = q->value(8).toString() == QLatin1String("indexed");
    f.error = q->value(9).toString();
    f.chunkCount = q->value(10).toInt();
    out << f;
  }
  return out;
}

Result<QList<ChunkRecord>> DocsIndex::chunks(qint64 fileId) {
  auto sql = sqlOn(db_);
  if (!sql) return Error{sql.error()};
  auto q = sql->query(QStringLiteral("SELECT %1 FROM chunks WHERE file_id = ? ORDER BY ordinal").arg(QLatin1String(kChunkColumns)),
                      {fileId});
  if (!q) return Error{q.error()};
  QList<ChunkRecord> out;
  while (q->next()) out << chunkFromQuery(*q);
  return out;
}

Result<ChunkRecord> DocsIndex::chunk(qint64 chunkId) {
  auto sql = sqlOn(db_);
  if (!sql) return Error{sql.error()};
  auto q = sql->query(QStringLiteral("SELECT %1 FROM chunks WHERE id = ?").arg(QLatin1String(kChunkColumns)), {chunkId});
  if (!q) return Error{q.error()};
  if (!q->next()) return fail(QStringLiteral("no chunk %1").arg(chunkId));
  return chunkFromQuery(*q);
}

}  // namespace causerie::docs
