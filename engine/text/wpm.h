// WordPiece (tokenizer.ggml.model = "bert"), as llama.cpp runs it for BERT-style embedding models.
#pragma once
#include "text/tokenizer.h"

#include <memory>

namespace causerie {

std::unique_ptr<Tokenizer> new_wpm_tokenizer();

// The words WordPiece cuts a text into (llama.cpp's preprocess): code points lowercased
// (tokenizer.ggml.normalizer.lowercase, default true) and, when stripping accents (default: as
// lowercase), replaced by the first of their canonical decomposition with marks dropped; words
// end at whitespace; punctuation, ASCII symbols and CJK ideographs are words of their own;
// control characters, NUL and U+FFFD vanish.
std::vector<std::string> wordpiece_words(std::string_view text, bool lowercase, bool strip_accents);

}  // namespace causerie
