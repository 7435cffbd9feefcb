// fuzz-link: causerie_docs
// The documents' text extraction (plain text, Markdown, HTML, and the XML parts of DOCX and ODT)
// and the chunker on arbitrary bytes: each input must end with a document or an error, never a
// crash or a hang. The first byte picks the format; the zip formats' parts are separated by NUL
// bytes (document, styles, app or meta).
#include "docs/chunker.h"
#include "docs/extract.h"

#include <cstdint>
#include <string>
#include <vector>

using namespace causerie::docs;

namespace {
QList<QByteArray> parts(const QByteArray& bytes) {
  QList<QByteArray> out = bytes.split('\0');
  while (out.size() < 3) out.append(QByteArray());
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const QByteArray bytes(reinterpret_cast<const char*>(data) + 1, qsizetype(size - 1));
  Result<ExtractedDocument> doc = fail(QStringLiteral("none"));
  switch (data[0] % 5) {
    case 0: doc = extractPlainText(bytes); break;
    case 1: doc = extractMarkdown(bytes); break;
    case 2: doc = extractHtml(bytes); break;
    case 3: {
      const auto p = parts(bytes);
      doc = extractDocxParts(p[0], p[1], p[2]);
      break;
    }
    default: {
      const auto p = parts(bytes);
      doc = extractOdtParts(p[0], p[1], p[2]);
      break;
    }
  }
  if (doc) {
    ChunkOptions small;
    small.targetTokens = 24;
    small.overlapTokens = 6;
    for (const Chunk& c : chunkDocument(*doc, small)) (void)c;
  }
  return 0;
}

extern "C" void LLVMFuzzerSeeds(std::vector<std::vector<uint8_t>>* out) {
  auto add = [out](char format, const std::string& text) {
    std::vector<uint8_t> seed{uint8_t(format)};
    seed.insert(seed.end(), text.begin(), text.end());
    out->push_back(std::move(seed));
  };
  add(0, "Un paragraphe.\n\nUn autre, plus long, avec des accents : été, Noël.\n");
  add(1, "# Titre\n\nTexte *important* et `code`.\n\n## Sous-titre\n\n- liste\n- encore\n\n```\nbloc\n```\n");
  add(2, "<html><head><title>T</title><style>p{}</style></head><body><h1>Titre</h1><p>Caf&eacute; &amp; "
         "cr&#232;me</p><h2>Deux</h2><p>Fin<br>ligne</p><script>x()</script></body></html>");
  const std::string w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
  add(3, "<w:document " + w + "><w:body><w:p><w:pPr><w:pStyle w:val=\"H1\"/><w:pageBreakBefore/></w:pPr><w:r><w:t>Titre</w:t>"
         "</w:r></w:p><w:p><w:r><w:lastRenderedPageBreak/><w:t>Texte</w:t><w:tab/><w:br w:type=\"page\"/></w:r><w:del><w:r>"
         "<w:delText>x</w:delText></w:r></w:del></w:p></w:body></w:document>" + std::string(1, '\0') +
         "<w:styles " + w + "><w:style w:styleId=\"H1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"H1\"/></w:style>"
         "</w:styles>" + std::string(1, '\0') + "<Properties><Pages>2</Pages></Properties>");
  const std::string o = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
                        "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
                        "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"";
  add(4, "<office:document-content " + o + "><office:automatic-styles><style:style style:name=\"P1\" "
         "style:parent-style-name=\"P1\"><style:paragraph-properties fo:break-before=\"page\"/></style:style>"
         "</office:automatic-styles><office:body><office:text text:use-soft-page-breaks=\"true\"><text:h text:outline-level=\"2\">"
         "Titre</text:h><text:p text:style-name=\"P1\">A<text:s text:c=\"3\"/>B<text:soft-page-break/><text:tab/>C"
         "<text:line-break/></text:p><office:annotation><text:p>note</text:p></office:annotation></office:text></office:body>"
         "</office:document-content>" + std::string(1, '\0') + std::string(1, '\0') +
         "<office:document-meta><meta:document-statistic meta:page-count=\"1\"/></office:document-meta>");
}
