// Markdown made safe to show and to export: images, raw HTML and unsafe links become text;
// everything else is left as written.
#include "markdown/safe_markdown.h"

#include <gtest/gtest.h>

#include <QRandomGenerator>

#include <ostream>

QT_BEGIN_NAMESPACE
inline void PrintTo(const QString& s, std::ostream* os) { *os << '"' << s.toStdString() << '"'; }
QT_END_NAMESPACE

namespace causerie::markdown {
namespace {

QString display(const QString& md) { return safeMarkdown(md, MarkdownUse::Display); }
QString exported(const QString& md) { return safeMarkdown(md, MarkdownUse::Export); }

// Whether `out` holds an image opener `![` that no backslash escapes (outside code spans,
// which these inputs do not have).
bool hasImageOpener(const QString& out) {
  for (qsizetype i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == u'\\') {
      ++i;
      continue;
    }
    if (out[i] == u'!' && out[i + 1] == u'[') return true;
  }
  return false;
}

TEST(SafeMarkdown, PlainMarkdownIsLeftAsWritten) {
  const QString md = QStringLiteral(
      "# Title\n\nSome *emphasis*, **bold**, a list:\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
      "a < b and c > d, 3! [not a link] and a [link](https://example.com/x?a=1&b=2).\n"
      "Mail [me](mailto:me@example.com), `code <b>` and ``a ` b``.\n\n```html\n<img src=\"http://x/y.png\">\n```\n"
      "~~~\n![kept](http://x/z.png)\n~~~\n");
  EXPECT_EQ(display(md), md);
  EXPECT_EQ(exported(md), md);
}

TEST(SafeMarkdown, AnInlineImageBecomesItsDescriptionAndHost) {
  const QString out = display(QStringLiteral("See ![the chart](http://127.0.0.1:8080/leak?secret=question \"t\") here"));
  EXPECT_EQ(out, QStringLiteral("See \\[image from 127\\.0\\.0\\.1, not loaded\\: the chart\\] here"));
  const QString local = display(QStringLiteral("![](file:///home/me/photo.png) ![x](img/a.png)"));
  EXPECT_EQ(local, QStringLiteral("\\[image not loaded\\: photo\\.png\\] \\[image not loaded\\: x\\]"));
  MarkdownLabels labels;
  labels.remoteImage = QStringLiteral("<%1|%2>");
  EXPECT_EQ(safeMarkdown(QStringLiteral("![a](https://h.example/p)"), MarkdownUse::Display, labels),
            QStringLiteral("\\<a\\|h\\.example\\>"));
}

TEST(SafeMarkdown, NoImageOpenerSurvives) {
  const QStringList inputs = {
      QStringLiteral("![ref][r]\n\n[r]: http://evil.example/a.png"),
      QStringLiteral("![r]\n\n[r]: http://evil.example/a.png"),
      QStringLiteral("![alt](<http://evil.example/a b.png>)"),
      QStringLiteral("![unclosed](http://evil.example/a.png"),
      QStringLiteral("[![inner](http://evil.example/i.png)](https://example.com)"),
      QStringLiteral("![a ![b](http://e.example/b.png)](http://e.example/a.png)"),
      QStringLiteral("!![x](http://e.example/x.png)"),
      QStringLiteral("`open ![x](http://e.example/x.png)\n`"),
  };
  for (const QString& in : inputs) {
    EXPECT_FALSE(hasImageOpener(display(in))) << in.toStdString() << " -> " << display(in).toStdString();
    EXPECT_FALSE(hasImageOpener(exported(in))) << in.toStdString() << " -> " << exported(in).toStdString();
  }
  EXPECT_EQ(display(QStringLiteral("[![i](http://e.example/i.png)](https://example.com)")),
            QStringLiteral("[\\[image from e\\.example, not loaded\\: i\\]](https://example.com)"));
}

TEST(SafeMarkdown, AReferenceImageBecomesItsDescription) {
  EXPECT_EQ(display(QStringLiteral("See ![the map][m] and ![m] and ![x][].\n\n[m]: http://e.example/m.png")),
            QStringLiteral("See \\[image not loaded\\: the map\\] and \\[image not loaded\\: m\\] and "
                           "\\[image not loaded\\: x\\].\n\n[m]: http://e.example/m.png"));
  EXPECT_EQ(exported(QStringLiteral("![the map][m]")), QStringLiteral("\\!\\[the map\\]\\[m\\]"));
}

TEST(SafeMarkdown, RawHtmlAndAutolinksAreText) {
  EXPECT_EQ(display(QStringLiteral("<img src=x> <iframe src=\"http://e\"></iframe> <style>a{background:url(http://e)}</style>")),
            QStringLiteral("\\<img src=x> \\<iframe src=\"http://e\">\\</iframe> \\<style>a{background:url(http://e)}\\</style>"));
  EXPECT_EQ(display(QStringLiteral("<!-- c --> <?php ?> <http://e.example>")),
            QStringLiteral("\\<!-- c --> \\<?php ?> \\<http://e.example>"));
  EXPECT_EQ(exported(QStringLiteral("a <b>bold</b>")), QStringLiteral("a \\<b>bold\\</b>"));
}

TEST(SafeMarkdown, UnsafeLinksAreShownAsText) {
  EXPECT_EQ(display(QStringLiteral("[click](javascript:alert(1))")), QStringLiteral("click (javascript\\:alert\\(1\\))"));
  EXPECT_EQ(display(QStringLiteral("[f](file:///etc/passwd) [r](notes.html)")),
            QStringLiteral("f (file\\:///etc/passwd) r (notes\\.html)"));
  EXPECT_EQ(display(QStringLiteral("[ok](https://example.com)")), QStringLiteral("[ok](https://example.com)"));
  // A safe link is written again from its parsed target: encoded, Markdown's characters
  // escaped, the title dropped.
  EXPECT_EQ(display(QStringLiteral("[t](<https://e.example/a b(1)![x]> \"title\")")),
            QStringLiteral("[t](https://e.example/a%20b\\(1\\)\\!\\[x\\])"));
  // A reference definition whose target cannot open is shown as text.
  EXPECT_EQ(display(QStringLiteral("[a][r]\n\n[r]: javascript:alert(1)\n[s]: https://example.com")),
            QStringLiteral("[a][r]\n\n\\[r]: javascript:alert(1)\n[s]: https://example.com"));
  // The export keeps links as written.
  EXPECT_EQ(exported(QStringLiteral("[click](javascript:alert(1))")), QStringLiteral("[click](javascript:alert(1))"));
}

TEST(SafeMarkdown, TheExportKeepsImagesAsTheirText) {
  EXPECT_EQ(exported(QStringLiteral("![chart](http://e.example/c.png)")),
            QStringLiteral("\\!\\[chart\\]\\(http\\://e\\.example/c\\.png\\)"));
}

TEST(SafeMarkdown, SafeLinks) {
  EXPECT_TRUE(isSafeLink(QUrl(QStringLiteral("https://example.com/a"))));
  EXPECT_TRUE(isSafeLink(QUrl(QStringLiteral("HTTP://example.com"))));
  EXPECT_TRUE(isSafeLink(QUrl(QStringLiteral("mailto:me@example.com"))));
  EXPECT_FALSE(isSafeLink(QUrl(QStringLiteral("http:///nohost"))));
  EXPECT_FALSE(isSafeLink(QUrl(QStringLiteral("javascript:alert(1)"))));
  EXPECT_FALSE(isSafeLink(QUrl(QStringLiteral("file:///etc/passwd"))));
  EXPECT_FALSE(isSafeLink(QUrl(QStringLiteral("ftp://example.com/x"))));
  EXPECT_FALSE(isSafeLink(QUrl(QStringLiteral("causerie://open"))));
  EXPECT_FALSE(isSafeLink(QUrl(QStringLiteral("relative/page.html"))));
  EXPECT_FALSE(isSafeLink(QUrl()));
}

TEST(SafeMarkdown, HostileSizesEndAndStaySafe) {
  // Many openers that never close: the work stays bounded (falls back to escaping all).
  const QStringList units = {QStringLiteral("!["), QStringLiteral("[a]("), QStringLiteral("`"),
                             QStringLiteral("[") , QStringLiteral("<a "), QStringLiteral("``` ")};
  for (const QString& unit : units) {
    const QString in = unit.repeated(200000 / unit.size());
    const QString out = display(in);
    EXPECT_FALSE(hasImageOpener(out)) << unit.toStdString();
    EXPECT_GE(out.size(), in.size());
  }
  // A 1 MB line of ordinary text passes unchanged.
  const QString line = QStringLiteral("Lorem ipsum dolor sit amet, ").repeated(1 << 20 / 28);
  EXPECT_EQ(display(line), line);
}

TEST(SafeMarkdown, RandomMarkdownNeverKeepsAnImageOpener) {
  const QStringList pieces = {QStringLiteral("!["), QStringLiteral("]("), QStringLiteral("["), QStringLiteral("]"),
                              QStringLiteral("("),  QStringLiteral(")"),  QStringLiteral("http://e.example/i.png"),
                              QStringLiteral("<"),  QStringLiteral(">"),  QStringLiteral("\\"), QStringLiteral("!"),
                              QStringLiteral(" "),  QStringLiteral("\n"), QStringLiteral("x"),  QStringLiteral("\"")};
  QRandomGenerator random(1234);
  for (int round = 0; round < 2000; ++round) {
    QString in;
    const int n = 1 + random.bounded(40);
    for (int i = 0; i < n; ++i) in += pieces[random.bounded(pieces.size())];
    EXPECT_FALSE(hasImageOpener(display(in))) << in.toStdString();
    EXPECT_FALSE(hasImageOpener(exported(in))) << in.toStdString();
  }
}

}  // namespace
}  // namespace causerie::markdown
