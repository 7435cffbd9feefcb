#include "text/tokenizer.h"

#include "text/bpe.h"
#include "text/spm.h"
#include "text/wpm.h"

#include <algorithm>
#include <cctype>

namespace causerie {
namespace {

// Texts llama.cpp treats as end-of-generation whatever their metadata says.
constexpr const char* kEogTexts[] = {
    "<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>", "<end_of_turn>", "<|endoftext|>", "<|eom_id|>",
    "<EOT>", "_<EOT>", "<|end_of_text|>", "<end_of_utterance>", "<turn|>",
};
// o200k_harmony (gpt-oss): the message framing tokens, rendered in the output (llama.cpp makes
// them user-defined) so that the reply's channels can be told apart.
constexpr const char* kHarmonyFraming[] = {"<|channel|>", "<|message|>", "<|start|>", "<|constrain|>"};
// Gemma 4's thought channel, rendered likewise (llama.cpp's server keeps them as its format's
// preserved tokens) so that the thoughts can be told from the answer.
constexpr const char* kGemma4Channel[] = {"<|channel>", "<channel|>"};
constexpr const char* kEotTexts[] = {
    "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<EOT>", "_<EOT>",
    "<\xEF\xBD\x9C" "end\xE2\x96\x81of\xE2\x96\x81sentence\xEF\xBD\x9C>",
};

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// "<0xAB>" -> 0xAB, else -1.
int byte_token_value(const std::string& s) {
    if (s.size() != 6 || !s.starts_with("<0x") || s[5] != '>') return -1;
    const int hi = hex_digit(s[3]), lo = hex_digit(s[4]);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

bool is_space_byte(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

struct Fragment {
    int32_t token;  // -1 for text
    size_t offset, length;
};

}  // namespace

Tokenizer::~Tokenizer() = default;

Result<std::unique_ptr<Tokenizer>> Tokenizer::from_gguf(const Gguf& g) {
    auto model = g.get_string("tokenizer.ggml.model");
    if (!model) return make_error("no tokenizer in this file: " + model.error().message);
    std::unique_ptr<Tokenizer> t;
    if (*model == "llama") t = new_spm_tokenizer();
    else if (*model == "gpt2" || *model == "gemma4") t = new_bpe_tokenizer();
    else if (*model == "bert") t = new_wpm_tokenizer();
    else return make_error("unsupported tokenizer model '" + *model + "' (supported: llama, gpt2, gemma4, bert)");
    t->model_ = *model;
    t->pre_ = g.string_or("tokenizer.ggml.pre", "");
    TRY_STATUS(t->load_vocab(g));
    t->load_special(g);
    TRY_STATUS(t->init(g));
    return t;
}

Status Tokenizer::load_vocab(const Gguf& g) {
    const GgufArray* tokens = g.array("tokenizer.ggml.tokens");
    if (!tokens || tokens->elem != GgufType::STRING || tokens->strings.empty())
        return make_error("tokenizer.ggml.tokens is missing or not a list of strings");
    const size_t n = tokens->strings.size();
    if (n > size_t(INT32_MAX)) return make_error("vocabulary too large");
    const GgufArray* scores = g.array("tokenizer.ggml.scores");
    if (scores && (scores->size() != n || (!scores->items.empty() && !scores->items[0].is_float())))
        return make_error("tokenizer.ggml.scores does not match the vocabulary");
    const GgufArray* types = g.array("tokenizer.ggml.token_type");
    if (types && (types->size() != n || (!types->items.empty() && !types->items[0].is_integer())))
        return make_error("tokenizer.ggml.token_type does not match the vocabulary");

    vocab_.text.resize(n);
    vocab_.score.assign(n, 0.f);
    vocab_.type.assign(n, TokenType::Normal);
    vocab_.lstrip.assign(n, 0);
    vocab_.rstrip.assign(n, 0);
    vocab_.to_id.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        std::string s = tokens->strings[i];
        if (s.empty()) s = "[EMPTY_" + std::to_string(i) + "]";
        if (scores) vocab_.score[i] = float(scores->items[i].f);
        if (types) {
            const int64_t v = types->items[i].as_int();
            vocab_.type[i] = v >= 0 && v <= 6 ? TokenType(v) : TokenType::Undefined;
        }
        vocab_.to_id[s] = int32_t(i);  // a later duplicate wins, as in llama.cpp
        vocab_.text[i] = std::move(s);
    }
    return {};
}

void Tokenizer::load_special(const Gguf& g) {
    const bool spm = model_ == "llama";
    const auto n = uint64_t(vocab_.text.size());
    auto id = [&](const char* key, int32_t fallback) {
        const uint64_t v = g.uint_or(key, UINT64_MAX);
        if (v < n) return int32_t(v);
        return fallback >= 0 && uint64_t(fallback) < n ? fallback : -1;
    };
    bos_ = id("tokenizer.ggml.bos_token_id", spm ? 1 : -1);
    eos_ = id("tokenizer.ggml.eos_token_id", spm ? 2 : -1);
    eot_ = id("tokenizer.ggml.eot_token_id", -1);
    eom_ = id("tokenizer.ggml.eom_token_id", -1);
    unk_ = id("tokenizer.ggml.unknown_token_id", spm ? 0 : -1);
    pad_ = id("tokenizer.ggml.padding_token_id", -1);
    add_eos_ = g.bool_or("tokenizer.ggml.add_eos_token", false);
    add_space_prefix_ = spm && g.bool_or("tokenizer.ggml.add_space_prefix", true);
    // add_bos_: the default depends on the model and pre-tokenizer; set in init(), then metadata.

    auto force_control = [&](int32_t t) {
        if (vocab_.type[size_t(t)] != TokenType::Control) vocab_.type[size_t(t)] = TokenType::Control;
    };
    if (eot_ < 0) {
        for (const char* s : kEotTexts) {
            const int32_t t = vocab_.find(s);
            if (t >= 0) {
                eot_ = t;
                force_control(t);
                break;
            }
        }
    }
    if (eom_ < 0) {
        const int32_t t = vocab_.find("<|eom_id|>");
        if (t >= 0) eom_ = t, force_control(t);
    }
    for (const char* s : kEogTexts) {
        const int32_t t = vocab_.find(s);
        if (t >= 0) {
            eog_.push_back(t);
            force_control(t);
        }
    }
    for (int32_t t : {eos_, eot_, eom_})
        if (t >= 0) eog_.push_back(t);
    std::sort(eog_.begin(), eog_.end());
    eog_.erase(std::unique(eog_.begin(), eog_.end()), eog_.end());
    // Harmony: with <|return|> and <|call|> ending a reply, <|end|> only closes a message inside
    // it (the analysis before the final answer), so it is no end of generation and is rendered.
    const auto is_eog_text = [&](const char* text) {
        const int32_t t = vocab_.find(text);
        return t >= 0 && std::binary_search(eog_.begin(), eog_.end(), t);
    };
    if (is_eog_text("<|return|>") && is_eog_text("<|call|>") && is_eog_text("<|end|>")) {
        const int32_t end = vocab_.find("<|end|>");
        eog_.erase(std::find(eog_.begin(), eog_.end(), end));
        vocab_.type[size_t(end)] = TokenType::UserDefined;
    }
    for (const char* s : kHarmonyFraming)
        if (const int32_t t = vocab_.find(s); t >= 0) vocab_.type[size_t(t)] = TokenType::UserDefined;
    for (const char* s : kGemma4Channel)
        if (const int32_t t = vocab_.find(s); t >= 0) vocab_.type[size_t(t)] = TokenType::UserDefined;

    for (size_t i = 0; i < vocab_.text.size(); ++i) {
        const TokenType ty = vocab_.type[i];
        if (ty == TokenType::Control || ty == TokenType::UserDefined || ty == TokenType::Unknown)
            special_order_.push_back(int32_t(i));
    }
    std::stable_sort(special_order_.begin(), special_order_.end(),
                     [&](int32_t a, int32_t b) { return vocab_.text[size_t(a)].size() > vocab_.text[size_t(b)].size(); });

    // Per-token attributes llama.cpp sets by model name: Phi-3 strips whitespace after its
    // special tokens.
    std::string name = g.string_or("general.name", "");
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (name.find("phi-3") != std::string::npos || name.find("phi3") != std::string::npos) {
        for (int32_t t : special_order_) vocab_.rstrip[size_t(t)] = 1;
        if (int32_t t = vocab_.find("</s>"); t >= 0) vocab_.rstrip[size_t(t)] = 1;
        for (const char* s : {"<unk>", "<s>", "<|endoftext|>"})
            if (int32_t t = vocab_.find(s); t >= 0) vocab_.rstrip[size_t(t)] = 0;
    }
}

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool add_bos, bool parse_special, bool add_eos) const {
    std::vector<int32_t> out;
    out.reserve(text.size() / 3 + 2);
    if (add_bos && bos_ >= 0) out.push_back(bos_);

    // Cut the text around special tokens, longest first, as llama.cpp does.
    std::vector<Fragment> frags;
    if (!text.empty()) frags.push_back({-1, 0, text.size()});
    std::vector<Fragment> next;
    for (int32_t id : special_order_) {
        const TokenType ty = vocab_.type[size_t(id)];
        if (!parse_special && (ty == TokenType::Control || ty == TokenType::Unknown)) continue;
        const std::string& tt = vocab_.text[size_t(id)];
        next.clear();
        bool changed = false;
        for (const Fragment& f : frags) {
            if (f.token >= 0) {
                next.push_back(f);
                continue;
            }
            size_t base = f.offset, len = f.length;
            while (len > 0) {
                const size_t m = text.substr(base, len).find(tt);
                if (m == std::string_view::npos) break;
                changed = true;
                size_t left_len = m;
                if (vocab_.lstrip[size_t(id)])
                    while (left_len > 0 && is_space_byte(text[base + left_len - 1])) --left_len;
                if (left_len > 0) next.push_back({-1, base, left_len});
                next.push_back({id, 0, 0});
                size_t rb = base + m + tt.size(), rl = len - m - tt.size();
                if (vocab_.rstrip[size_t(id)])
                    while (rl > 0 && is_space_byte(text[rb])) ++rb, --rl;
                base = rb, len = rl;
            }
            if (len > 0) next.push_back({-1, base, len});
        }
        if (changed) frags.swap(next);
    }

    bool after_special = true;
    for (const Fragment& f : frags) {
        if (f.token >= 0) {
            out.push_back(f.token);
            after_special = true;
        } else {
            encode_text(text.substr(f.offset, f.length), after_special, out);
            after_special = false;
        }
    }
    if (add_eos && eos_ >= 0) out.push_back(eos_);
    return out;
}

std::string Tokenizer::piece(int32_t id, bool render_special) const {
    if (id < 0 || size_t(id) >= vocab_.text.size()) return {};
    const std::string& s = vocab_.text[size_t(id)];
    switch (vocab_.type[size_t(id)]) {
        case TokenType::Control: return render_special ? s : std::string();
        case TokenType::UserDefined:
        case TokenType::Unknown: return s;
        case TokenType::Byte:
            if (const int b = byte_token_value(s); (model_ == "llama" || model_ == "gemma4") && b >= 0) return std::string(1, char(b));
            return normal_piece(id);
        case TokenType::Normal: return normal_piece(id);
        case TokenType::Unused:
        case TokenType::Undefined: break;
    }
    return {};
}

std::string Tokenizer::decode(std::span<const int32_t> ids, bool render_special) const {
    std::string out;
    bool strip = add_space_prefix_;
    for (int32_t id : ids) {
        std::string p = piece(id, render_special);
        if (strip && !is_control(id)) {
            if (!p.empty() && p[0] == ' ') p.erase(0, 1);
            strip = false;
        }
        out += p;
    }
    return out;
}

std::string Tokenizer::token_text(int32_t id) const {
    return id >= 0 && size_t(id) < vocab_.text.size() ? vocab_.text[size_t(id)] : std::string();
}

TokenType Tokenizer::token_type(int32_t id) const {
    return id >= 0 && size_t(id) < vocab_.type.size() ? vocab_.type[size_t(id)] : TokenType::Undefined;
}

bool Tokenizer::is_eog(int32_t id) const { return std::binary_search(eog_.begin(), eog_.end(), id); }

}  // namespace causerie
