// Extraction of each format from files the tests make: text, headings, pages; and the files that
// must be refused with a reason (a binary .txt, a truncated PDF, a zip that is no document).
#include "docs/extract.h"

#include "docs_test_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace causerie::docs {
namespace {

using test::writeFile;

// The block whose text contains `needle`, or a null pointer.
const Block* blockWith(const ExtractedDocument& doc, const QString& needle) {
  for (const Block& b : doc.blocks)
    if (doc.text.mid(b.start, b.end - b.start).contains(needle)) return &b;
  return nullptr;
}

std::string str(const QStringList& list) { return list.join(QStringLiteral(" > ")).toStdString(); }

class DocsExtract : public ::testing::Test {
 protected:
  QString path(const QString& name) const { return dir.filePath(name); }
  QTemporaryDir dir;
};

TEST_F(DocsExtract, PlainTextParagraphsAndRefusals) {
  writeFile(path("a.txt"), "Première ligne\nsuite du paragraphe.\n\n\nDeuxième paragraphe.\n");
  auto doc = extractFile(path("a.txt"));
  ASSERT_TRUE(doc) << doc.error().toStdString();
  EXPECT_EQ(doc->format, QStringLiteral("text"));
  ASSERT_EQ(doc->blocks.size(), 2);
  EXPECT_EQ(doc->text.mid(doc->blocks[0].start, doc->blocks[0].end - doc->blocks[0].start),
            QStringLiteral("Première ligne\nsuite du paragraphe."));
  EXPECT_EQ(doc->blocks[1].page, 0);

  QByteArray binary("\x7f" "ELF\x02\x01\x01\x00\x00\x00", 10);
  writeFile(path("program.txt"), binary + QByteArray(64, '\0'));
  auto bin = extractFile(path("program.txt"));
  ASSERT_FALSE(bin);
  EXPECT_TRUE(bin.error().contains(QStringLiteral("binary"))) << bin.error().toStdString();

  writeFile(path("latin1.txt"), "caf\xe9 cr\xe8me\n");
  auto latin1 = extractFile(path("latin1.txt"));
  ASSERT_FALSE(latin1);
  EXPECT_TRUE(latin1.error().contains(QStringLiteral("UTF-8"))) << latin1.error().toStdString();

  EXPECT_FALSE(extractFile(path("missing.txt")));
  writeFile(path("image.png"), "PNG");
  auto png = extractFile(path("image.png"));
  ASSERT_FALSE(png);
  EXPECT_TRUE(png.error().contains(QStringLiteral("format")));
}

TEST_F(DocsExtract, MarkdownHeadingsGiveThePath) {
  writeFile(path("guide.md"),
            "Guide d'installation\n"
            "====================\n\n"
            "Introduction au guide.\n\n"
            "## Prérequis ##\n\n"
            "Il faut un [ordinateur](https://example.org) récent.\n\n"
            "### Mémoire\n\n"
            "Au moins 8 Gio.\n\n"
            "```sh\n"
            "# ceci n'est pas un titre\n"
            "apt install causerie\n"
            "```\n\n"
            "Configuration\n"
            "-------------\n\n"
            "Réglez les paramètres.\n");
  auto doc = extractFile(path("guide.md"));
  ASSERT_TRUE(doc) << doc.error().toStdString();
  const Block* intro = blockWith(*doc, QStringLiteral("Introduction"));
  ASSERT_TRUE(intro);
  EXPECT_EQ(intro->headingPath, QStringList{QStringLiteral("Guide d'installation")});
  const Block* link = blockWith(*doc, QStringLiteral("ordinateur"));
  ASSERT_TRUE(link);
  EXPECT_TRUE(doc->text.mid(link->start, link->end - link->start).contains(QStringLiteral("Il faut un ordinateur récent.")));
  EXPECT_EQ(link->headingPath, (QStringList{QStringLiteral("Guide d'installation"), QStringLiteral("Prérequis")})) << str(link->headingPath);
  const Block* code = blockWith(*doc, QStringLiteral("apt install"));
  ASSERT_TRUE(code);
  EXPECT_TRUE(doc->text.mid(code->start, code->end - code->start).contains(QStringLiteral("# ceci n'est pas un titre")));
  EXPECT_EQ(code->headingPath,
            (QStringList{QStringLiteral("Guide d'installation"), QStringLiteral("Prérequis"), QStringLiteral("Mémoire")}));
  const Block* config = blockWith(*doc, QStringLiteral("Réglez"));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->headingPath, (QStringList{QStringLiteral("Guide d'installation"), QStringLiteral("Configuration")}))
      << str(config->headingPath);
}

TEST_F(DocsExtract, HtmlHeadingsEntitiesAndSkippedParts) {
  writeFile(path("page.html"),
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Titre de la page</title>"
            "<style>h1 { color: red; }</style><script>var x = '<h1>faux</h1>';</script></head><body>"
            "<h1 class=\"title\"><a id=\"top\"></a>Le &eacute;l&eacute;phant</h1>"
            "<p>Les &laquo;&nbsp;&eacute;l&eacute;phants&nbsp;&raquo; mangent &amp; boivent&#8230; 3 &lt; 4.</p>"
            "<!-- <h2>commentaire</h2> -->"
            "<h2>Habitat</h2><div>La savane<br>et la for&#xEA;t.</div>"
            "<h3>Afrique</h3><ul><li>Kenya</li><li>Tanzanie</li></ul>"
            "<pre>ligne  1\n  ligne 2</pre>"
            "<h2>Alimentation</h2><p>Des feuilles.</p>"
            "</body></html>");
  auto doc = extractFile(path("page.html"));
  ASSERT_TRUE(doc) << doc.error().toStdString();
  EXPECT_FALSE(doc->text.contains(QStringLiteral("color")));
  EXPECT_FALSE(doc->text.contains(QStringLiteral("faux")));
  EXPECT_FALSE(doc->text.contains(QStringLiteral("commentaire")));
  EXPECT_FALSE(doc->text.contains(QStringLiteral("Titre de la page")));
  const Block* p = blockWith(*doc, QStringLiteral("mangent"));
  ASSERT_TRUE(p);
  EXPECT_EQ(doc->text.mid(p->start, p->end - p->start), QStringLiteral("Les « éléphants » mangent & boivent… 3 < 4."));
  EXPECT_EQ(p->headingPath, QStringList{QStringLiteral("Le éléphant")});
  const Block* savane = blockWith(*doc, QStringLiteral("savane"));
  ASSERT_TRUE(savane);
  EXPECT_EQ(doc->text.mid(savane->start, savane->end - savane->start), QStringLiteral("La savane\net la forêt."));
  EXPECT_EQ(savane->headingPath, (QStringList{QStringLiteral("Le éléphant"), QStringLiteral("Habitat")}));
  const Block* kenya = blockWith(*doc, QStringLiteral("Kenya"));
  ASSERT_TRUE(kenya);
  EXPECT_EQ(kenya->headingPath,
            (QStringList{QStringLiteral("Le éléphant"), QStringLiteral("Habitat"), QStringLiteral("Afrique")}));
  EXPECT_TRUE(blockWith(*doc, QStringLiteral("ligne  1\n  ligne 2")));
  const Block* food = blockWith(*doc, QStringLiteral("feuilles"));
  ASSERT_TRUE(food);
  EXPECT_EQ(food->headingPath, (QStringList{QStringLiteral("Le éléphant"), QStringLiteral("Alimentation")}));
}

TEST_F(DocsExtract, PdfTextPerPageOneBased) {
  test::writePdf(path("livre.pdf"), {QStringLiteral("Chapitre un\nLes pommes sont rouges."),
                                     QStringLiteral("Chapitre deux\nLes poires sont vertes."),
                                     QStringLiteral("Chapitre trois\nLes prunes sont violettes.")});
  auto doc = extractFile(path("livre.pdf"));
  ASSERT_TRUE(doc) << doc.error().toStdString();
  EXPECT_EQ(doc->format, QStringLiteral("pdf"));
  EXPECT_EQ(doc->pageCount, 3);
  const Block* pommes = blockWith(*doc, QStringLiteral("pommes"));
  const Block* poires = blockWith(*doc, QStringLiteral("poires"));
  const Block* prunes = blockWith(*doc, QStringLiteral("prunes"));
  ASSERT_TRUE(pommes && poires && prunes) << doc->text.toStdString();
  EXPECT_EQ(pommes->page, 1);
  EXPECT_EQ(poires->page, 2);
  EXPECT_EQ(prunes->page, 3);
  EXPECT_FALSE(doc->text.mid(poires->start, poires->end - poires->start).contains(QStringLiteral("pommes")));
}

TEST_F(DocsExtract, TruncatedAndFakePdfAreRefused) {
  QStringList pages;
  for (int i = 1; i <= 6; ++i) pages << QStringLiteral("Page %1\nDu texte sur la page %1.").arg(i);
  test::writePdf(path("full.pdf"), pages);
  QFile full(path("full.pdf"));
  ASSERT_TRUE(full.open(QIODevice::ReadOnly));
  const QByteArray bytes = full.readAll();
  writeFile(path("truncated.pdf"), bytes.left(bytes.size() / 2));
  auto truncated = extractFile(path("truncated.pdf"));
  ASSERT_FALSE(truncated) << "a truncated PDF was read: " << truncated->text.toStdString();
  EXPECT_FALSE(truncated.error().isEmpty());

  writeFile(path("fake.pdf"), "this is not a PDF at all\n");
  auto fake = extractFile(path("fake.pdf"));
  ASSERT_FALSE(fake);
  EXPECT_TRUE(fake.error().contains(QStringLiteral("PDF"))) << fake.error().toStdString();
}

TEST_F(DocsExtract, DocxHeadingsFromStylesAndOutlineLevels) {
  test::writeDocx(path("rapport.docx"), {{QStringLiteral("Heading1"), QStringLiteral("Rapport annuel")},
                                         {QString(), QStringLiteral("Un résumé de l'année.")},
                                         {QStringLiteral("Heading2"), QStringLiteral("Ventes")},
                                         {QString(), QStringLiteral("Les ventes ont augmenté.")},
                                         {QStringLiteral("Heading3"), QStringLiteral("Europe")},
                                         {QString(), QStringLiteral("Surtout en France.")},
                                         {QStringLiteral("#1"), QStringLiteral("Coûts")},
                                         {QString(), QStringLiteral("Les coûts & charges ont baissé.")}});
  auto doc = extractFile(path("rapport.docx"));
  ASSERT_TRUE(doc) << doc.error().toStdString();
  EXPECT_EQ(doc->format, QStringLiteral("docx"));
  const Block* summary = blockWith(*doc, QStringLiteral("résumé"));
  ASSERT_TRUE(summary);
  EXPECT_EQ(doc->text.mid(summary->start, summary->end - summary->start), QStringLiteral("Un résumé de l'année."));
  EXPECT_EQ(summary->headingPath, QStringList{QStringLiteral("Rapport annuel")});
  const Block* france = blockWith(*doc, QStringLiteral("France"));
  ASSERT_TRUE(france);
  EXPECT_EQ(france->headingPath,
            (QStringList{QStringLiteral("Rapport annuel"), QStringLiteral("Ventes"), QStringLiteral("Europe")}))
      << str(france->headingPath);
  const Block* costs = blockWith(*doc, QStringLiteral("charges"));
  ASSERT_TRUE(costs);
  EXPECT_EQ(costs->headingPath, (QStringList{QStringLiteral("Rapport annuel"), QStringLiteral("Coûts")})) << str(costs->headingPath);
  EXPECT_TRUE(doc->text.contains(QStringLiteral("Les coûts & charges ont baissé.")));
}

TEST_F(DocsExtract, OdtHeadingsAndSpaces) {
  test::writeOdt(path("notes.odt"), {{1, QStringLiteral("Carnet")},
                                     {0, QStringLiteral("Première note.")},
                                     {2, QStringLiteral("Recettes")},
                                     {0, QStringLiteral("Tarte  aux pommes & crème.")},
                                     {1, QStringLiteral("Voyages")},
                                     {0, QStringLiteral("Lyon en mai.")}});
  auto doc = extractFile(path("notes.odt"));
  ASSERT_TRUE(doc) << doc.error().toStdString();
  EXPECT_EQ(doc->format, QStringLiteral("odt"));
  const Block* tart = blockWith(*doc, QStringLiteral("Tarte"));
  ASSERT_TRUE(tart);
  EXPECT_EQ(doc->text.mid(tart->start, tart->end - tart->start), QStringLiteral("Tarte aux pommes & crème."));
  EXPECT_EQ(tart->headingPath, (QStringList{QStringLiteral("Carnet"), QStringLiteral("Recettes")}));
  const Block* lyon = blockWith(*doc, QStringLiteral("Lyon"));
  ASSERT_TRUE(lyon);
  EXPECT_EQ(lyon->headingPath, QStringList{QStringLiteral("Voyages")});
}

// Word's pages: the marks of its last layout when the file has them (an explicit break is then
// one of them, not one more), else the explicit breaks; a paragraph is on its first character's
// page; without either, pages are unknown (0) unless docProps/app.xml says one page.
TEST_F(DocsExtract, DocxPagesFromLayoutMarksOrExplicitBreaks) {
  const QByteArray head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document "
                          "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
  const QByteArray tail = "<w:sectPr/></w:body></w:document>";
  auto pageOf = [](const ExtractedDocument& doc, const char* needle) {
    const Block* b = blockWith(doc, QString::fromUtf8(needle));
    return b ? b->page : -1;
  };
  test::writeZip(path("rendu.docx"),
                 {{QStringLiteral("word/document.xml"),
                   head + "<w:p><w:r><w:t>Premier paragraphe.</w:t></w:r><w:r><w:br w:type=\"page\"/></w:r></w:p>"
                          "<w:p><w:r><w:lastRenderedPageBreak/><w:t>Deuxième page.</w:t></w:r></w:p>"
                          "<w:p><w:r><w:t>Commencé ici,</w:t></w:r><w:r><w:lastRenderedPageBreak/><w:t> fini plus loin.</w:t></w:r></w:p>"
                          "<w:p><w:r><w:t>Dernière page.</w:t></w:r></w:p>" + tail}});
  auto rendered = extractFile(path("rendu.docx"));
  ASSERT_TRUE(rendered) << rendered.error().toStdString();
  EXPECT_EQ(pageOf(*rendered, "Premier"), 1);
  EXPECT_EQ(pageOf(*rendered, "Deuxième"), 2);
  EXPECT_EQ(pageOf(*rendered, "Commencé"), 2);
  EXPECT_EQ(pageOf(*rendered, "Dernière"), 3);
  EXPECT_EQ(rendered->pageCount, 3);

  test::writeZip(path("sauts.docx"),
                 {{QStringLiteral("word/document.xml"),
                   head + "<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Titre en tête.</w:t></w:r></w:p>"
                          "<w:p><w:pPr><w:pageBreakBefore w:val=\"true\"/></w:pPr><w:r><w:t>Chapitre deux.</w:t></w:r></w:p>"
                          "<w:p><w:pPr><w:pageBreakBefore w:val=\"0\"/></w:pPr><w:r><w:t>Suite du chapitre,</w:t></w:r>"
                          "<w:r><w:br w:type=\"page\"/><w:t>puis une page.</w:t></w:r></w:p>"
                          "<w:p><w:r><w:t>Après le saut.</w:t></w:r></w:p>" + tail}});
  auto breaks = extractFile(path("sauts.docx"));
  ASSERT_TRUE(breaks) << breaks.error().toStdString();
  EXPECT_EQ(pageOf(*breaks, "Titre"), 1) << "a break before the first paragraph adds no page";
  EXPECT_EQ(pageOf(*breaks, "Chapitre deux"), 2);
  EXPECT_EQ(pageOf(*breaks, "Suite"), 2);
  EXPECT_EQ(pageOf(*breaks, "Après"), 3);
  EXPECT_EQ(breaks->pageCount, 3);

  const QByteArray plain = head + "<w:p><w:r><w:t>Sans pages.</w:t></w:r></w:p>" + tail;
  test::writeZip(path("inconnu.docx"), {{QStringLiteral("word/document.xml"), plain}});
  auto unknown = extractFile(path("inconnu.docx"));
  ASSERT_TRUE(unknown) << unknown.error().toStdString();
  EXPECT_EQ(pageOf(*unknown, "Sans pages"), 0);
  EXPECT_EQ(unknown->pageCount, 0);
  test::writeZip(path("une.docx"), {{QStringLiteral("word/document.xml"), plain},
                                    {QStringLiteral("docProps/app.xml"),
                                     "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                                     "<Pages>1</Pages></Properties>"}});
  auto one = extractFile(path("une.docx"));
  ASSERT_TRUE(one) << one.error().toStdString();
  EXPECT_EQ(pageOf(*one, "Sans pages"), 1);
  EXPECT_EQ(one->pageCount, 1);
}

// OpenDocument's pages: LibreOffice's soft page breaks (between paragraphs or inside one) and
// the paragraph styles' hard breaks, inherited from styles.xml's common styles.
TEST_F(DocsExtract, OdtPagesFromSoftBreaksAndParagraphStyles) {
  const QByteArray ns = " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                        " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
                        " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
                        " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"";
  const QByteArray styles = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-styles" + ns +
                            "><office:styles><style:style style:name=\"Chapitre\" style:family=\"paragraph\">"
                            "<style:paragraph-properties fo:break-before=\"page\"/></style:style></office:styles></office:document-styles>";
  const QByteArray content =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content" + ns +
      "><office:automatic-styles><style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Chapitre\"/>"
      "<style:style style:name=\"P2\" style:family=\"paragraph\"><style:paragraph-properties fo:break-after=\"page\"/></style:style>"
      "</office:automatic-styles><office:body><office:text text:use-soft-page-breaks=\"true\">"
      "<text:h text:outline-level=\"1\">Introduction</text:h><text:p>Page une.</text:p><text:soft-page-break/>"
      "<text:p>Page deux,<text:soft-page-break/> et trois.</text:p><text:p><text:soft-page-break/>Page quatre.</text:p>"
      "<text:h text:style-name=\"P1\" text:outline-level=\"1\">Chapitre cinq</text:h>"
      "<text:p text:style-name=\"P2\">Fin du chapitre.</text:p><text:p>Page six.</text:p>"
      "</office:text></office:body></office:document-content>";
  test::writeZip(path("pages.odt"), {{QStringLiteral("content.xml"), content}, {QStringLiteral("styles.xml"), styles}});
  auto doc = extractFile(path("pages.odt"));
  ASSERT_TRUE(doc) << doc.error().toStdString();
  auto pageOf = [&](const char* needle) {
    const Block* b = blockWith(*doc, QString::fromUtf8(needle));
    return b ? b->page : -1;
  };
  EXPECT_EQ(pageOf("Introduction"), 1);
  EXPECT_EQ(pageOf("Page une"), 1);
  EXPECT_EQ(pageOf("Page deux"), 2);
  EXPECT_EQ(pageOf("Page quatre"), 4);
  EXPECT_EQ(pageOf("Chapitre cinq"), 5);
  EXPECT_EQ(pageOf("Fin du chapitre"), 5);
  EXPECT_EQ(pageOf("Page six"), 6);
  EXPECT_EQ(doc->pageCount, 6);

  // Written by a tool that lays no pages out: unknown.
  test::writeOdt(path("sans.odt"), {{0, QStringLiteral("Aucune page.")}});
  auto plain = extractFile(path("sans.odt"));
  ASSERT_TRUE(plain) << plain.error().toStdString();
  const Block* b = blockWith(*plain, QStringLiteral("Aucune"));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->page, 0);
  EXPECT_EQ(plain->pageCount, 0);
}

TEST_F(DocsExtract, ZipThatIsNoDocumentIsRefused) {
  test::writeZip(path("empty.docx"), {{QStringLiteral("hello.txt"), QByteArray("hi")}});
  auto docx = extractFile(path("empty.docx"));
  ASSERT_FALSE(docx);
  EXPECT_TRUE(docx.error().contains(QStringLiteral("word/document.xml"))) << docx.error().toStdString();
  writeFile(path("plain.odt"), "not a zip");
  auto odt = extractFile(path("plain.odt"));
  ASSERT_FALSE(odt);
  EXPECT_TRUE(odt.error().contains(QStringLiteral("zip"))) << odt.error().toStdString();
  test::writeZip(path("broken.odt"), {{QStringLiteral("content.xml"), QByteArray("<office:document-content><unclosed>")}});
  EXPECT_FALSE(extractFile(path("broken.odt")));
}

}  // namespace
}  // namespace causerie::docs
