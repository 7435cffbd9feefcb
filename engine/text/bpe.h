// Byte-level BPE tokenizer (tokenizer.ggml.model = "gpt2"), and gemma4's SPM-style BPE
// (tokenizer.ggml.model = "gemma4": spaces written as U+2581, raw UTF-8, byte fallback tokens).
#pragma once
#include "text/pretokenize.h"
#include "text/tokenizer.h"

#include <array>
#include <memory>

namespace causerie {

class BpeTokenizer final : public Tokenizer {
public:
    BpeTokenizer() = default;
    PreTokenizerKind pre_kind() const { return pre_info_.kind; }

protected:
    Status init(const Gguf& g) override;
    void encode_text(std::string_view text, bool after_special, std::vector<int32_t>& out) const override;
    std::string normal_piece(int32_t id) const override;

private:
    void encode_word(const std::string& word, std::vector<int32_t>& out) const;
    int rank(std::string_view left, std::string_view right, std::string& key) const;

    // gemma4 (llama.cpp's LLAMA_VOCAB_PRE_TYPE_GEMMA4): the text with spaces as U+2581, cut into
    // runs of newlines and runs of the rest, merged without the byte alphabet; a symbol missing
    // from the vocabulary falls back to its bytes' <0xXX> tokens; BOS always added.
    void encode_spm_style(std::string_view text, std::vector<int32_t>& out) const;
    bool spm_style_ = false;
    PreTokenizerInfo pre_info_;
    TextToId ranks_;                          // "left\xFFright" -> merge rank
    std::array<std::string, 256> byte_to_cp_;  // GPT-2 byte alphabet, as UTF-8
    std::unordered_map<uint32_t, uint8_t> cp_to_byte_;
};

std::unique_ptr<Tokenizer> new_bpe_tokenizer();

}  // namespace causerie
