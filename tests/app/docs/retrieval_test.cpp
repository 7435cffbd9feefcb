// Retrieval quality on a real French corpus: the Debian Reference in French (HTML, from the
// Debian package debian-reference-fr, a test dependency in scripts/setup). Questions written for
// this test, each with the chapter file and the section (its number) that answers it; recall@5 of
// lexical search with and without stemming is printed. Only a sane floor is asserted.
#include "docs/docs_database.h"
#include "docs/docs_index.h"
#include "docs/docs_search.h"
#include "docs/extract.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cstdio>

namespace causerie::docs {
namespace {

const char* kCorpus = "/usr/share/debian-reference";

struct Question {
  const char* text;
  const char* file;     // the chapter's file name
  const char* section;  // the number of the section that answers, as its heading starts
};

// Worded as a user would ask, not copied from the headings (other inflections and words).
const Question kQuestions[] = {
    {"Comment convertir l'encodage d'un fichier texte avec iconv ?", "ch11.fr.html", "11.1.1."},
    {"Comment gérer mes clés GnuPG ?", "ch10.fr.html", "10.3.1."},
    {"Configurer son client git", "ch10.fr.html", "10.5.1."},
    {"Comment tuer un processus bloqué ?", "ch09.fr.html", "9.4.12."},
    {"Comment désactiver le bip du terminal ?", "ch09.fr.html", "9.5.9."},
    {"Optimiser un disque SSD", "ch09.fr.html", "9.6.10."},
    {"Monter une image ISO9660", "ch09.fr.html", "9.7.8."},
    {"Effacer de façon sûre le contenu d'un fichier", "ch09.fr.html", "9.8.6."},
    {"Résoudre des problèmes de connexion SSH", "ch06.fr.html", "6.3.9."},
    {"Se connecter à un hôte distant sans mot de passe", "ch06.fr.html", "6.3.3."},
    {"Configurer exim4", "ch06.fr.html", "6.2.4.1."},
    {"Pourquoi utiliser UTF-8 pour la langue du système ?", "ch08.fr.html", "8.1.1."},
    {"Où sont les journaux de l'activité des paquets ?", "ch02.fr.html", "2.2.9."},
    {"Les copies locales des paquets qui ont été téléchargés", "ch02.fr.html", "2.5.7."},
    {"À quoi sert la commande update-alternatives ?", "ch02.fr.html", "2.5.10."},
    {"Comment écrire une page de manuel ?", "ch11.fr.html", "11.3.4."},
    {"Déboguer un programme avec gdb : les commandes de base", "ch12.fr.html", "12.5.1."},
    {"Écrire des boucles dans un script shell", "ch12.fr.html", "12.1.4."},
    {"Vérifier les fichiers d'un paquet installé", "ch02.fr.html", "2.4.2."},
    {"Restreindre l'accès aux services d'un serveur", "ch04.fr.html", "4.7.3."},
};

bool answers(const DocsHit& hit, const Question& q) {
  if (QFileInfo(hit.path).fileName() != QLatin1String(q.file)) return false;
  for (const QString& heading : hit.headingPath)
    if (heading.startsWith(QLatin1String(q.section))) return true;
  return false;
}

TEST(DocsRetrieval, DebianReferenceInFrench) {
  const QStringList chapters = QDir(QString::fromLatin1(kCorpus)).entryList({QStringLiteral("ch*.fr.html")}, QDir::Files, QDir::Name);
  if (chapters.size() < 12) GTEST_SKIP() << "the package debian-reference-fr is not installed (scripts/setup installs it)";
  QStringList paths;
  for (const QString& c : chapters) paths << QDir(QString::fromLatin1(kCorpus)).filePath(c);

  QTemporaryDir dir;
  DocsDatabase db(DocsDatabase::pathIn(dir.path()));
  ASSERT_TRUE(db.open());
  DocsIndex index(db);
  QElapsedTimer timer;
  timer.start();
  auto report = index.add(QStringLiteral("debian"), paths);
  ASSERT_TRUE(report) << report.error().toStdString();
  const double seconds = double(timer.nsecsElapsed()) / 1e9;
  ASSERT_EQ(report->added, int(chapters.size()));
  ASSERT_EQ(report->failed, 0);
  auto files = index.files(QStringLiteral("debian"));
  ASSERT_TRUE(files);
  int french = 0;
  for (const FileRecord& f : *files) french += f.language == QLatin1String("fr");
  EXPECT_GE(french, 8) << "most chapters are in French";  // a few are partly untranslated
  std::printf("[retrieval] indexed %d chapters, %d chunks in %.2f s\n", report->added, report->chunks, seconds);

  for (const bool stemming : {true, false}) {
    int found = 0;
    for (const Question& q : kQuestions) {
      DocsSearchOptions o;
      o.k = 5;
      o.stemming = stemming;
      auto hits = searchDocs(db, QStringLiteral("debian"), QString::fromUtf8(q.text), o);
      ASSERT_TRUE(hits) << hits.error().toStdString();
      bool ok = false;
      for (const DocsHit& h : *hits) ok = ok || answers(h, q);
      found += ok;
      if (!ok && stemming) {
        std::printf("[retrieval] missed: %s (want %s %s; first: %s)\n", q.text, q.file, q.section,
                    hits->isEmpty() ? "none" : hits->first().headingPath.join(QStringLiteral(" > ")).toUtf8().constData());
      }
    }
    const int total = int(std::size(kQuestions));
    std::printf("[retrieval] recall@5 %s stemming: %d/%d = %.2f\n", stemming ? "with" : "without", found, total,
                double(found) / total);
    if (stemming) {
      EXPECT_GE(found, total / 2) << "recall@5 with stemming fell below 0.5";
    }
  }
}

// The Reference's PDF: pages from 1, and sections from its outline (bookmarks), split at the line
// that carries a section's title.
TEST(DocsRetrieval, PdfOutlineGivesTheSections) {
  const QString pdf = QString::fromLatin1(kCorpus) + QStringLiteral("/debian-reference.fr.pdf");
  if (!QFileInfo::exists(pdf)) GTEST_SKIP() << "the package debian-reference-fr is not installed";
  auto doc = extractFile(pdf);
  ASSERT_TRUE(doc) << doc.error().toStdString();
  EXPECT_GT(doc->pageCount, 200);
  const Block* kill = nullptr;
  for (const Block& b : doc->blocks)
    if (!kill && doc->text.mid(b.start, b.end - b.start).contains(QStringLiteral("pour tuer (ou envoyer un signal"))) kill = &b;
  ASSERT_TRUE(kill);
  EXPECT_GT(kill->page, 100);  // the body, not the table of contents
  ASSERT_FALSE(kill->headingPath.isEmpty());
  EXPECT_EQ(kill->headingPath.last(), QStringLiteral("Tuer un processus"));
  EXPECT_EQ(kill->headingPath.first(), QStringLiteral("Astuces du système"));
}

}  // namespace
}  // namespace causerie::docs
