// Reference decoding of ggml's i-quants, in ggml's order of operations (so that a shader doing
// the same products matches it to the bit): each 32-element sub-block has a scale dl, each
// group of 8 (or 4) elements a grid entry, signs and, for IQ1, a shift delta.
#include "core/fp16.h"
#include "quant/blocks.h"
#include "quant/iq_quant.h"
#include "quant/iq_tables.h"

#include <cstring>

namespace causerie {
namespace {

using namespace blocks;
using namespace iq;

template <class B>
const B* as(const uint8_t* p, uint64_t i) { return reinterpret_cast<const B*>(p) + i; }

float sign_of(uint8_t signs, int j) { return (signs >> j) & 1 ? -1.f : 1.f; }

void dq_iq4_nl(const IQ4_NL& b, float* y) {
    const float d = fp16_to_f32(b.d);
    for (int j = 0; j < 16; ++j) {
        y[j] = d * float(kvalues_iq4nl[b.qs[j] & 0xF]);
        y[j + 16] = d * float(kvalues_iq4nl[b.qs[j] >> 4]);
    }
}

void dq_iq4_xs(const IQ4_XS& b, float* y) {
    const float d = fp16_to_f32(b.d);
    for (int ib = 0; ib < 8; ++ib) {
        const int ls = ((b.scales_l[ib / 2] >> (4 * (ib % 2))) & 0xF) | (((b.scales_h >> (2 * ib)) & 3) << 4);
        const float dl = d * float(ls - 32);
        const uint8_t* qs = b.qs + 16 * ib;
        for (int j = 0; j < 16; ++j) {
            y[32 * ib + j] = dl * float(kvalues_iq4nl[qs[j] & 0xF]);
            y[32 * ib + j + 16] = dl * float(kvalues_iq4nl[qs[j] >> 4]);
        }
    }
}

// Sub-block ib32: words 2*ib32 (4 grid indices) and 2*ib32 + 1 (4 x 7 sign bits, 4-bit scale).
void dq_iq2_xxs(const IQ2_XXS& b, float* y) {
    const float d = fp16_to_f32(b.d);
    for (int ib = 0; ib < 8; ++ib) {
        uint32_t idx, sc;
        std::memcpy(&idx, b.qs + 4 * ib, 4);
        std::memcpy(&sc, b.qs + 4 * ib + 2, 4);
        const float db = d * (0.5f + float(sc >> 28)) * 0.25f;
        for (int l = 0; l < 4; ++l) {
            const uint8_t signs = ksigns(sc >> (7 * l));
            for (int j = 0; j < 8; ++j) *y++ = db * float(grid8(iq2xxs_grid, (idx >> (8 * l)) & 0xFF, j)) * sign_of(signs, j);
        }
    }
}

// Groups of 8: a 16-bit word (9-bit grid index, 7 sign bits); a 4-bit scale per 16 elements.
void dq_iq2_xs(const IQ2_XS& b, float* y) {
    const float d = fp16_to_f32(b.d);
    for (int ib = 0; ib < 8; ++ib) {
        const float db[2] = {d * (0.5f + float(b.scales[ib] & 0xF)) * 0.25f, d * (0.5f + float(b.scales[ib] >> 4)) * 0.25f};
        for (int l = 0; l < 4; ++l) {
            const uint16_t q = b.qs[4 * ib + l];
            const uint8_t signs = ksigns(q >> 9);
            for (int j = 0; j < 8; ++j) *y++ = db[l / 2] * float(grid8(iq2xs_grid, q & 511, j)) * sign_of(signs, j);
        }
    }
}

// Groups of 8: grid index qs[g] with 2 high bits from qh, 8 stored sign bits qs[32 + g].
void dq_iq2_s(const IQ2_S& b, float* y) {
    const float d = fp16_to_f32(b.d);
    for (int ib = 0; ib < 8; ++ib) {
        const float db[2] = {d * (0.5f + float(b.scales[ib] & 0xF)) * 0.25f, d * (0.5f + float(b.scales[ib] >> 4)) * 0.25f};
        for (int l = 0; l < 4; ++l) {
            const uint32_t idx = b.qs[4 * ib + l] | ((uint32_t(b.qh[ib]) << (8 - 2 * l)) & 0x300);
            const uint8_t signs = b.qs[32 + 4 * ib + l];
            for (int j = 0; j < 8; ++j) *y++ = db[l / 2] * float(grid8(iq2s_grid, idx, j)) * sign_of(signs, j);
        }
    }
}

// 64 grid bytes (two 4-element entries per group of 8), then per sub-block a word of 4 x 7
// sign bits and a 4-bit scale.
void dq_iq3_xxs(const IQ3_XXS& b, float* y) {
    const float d = fp16_to_f32(b.d);
    for (int ib = 0; ib < 8; ++ib) {
        uint32_t sc;
        std::memcpy(&sc, b.qs + 64 + 4 * ib, 4);
        const float db = d * (0.5f + float(sc >> 28)) * 0.5f;
        const uint8_t* qs = b.qs + 8 * ib;
        for (int l = 0; l < 4; ++l) {
            const uint8_t signs = ksigns(sc >> (7 * l));
            for (int j = 0; j < 8; ++j)
                *y++ = db * float(grid4(iq3xxs_grid, qs[2 * l + j / 4], j % 4)) * sign_of(signs, j);
        }
    }
}

// Grid index qs[k] with a 9th bit from qh, 8 stored sign bits per group, a 4-bit scale per
// 32 elements (two per scales byte).
void dq_iq3_s(const IQ3_S& b, float* y) {
    const float d = fp16_to_f32(b.d);
    for (int ib = 0; ib < 8; ++ib) {
        const float db = d * float(1 + 2 * ((b.scales[ib / 2] >> (4 * (ib % 2))) & 0xF));
        const uint8_t* qs = b.qs + 8 * ib;
        for (int l = 0; l < 4; ++l) {
            const uint8_t signs = b.signs[4 * ib + l];
            for (int j = 0; j < 8; ++j) {
                const int k = 2 * l + j / 4;  // byte of qs and bit of qh for this half-group
                const uint32_t idx = qs[k] | ((uint32_t(b.qh[ib]) << (8 - k)) & 256);
                *y++ = db * float(grid4(iq3s_grid, idx, j % 4)) * sign_of(signs, j);
            }
        }
    }
}

// Groups of 8: an 11-bit grid index (qs + 3 bits of qh); per 32: a 3-bit scale and the sign of delta.
void dq_iq1_s(const IQ1_S& b, float* y) {
    const float d = fp16_to_f32(b.d);
    for (int ib = 0; ib < 8; ++ib) {
        const uint32_t qh = b.qh[ib];
        const float dl = d * float(2 * ((qh >> 12) & 7) + 1);
        const float delta = qh & 0x8000 ? -kIq1Delta : kIq1Delta;
        for (int l = 0; l < 4; ++l) {
            const uint32_t idx = b.qs[4 * ib + l] | (((qh >> (3 * l)) & 7) << 8);
            for (int j = 0; j < 8; ++j) *y++ = dl * (float(int8_t(grid8(iq1s_grid, idx, j))) + delta);
        }
    }
}

// Groups of 8: an 11-bit grid index and the sign of delta (a nibble of qh per group); 3-bit
// scales per 16 elements; the f16 d gathered from the top nibbles of the four scale words.
void dq_iq1_m(const IQ1_M& b, float* y) {
    uint16_t sc[4];
    std::memcpy(sc, b.scales, 8);
    const uint16_t dbits = uint16_t((sc[0] >> 12) | ((sc[1] >> 8) & 0x00F0) | ((sc[2] >> 4) & 0x0F00) | (sc[3] & 0xF000));
    const float d = fp16_to_f32(dbits);
    for (int ib = 0; ib < 8; ++ib) {
        const float dl[2] = {d * float(2 * ((sc[ib / 2] >> (6 * (ib % 2) + 0)) & 7) + 1),
                             d * float(2 * ((sc[ib / 2] >> (6 * (ib % 2) + 3)) & 7) + 1)};
        for (int l = 0; l < 4; ++l) {
            const uint32_t h = uint32_t(b.qh[2 * ib + l / 2]) >> (4 * (l % 2));  // this group's nibble
            const uint32_t idx = b.qs[4 * ib + l] | ((h & 7) << 8);
            const float delta = h & 8 ? -kIq1Delta : kIq1Delta;
            for (int j = 0; j < 8; ++j) *y++ = dl[l / 2] * (float(int8_t(grid8(iq1s_grid, idx, j))) + delta);
        }
    }
}

}  // namespace

bool is_iq_type(TensorType t) {
    switch (t) {
        case TensorType::IQ4_NL: case TensorType::IQ4_XS: case TensorType::IQ2_XXS: case TensorType::IQ2_XS:
        case TensorType::IQ2_S: case TensorType::IQ3_XXS: case TensorType::IQ3_S: case TensorType::IQ1_S:
        case TensorType::IQ1_M:
            return true;
        default:
            return false;
    }
}

void dequantize_iq_row(TensorType type, const uint8_t* src, float* y, uint64_t n) {
#define CASE(T, fn, QN) \
    case TensorType::T: for (uint64_t i = 0; i < n / QN; ++i) fn(*as<T>(src, i), y + i * QN); return;
    switch (type) {
        CASE(IQ4_NL, dq_iq4_nl, QK) CASE(IQ4_XS, dq_iq4_xs, QK_K) CASE(IQ2_XXS, dq_iq2_xxs, QK_K)
        CASE(IQ2_XS, dq_iq2_xs, QK_K) CASE(IQ2_S, dq_iq2_s, QK_K) CASE(IQ3_XXS, dq_iq3_xxs, QK_K)
        CASE(IQ3_S, dq_iq3_s, QK_K) CASE(IQ1_S, dq_iq1_s, QK_K) CASE(IQ1_M, dq_iq1_m, QK_K)
        default: for (uint64_t i = 0; i < n; ++i) y[i] = 0; return;
    }
#undef CASE
}

}  // namespace causerie
