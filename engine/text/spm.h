// SentencePiece-style tokenizer (tokenizer.ggml.model = "llama").
#pragma once
#include "text/tokenizer.h"

#include <array>
#include <memory>

namespace causerie {

class SpmTokenizer final : public Tokenizer {
public:
    SpmTokenizer() = default;

protected:
    Status init(const Gguf& g) override;
    void encode_text(std::string_view text, bool after_special, std::vector<int32_t>& out) const override;
    std::string normal_piece(int32_t id) const override;

private:
    void tokenize(const std::string& text, std::vector<int32_t>& out) const;
    // <0xXX> for each byte, else the one-byte token, else unk (-1 if none).
    std::array<int32_t, 256> byte_tokens_{};
};

std::unique_ptr<Tokenizer> new_spm_tokenizer();

}  // namespace causerie
