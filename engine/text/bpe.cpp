// Byte-level BPE as llama.cpp runs it: each pre-tokenized word is written in the GPT-2 byte
// alphabet (every byte one printable code point), split into characters, and the adjacent pair
// with the lowest merge rank merges first (leftmost on ties) until no pair has a rank.
#include "text/bpe.h"

#include "text/unicode.h"

#include <queue>

namespace causerie {
namespace {

constexpr char kSep = '\xFF';  // never inside UTF-8 text

struct Symbol {
    int prev, next;
    size_t offset, n;
};

struct Bigram {
    int left, right;
    int rank;
    size_t size;
};

struct BigramOrder {
    bool operator()(const Bigram& a, const Bigram& b) const {
        return a.rank > b.rank || (a.rank == b.rank && a.left > b.left);
    }
};

}  // namespace

std::unique_ptr<Tokenizer> new_bpe_tokenizer() { return std::make_unique<BpeTokenizer>(); }

Status BpeTokenizer::init(const Gguf& g) {
    spm_style_ = model_ == "gemma4";
    auto info = find_pre_tokenizer(spm_style_ ? "" : pre_);
    if (!info)
        return make_error("unsupported pre-tokenizer '" + pre_ + "' (supported: " + supported_pre_tokenizers() + ")");
    pre_info_ = *info;
    add_bos_ = g.bool_or("tokenizer.ggml.add_bos_token", pre_info_.add_bos);
    if (spm_style_) add_bos_ = true;  // llama.cpp overrides a false add_bos_token for gemma4

    const GgufArray* merges = g.array("tokenizer.ggml.merges");
    if (!merges || merges->elem != GgufType::STRING) return make_error("tokenizer.ggml.merges is missing");
    ranks_.reserve(merges->strings.size());
    std::string key;
    for (size_t i = 0; i < merges->strings.size(); ++i) {
        const std::string& m = merges->strings[i];
        const size_t sp = m.find(' ', 1);
        key.clear();
        if (sp != std::string::npos) {
            key.append(m, 0, sp);
            key += kSep;
            key.append(m, sp + 1);
        } else {
            key += kSep;
        }
        ranks_.emplace(key, int32_t(i));  // the first rank of a duplicate stays
    }

    // The GPT-2 byte alphabet: printable Latin-1 bytes stand for themselves, the others take
    // the code points from U+0100 on, in byte order.
    int extra = 0;
    for (int b = 0; b < 256; ++b) {
        const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        const uint32_t cp = printable ? uint32_t(b) : uint32_t(256 + extra++);
        unicode::append_utf8(byte_to_cp_[size_t(b)], cp);
        cp_to_byte_[cp] = uint8_t(b);
    }
    return {};
}

int BpeTokenizer::rank(std::string_view left, std::string_view right, std::string& key) const {
    key.assign(left);
    key += kSep;
    key.append(right);
    auto it = ranks_.find(std::string_view(key));
    return it == ranks_.end() ? -1 : it->second;
}

void BpeTokenizer::encode_spm_style(std::string_view text, std::vector<int32_t>& out) const {
    std::string s;
    s.reserve(text.size() + text.size() / 4);
    for (char c : text) {
        if (c == ' ') s += "\xE2\x96\x81";
        else s += c;
    }
    for (size_t i = 0; i < s.size();) {
        const bool newlines = s[i] == '\n';
        size_t j = i;
        while (j < s.size() && (s[j] == '\n') == newlines) ++j;
        const std::string piece = s.substr(i, j - i);
        i = j;
        // A run of newlines in the vocabulary is one token (llama.cpp's fix for gemma 4).
        if (newlines) {
            if (const int32_t id = vocab_.find(piece); id >= 0) {
                out.push_back(id);
                continue;
            }
        }
        encode_word(piece, out);
    }
}

void BpeTokenizer::encode_text(std::string_view text, bool, std::vector<int32_t>& out) const {
    if (spm_style_) return encode_spm_style(text, out);
    std::string word;
    for (std::string_view piece : pre_tokenize(pre_info_.kind, text)) {
        word.clear();
        for (char c : piece) word += byte_to_cp_[uint8_t(c)];
        encode_word(word, out);
    }
}

void BpeTokenizer::encode_word(const std::string& word, std::vector<int32_t>& out) const {
    if (pre_info_.ignore_merges) {
        const int32_t id = vocab_.find(word);
        if (id >= 0) {
            out.push_back(id);
            return;
        }
    }
    std::vector<Symbol> sym;
    sym.reserve(word.size());
    for (size_t off = 0; off < word.size();) {
        const size_t n = std::min(word.size() - off, unicode::utf8_len_from_lead(uint8_t(word[off])));
        const int idx = int(sym.size());
        sym.push_back({idx - 1, off + n == word.size() ? -1 : idx + 1, off, n});
        off += n;
    }
    std::string key;
    std::priority_queue<Bigram, std::vector<Bigram>, BigramOrder> queue;
    auto view = [&](int i) { return std::string_view(word.data() + sym[size_t(i)].offset, sym[size_t(i)].n); };
    auto try_add = [&](int left, int right) {
        if (left < 0 || right < 0) return;
        const int r = rank(view(left), view(right), key);
        if (r >= 0) queue.push({left, right, r, sym[size_t(left)].n + sym[size_t(right)].n});
    };
    for (size_t i = 1; i < sym.size(); ++i) try_add(int(i - 1), int(i));

    while (!queue.empty()) {
        const Bigram b = queue.top();
        queue.pop();
        Symbol& l = sym[size_t(b.left)];
        Symbol& r = sym[size_t(b.right)];
        if (l.n == 0 || r.n == 0 || l.next != b.right || l.n + r.n != b.size) continue;
        l.n += r.n;
        r.n = 0;
        l.next = r.next;
        if (r.next >= 0) sym[size_t(r.next)].prev = b.left;
        try_add(l.prev, b.left);
        try_add(b.left, l.next);
    }

    for (int i = sym.empty() ? -1 : 0; i != -1; i = sym[size_t(i)].next) {
        const std::string_view s = view(i);
        const int32_t id = vocab_.find(s);
        if (id >= 0) {
            out.push_back(id);
            continue;
        }
        // As llama.cpp: fall back to tokens of single bytes of the written form, if any
        // (gemma4: the <0xXX> tokens of its bytes).
        for (char c : s) {
            static const char* hex = "0123456789ABCDEF";
            const char byte_token[6] = {'<', '0', 'x', hex[uint8_t(c) >> 4], hex[uint8_t(c) & 15], '>'};
            const int32_t b = spm_style_ ? vocab_.find(std::string_view(byte_token, 6)) : vocab_.find(std::string_view(&c, 1));
            if (b >= 0) out.push_back(b);
        }
    }
}

std::string BpeTokenizer::normal_piece(int32_t id) const {
    const std::string& t = vocab_.text[size_t(id)];
    std::string out;
    if (spm_style_) {
        // U+2581 back to spaces
        for (size_t i = 0; i < t.size(); ++i) {
            if (t.compare(i, 3, "\xE2\x96\x81") == 0) {
                out += ' ';
                i += 2;
            } else {
                out += t[i];
            }
        }
        return out;
    }
    out.reserve(t.size());
    for (const auto& d : unicode::decode_utf8(t)) {
        auto it = d.valid ? cp_to_byte_.find(d.cp) : cp_to_byte_.end();
        if (it != cp_to_byte_.end()) out += char(it->second);
        else out.append(t, d.offset, d.len);  // outside the byte alphabet: keep as written
    }
    return out;
}

}  // namespace causerie
