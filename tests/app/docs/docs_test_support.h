// Helpers for the documents tests: files of each format made by the tests themselves (a PDF
// written with QPdfWriter, DOCX and ODT zipped with libzip), and a QGuiApplication for QPdfWriter.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace causerie::docs::test {

// A QGuiApplication (offscreen) for the tests that paint (QPdfWriter).
void ensureGuiApp();

void writeFile(const QString& path, const QByteArray& bytes);
// A zip of (member name, bytes), stored in this order.
void writeZip(const QString& path, const QList<QPair<QString, QByteArray>>& members);

// A PDF with one page per entry, each page's text drawn as lines (split at '\n').
void writePdf(const QString& path, const QStringList& pages);

// A DOCX: paragraphs as (style id, text); style ids "Heading1".."Heading3" are headings (through
// word/styles.xml: Heading1 by its outline level, Heading2/3 by their names "heading 2/3"), "" is
// body text; "#N" sets w:outlineLvl N (0-based) on the paragraph itself.
void writeDocx(const QString& path, const QList<QPair<QString, QString>>& paragraphs);

// An ODT: (outline level, text); level 0 is a paragraph, N > 0 a text:h.
void writeOdt(const QString& path, const QList<QPair<int, QString>>& paragraphs);

QString xmlEscape(const QString& text);

}  // namespace causerie::docs::test
