// SentencePiece BPE as llama.cpp runs it: the text (with a leading space when the model adds a
// space prefix, spaces written U+2581) starts as one symbol per UTF-8 character; the adjacent
// pair whose concatenation is the highest-scoring vocabulary entry merges first (leftmost on
// ties) until no pair is in the vocabulary. Symbols that are not tokens become byte tokens.
#include "text/spm.h"

#include "text/unicode.h"

#include <queue>

namespace causerie {
namespace {

constexpr std::string_view kSpace = "\xE2\x96\x81";  // U+2581

struct Symbol {
    int prev, next;
    size_t offset, n;
};

struct Bigram {
    int left, right;
    float score;
    size_t size;
};

struct BigramOrder {
    bool operator()(const Bigram& a, const Bigram& b) const {
        return a.score < b.score || (a.score == b.score && a.left > b.left);
    }
};

}  // namespace

std::unique_ptr<Tokenizer> new_spm_tokenizer() { return std::make_unique<SpmTokenizer>(); }

Status SpmTokenizer::init(const Gguf& g) {
    add_bos_ = g.bool_or("tokenizer.ggml.add_bos_token", true);
    static const char* kHex = "0123456789ABCDEF";
    for (int b = 0; b < 256; ++b) {
        const char name[7] = {'<', '0', 'x', kHex[b >> 4], kHex[b & 15], '>', 0};
        int32_t id = vocab_.find(name);
        if (id < 0) id = vocab_.find(std::string(1, char(b)));
        byte_tokens_[size_t(b)] = id >= 0 ? id : unk_;
    }
    return {};
}

void SpmTokenizer::encode_text(std::string_view text, bool after_special, std::vector<int32_t>& out) const {
    std::string s;
    s.reserve(text.size() * 2 + 3);
    if (add_space_prefix_ && after_special) s += kSpace;
    for (char c : text) {
        if (c == ' ') s += kSpace;
        else s += c;
    }
    tokenize(s, out);
}

void SpmTokenizer::tokenize(const std::string& text, std::vector<int32_t>& out) const {
    // One symbol per character; each byte of a malformed sequence is a symbol of its own, so
    // it falls back to its byte token without swallowing the characters after it.
    std::vector<Symbol> sym;
    const auto chars = unicode::decode_utf8(text);
    sym.reserve(chars.size());
    for (size_t i = 0; i < chars.size(); ++i) {
        const int idx = int(i);
        sym.push_back({idx - 1, i + 1 == chars.size() ? -1 : idx + 1, chars[i].offset, chars[i].len});
    }

    std::priority_queue<Bigram, std::vector<Bigram>, BigramOrder> queue;
    auto try_add = [&](int left, int right) {
        if (left < 0 || right < 0) return;
        const std::string_view joined(text.data() + sym[size_t(left)].offset, sym[size_t(left)].n + sym[size_t(right)].n);
        const int32_t id = vocab_.find(joined);
        if (id < 0) return;
        queue.push({left, right, vocab_.score[size_t(id)], joined.size()});
    };
    for (size_t i = 1; i < sym.size(); ++i) try_add(int(i - 1), int(i));

    while (!queue.empty()) {
        const Bigram b = queue.top();
        queue.pop();
        Symbol& l = sym[size_t(b.left)];
        Symbol& r = sym[size_t(b.right)];
        if (l.n == 0 || r.n == 0 || l.n + r.n != b.size) continue;
        l.n += r.n;
        r.n = 0;
        l.next = r.next;
        if (r.next >= 0) sym[size_t(r.next)].prev = b.left;
        try_add(l.prev, b.left);
        try_add(b.left, l.next);
    }

    for (int i = sym.empty() ? -1 : 0; i != -1; i = sym[size_t(i)].next) {
        const Symbol& s = sym[size_t(i)];
        const std::string_view piece(text.data() + s.offset, s.n);
        const int32_t id = vocab_.find(piece);
        if (id >= 0) {
            out.push_back(id);
            continue;
        }
        for (char c : piece) {
            const int32_t bt = byte_tokens_[uint8_t(c)];
            if (bt >= 0) out.push_back(bt);
        }
    }
}

std::string SpmTokenizer::normal_piece(int32_t id) const {
    const std::string& t = vocab_.text[size_t(id)];
    std::string out;
    out.reserve(t.size());
    for (size_t i = 0; i < t.size();) {
        if (t.compare(i, kSpace.size(), kSpace) == 0) {
            out += ' ';
            i += kSpace.size();
        } else {
            out += t[i++];
        }
    }
    return out;
}

}  // namespace causerie
