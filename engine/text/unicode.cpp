#include "text/unicode.h"

#include "unicode_tables_gen.h"

#include <algorithm>
#include <array>
#include <memory>

namespace causerie::unicode {
namespace {

uint16_t flags_of(Gc gc) {
    switch (gc) {
        case Gc::Lu: case Gc::Lt: return kLetter | kUpper;
        case Gc::Ll: return kLetter | kLower;
        case Gc::Lm: case Gc::Lo: return kLetter;
        case Gc::Mn: case Gc::Mc: case Gc::Me: return kMark;
        case Gc::Nd: case Gc::Nl: case Gc::No: return kNumber;
        case Gc::Pc: case Gc::Pd: case Gc::Ps: case Gc::Pe: case Gc::Pi: case Gc::Pf: case Gc::Po: return kPunct;
        case Gc::Sm: case Gc::Sc: case Gc::Sk: case Gc::So: return kSymbol;
        case Gc::Zs: case Gc::Zl: case Gc::Zp: return kSeparator;
        case Gc::Cc: case Gc::Cf: case Gc::Cs: case Gc::Co: return kOther;
        case Gc::Cn: break;
    }
    return kUnassigned;
}

Gc lookup_category(uint32_t cp) {
    const auto& t = generated::kCategoryRanges;
    auto it = std::upper_bound(std::begin(t), std::end(t), cp,
                               [](uint32_t v, const CategoryRange& r) { return v < r.first; });
    if (it == std::begin(t)) return Gc::Cn;
    --it;
    return cp <= it->last ? it->category : Gc::Cn;
}

bool lookup_whitespace(uint32_t cp) {
    for (const auto& r : generated::kWhiteSpaceRanges)
        if (cp >= r.first && cp <= r.last) return true;
    return false;
}

// Flags of the Basic Multilingual Plane, computed once; the rest by binary search.
constexpr uint32_t kBmp = 0x10000;
const std::array<uint16_t, kBmp>& bmp_flags() {
    static const std::unique_ptr<std::array<uint16_t, kBmp>> table = [] {
        auto t = std::make_unique<std::array<uint16_t, kBmp>>();
        t->fill(kUnassigned);
        for (const auto& r : generated::kCategoryRanges) {
            if (r.first >= kBmp) break;
            const uint16_t f = flags_of(r.category);
            for (uint32_t c = r.first; c <= r.last && c < kBmp; ++c) (*t)[c] = f;
        }
        for (const auto& r : generated::kWhiteSpaceRanges)
            for (uint32_t c = r.first; c <= r.last && c < kBmp; ++c) (*t)[c] |= kWhitespace;
        return t;
    }();
    return *table;
}

}  // namespace

Gc category(uint32_t cp) { return lookup_category(cp); }

uint16_t flags(uint32_t cp) {
    if (cp < kBmp) return bmp_flags()[cp];
    uint16_t f = flags_of(lookup_category(cp));
    if (lookup_whitespace(cp)) f |= kWhitespace;
    return f;
}

const char* unicode_version() { return generated::kUnicodeVersion; }

namespace {
uint32_t mapped(const CodeMapping* begin, const CodeMapping* end, uint32_t cp) {
    auto it = std::lower_bound(begin, end, cp, [](const CodeMapping& m, uint32_t v) { return m.from < v; });
    return it != end && it->from == cp ? it->to : cp;
}
}  // namespace

uint32_t to_lower(uint32_t cp) { return mapped(std::begin(generated::kLowercase), std::end(generated::kLowercase), cp); }
uint32_t nfd_first(uint32_t cp) { return mapped(std::begin(generated::kNfdFirst), std::end(generated::kNfdFirst), cp); }

std::vector<Decoded> decode_utf8(std::string_view text) {
    std::vector<Decoded> out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const size_t n = text.size();
    size_t i = 0;
    auto cont = [&](size_t k) { return k < n && (s[k] & 0xC0) == 0x80; };
    while (i < n) {
        const uint8_t b = s[i];
        uint32_t cp = 0;
        size_t len = 0;
        if (b < 0x80) {
            cp = b, len = 1;
        } else if ((b & 0xE0) == 0xC0 && cont(i + 1)) {
            cp = (uint32_t(b & 0x1F) << 6) | (s[i + 1] & 0x3F), len = 2;
        } else if ((b & 0xF0) == 0xE0 && cont(i + 1) && cont(i + 2)) {
            cp = (uint32_t(b & 0x0F) << 12) | (uint32_t(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F), len = 3;
        } else if ((b & 0xF8) == 0xF0 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
            cp = (uint32_t(b & 0x07) << 18) | (uint32_t(s[i + 1] & 0x3F) << 12) | (uint32_t(s[i + 2] & 0x3F) << 6) |
                 (s[i + 3] & 0x3F);
            len = 4;
        }
        if (len == 0) {
            out.push_back({0xFFFD, uint32_t(i), 1, false});
            ++i;
        } else {
            out.push_back({cp, uint32_t(i), uint8_t(len), true});
            i += len;
        }
    }
    return out;
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | ((cp >> 18) & 0x07));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

int utf8_sequence(std::string_view s, size_t i) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const uint8_t b = p[i];
    if (b < 0x80) return 1;
    int len;
    uint8_t lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) len = 2;
    else if (b >= 0xE0 && b <= 0xEF) {
        len = 3;
        if (b == 0xE0) lo = 0xA0;
        if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4;
        if (b == 0xF0) lo = 0x90;
        if (b == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    for (int k = 1; k < len; ++k) {
        if (i + k >= s.size()) return -1;
        const uint8_t c = p[i + k];
        if (k == 1 ? (c < lo || c > hi) : (c & 0xC0) != 0x80) return 0;
    }
    return len;
}

std::string sanitize_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const int len = utf8_sequence(s, i);
        if (len > 0) {
            out.append(s.substr(i, size_t(len)));
            i += size_t(len);
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

}  // namespace causerie::unicode
