// WordPiece as llama.cpp runs it (llm_tokenizer_wpm): each word, prefixed with U+2581 (the
// converters write word-initial pieces with it and continuation pieces bare), is matched greedily
// from its start with the longest vocabulary entry (in bytes, at most the longest token's
// length); a word with a part that nothing matches becomes [UNK] as a whole. The sequence is
// [CLS] (BOS) words [SEP] when special tokens are added.
#include "text/wpm.h"

#include "text/unicode.h"

#include <algorithm>

namespace causerie {
namespace {

constexpr std::string_view kPhantom = "\xE2\x96\x81";  // U+2581

bool is_cjk(uint32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

class WpmTokenizer final : public Tokenizer {
protected:
    Status init(const Gguf& g) override {
        lowercase_ = g.bool_or("tokenizer.ggml.normalizer.lowercase", true);
        strip_accents_ = g.bool_or("tokenizer.ggml.normalizer.strip_accents", lowercase_);
        // llama.cpp's defaults for bert: [CLS] 101 first, [SEP] 102 last, [UNK] 100.
        const auto n = int32_t(vocab_.text.size());
        auto fallback = [&](int32_t& id, int32_t def) {
            if (id < 0 && def < n) id = def;
        };
        fallback(bos_, 101);
        fallback(unk_, 100);
        const uint64_t sep = g.uint_or("tokenizer.ggml.seperator_token_id", 102);
        if (sep < uint64_t(n)) eos_ = int32_t(sep);  // what add_eos appends: [SEP]
        add_bos_ = true;
        add_eos_ = eos_ >= 0;
        for (const std::string& t : vocab_.text) max_len_ = std::max(max_len_, t.size());
        return {};
    }

    void encode_text(std::string_view text, bool, std::vector<int32_t>& out) const override {
        for (const std::string& word : wordpiece_words(text, lowercase_, strip_accents_)) {
            const std::string w = std::string(kPhantom) + word;
            const size_t start = out.size(), n = w.size();
            for (size_t i = 0; i < n;) {
                // The longest piece from byte i that is a token
                size_t j = std::min(n, i + max_len_);
                int32_t id = -1;
                for (; j > i; --j)
                    if ((id = vocab_.find(std::string_view(w).substr(i, j - i))) >= 0) break;
                if (id < 0) {  // no piece: the whole word is unknown
                    out.resize(start);
                    break;
                }
                out.push_back(id);
                i = j;
            }
            if (out.size() == start && unk_ >= 0) out.push_back(unk_);
        }
    }

    std::string normal_piece(int32_t id) const override {
        const std::string& s = vocab_.text[size_t(id)];
        return s.starts_with(kPhantom) ? " " + s.substr(kPhantom.size()) : s;
    }

private:
    bool lowercase_ = true, strip_accents_ = true;
    size_t max_len_ = 0;
};

}  // namespace

std::unique_ptr<Tokenizer> new_wpm_tokenizer() { return std::make_unique<WpmTokenizer>(); }

std::vector<std::string> wordpiece_words(std::string_view text, bool lowercase, bool strip_accents) {
    std::vector<std::string> words(1);
    for (const unicode::Decoded& d : unicode::decode_utf8(text)) {
        uint32_t cp = d.valid ? d.cp : 0xFFFD;
        if (strip_accents) cp = unicode::nfd_first(cp);
        const uint16_t f = unicode::flags(cp);
        if (f & unicode::kWhitespace) {
            if (!words.back().empty()) words.emplace_back();  // a word ends
            continue;
        }
        if (cp == 0 || cp == 0xFFFD || (f & unicode::kOther)) continue;  // control characters vanish
        if (strip_accents && (f & unicode::kMark)) continue;            // accents dropped
        std::string s;
        unicode::append_utf8(s, lowercase ? unicode::to_lower(cp) : cp);
        if ((f & unicode::kPunct) || (cp < 0x7F && (f & unicode::kSymbol)) || is_cjk(cp)) {
            // A word of its own
            if (!words.back().empty()) words.emplace_back();
            words.back() = s;
            words.emplace_back();
        } else {
            words.back() += s;
        }
    }
    if (words.back().empty()) words.pop_back();
    return words;
}

}  // namespace causerie
