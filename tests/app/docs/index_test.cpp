// The documents index: a folder of every format indexes, unreadable files are listed with the
// reason while the rest indexes; re-indexing touches only what changed; deleted files lose their
// chunks (and their FTS rows); a newer schema is refused.
#include "docs/docs_database.h"
#include "docs/docs_index.h"

#include "docs_test_support.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <gtest/gtest.h>

namespace causerie::docs {
namespace {

using test::writeFile;

int count(DocsDatabase& db, const QString& sql) {
  QSqlQuery q(*db.connection());
  EXPECT_TRUE(q.exec(sql)) << sql.toStdString();
  return q.next() ? q.value(0).toInt() : -1;
}

class DocsIndexing : public ::testing::Test {
 protected:
  void SetUp() override {
    test::ensureGuiApp();
    corpus = dir.filePath(QStringLiteral("corpus"));
    QDir().mkpath(corpus + QStringLiteral("/sub"));
    writeFile(file("a.md"), "# Jardin\n\nLes tomates poussent au soleil.\n\n## Arrosage\n\nArroser le soir.\n");
    writeFile(file("b.txt"), "Une note sur les vélos.\n\nLes freins sont réglés.\n");
    writeFile(file("sub/c.html"), "<h1>Cuisine</h1><p>La soupe de légumes.</p>");
    test::writePdf(file("sub/d.pdf"), {QStringLiteral("Page un: les montagnes."), QStringLiteral("Page deux: les rivières.")});
    test::writeDocx(file("e.docx"), {{QStringLiteral("Heading1"), QStringLiteral("Budget")}, {QString(), QStringLiteral("Les dépenses du mois.")}});
    test::writeOdt(file("f.odt"), {{1, QStringLiteral("Voyage")}, {0, QStringLiteral("Un train pour Lyon.")}});
    writeFile(file("bad.txt"), QByteArray("\x00\x01\x02\x03binary", 10));
    QFile pdf(file("sub/d.pdf"));
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    writeFile(file("broken.pdf"), pdf.readAll().left(400));
    writeFile(file("ignored.png"), "not indexed");
    db = std::make_unique<DocsDatabase>(DocsDatabase::pathIn(dir.filePath(QStringLiteral("data"))));
    ASSERT_TRUE(db->open());
  }
  QString file(const char* name) const { return corpus + QLatin1Char('/') + QLatin1String(name); }

  // path -> chunk ids
  QMap<QString, QList<qint64>> chunkIds(DocsIndex& index) {
    QMap<QString, QList<qint64>> out;
    auto files = index.files(QStringLiteral("notes"));
    EXPECT_TRUE(files);
    for (const FileRecord& f : *files) {
      auto chunks = index.chunks(f.id);
      EXPECT_TRUE(chunks);
      QList<qint64> ids;
      for (const ChunkRecord& c : *chunks) ids << c.id;
      EXPECT_EQ(ids.size(), f.chunkCount) << f.path.toStdString();
      out.insert(QFileInfo(f.path).fileName(), ids);
    }
    return out;
  }

  QTemporaryDir dir;
  QString corpus;
  std::unique_ptr<DocsDatabase> db;
};

TEST_F(DocsIndexing, FolderIndexesAndUnreadableFilesAreListed) {
  DocsIndex index(*db);
  QList<IndexProgress> seen;
  IndexOptions options;
  options.progress = [&](const IndexProgress& p) { seen << p; };
  auto report = index.add(QStringLiteral("notes"), {corpus}, options);
  ASSERT_TRUE(report) << report.error().toStdString();
  EXPECT_EQ(report->added, 6);
  EXPECT_EQ(report->failed, 2);
  EXPECT_EQ(report->removed, 0);
  ASSERT_FALSE(seen.isEmpty());
  EXPECT_EQ(seen.last().done, 8);
  EXPECT_EQ(seen.last().total, 8);

  auto files = index.files(QStringLiteral("notes"));
  ASSERT_TRUE(files);
  ASSERT_EQ(files->size(), 8);
  int chunks = 0;
  for (const FileRecord& f : *files) {
    const QString name = QFileInfo(f.path).fileName();
    if (name == QLatin1String("bad.txt") || name == QLatin1String("broken.pdf")) {
      EXPECT_FALSE(f.indexed) << name.toStdString();
      EXPECT_FALSE(f.error.isEmpty());
      EXPECT_EQ(f.chunkCount, 0);
    } else {
      EXPECT_TRUE(f.indexed) << name.toStdString() << ": " << f.error.toStdString();
      EXPECT_GT(f.chunkCount, 0) << name.toStdString();
    }
    if (name == QLatin1String("d.pdf")) {
      EXPECT_EQ(f.pages, 2);
      auto c = index.chunks(f.id);
      ASSERT_TRUE(c);
      ASSERT_EQ(c->size(), 2);
      EXPECT_EQ(c->at(0).page, 1);
      EXPECT_TRUE(c->at(0).text.contains(QStringLiteral("montagnes")));
      EXPECT_EQ(c->at(1).page, 2);
      EXPECT_TRUE(c->at(1).text.contains(QStringLiteral("rivières")));
    }
    if (name == QLatin1String("a.md")) {
      auto c = index.chunks(f.id);
      ASSERT_TRUE(c);
      ASSERT_EQ(c->size(), 2);
      EXPECT_EQ(c->at(1).headingPath, (QStringList{QStringLiteral("Jardin"), QStringLiteral("Arrosage")}));
      EXPECT_EQ(c->at(1).page, 0);
    }
    chunks += f.chunkCount;
  }
  EXPECT_EQ(count(*db, QStringLiteral("SELECT count(*) FROM chunks")), chunks);
  EXPECT_EQ(count(*db, QStringLiteral("SELECT count(*) FROM chunks_fts")), chunks);
  EXPECT_EQ(report->chunks, chunks);
}

TEST_F(DocsIndexing, OnlyWhatChangedIsIndexedAgain) {
  DocsIndex index(*db);
  ASSERT_TRUE(index.add(QStringLiteral("notes"), {corpus}));
  const auto before = chunkIds(index);

  // Nothing changed.
  auto same = index.add(QStringLiteral("notes"), {corpus});
  ASSERT_TRUE(same);
  EXPECT_EQ(same->unchanged, 8);
  EXPECT_EQ(same->added + same->updated + same->removed, 0);
  EXPECT_EQ(chunkIds(index), before);

  // One file changes: only its chunks change.
  QThread::msleep(20);
  writeFile(file("b.txt"), "Une note sur les trottinettes.\n\nLes pneus sont gonflés.\n\nEt la batterie chargée.\n");
  // Another is written again with the same bytes: a new mtime, the same hash.
  QFile a(file("a.md"));
  ASSERT_TRUE(a.open(QIODevice::ReadOnly));
  const QByteArray aBytes = a.readAll();
  a.close();
  writeFile(file("a.md"), aBytes);
  auto changed = index.add(QStringLiteral("notes"), {corpus});
  ASSERT_TRUE(changed) << changed.error().toStdString();
  EXPECT_EQ(changed->updated, 1);
  EXPECT_EQ(changed->unchanged, 7);
  const auto after = chunkIds(index);
  for (auto it = before.begin(); it != before.end(); ++it) {
    if (it.key() == QLatin1String("b.txt")) {
      for (qint64 id : after.value(it.key())) EXPECT_FALSE(it.value().contains(id)) << "b.txt kept an old chunk";
      EXPECT_FALSE(after.value(it.key()).isEmpty());
    } else {
      EXPECT_EQ(after.value(it.key()), it.value()) << it.key().toStdString();
    }
  }
  for (qint64 id : before.value(QStringLiteral("b.txt"))) EXPECT_FALSE(index.chunk(id));

  // One file is deleted: its chunks go, with their FTS rows.
  ASSERT_TRUE(QFile::remove(file("sub/c.html")));
  auto removed = index.add(QStringLiteral("notes"), {corpus});
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->removed, 1);
  const auto last = chunkIds(index);
  EXPECT_FALSE(last.contains(QStringLiteral("c.html")));
  for (qint64 id : before.value(QStringLiteral("c.html"))) EXPECT_FALSE(index.chunk(id));
  int total = 0;
  for (const auto& ids : last) total += int(ids.size());
  EXPECT_EQ(count(*db, QStringLiteral("SELECT count(*) FROM chunks")), total);
  EXPECT_EQ(count(*db, QStringLiteral("SELECT count(*) FROM chunks_fts")), total);

  // The collection's roots are scanned again by refresh().
  writeFile(file("sub/new.md"), "Nouveau fichier.\n");
  auto refreshed = index.refresh(QStringLiteral("notes"));
  ASSERT_TRUE(refreshed);
  EXPECT_EQ(refreshed->added, 1);

  // Removing a folder removes its files.
  auto gone = index.remove(QStringLiteral("notes"), corpus + QStringLiteral("/sub"));
  ASSERT_TRUE(gone) << gone.error().toStdString();
  EXPECT_EQ(*gone, 2);  // d.pdf and new.md
  EXPECT_FALSE(chunkIds(index).contains(QStringLiteral("d.pdf")));
  EXPECT_FALSE(index.remove(QStringLiteral("notes"), corpus + QStringLiteral("/nothing-here")));
}

TEST_F(DocsIndexing, CollectionsAreSeparateAndMissingPathsRefused) {
  DocsIndex index(*db);
  ASSERT_TRUE(index.add(QStringLiteral("one"), {file("a.md")}));
  ASSERT_TRUE(index.add(QStringLiteral("two"), {file("b.txt"), file("e.docx")}));
  EXPECT_EQ(index.files(QStringLiteral("one"))->size(), 1);
  EXPECT_EQ(index.files(QStringLiteral("two"))->size(), 2);
  EXPECT_EQ(*index.collections(), (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
  auto missing = index.add(QStringLiteral("one"), {file("nope.md")});
  ASSERT_FALSE(missing);
  EXPECT_TRUE(missing.error().contains(QStringLiteral("no such file")));
  EXPECT_FALSE(index.files(QStringLiteral("three")));
  // A single file added as a root and then deleted goes on the next add of that path.
  ASSERT_TRUE(QFile::remove(file("a.md")));
  auto again = index.add(QStringLiteral("one"), {file("a.md")});
  ASSERT_TRUE(again) << again.error().toStdString();
  EXPECT_EQ(again->removed, 1);
  EXPECT_TRUE(index.files(QStringLiteral("one"))->isEmpty());
}

TEST_F(DocsIndexing, NewerSchemaIsRefusedUntouched) {
  const QString path = db->path();
  EXPECT_EQ(db->schemaVersion(), DocsDatabase::latestVersion());
  {
    QSqlQuery q(*db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(DocsDatabase::latestVersion() + 1)));
  }
  db->close();
  DocsDatabase newer(path);
  auto opened = newer.open();
  ASSERT_FALSE(opened);
  EXPECT_TRUE(opened.error().contains(QStringLiteral("newer version"))) << opened.error().toStdString();
}

}  // namespace
}  // namespace causerie::docs
