// What the model manager shows about a GGUF file, read from its header with the engine's parser.
#pragma once

#include "models/fit_estimate.h"
#include "models/models_result.h"

#include <QString>

namespace causerie {
struct Gguf;
}

namespace causerie::models {

struct GgufSummary {
  QString architecture;      // general.architecture
  QString name;              // general.name (may be empty)
  quint64 parameterCount = 0;  // sum of tensor elements
  QString quantization;      // from general.file_type, else the type holding most weight bytes
  quint32 contextLength = 0;   // {arch}.context_length
  bool hasChatTemplate = false;  // tokenizer.chat_template present
  bool supported = false;      // the engine runs this architecture
  // An embedding model (for documents), never a chat model: an encoder architecture (bert,
  // nomic-bert) or a {arch}.pooling_type that pools (mean, cls, last, rank).
  bool embedding = false;
  ModelShape shape;            // for the fit estimate
};

// Maps and parses the file (only the header pages are touched; the parser checks that every
// tensor lies inside the file, so a truncated download is refused).
Result<GgufSummary> readGgufSummary(const QString& path);
// From an already parsed file.
GgufSummary summarize(const Gguf& g);

// "Q4_K_M" for llama.cpp's general.file_type values; empty for unknown ones.
QString fileTypeName(quint32 fileType);
// "1.2B", "494M"
QString formatParameterCount(quint64 n);

}  // namespace causerie::models
