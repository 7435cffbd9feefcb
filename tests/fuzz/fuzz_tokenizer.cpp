// fuzz-link: causerie_text
// The tokenizers on arbitrary bytes: encoding never crashes, produces ids inside the vocabulary,
// decodes back to the input byte for byte (SentencePiece byte fallback, byte-level BPE), and the
// streaming detokenizer only ever emits valid UTF-8. Every pre-tokenizer covers its input.
#include "gguf/gguf.h"
#include "gguf/mapped_file.h"
#include "text/detokenizer.h"
#include "text/pretokenize.h"
#include "text/tokenizer.h"
#include "text/unicode.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace causerie;

std::unique_ptr<Tokenizer> load(const char* rel) {
    auto file = MappedFile::open(std::string(CAUSERIE_SHARED_DIR) + "/vocab/" + rel);
    if (!file) return nullptr;
    auto g = parse_gguf(file->bytes());
    if (!g) return nullptr;
    auto t = Tokenizer::from_gguf(*g);
    return t ? std::move(t.value()) : nullptr;
}

const std::vector<std::unique_ptr<Tokenizer>>& tokenizers() {
    static const auto all = [] {
        std::vector<std::unique_ptr<Tokenizer>> v;
        for (const char* name : {"ggml-vocab-llama-spm.gguf", "ggml-vocab-qwen2.gguf", "ggml-vocab-deepseek-llm.gguf"})
            if (auto t = load(name)) v.push_back(std::move(t));
        return v;
    }();
    return all;
}

void check(bool ok) {
    if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 4096) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    for (int k = 0; k <= int(PreTokenizerKind::Viking); ++k) {
        size_t covered = 0;
        for (auto piece : pre_tokenize(PreTokenizerKind(k), text)) {
            check(!piece.empty() && piece.data() == text.data() + covered);
            covered += piece.size();
        }
        check(covered == text.size());
    }

    const auto& toks = tokenizers();
    if (toks.empty()) return 0;
    const Tokenizer& tok = *toks[size % toks.size()];
    const bool parse_special = size > 0 && (data[0] & 1);
    const auto ids = tok.encode(text, size > 1 && (data[1] & 1), parse_special);
    for (int32_t id : ids) check(id >= 0 && size_t(id) < tok.vocab_size());
    // DeepSeek's user-defined tokens repeat byte-level characters (ø, ù...), so a stray byte such
    // as 0xF9 comes back as the character "ù", as in llama.cpp; the others are lossless.
    if (!parse_special && tok.pre_name() != "deepseek-llm") check(tok.decode(tok.encode(text, false, false)) == text);

    Detokenizer detok(tok);
    for (int32_t id : ids) {
        const std::string part = detok.push(id);
        check(unicode::sanitize_utf8(part) == part);
    }
    const std::string rest = detok.flush();
    check(unicode::sanitize_utf8(rest) == rest);
    return 0;
}

extern "C" void LLVMFuzzerSeeds(std::vector<std::vector<uint8_t>>* out) {
    const std::string seeds[] = {"Hello world! I'm fine.\n\n  x", "<|im_start|>user\nhi<|im_end|>\n",
                                 "\xF0\x9F\xA6\x99 3333 \xE4\xB8\xAD\xE6\x96\x87", "a\xFF\xC3 \x80 b\r\n\t\v",
                                 "<s>[INST] x [/INST]</s>"};
    for (const std::string& s : seeds) out->emplace_back(s.begin(), s.end());
}
