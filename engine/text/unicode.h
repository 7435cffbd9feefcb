// Unicode character properties and UTF-8 helpers for the tokenizers.
// General categories and White_Space come from tables generated at build time from the
// Unicode Character Database (scripts/gen_unicode_tables.py); nothing here is typed by hand.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace causerie::unicode {

// General category (Cn: unassigned).
enum class Gc : uint8_t {
    Cn, Lu, Ll, Lt, Lm, Lo, Mn, Mc, Me, Nd, Nl, No,
    Pc, Pd, Ps, Pe, Pi, Pf, Po, Sm, Sc, Sk, So,
    Zs, Zl, Zp, Cc, Cf, Cs, Co,
};

struct CategoryRange {
    uint32_t first;
    uint32_t last;
    Gc category;
};
struct CodeRange {
    uint32_t first;
    uint32_t last;
};
struct CodeMapping {
    uint32_t from;
    uint32_t to;
};

// Flags the pre-tokenizers test; a code point has exactly one of the category bits.
enum Flag : uint16_t {
    kLetter = 1 << 0,       // \p{L}
    kNumber = 1 << 1,       // \p{N}
    kPunct = 1 << 2,        // \p{P}
    kSymbol = 1 << 3,       // \p{S}
    kMark = 1 << 4,         // \p{M}
    kSeparator = 1 << 5,    // \p{Z}
    kOther = 1 << 6,        // \p{C} assigned (Cc, Cf, Cs, Co)
    kUnassigned = 1 << 7,   // Cn
    kWhitespace = 1 << 8,   // White_Space (\s)
    kUpper = 1 << 9,        // Lu, Lt
    kLower = 1 << 10,       // Ll
};

Gc category(uint32_t cp);
uint16_t flags(uint32_t cp);
inline bool is_whitespace(uint32_t cp) { return flags(cp) & kWhitespace; }
const char* unicode_version();
// The simple lowercase mapping (cp itself when it has none).
uint32_t to_lower(uint32_t cp);
// The first code point of cp's canonical decomposition (cp itself when it has none): "é" gives
// "e". What llama.cpp's WordPiece normalizer calls NFD.
uint32_t nfd_first(uint32_t cp);

// Length of a UTF-8 sequence from its first byte alone (1 for stray continuation bytes).
inline size_t utf8_len_from_lead(uint8_t b) {
    static constexpr uint8_t kLen[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
    return kLen[b >> 4];
}

// One decoded code point and where it lies in the source bytes. Malformed input decodes
// byte by byte as U+FFFD (valid = false), keeping the original bytes addressable.
struct Decoded {
    uint32_t cp;
    uint32_t offset;
    uint8_t len;
    bool valid;
};
std::vector<Decoded> decode_utf8(std::string_view text);
void append_utf8(std::string& out, uint32_t cp);

// Strict UTF-8 (no overlongs, surrogates or values past U+10FFFF) at byte `i` of `s`: the
// length of the sequence, 0 if malformed, -1 if valid so far but cut by the end of `s`.
int utf8_sequence(std::string_view s, size_t i);
// Replaces each byte of a malformed sequence (and an incomplete one at the end) with U+FFFD.
std::string sanitize_utf8(std::string_view s);

}  // namespace causerie::unicode
