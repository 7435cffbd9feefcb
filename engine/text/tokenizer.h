// Tokenizers built from GGUF metadata alone: SentencePiece-style ("llama": score-ordered merges,
// byte fallback, U+2581 for spaces) and byte-level BPE ("gpt2": ranked merges over the GPT-2
// byte alphabet, words cut by the pre-tokenizer named in tokenizer.ggml.pre).
// Behaviour follows llama.cpp, the reference for GGUF files, including which special tokens are
// recognised: control tokens only when parse_special is set (rendered templates), user-defined
// tokens always.
#pragma once
#include "core/result.h"
#include "gguf/gguf.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace causerie {

enum class TokenType : int32_t {
    Undefined = 0, Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6,
};

// Heterogeneous lookup of token texts by string_view.
struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using TextToId = std::unordered_map<std::string, int32_t, TextHash, std::equal_to<>>;

struct Vocab {
    std::vector<std::string> text;
    std::vector<float> score;
    std::vector<TokenType> type;
    std::vector<uint8_t> lstrip, rstrip;  // special-token whitespace stripping (phi-3)
    TextToId to_id;
    int32_t find(std::string_view s) const {
        auto it = to_id.find(s);
        return it == to_id.end() ? -1 : it->second;
    }
};

class Tokenizer {
public:
    // An error names the unsupported model or pre-tokenizer, or the malformed metadata.
    static Result<std::unique_ptr<Tokenizer>> from_gguf(const Gguf& g);
    virtual ~Tokenizer();

    // Text to ids. add_bos prepends BOS (if the vocabulary has one); parse_special recognises
    // control tokens written in the text (<|im_end|>...): set it for rendered chat templates
    // only, never for what the user typed. add_eos appends EOS.
    std::vector<int32_t> encode(std::string_view text, bool add_bos, bool parse_special, bool add_eos = false) const;
    // Ids to text as the model meant it: control tokens render as nothing (unless
    // render_special), and the SentencePiece space prefix of the first piece is removed.
    std::string decode(std::span<const int32_t> ids, bool render_special = false) const;
    // The bytes one token stands for, without any prefix-space handling; control tokens give ""
    // unless render_special.
    std::string piece(int32_t id, bool render_special = false) const;

    std::string token_text(int32_t id) const;  // raw vocabulary entry ("" if out of range)
    TokenType token_type(int32_t id) const;
    int32_t find_token(std::string_view text) const { return vocab_.find(text); }  // -1 if none
    size_t vocab_size() const { return vocab_.text.size(); }
    int32_t bos() const { return bos_; }
    int32_t eos() const { return eos_; }
    int32_t eot() const { return eot_; }
    int32_t eom() const { return eom_; }
    int32_t unk() const { return unk_; }
    int32_t pad() const { return pad_; }
    bool add_bos() const { return add_bos_; }
    bool add_eos() const { return add_eos_; }
    bool add_space_prefix() const { return add_space_prefix_; }
    bool is_eog(int32_t id) const;
    bool is_control(int32_t id) const { return token_type(id) == TokenType::Control; }
    const std::vector<int32_t>& eog_ids() const { return eog_; }
    const std::string& model_name() const { return model_; }
    const std::string& pre_name() const { return pre_; }

protected:
    Tokenizer() = default;
    // Model-specific setup once the vocabulary and special tokens are loaded.
    virtual Status init(const Gguf& g) = 0;
    // Tokenizes one stretch of plain text (no special tokens in it). `after_special` is true at
    // the start of the input and right after a special token.
    virtual void encode_text(std::string_view text, bool after_special, std::vector<int32_t>& out) const = 0;
    // The bytes of a normal token.
    virtual std::string normal_piece(int32_t id) const = 0;

    Vocab vocab_;
    std::string model_, pre_;
    int32_t bos_ = -1, eos_ = -1, eot_ = -1, eom_ = -1, unk_ = -1, pad_ = -1;
    bool add_bos_ = false, add_eos_ = false, add_space_prefix_ = false;

private:
    Status load_vocab(const Gguf& g);
    void load_special(const Gguf& g);

    std::vector<int32_t> eog_;            // sorted
    std::vector<int32_t> special_order_;  // control, user-defined and unknown tokens, longest first
};

}  // namespace causerie
