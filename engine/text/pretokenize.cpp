// Each regular expression of a pre-tokenizer is a matcher: given a start position inside a
// piece, the length of the match the regex engine would find there (leftmost alternative first,
// greedy with backtracking), or 0. A pre-tokenizer applies its expressions in sequence: each one
// cuts every piece left by the previous one into matches and the unmatched text between them.
#include "text/pretokenize.h"

#include "text/unicode.h"

#include <algorithm>
#include <array>

namespace causerie {
namespace {

using namespace unicode;

struct Text {
    std::vector<uint32_t> cp;  // malformed bytes read as U+FFFD
    std::vector<uint16_t> fl;
};

struct Span {
    size_t begin, end;  // code point indices
};

// A matcher sees the code points of one piece [.., end) and a start position.
using Matcher = size_t (*)(const Text& t, size_t p, size_t end);

bool is_ws(const Text& t, size_t i) { return t.fl[i] & kWhitespace; }
bool is_l(const Text& t, size_t i) { return t.fl[i] & kLetter; }
bool is_n(const Text& t, size_t i) { return t.fl[i] & kNumber; }
bool is_p(const Text& t, size_t i) { return t.fl[i] & kPunct; }
bool is_crlf(uint32_t c) { return c == '\r' || c == '\n'; }
uint32_t lower_ascii(uint32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

// The character a std::wregex sees in llama.cpp: non-ASCII whitespace becomes U+000B.
uint32_t wide(const Text& t, size_t i) { return t.cp[i] > 0x7F && is_ws(t, i) ? 0x0B : t.cp[i]; }

template <class Pred>
size_t run(const Text& t, size_t p, size_t end, Pred pred) {
    size_t q = p;
    while (q < end && pred(t, q)) ++q;
    return q - p;
}

// 's|'t|'re|'ve|'m|'ll|'d, optionally case-insensitive.
size_t contraction(const Text& t, size_t p, size_t end, bool any_case) {
    if (t.cp[p] != '\'' || p + 1 >= end) return 0;
    auto c = [&](size_t i) { return any_case ? lower_ascii(t.cp[i]) : t.cp[i]; };
    const uint32_t a = c(p + 1);
    if (a == 's' || a == 't' || a == 'm' || a == 'd') return 2;
    if (p + 2 < end) {
        const uint32_t b = c(p + 2);
        if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return 3;
    }
    return 0;
}

// The whitespace alternatives shared by the newer expressions:
// \s*[\r\n]+ | \s+(?!\S) | \s+
size_t whitespace_tail(const Text& t, size_t p, size_t end, bool with_newlines) {
    size_t q = p, last_nl = 0;
    while (q < end && is_ws(t, q)) {
        if (is_crlf(t.cp[q])) last_nl = q + 1;
        ++q;
    }
    if (with_newlines && last_nl) return last_nl - p;
    const size_t n = q - p;
    if (n > 1 && q < end) return n - 1;
    return n;
}

// GPT-2: 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
size_t m_gpt2(const Text& t, size_t p, size_t end) {
    if (size_t n = contraction(t, p, end, false)) return n;
    const size_t s = (t.cp[p] == ' ' && p + 1 < end) ? p + 1 : p;
    if (s < end) {
        if (is_l(t, s)) return s - p + run(t, s, end, is_l);
        if (is_n(t, s)) return s - p + run(t, s, end, is_n);
        auto other = [](const Text& x, size_t i) { return !(x.fl[i] & (kWhitespace | kLetter | kNumber)); };
        if (other(t, s)) return s - p + run(t, s, end, other);
    }
    if (size_t n = whitespace_tail(t, p, end, false)) return n;
    return 1;
}

// Llama 3 and Qwen2:
// (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,D}| ?[^\s\p{L}\p{N}]+[\r\n]*|
// \s*[\r\n]+|\s+(?!\S)|\s+
// The end of llama3's and qwen's expressions: ` ?[other]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`, with
// `other` the class of the punctuation runs.
template <class Other>
size_t punct_or_space(const Text& t, size_t p, size_t end, Other other) {
    const size_t s = (t.cp[p] == ' ' && p + 1 < end && other(t, p + 1)) ? p + 1 : p;
    if (other(t, s)) {
        size_t q = s + run(t, s, end, other);
        while (q < end && is_crlf(t.cp[q])) ++q;
        return q - p;
    }
    if (size_t n = whitespace_tail(t, p, end, true)) return n;
    return 1;
}

template <size_t MaxDigits>
size_t m_llama3(const Text& t, size_t p, size_t end) {
    if (size_t n = contraction(t, p, end, true)) return n;
    const uint32_t c = t.cp[p];
    if (is_l(t, p)) return run(t, p, end, is_l);
    if (!is_crlf(c) && !is_n(t, p) && p + 1 < end && is_l(t, p + 1)) return 1 + run(t, p + 1, end, is_l);
    if (is_n(t, p)) return std::min(MaxDigits, run(t, p, end, is_n));
    auto other = [](const Text& x, size_t i) { return !(x.fl[i] & (kWhitespace | kLetter | kNumber)); };
    return punct_or_space(t, p, end, other);
}

// Qwen3.5 (llama.cpp's qwen35): Qwen2's expression with combining marks in the letter runs and
// out of the punctuation runs:
// (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?[\p{L}\p{M}]+|\p{N}| ?[^\s\p{L}\p{M}\p{N}]+[\r\n]*|
// \s*[\r\n]+|\s+(?!\S)|\s+
size_t m_qwen35(const Text& t, size_t p, size_t end) {
    if (size_t n = contraction(t, p, end, true)) return n;
    auto lm = [](const Text& x, size_t i) { return (x.fl[i] & (kLetter | kMark)) != 0; };
    const uint32_t c = t.cp[p];
    if (!is_crlf(c) && !is_n(t, p) && (lm(t, p) || (p + 1 < end && lm(t, p + 1)))) return 1 + run(t, p + 1, end, lm);
    if (is_n(t, p)) return 1;
    auto other = [](const Text& x, size_t i) { return !(x.fl[i] & (kWhitespace | kLetter | kMark | kNumber)); };
    return punct_or_space(t, p, end, other);
}

// Tekken, as llama.cpp rewrites it for std::regex ("upper" = a letter but not a-z, "lower" = a
// letter but not A-Z):
// [^\r\n\p{L}\p{N}]?U*W+|[^\r\n\p{L}\p{N}]?U+W*|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
// With Gpt4o (gpt-4o: Phi-4, llama4) both letter alternatives take an optional contraction
// (?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])? and digits come in runs of 1 to 3.
template <bool Gpt4o>
size_t m_tekken(const Text& t, size_t p, size_t end) {
    auto up = [](const Text& x, size_t i) { return is_l(x, i) && !(x.cp[i] >= 'a' && x.cp[i] <= 'z'); };
    auto lo = [](const Text& x, size_t i) { return is_l(x, i) && !(x.cp[i] >= 'A' && x.cp[i] <= 'Z'); };
    auto with_suffix = [&](size_t q) { return (Gpt4o && q < end ? q + contraction(t, q, end, true) : q) - p; };
    const uint32_t c = t.cp[p];
    const bool lead = !is_crlf(c) && !is_l(t, p) && !is_n(t, p);
    const size_t s = lead ? p + 1 : p;
    if (s < end) {
        const size_t e = s + run(t, s, end, up);
        for (size_t k = e + 1; k-- > s;) {
            if (k < end && lo(t, k)) return with_suffix(k + run(t, k, end, lo));
        }
        if (e > s) return with_suffix(e + run(t, e, end, lo));
    }
    if (is_n(t, p)) return Gpt4o ? std::min<size_t>(3, run(t, p, end, is_n)) : 1;
    auto other = [](const Text& x, size_t i) { return !(x.fl[i] & (kWhitespace | kLetter | kNumber)); };
    const size_t s2 = (c == ' ' && p + 1 < end && other(t, p + 1)) ? p + 1 : p;
    if (other(t, s2)) {
        size_t q = s2 + run(t, s2, end, other);
        while (q < end && (is_crlf(t.cp[q]) || t.cp[q] == '/')) ++q;
        return q - p;
    }
    if (size_t n = whitespace_tail(t, p, end, true)) return n;
    return 1;
}

// DeepSeek V3 (\p{S} as llama.cpp's collapsed std::regex sees it: ASCII '~' is not a symbol):
// [!-/:-@\[-`{-~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|
// \s*[\r\n]+|\s+(?!\S)|\s+
size_t m_deepseek_v3(const Text& t, size_t p, size_t end) {
    auto alpha = [](const Text& x, size_t i) { return x.cp[i] < 0x80 && (x.cp[i] | 0x20) >= 'a' && (x.cp[i] | 0x20) <= 'z'; };
    auto sym = [](const Text& x, size_t i) { return (x.fl[i] & kSymbol) && x.cp[i] != '~'; };
    auto ps = [&](const Text& x, size_t i) { return is_p(x, i) || sym(x, i); };
    auto lm = [](const Text& x, size_t i) { return (x.fl[i] & (kLetter | kMark)) != 0; };
    const uint32_t c = t.cp[p];
    const bool ascii_punct = c >= 0x21 && c <= 0x7E && !(c >= '0' && c <= '9') && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (ascii_punct && p + 1 < end && alpha(t, p + 1)) return 1 + run(t, p + 1, end, alpha);
    const bool lead = !is_crlf(c) && !is_l(t, p) && !ps(t, p);
    if (lead && p + 1 < end && lm(t, p + 1)) return 1 + run(t, p + 1, end, lm);
    if (lm(t, p)) return run(t, p, end, lm);
    const size_t s = (c == ' ' && p + 1 < end && ps(t, p + 1)) ? p + 1 : p;
    if (ps(t, s)) {
        size_t q = s;
        while (q < end && ps(t, q)) ++q;
        while (q < end && is_crlf(t.cp[q])) ++q;
        return q - p;
    }
    return whitespace_tail(t, p, end, true);
}

// Single-purpose expressions of the older pre-tokenizers.
size_t m_crlf(const Text& t, size_t p, size_t) { return is_crlf(t.cp[p]) ? 1 : 0; }
size_t m_digit(const Text& t, size_t p, size_t) { return is_n(t, p) ? 1 : 0; }
size_t m_digits(const Text& t, size_t p, size_t end) { return run(t, p, end, is_n); }
size_t m_ascii_digits3(const Text& t, size_t p, size_t end) {
    auto d = [](const Text& x, size_t i) { return x.cp[i] >= '0' && x.cp[i] <= '9'; };
    return run(t, p, end, d) >= 3 ? 3 : 0;
}
bool falcon_punct(const Text& x, size_t i) {
    const uint32_t c = x.cp[i];
    return is_p(x, i) || c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' || c == '~' || c == '|' || c == '`';
}
bool default_punct(const Text& x, size_t i) { return x.cp[i] != '`' && falcon_punct(x, i); }
size_t m_falcon_punct(const Text& t, size_t p, size_t end) { return run(t, p, end, falcon_punct); }
size_t m_default_punct(const Text& t, size_t p, size_t end) { return run(t, p, end, default_punct); }

// \s?X+ where \s is the optional first character.
template <bool (*X)(const Text&, size_t)>
size_t opt_space_run(const Text& t, size_t p, size_t end) {
    if (is_ws(t, p) && p + 1 < end && X(t, p + 1)) return 1 + run(t, p + 1, end, X);
    return run(t, p, end, X);
}

bool in_ranges(uint32_t c, const std::pair<uint32_t, uint32_t>* r, size_t n) {
    for (size_t i = 0; i < n; ++i)
        if (c >= r[i].first && c <= r[i].second) return true;
    return false;
}

// The literal character classes of DeepSeek's tokenizer.json (not Unicode categories).
constexpr std::pair<uint32_t, uint32_t> kDsLetters[] = {
    {0x41, 0x5A}, {0x61, 0x7A}, {0xB5, 0xB5}, {0xC0, 0xD6}, {0xD8, 0xF6}, {0xF8, 0x1BA}, {0x1BC, 0x1BF},
    {0x1C4, 0x293}, {0x295, 0x2AF}, {0x370, 0x373}, {0x376, 0x377}, {0x37B, 0x37D}, {0x37F, 0x37F},
    {0x386, 0x386}, {0x388, 0x38A}, {0x38C, 0x38C}, {0x38E, 0x3A1}, {0x3A3, 0x3F5}, {0x3F7, 0x481},
    {0x48A, 0x52F}, {0x531, 0x556}, {0x10A0, 0x10C5}, {0x13A0, 0x13F5}, {0x13F8, 0x13FD}, {0x1C90, 0x1CBA},
    {0x1CBD, 0x1CBF}, {0x1D00, 0x1D2B}, {0x1D6B, 0x1D77}, {0x1D79, 0x1D9A}, {0x1E00, 0x1F15}, {0x1F18, 0x1F1D},
    {0x1F20, 0x1F45}, {0x1F48, 0x1F4D}, {0x1F50, 0x1F57}, {0x1F59, 0x1F59}, {0x1F5B, 0x1F5B}, {0x1F5D, 0x1F5D},
    {0x1F5F, 0x1F7D}, {0x1F80, 0x1FB4}, {0x1FB6, 0x1FBC}, {0x1FBE, 0x1FBE}, {0x1FC2, 0x1FC4}, {0x1FC6, 0x1FCC},
    {0x1FD0, 0x1FD3}, {0x1FD6, 0x1FDB}, {0x1FE0, 0x1FEC}, {0x1FF2, 0x1FF4}, {0x1FF6, 0x1FFC}, {0x2102, 0x2102},
    {0x2107, 0x2107}, {0x210A, 0x2113}, {0x2115, 0x2115}, {0x2119, 0x211D}, {0x2124, 0x2124}, {0x2126, 0x2126},
    {0x2128, 0x2128}, {0x212A, 0x212D}, {0x212F, 0x2134}, {0x2139, 0x2139}, {0x213C, 0x213F}, {0x2145, 0x2149},
    {0x214E, 0x214E}, {0x2183, 0x2184}, {0x2C00, 0x2C7B}, {0x2C7E, 0x2CE4}, {0x2CEB, 0x2CEE}, {0x2CF2, 0x2CF3},
    {0xA640, 0xA66D}, {0xA680, 0xA69B}, {0xA722, 0xA76F}, {0xA771, 0xA787}, {0xA78B, 0xA78E}, {0xAB70, 0xABBF},
    {0xFB00, 0xFB06}, {0xFB13, 0xFB17}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}, {0x10400, 0x1044F}, {0x104B0, 0x104D3},
    {0x104D8, 0x104FB}, {0x10C80, 0x10CB2}, {0x10CC0, 0x10CF2}, {0x118A0, 0x118DF}, {0x1E900, 0x1E943},
};
constexpr std::pair<uint32_t, uint32_t> kDsPunct[] = {
    {0x21, 0x2F}, {0x3A, 0x7E}, {0xFF01, 0xFF0F}, {0xFF1A, 0xFF5E}, {0x2018, 0x201F}, {0x3000, 0x3002},
};
constexpr std::pair<uint32_t, uint32_t> kCjk[] = {{0x4E00, 0x9FA5}, {0x800, 0x4E00}, {0xAC00, 0xD7FF}};
constexpr std::pair<uint32_t, uint32_t> kCjkKana[] = {{0x4E00, 0x9FA5}, {0x3040, 0x309F}, {0x30A0, 0x30FF}};

bool ds_letter(const Text& x, size_t i) { return in_ranges(wide(x, i), kDsLetters, std::size(kDsLetters)); }
bool ds_punct(const Text& x, size_t i) { return in_ranges(wide(x, i), kDsPunct, std::size(kDsPunct)); }
bool cjk(const Text& x, size_t i) { return in_ranges(wide(x, i), kCjk, std::size(kCjk)); }
bool cjk_kana(const Text& x, size_t i) { return in_ranges(wide(x, i), kCjkKana, std::size(kCjkKana)); }
size_t m_cjk(const Text& t, size_t p, size_t end) { return run(t, p, end, cjk); }
size_t m_cjk_kana(const Text& t, size_t p, size_t end) { return run(t, p, end, cjk_kana); }
size_t m_trailing_ws(const Text& t, size_t p, size_t end) {
    const size_t n = run(t, p, end, is_ws);
    return p + n == end ? n : 0;
}
size_t m_digits_1_3(const Text& t, size_t p, size_t end) { return std::min<size_t>(3, run(t, p, end, is_n)); }

// BLOOM:  ?[^(\s|.,!?…。，、।۔،)]+
bool bloom_word(const Text& x, size_t i) {
    static constexpr uint32_t kStop[] = {'(', '|', '.', ',', '!', '?', 0x2026, 0x3002, 0xFF0C, 0x3001, 0x0964, 0x06D4, 0x060C, ')'};
    const uint32_t c = wide(x, i);
    if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return false;
    return std::find(std::begin(kStop), std::end(kStop), c) == std::end(kStop);
}
size_t m_bloom(const Text& t, size_t p, size_t end) {
    if (t.cp[p] == ' ' && p + 1 < end && bloom_word(t, p + 1)) return 1 + run(t, p + 1, end, bloom_word);
    return run(t, p, end, bloom_word);
}

std::vector<Span> apply(const Text& t, const std::vector<Span>& pieces, Matcher m) {
    std::vector<Span> out;
    out.reserve(pieces.size() * 2);
    for (const Span& s : pieces) {
        size_t last = s.begin, p = s.begin;
        while (p < s.end) {
            const size_t n = m(t, p, s.end);
            if (n == 0) {
                ++p;
                continue;
            }
            if (p > last) out.push_back({last, p});
            out.push_back({p, p + n});
            p += n;
            last = p;
        }
        if (last < s.end) out.push_back({last, s.end});
    }
    return out;
}

std::vector<Matcher> matchers(PreTokenizerKind kind) {
    switch (kind) {
        case PreTokenizerKind::Gpt2: return {m_gpt2};
        case PreTokenizerKind::Llama3: return {m_llama3<3>};
        case PreTokenizerKind::Qwen2: return {m_llama3<1>};
        case PreTokenizerKind::Qwen35: return {m_qwen35};
        case PreTokenizerKind::Tekken: return {m_tekken<false>};
        case PreTokenizerKind::Gpt4o: return {m_tekken<true>};
        case PreTokenizerKind::DeepseekLlm:
            return {m_crlf, opt_space_run<ds_letter>, opt_space_run<ds_punct>, m_trailing_ws, m_cjk, m_digits};
        case PreTokenizerKind::DeepseekCoder: return {m_crlf, opt_space_run<is_l>, opt_space_run<is_p>, m_cjk, m_digit};
        case PreTokenizerKind::DeepseekV3: return {m_digits_1_3, m_cjk_kana, m_deepseek_v3};
        case PreTokenizerKind::Falcon: return {m_falcon_punct, m_gpt2, m_ascii_digits3};
        case PreTokenizerKind::Starcoder: return {m_digit, m_gpt2};
        case PreTokenizerKind::Bloom: return {m_bloom};
        case PreTokenizerKind::Viking: return {m_bloom, m_digit};
        case PreTokenizerKind::Default: break;
    }
    return {m_default_punct, m_gpt2, m_digits, m_ascii_digits3};
}

struct Alias {
    const char* name;
    PreTokenizerKind kind;
    bool ignore_merges;
    bool add_bos;
};

constexpr Alias kAliases[] = {
    {"default", PreTokenizerKind::Default, false, false},
    {"llama3", PreTokenizerKind::Llama3, true, true},
    {"llama-v3", PreTokenizerKind::Llama3, true, true},
    {"llama-bpe", PreTokenizerKind::Llama3, true, true},
    {"falcon3", PreTokenizerKind::Llama3, true, true},
    {"dbrx", PreTokenizerKind::Llama3, false, false},
    {"smaug-bpe", PreTokenizerKind::Llama3, false, false},
    {"deepseek-llm", PreTokenizerKind::DeepseekLlm, false, false},
    {"deepseek-coder", PreTokenizerKind::DeepseekCoder, false, false},
    {"deepseek-v3", PreTokenizerKind::DeepseekV3, false, false},
    {"falcon", PreTokenizerKind::Falcon, false, false},
    {"gpt-2", PreTokenizerKind::Gpt2, false, false},
    {"gpt2", PreTokenizerKind::Gpt2, false, false},
    {"mpt", PreTokenizerKind::Gpt2, false, false},
    {"olmo", PreTokenizerKind::Gpt2, false, false},
    {"jais", PreTokenizerKind::Gpt2, false, false},
    {"phi-2", PreTokenizerKind::Gpt2, false, false},
    {"roberta-bpe", PreTokenizerKind::Gpt2, false, false},
    {"gigachat", PreTokenizerKind::Gpt2, false, false},
    {"starcoder", PreTokenizerKind::Starcoder, false, false},
    {"refact", PreTokenizerKind::Starcoder, false, false},
    {"command-r", PreTokenizerKind::Starcoder, false, false},
    {"smollm", PreTokenizerKind::Starcoder, false, false},
    {"codeshell", PreTokenizerKind::Starcoder, false, false},
    {"exaone", PreTokenizerKind::Starcoder, false, false},
    {"minerva-7b", PreTokenizerKind::Starcoder, false, false},
    {"qwen2", PreTokenizerKind::Qwen2, false, false},
    {"stablelm2", PreTokenizerKind::Qwen2, false, false},
    {"megrez", PreTokenizerKind::Qwen2, false, false},
    {"deepseek-r1-qwen", PreTokenizerKind::Qwen2, false, false},
    {"qwen35", PreTokenizerKind::Qwen35, false, false},
    {"tekken", PreTokenizerKind::Tekken, true, true},
    {"gpt-4o", PreTokenizerKind::Gpt4o, false, false},
    {"bloom", PreTokenizerKind::Bloom, false, false},
    {"poro-chat", PreTokenizerKind::Bloom, false, false},
    {"gpt3-finnish", PreTokenizerKind::Bloom, false, false},
    {"viking", PreTokenizerKind::Viking, false, false},
};

}  // namespace

std::optional<PreTokenizerInfo> find_pre_tokenizer(std::string_view name) {
    if (name.empty()) return PreTokenizerInfo{};
    for (const auto& a : kAliases)
        if (name == a.name) return PreTokenizerInfo{a.kind, a.ignore_merges, a.add_bos};
    return std::nullopt;
}

std::string supported_pre_tokenizers() {
    std::string s;
    for (const auto& a : kAliases) {
        if (!s.empty()) s += ", ";
        s += a.name;
    }
    return s;
}

std::vector<std::string_view> pre_tokenize(PreTokenizerKind kind, std::string_view text) {
    const auto decoded = decode_utf8(text);
    Text t;
    t.cp.reserve(decoded.size());
    t.fl.reserve(decoded.size());
    for (const auto& d : decoded) {
        t.cp.push_back(d.cp);
        t.fl.push_back(flags(d.cp));
    }
    std::vector<Span> pieces;
    if (!decoded.empty()) pieces.push_back({0, decoded.size()});
    for (Matcher m : matchers(kind)) pieces = apply(t, pieces, m);

    std::vector<std::string_view> out;
    out.reserve(pieces.size());
    for (const Span& s : pieces) {
        const size_t b = decoded[s.begin].offset;
        const size_t e = s.end < decoded.size() ? decoded[s.end].offset : text.size();
        out.push_back(text.substr(b, e - b));
    }
    return out;
}

}  // namespace causerie
