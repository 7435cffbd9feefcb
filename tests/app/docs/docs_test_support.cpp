#include "docs_test_support.h"

#include <QFile>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>

#include <gtest/gtest.h>
#include <zip.h>

namespace causerie::docs::test {

void ensureGuiApp() {
  if (QCoreApplication::instance()) return;
  qputenv("QT_QPA_PLATFORM", "offscreen");
  static int argc = 1;
  static char name[] = "causerie-docs-tests";
  static char* argv[] = {name, nullptr};
  static QGuiApplication app(argc, argv);
}

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
  ASSERT_EQ(f.write(bytes), bytes.size());
}

void writeZip(const QString& path, const QList<QPair<QString, QByteArray>>& members) {
  QFile::remove(path);
  int error = 0;
  zip_t* archive = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr) << "zip_open " << error;
  QList<QByteArray> keep;  // libzip reads the buffers at zip_close
  for (const auto& [name, bytes] : members) {
    keep << bytes;
    zip_source_t* source = zip_source_buffer(archive, keep.last().constData(), zip_uint64_t(keep.last().size()), 0);
    ASSERT_NE(source, nullptr);
    ASSERT_GE(zip_file_add(archive, name.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8), 0) << zip_strerror(archive);
  }
  ASSERT_EQ(zip_close(archive), 0);
}

void writePdf(const QString& path, const QStringList& pages) {
  ensureGuiApp();
  QPdfWriter writer(path);
  writer.setResolution(72);
  writer.setPageSize(QPageSize(QPageSize::A4));
  QPainter painter(&writer);
  QFont font = painter.font();
  font.setPointSize(11);
  painter.setFont(font);
  for (int p = 0; p < pages.size(); ++p) {
    if (p > 0) writer.newPage();
    int y = 60;
    for (const QString& line : pages[p].split(QLatin1Char('\n'))) {
      painter.drawText(50, y, line);
      y += 18;
    }
  }
  painter.end();
}

QString xmlEscape(const QString& text) { return text.toHtmlEscaped(); }

void writeDocx(const QString& path, const QList<QPair<QString, QString>>& paragraphs) {
  const QByteArray types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
      "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
      "</Types>";
  const QByteArray rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
      "</Relationships>";
  const QByteArray styles =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"Titre principal\"/><w:basedOn w:val=\"Normal\"/>"
      "<w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/></w:style>"
      "</w:styles>";
  QByteArray body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
  for (const auto& [style, text] : paragraphs) {
    body += "<w:p>";
    if (style.startsWith(QLatin1Char('#'))) {
      body += "<w:pPr><w:outlineLvl w:val=\"" + style.mid(1).toUtf8() + "\"/></w:pPr>";
    } else if (!style.isEmpty()) {
      body += "<w:pPr><w:pStyle w:val=\"" + style.toUtf8() + "\"/></w:pPr>";
    }
    // Two runs per paragraph, as Word writes them, the second after a tab.
    const qsizetype half = text.indexOf(QLatin1Char(' '));
    if (half > 0) {
      body += "<w:r><w:t>" + xmlEscape(text.left(half)).toUtf8() + "</w:t></w:r>";
      body += "<w:r><w:t xml:space=\"preserve\"> " + xmlEscape(text.mid(half + 1)).toUtf8() + "</w:t></w:r>";
    } else {
      body += "<w:r><w:t>" + xmlEscape(text).toUtf8() + "</w:t></w:r>";
    }
    body += "</w:p>";
  }
  body += "<w:sectPr/></w:body></w:document>";
  writeZip(path, {{QStringLiteral("[Content_Types].xml"), types},
                  {QStringLiteral("_rels/.rels"), rels},
                  {QStringLiteral("word/document.xml"), body},
                  {QStringLiteral("word/styles.xml"), styles}});
}

void writeOdt(const QString& path, const QList<QPair<int, QString>>& paragraphs) {
  QByteArray content =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
      " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">"
      "<office:body><office:text>";
  for (const auto& [level, text] : paragraphs) {
    // Spaces as ODF writes them: a run of two as " <text:s/>".
    QString escaped = xmlEscape(text);
    escaped.replace(QStringLiteral("  "), QStringLiteral(" <text:s/>"));
    if (level > 0) {
      content += "<text:h text:outline-level=\"" + QByteArray::number(level) + "\">" + escaped.toUtf8() + "</text:h>";
    } else {
      content += "<text:p>" + escaped.toUtf8() + "</text:p>";
    }
  }
  content += "</office:text></office:body></office:document-content>";
  const QByteArray manifest =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">"
      "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
      "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
      "</manifest:manifest>";
  writeZip(path, {{QStringLiteral("mimetype"), QByteArray("application/vnd.oasis.opendocument.text")},
                  {QStringLiteral("content.xml"), content},
                  {QStringLiteral("META-INF/manifest.xml"), manifest}});
}

}  // namespace causerie::docs::test
