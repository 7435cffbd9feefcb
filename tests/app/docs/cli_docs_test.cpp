// `causerie-cli docs` through the real binary: add a folder (progress on stderr, unreadable files
// reported), list --json, search --json (fields, best first), remove, and the errors.
#include "docs_test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cstring>
#include <utility>

namespace causerie::docs {
namespace {

using test::writeFile;

struct CliRun {
  int rc = -1;
  QString out, err;
};

CliRun cli(const QStringList& args) {
  QProcess p;
  p.start(QStringLiteral(CAUSERIE_CLI), args);
  EXPECT_TRUE(p.waitForStarted());
  EXPECT_TRUE(p.waitForFinished(120000));
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QList<QJsonObject> jsonLines(const QString& out) {
  QList<QJsonObject> lines;
  for (const QString& line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << line.toStdString();
    EXPECT_TRUE(doc.isObject()) << line.toStdString();
    lines << doc.object();
  }
  return lines;
}

TEST(DocsCli, AddListSearchRemove) {
  test::ensureGuiApp();
  QTemporaryDir dir;
  const QString data = dir.filePath(QStringLiteral("data"));
  const QString corpus = dir.filePath(QStringLiteral("corpus"));
  QDir().mkpath(corpus + QStringLiteral("/manuel"));
  writeFile(corpus + QStringLiteral("/notes.md"), "# Notes\n\nLes mises à jour du serveur ont lieu le lundi.\n");
  test::writePdf(corpus + QStringLiteral("/manuel/guide.pdf"),
                 {QStringLiteral("Introduction au guide."), QStringLiteral("Les éléphants ne sont pas des serveurs.")});
  writeFile(corpus + QStringLiteral("/binary.txt"), QByteArray("\x00\xff\x00\xfe", 4));
  const QStringList common{QStringLiteral("--data-dir"), data, QStringLiteral("--collection"), QStringLiteral("travail")};

  CliRun add = cli(QStringList{QStringLiteral("docs"), QStringLiteral("add")} + common + QStringList{corpus});
  ASSERT_EQ(add.rc, 0) << add.err.toStdString();
  EXPECT_TRUE(add.err.contains(QStringLiteral("[1/3]"))) << add.err.toStdString();
  EXPECT_TRUE(add.err.contains(QStringLiteral("2 added"))) << add.err.toStdString();
  EXPECT_TRUE(add.err.contains(QStringLiteral("1 unreadable"))) << add.err.toStdString();
  EXPECT_TRUE(add.err.contains(QStringLiteral("binary.txt"))) << add.err.toStdString();
  EXPECT_TRUE(QFileInfo::exists(data + QStringLiteral("/documents.sqlite")));

  CliRun list = cli(QStringList{QStringLiteral("docs"), QStringLiteral("list")} + common + QStringList{QStringLiteral("--json")});
  ASSERT_EQ(list.rc, 0) << list.err.toStdString();
  const auto files = jsonLines(list.out);
  ASSERT_EQ(files.size(), 3) << list.out.toStdString();
  for (const QJsonObject& f : files) {
    const QString path = f.value(QStringLiteral("path")).toString();
    if (path.endsWith(QLatin1String("binary.txt"))) {
      EXPECT_EQ(f.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
      EXPECT_TRUE(f.value(QStringLiteral("error")).toString().contains(QStringLiteral("binary")));
      EXPECT_EQ(f.value(QStringLiteral("chunks")).toInt(-1), 0);
    } else {
      EXPECT_EQ(f.value(QStringLiteral("status")).toString(), QStringLiteral("indexed")) << path.toStdString();
      EXPECT_GT(f.value(QStringLiteral("chunks")).toInt(), 0);
    }
    if (path.endsWith(QLatin1String("guide.pdf"))) {
      EXPECT_EQ(f.value(QStringLiteral("pages")).toInt(), 2);
      EXPECT_EQ(f.value(QStringLiteral("chunks")).toInt(), 2);
    }
  }

  CliRun search = cli(QStringList{QStringLiteral("docs"), QStringLiteral("search")} + common +
                   QStringList{QStringLiteral("--k"), QStringLiteral("5"), QStringLiteral("--json"), QStringLiteral("éléphant")});
  ASSERT_EQ(search.rc, 0) << search.err.toStdString();
  auto hits = jsonLines(search.out);
  ASSERT_EQ(hits.size(), 1) << search.out.toStdString();
  EXPECT_TRUE(hits[0].value(QStringLiteral("path")).toString().endsWith(QLatin1String("manuel/guide.pdf")));
  EXPECT_EQ(hits[0].value(QStringLiteral("page")).toInt(), 2);
  EXPECT_TRUE(hits[0].value(QStringLiteral("heading")).isNull());
  EXPECT_TRUE(hits[0].value(QStringLiteral("snippet")).toString().contains(QStringLiteral("**éléphants**")));
  EXPECT_GT(hits[0].value(QStringLiteral("chunk_id")).toInteger(), 0);
  EXPECT_TRUE(hits[0].value(QStringLiteral("score")).isDouble());

  search = cli(QStringList{QStringLiteral("docs"), QStringLiteral("search")} + common +
               QStringList{QStringLiteral("--json"), QStringLiteral("mettre"), QStringLiteral("à"), QStringLiteral("jour"),
                           QStringLiteral("serveur")});
  ASSERT_EQ(search.rc, 0) << search.err.toStdString();
  hits = jsonLines(search.out);
  ASSERT_EQ(hits.size(), 2) << search.out.toStdString();
  EXPECT_TRUE(hits[0].value(QStringLiteral("path")).toString().endsWith(QLatin1String("notes.md")));
  EXPECT_EQ(hits[0].value(QStringLiteral("heading")).toString(), QStringLiteral("Notes"));
  EXPECT_TRUE(hits[0].value(QStringLiteral("page")).isNull());
  EXPECT_GE(hits[0].value(QStringLiteral("score")).toDouble(), hits[1].value(QStringLiteral("score")).toDouble());

  CliRun remove = cli(QStringList{QStringLiteral("docs"), QStringLiteral("remove")} + common +
                   QStringList{corpus + QStringLiteral("/manuel")});
  ASSERT_EQ(remove.rc, 0) << remove.err.toStdString();
  list = cli(QStringList{QStringLiteral("docs"), QStringLiteral("list")} + common + QStringList{QStringLiteral("--json")});
  EXPECT_EQ(jsonLines(list.out).size(), 2);
  search = cli(QStringList{QStringLiteral("docs"), QStringLiteral("search")} + common +
               QStringList{QStringLiteral("--json"), QStringLiteral("éléphant")});
  EXPECT_TRUE(search.out.trimmed().isEmpty()) << search.out.toStdString();

  // Errors: an unknown collection, a missing path, a missing query; exit status 1 with a message.
  CliRun unknown = cli({QStringLiteral("docs"), QStringLiteral("list"), QStringLiteral("--data-dir"), data,
                     QStringLiteral("--collection"), QStringLiteral("autre")});
  EXPECT_EQ(unknown.rc, 1);
  EXPECT_TRUE(unknown.err.contains(QStringLiteral("no collection named"))) << unknown.err.toStdString();
  CliRun missing = cli(QStringList{QStringLiteral("docs"), QStringLiteral("add")} + common +
                    QStringList{dir.filePath(QStringLiteral("nope"))});
  EXPECT_EQ(missing.rc, 1);
  EXPECT_TRUE(missing.err.contains(QStringLiteral("no such file or folder"))) << missing.err.toStdString();
  CliRun noQuery = cli(QStringList{QStringLiteral("docs"), QStringLiteral("search")} + common);
  EXPECT_EQ(noQuery.rc, 1);
  CliRun badOption = cli(QStringList{QStringLiteral("docs"), QStringLiteral("list"), QStringLiteral("--bogus")});
  EXPECT_EQ(badOption.rc, 1);
  EXPECT_TRUE(badOption.err.contains(QStringLiteral("unknown option --bogus")));
}

// The pipeline end to end with a tiny random bert from make-model (quality cannot be judged
// with random weights; what holds for any model is checked): embed writes a unit float32
// vector; docs add --embed-model stores a vector per chunk; search with the model is hybrid,
// and a query equal to a chunk's text finds that chunk first by vector (cosine 1); without the
// model it is lexical; another model is refused until the collection is embedded again.
TEST(DocsCli, EmbeddingModelAndHybridSearch) {
  QTemporaryDir dir;
  const QString data = dir.filePath(QStringLiteral("data"));
  const QString corpus = dir.filePath(QStringLiteral("corpus"));
  QDir().mkpath(corpus);
  const QStringList texts{QStringLiteral("La mise à jour des paquets se fait avec apt."),
                          QStringLiteral("Le pare-feu filtre le réseau."), QStringLiteral("The roses of the garden bloom in spring.")};
  for (int i = 0; i < texts.size(); ++i) writeFile(corpus + QStringLiteral("/t%1.txt").arg(i), texts[i].toUtf8());
  const QString model = dir.filePath(QStringLiteral("bert.gguf")), model2 = dir.filePath(QStringLiteral("bert2.gguf"));
  for (const auto& [path, seed] : {std::pair{model, "1"}, std::pair{model2, "2"}}) {
    CliRun make = cli({QStringLiteral("make-model"), QStringLiteral("--arch"), QStringLiteral("bert"), QStringLiteral("--embd"),
                       QStringLiteral("32"), QStringLiteral("--heads"), QStringLiteral("2"), QStringLiteral("--ff"), QStringLiteral("64"),
                       QStringLiteral("--ctx"), QStringLiteral("128"), QStringLiteral("--seed"), QString::fromLatin1(seed),
                       QStringLiteral("--out"), path});
    ASSERT_EQ(make.rc, 0) << make.err.toStdString();
  }
  const QString vec = dir.filePath(QStringLiteral("v.f32"));
  CliRun embed = cli({QStringLiteral("embed"), QStringLiteral("--model"), model, QStringLiteral("--text"), texts[0], QStringLiteral("--out"), vec});
  ASSERT_EQ(embed.rc, 0) << embed.err.toStdString();
  QFile f(vec);
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  const QByteArray bytes = f.readAll();
  ASSERT_EQ(bytes.size(), 32 * 4);
  double norm = 0;
  for (int i = 0; i < 32; ++i) {
    float x;
    std::memcpy(&x, bytes.constData() + 4 * i, 4);
    norm += double(x) * x;
  }
  EXPECT_NEAR(norm, 1.0, 1e-5);

  const QStringList common{QStringLiteral("--data-dir"), data, QStringLiteral("--collection"), QStringLiteral("c")};
  CliRun add = cli(QStringList{QStringLiteral("docs"), QStringLiteral("add")} + common +
                   QStringList{QStringLiteral("--embed-model"), model, corpus});
  ASSERT_EQ(add.rc, 0) << add.err.toStdString();
  EXPECT_TRUE(add.err.contains(QStringLiteral("3 embedded"))) << add.err.toStdString();
  for (int i = 0; i < texts.size(); ++i) {
    CliRun search = cli(QStringList{QStringLiteral("docs"), QStringLiteral("search")} + common +
                        QStringList{QStringLiteral("--embed-model"), model, QStringLiteral("--json"), texts[i]});
    ASSERT_EQ(search.rc, 0) << search.err.toStdString();
    const auto hits = jsonLines(search.out);
    ASSERT_EQ(hits.size(), 3) << search.out.toStdString();  // every chunk is a vector candidate
    bool own = false;
    for (const QJsonObject& h : hits) {
      EXPECT_EQ(h.value(QStringLiteral("retrieval")).toString(), QStringLiteral("hybrid"));
      if (!h.value(QStringLiteral("path")).toString().endsWith(QStringLiteral("/t%1.txt").arg(i))) continue;
      own = true;
      EXPECT_EQ(h.value(QStringLiteral("vector_rank")).toInt(), 1) << search.out.toStdString();
      EXPECT_NEAR(h.value(QStringLiteral("cosine")).toDouble(), 1.0, 1e-4);
    }
    EXPECT_TRUE(own) << search.out.toStdString();
    // The chunk's own text matches it lexically too: first after fusion
    EXPECT_TRUE(hits[0].value(QStringLiteral("path")).toString().endsWith(QStringLiteral("/t%1.txt").arg(i))) << search.out.toStdString();
  }
  // Without the model: lexical, said in each line
  CliRun lexical = cli(QStringList{QStringLiteral("docs"), QStringLiteral("search")} + common +
                       QStringList{QStringLiteral("--json"), QStringLiteral("paquets")});
  ASSERT_EQ(lexical.rc, 0) << lexical.err.toStdString();
  const auto lexicalHits = jsonLines(lexical.out);
  ASSERT_EQ(lexicalHits.size(), 1);
  EXPECT_EQ(lexicalHits[0].value(QStringLiteral("retrieval")).toString(), QStringLiteral("lexical"));
  EXPECT_TRUE(lexicalHits[0].value(QStringLiteral("vector_rank")).isNull());
  // Another model: refused for search, then the collection embedded again with it
  CliRun other = cli(QStringList{QStringLiteral("docs"), QStringLiteral("search")} + common +
                     QStringList{QStringLiteral("--embed-model"), model2, QStringLiteral("paquets")});
  EXPECT_EQ(other.rc, 1);
  EXPECT_TRUE(other.err.contains(QStringLiteral("embed it again"))) << other.err.toStdString();
  CliRun again = cli(QStringList{QStringLiteral("docs"), QStringLiteral("add")} + common +
                     QStringList{QStringLiteral("--embed-model"), model2, corpus});
  ASSERT_EQ(again.rc, 0) << again.err.toStdString();
  EXPECT_TRUE(again.err.contains(QStringLiteral("3 embedded"))) << again.err.toStdString();
  EXPECT_TRUE(again.err.contains(QStringLiteral("3 of another model dropped"))) << again.err.toStdString();
  other = cli(QStringList{QStringLiteral("docs"), QStringLiteral("search")} + common +
              QStringList{QStringLiteral("--embed-model"), model2, QStringLiteral("--json"), QStringLiteral("paquets")});
  ASSERT_EQ(other.rc, 0) << other.err.toStdString();
  EXPECT_EQ(jsonLines(other.out).value(0).value(QStringLiteral("retrieval")).toString(), QStringLiteral("hybrid"));
}

}  // namespace
// `ask`: the answer streamed on stdout (stories260K writes nonsense: only the flow is checked),
// then its sources, marker by marker, with file, page and heading; the excerpts were given in the
// prompt (its token count grows with them); a question that finds nothing says so.
TEST(DocsCli, AskAnswersThenListsItsSources) {
  const QString model = QStringLiteral(CAUSERIE_SHARED_DIR "/models/stories260K.gguf");
  if (!QFileInfo::exists(model)) GTEST_SKIP() << "no " << model.toStdString();
  test::ensureGuiApp();
  QTemporaryDir dir;
  const QString data = dir.filePath(QStringLiteral("data"));
  const QString corpus = dir.filePath(QStringLiteral("corpus"));
  QDir().mkpath(corpus);
  writeFile(corpus + QStringLiteral("/serveur.md"), "# Serveur\n\n## Mises à jour\n\nLes mises à jour du serveur ont lieu le lundi matin.\n");
  test::writePdf(corpus + QStringLiteral("/guide.pdf"),
                 {QStringLiteral("Introduction du guide."), QStringLiteral("Pour mettre à jour le poste, ouvrez le terminal.")});
  writeFile(corpus + QStringLiteral("/jardin.txt"), "Les tomates poussent au soleil.\n");
  const QStringList common{QStringLiteral("--data-dir"), data, QStringLiteral("--collection"), QStringLiteral("travail")};
  ASSERT_EQ(cli(QStringList{QStringLiteral("docs"), QStringLiteral("add")} + common + QStringList{corpus}).rc, 0);

  const QStringList ask = QStringList{QStringLiteral("ask")} + common +
                          QStringList{QStringLiteral("--model"), model, QStringLiteral("--cpu"), QStringLiteral("--n"), QStringLiteral("12"),
                                      QStringLiteral("--seed"), QStringLiteral("3")};
  CliRun fr = cli(ask + QStringList{QStringLiteral("Comment mettre à jour le serveur ?")});
  ASSERT_EQ(fr.rc, 0) << fr.err.toStdString();
  EXPECT_TRUE(fr.err.contains(QStringLiteral("lexical search only"))) << fr.err.toStdString();
  EXPECT_TRUE(fr.err.contains(QStringLiteral("2 excerpts found"))) << fr.err.toStdString();
  const qsizetype at = fr.out.indexOf(QStringLiteral("\nSources\u00A0:\n"));
  ASSERT_GT(at, 0) << fr.out.toStdString();  // the answer comes first
  const QStringList lines = fr.out.mid(at).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  ASSERT_EQ(lines.size(), 5) << fr.out.toStdString();  // the title, then a line and an excerpt per source
  const QString sources = fr.out.mid(at);
  EXPECT_TRUE(sources.contains(QRegularExpression(QStringLiteral("\\[[12]\\]\\*? .*/guide\\.pdf, page 2\n    Pour mettre à jour le poste"))))
      << sources.toStdString();
  EXPECT_TRUE(sources.contains(QRegularExpression(QStringLiteral("\\[[12]\\]\\*? .*/serveur\\.md, Serveur > Mises à jour\n"))))
      << sources.toStdString();
  EXPECT_TRUE(lines[1].startsWith(QStringLiteral("[1]")));
  EXPECT_TRUE(lines[3].startsWith(QStringLiteral("[2]")));
  EXPECT_FALSE(sources.contains(QStringLiteral("jardin.txt")));
  const QRegularExpression promptTokens(QStringLiteral("prompt (\\d+) tokens"));
  const int groundedTokens = promptTokens.match(fr.err).captured(1).toInt();

  CliRun none = cli(ask + QStringList{QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("xylophone")});
  ASSERT_EQ(none.rc, 0) << none.err.toStdString();
  EXPECT_TRUE(none.out.contains(QStringLiteral("\nNo sources found.\n"))) << none.out.toStdString();
  EXPECT_TRUE(none.err.contains(QStringLiteral("0 excerpts found"))) << none.err.toStdString();
  // The excerpts and the instruction were in the first prompt, not in this one.
  EXPECT_GT(groundedTokens, promptTokens.match(none.err).captured(1).toInt() + 40);

  // With an embedding model (a tiny random bert) that embedded the collection: hybrid search.
  const QString bert = dir.filePath(QStringLiteral("bert.gguf"));
  CliRun make = cli({QStringLiteral("make-model"), QStringLiteral("--arch"), QStringLiteral("bert"), QStringLiteral("--embd"), QStringLiteral("32"),
                     QStringLiteral("--heads"), QStringLiteral("2"), QStringLiteral("--ff"), QStringLiteral("64"), QStringLiteral("--ctx"),
                     QStringLiteral("128"), QStringLiteral("--out"), bert});
  ASSERT_EQ(make.rc, 0) << make.err.toStdString();
  CliRun unembedded = cli(ask + QStringList{QStringLiteral("--embed-model"), bert, QStringLiteral("Comment mettre à jour le serveur ?")});
  ASSERT_EQ(unembedded.rc, 0) << unembedded.err.toStdString();
  EXPECT_TRUE(unembedded.err.contains(QStringLiteral("has no vectors"))) << unembedded.err.toStdString();
  ASSERT_EQ(cli(QStringList{QStringLiteral("docs"), QStringLiteral("add")} + common + QStringList{QStringLiteral("--embed-model"), bert, corpus}).rc, 0);
  CliRun hybrid = cli(ask + QStringList{QStringLiteral("--embed-model"), bert, QStringLiteral("Comment mettre à jour le serveur ?")});
  ASSERT_EQ(hybrid.rc, 0) << hybrid.err.toStdString();
  EXPECT_TRUE(hybrid.err.contains(QStringLiteral("hybrid search (words and meaning)"))) << hybrid.err.toStdString();
  EXPECT_TRUE(hybrid.out.contains(QStringLiteral("serveur.md"))) << hybrid.out.toStdString();
  CliRun badModel = cli(ask + QStringList{QStringLiteral("--embed-model"), dir.filePath(QStringLiteral("none.gguf")), QStringLiteral("question")});
  EXPECT_NE(badModel.rc, 0);
  EXPECT_TRUE(badModel.err.contains(QStringLiteral("embedding model"))) << badModel.err.toStdString();

  CliRun missing = cli(QStringList{QStringLiteral("ask"), QStringLiteral("--data-dir"), data, QStringLiteral("--model"), model, QStringLiteral("question")});
  EXPECT_NE(missing.rc, 0);
  EXPECT_TRUE(missing.err.contains(QStringLiteral("--collection"))) << missing.err.toStdString();
}

}  // namespace causerie::docs
