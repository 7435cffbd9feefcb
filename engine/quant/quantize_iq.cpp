// Encoders for ggml's i-quants. Not llama.cpp's searches (no importance weights, no neighbour
// tables): IQ4 tries a few scales and keeps the least-squares best; the grid formats pick one
// scale per sub-block, the signs from the data and the nearest grid entry by exhaustive search.
// Valid blocks with an error near the format's: enough for random test models and benchmarks.
#include "core/fp16.h"
#include "quant/blocks.h"
#include "quant/iq_quant.h"
#include "quant/iq_tables.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace causerie {
namespace {

using namespace blocks;
using namespace iq;

float amax_of(const float* x, int n) {
    float m = 0;
    for (int i = 0; i < n; ++i) m = std::max(m, std::fabs(x[i]));
    return m;
}

// The IQ4 level nearest to t: the levels ascend, so it is the number of midpoints below t.
int nearest_level(float t) {
    static const auto mid = [] {
        std::array<float, 15> m{};
        for (int k = 0; k < 15; ++k) m[size_t(k)] = 0.5f * float(kvalues_iq4nl[k] + kvalues_iq4nl[k + 1]);
        return m;
    }();
    return int(std::upper_bound(mid.begin(), mid.end(), t) - mid.begin());
}

// Scale and levels for n values on the IQ4 levels: candidate inverse scales around the one that
// puts the signed maximum on -127, each with its nearest levels and least-squares scale; the one
// that explains most of x (largest sumqx^2 / sumq2) wins.
float iq4_fit(const float* x, int n, uint8_t* idx) {
    float max = 0;
    for (int i = 0; i < n; ++i) if (std::fabs(x[i]) > std::fabs(max)) max = x[i];
    if (max == 0) {
        std::fill(idx, idx + n, uint8_t(8));  // level 1, times a zero scale
        return 0;
    }
    float best = -1, best_d = 0;
    uint8_t l[32];  // n <= 32
    for (int itry = -7; itry <= 7; ++itry) {
        const float id = (0.1f * float(itry) + float(kvalues_iq4nl[0])) / max;
        double sumqx = 0, sumq2 = 0;
        for (int i = 0; i < n; ++i) {
            l[i] = uint8_t(nearest_level(x[i] * id));
            const double q = kvalues_iq4nl[l[i]];
            sumqx += q * x[i];
            sumq2 += q * q;
        }
        if (sumq2 > 0 && sumqx * sumqx / sumq2 > best) {
            best = float(sumqx * sumqx / sumq2);
            best_d = float(sumqx / sumq2);
            std::copy(l, l + n, idx);
        }
    }
    return best_d;
}

void q_iq4_nl(const float* x, IQ4_NL& b) {
    uint8_t l[32];
    b.d = f32_to_fp16(iq4_fit(x, 32, l));
    for (int j = 0; j < 16; ++j) b.qs[j] = uint8_t(l[j] | (l[j + 16] << 4));
}

void q_iq4_xs(const float* x, IQ4_XS& b) {
    float scale[8], max_scale = 0;
    uint8_t l[32];
    for (int ib = 0; ib < 8; ++ib) {
        scale[ib] = iq4_fit(x + 32 * ib, 32, l);
        if (std::fabs(scale[ib]) > std::fabs(max_scale)) max_scale = scale[ib];
    }
    const float d = max_scale / -32, id = d ? 1 / d : 0;
    b.d = f32_to_fp16(d);
    const float dr = fp16_to_f32(b.d);
    b.scales_h = 0;
    std::memset(b.scales_l, 0, 4);
    for (int ib = 0; ib < 8; ++ib) {
        const int ls = std::clamp(int(std::lround(id * scale[ib])), -32, 31) + 32;
        b.scales_l[ib / 2] |= uint8_t((ls & 0xF) << (4 * (ib % 2)));
        b.scales_h |= uint16_t((ls >> 4) << (2 * ib));
        const float dl = dr * float(ls - 32), idl = dl ? 1 / dl : 0;
        for (int j = 0; j < 32; ++j) l[j] = uint8_t(nearest_level(x[32 * ib + j] * idl));
        for (int j = 0; j < 16; ++j) b.qs[16 * ib + j] = uint8_t(l[j] | (l[j + 16] << 4));
    }
}

// A grid decoded to floats once: entries x width values.
struct Grid {
    int width;
    std::vector<float> v;
};
Grid decode_grid(const uint32_t* g, uint32_t entries, int width, bool signed_bytes) {
    Grid out{width, std::vector<float>(size_t(entries) * size_t(width))};
    for (uint32_t e = 0; e < entries; ++e)
        for (int j = 0; j < width; ++j) {
            uint8_t byte = width == 8 ? grid8(g, e, j) : grid4(g, e, j);
            out.v[size_t(e) * size_t(width) + size_t(j)] = signed_bytes ? float(int8_t(byte)) : float(byte);
        }
    return out;
}
const Grid& grid_of(TensorType t) {
    static const Grid g2xxs = decode_grid(iq2xxs_grid, kIq2xxsEntries, 8, false);
    static const Grid g2xs = decode_grid(iq2xs_grid, kIq2xsEntries, 8, false);
    static const Grid g2s = decode_grid(iq2s_grid, kIq2sEntries, 8, false);
    static const Grid g3xxs = decode_grid(iq3xxs_grid, kIq3xxsEntries, 4, false);
    static const Grid g3s = decode_grid(iq3s_grid, kIq3sEntries, 4, false);
    static const Grid g1s = decode_grid(iq1s_grid, kIq1sEntries, 8, true);
    switch (t) {
        case TensorType::IQ2_XXS: return g2xxs;
        case TensorType::IQ2_XS: return g2xs;
        case TensorType::IQ2_S: return g2s;
        case TensorType::IQ3_XXS: return g3xxs;
        case TensorType::IQ3_S: return g3s;
        default: return g1s;
    }
}

// The entry nearest to t (width values, each minus `shift`), and its squared error.
uint32_t nearest_entry(const Grid& g, const float* t, float shift, float* err = nullptr) {
    uint32_t best = 0;
    float best_err = std::numeric_limits<float>::max();
    const uint32_t n = uint32_t(g.v.size() / size_t(g.width));
    for (uint32_t e = 0; e < n; ++e) {
        const float* v = g.v.data() + size_t(e) * size_t(g.width);
        float s = 0;
        for (int j = 0; j < g.width; ++j) s += (v[j] + shift - t[j]) * (v[j] + shift - t[j]);
        if (s < best_err) {
            best_err = s;
            best = e;
        }
    }
    if (err) *err = best_err;
    return best;
}

// Sign bits of 8 values (bit j: x[j] < 0) and their magnitudes; with `even`, the sign of the
// smallest is flipped when needed to make the count of minus signs even (its target then
// becomes negative: the grid's nearest is its smallest magnitude).
uint8_t signs_of(const float* x, bool even, float* mag) {
    uint32_t s = 0;
    int smallest = 0;
    for (int j = 0; j < 8; ++j) {
        if (x[j] < 0) s |= 1u << j;
        if (std::fabs(x[j]) < std::fabs(x[smallest])) smallest = j;
    }
    if (even && (std::popcount(s) & 1)) s ^= 1u << smallest;
    for (int j = 0; j < 8; ++j) mag[j] = (s >> j & 1) ? -x[j] : x[j];
    return uint8_t(s);
}

// The super-block scale d for sub-block scales `ideal` when code s means d * f(s), the largest
// code being smax; then each sub-block's code, nearest to its ideal.
template <class F>
float pick_scales(const float* ideal, int n, int smax, F f, int* code, uint16_t* d_bits) {
    float m = 0;
    for (int i = 0; i < n; ++i) m = std::max(m, ideal[i]);
    *d_bits = f32_to_fp16(m / f(smax));
    const float d = fp16_to_f32(*d_bits);
    for (int i = 0; i < n; ++i) {
        int best = 0;
        for (int s = 1; s <= smax; ++s)
            if (std::fabs(d * f(s) - ideal[i]) < std::fabs(d * f(best) - ideal[i])) best = s;
        code[i] = best;
    }
    return d;
}

// The grid entry for 8 values x at scale dl: its index, and the stored sign bits.
uint32_t fit8(const Grid& g, const float* x, float dl, bool even, uint8_t* signs) {
    float mag[8], t[8];
    *signs = signs_of(x, even, mag);
    for (int j = 0; j < 8; ++j) t[j] = dl ? mag[j] / dl : 0;
    return nearest_entry(g, t, 0);
}

float f_iq2(int s) { return (0.5f + float(s)) * 0.25f; }
float f_iq3xxs(int s) { return (0.5f + float(s)) * 0.5f; }
float f_odd(int s) { return float(1 + 2 * s); }

void q_iq2_xxs(const float* x, IQ2_XXS& b) {
    const Grid& g = grid_of(TensorType::IQ2_XXS);
    float ideal[8];
    int code[8];
    for (int ib = 0; ib < 8; ++ib) ideal[ib] = amax_of(x + 32 * ib, 32) / 43.f;
    const float d = pick_scales(ideal, 8, 15, f_iq2, code, &b.d);
    for (int ib = 0; ib < 8; ++ib) {
        const float db = d * (0.5f + float(code[ib])) * 0.25f;
        uint32_t idx = 0, sc = uint32_t(code[ib]) << 28;
        for (int l = 0; l < 4; ++l) {
            uint8_t s;
            idx |= fit8(g, x + 32 * ib + 8 * l, db, true, &s) << (8 * l);
            sc |= uint32_t(s & 127) << (7 * l);
        }
        std::memcpy(reinterpret_cast<uint8_t*>(&b) + 2 + 8 * ib, &idx, 4);
        std::memcpy(reinterpret_cast<uint8_t*>(&b) + 6 + 8 * ib, &sc, 4);
    }
}

// IQ2_XS and IQ2_S: a scale per 16 elements (two per byte).
void q_iq2_xs(const float* x, IQ2_XS& b) {
    const Grid& g = grid_of(TensorType::IQ2_XS);
    float ideal[16];
    int code[16];
    for (int h = 0; h < 16; ++h) ideal[h] = amax_of(x + 16 * h, 16) / 43.f;
    const float d = pick_scales(ideal, 16, 15, f_iq2, code, &b.d);
    for (int ib = 0; ib < 8; ++ib) {
        b.scales[ib] = uint8_t(code[2 * ib] | (code[2 * ib + 1] << 4));
        for (int l = 0; l < 4; ++l) {
            const float db = d * (0.5f + float(code[2 * ib + l / 2])) * 0.25f;
            uint8_t s;
            const uint32_t idx = fit8(g, x + 32 * ib + 8 * l, db, true, &s);
            b.qs[4 * ib + l] = uint16_t(idx | (uint32_t(s & 127) << 9));
        }
    }
}

void q_iq2_s(const float* x, IQ2_S& b) {
    const Grid& g = grid_of(TensorType::IQ2_S);
    float ideal[16];
    int code[16];
    for (int h = 0; h < 16; ++h) ideal[h] = amax_of(x + 16 * h, 16) / 43.f;
    const float d = pick_scales(ideal, 16, 15, f_iq2, code, &b.d);
    std::memset(b.qh, 0, 8);
    for (int ib = 0; ib < 8; ++ib) {
        b.scales[ib] = uint8_t(code[2 * ib] | (code[2 * ib + 1] << 4));
        for (int l = 0; l < 4; ++l) {
            const float db = d * (0.5f + float(code[2 * ib + l / 2])) * 0.25f;
            uint8_t s;
            const uint32_t idx = fit8(g, x + 32 * ib + 8 * l, db, false, &s);
            b.qs[4 * ib + l] = uint8_t(idx);
            b.qh[ib] = uint8_t(b.qh[ib] | ((idx >> 8) << (2 * l)));
            b.qs[32 + 4 * ib + l] = s;
        }
    }
}

// IQ3: each group of 8 is two 4-element entries.
void q_iq3_xxs(const float* x, IQ3_XXS& b) {
    const Grid& g = grid_of(TensorType::IQ3_XXS);
    float ideal[8];
    int code[8];
    for (int ib = 0; ib < 8; ++ib) ideal[ib] = amax_of(x + 32 * ib, 32) / 62.f;
    const float d = pick_scales(ideal, 8, 15, f_iq3xxs, code, &b.d);
    for (int ib = 0; ib < 8; ++ib) {
        const float db = d * (0.5f + float(code[ib])) * 0.5f;
        uint32_t sc = uint32_t(code[ib]) << 28;
        for (int l = 0; l < 4; ++l) {
            float mag[8], t[8];
            sc |= uint32_t(signs_of(x + 32 * ib + 8 * l, true, mag) & 127) << (7 * l);
            for (int j = 0; j < 8; ++j) t[j] = db ? mag[j] / db : 0;
            b.qs[8 * ib + 2 * l] = uint8_t(nearest_entry(g, t, 0));
            b.qs[8 * ib + 2 * l + 1] = uint8_t(nearest_entry(g, t + 4, 0));
        }
        std::memcpy(b.qs + 64 + 4 * ib, &sc, 4);
    }
}

void q_iq3_s(const float* x, IQ3_S& b) {
    const Grid& g = grid_of(TensorType::IQ3_S);
    float ideal[8];
    int code[8];
    for (int ib = 0; ib < 8; ++ib) ideal[ib] = amax_of(x + 32 * ib, 32) / 15.f;
    const float d = pick_scales(ideal, 8, 15, f_odd, code, &b.d);
    std::memset(b.qh, 0, 8);
    std::memset(b.scales, 0, 4);
    for (int ib = 0; ib < 8; ++ib) {
        b.scales[ib / 2] = uint8_t(b.scales[ib / 2] | (code[ib] << (4 * (ib % 2))));
        const float db = d * float(1 + 2 * code[ib]);
        for (int l = 0; l < 4; ++l) {
            float mag[8], t[8];
            b.signs[4 * ib + l] = signs_of(x + 32 * ib + 8 * l, false, mag);
            for (int j = 0; j < 8; ++j) t[j] = db ? mag[j] / db : 0;
            for (int h = 0; h < 2; ++h) {
                const int k = 2 * l + h;
                const uint32_t idx = nearest_entry(g, t + 4 * h, 0);
                b.qs[8 * ib + k] = uint8_t(idx);
                b.qh[ib] = uint8_t(b.qh[ib] | ((idx >> 8) << k));
            }
        }
    }
}

// IQ1: values dl * (g + delta), g in {-1, 0, 1}, delta = +-1/8 (per 32 for IQ1_S, per 8 for IQ1_M).
uint32_t fit1(const float* x, float dl, float delta, float* err) {
    float t[8];
    for (int j = 0; j < 8; ++j) t[j] = dl ? x[j] / dl : 0;
    return nearest_entry(grid_of(TensorType::IQ1_S), t, delta, err);
}

void q_iq1_s(const float* x, IQ1_S& b) {
    float ideal[8];
    int code[8];
    for (int ib = 0; ib < 8; ++ib) ideal[ib] = amax_of(x + 32 * ib, 32) / (1 + kIq1Delta);
    const float d = pick_scales(ideal, 8, 7, f_odd, code, &b.d);
    for (int ib = 0; ib < 8; ++ib) {
        const float dl = d * float(2 * code[ib] + 1);
        uint32_t best_idx[4] = {}, idx[4];
        float best = std::numeric_limits<float>::max();
        bool best_neg = false;
        for (bool neg : {false, true}) {
            float total = 0, e;
            for (int l = 0; l < 4; ++l) {
                idx[l] = fit1(x + 32 * ib + 8 * l, dl, neg ? -kIq1Delta : kIq1Delta, &e);
                total += e;
            }
            if (total < best) {
                best = total;
                best_neg = neg;
                std::copy(idx, idx + 4, best_idx);
            }
        }
        uint32_t qh = (uint32_t(code[ib]) << 12) | (best_neg ? 0x8000u : 0u);
        for (int l = 0; l < 4; ++l) {
            b.qs[4 * ib + l] = uint8_t(best_idx[l]);
            qh |= (best_idx[l] >> 8) << (3 * l);
        }
        b.qh[ib] = uint16_t(qh);
    }
}

void q_iq1_m(const float* x, IQ1_M& b) {
    float ideal[16];
    int code[16];
    uint16_t d_bits;
    for (int h = 0; h < 16; ++h) ideal[h] = amax_of(x + 16 * h, 16) / (1 + kIq1Delta);
    const float d = pick_scales(ideal, 16, 7, f_odd, code, &d_bits);
    uint16_t sc[4] = {};
    for (int ib = 0; ib < 8; ++ib) sc[ib / 2] |= uint16_t((code[2 * ib] | (code[2 * ib + 1] << 3)) << (6 * (ib % 2)));
    for (int i = 0; i < 4; ++i) sc[i] |= uint16_t(((d_bits >> (4 * i)) & 0xF) << 12);
    std::memcpy(b.scales, sc, 8);
    std::memset(b.qh, 0, 16);
    for (int ib = 0; ib < 8; ++ib)
        for (int l = 0; l < 4; ++l) {
            const float dl = d * float(2 * code[2 * ib + l / 2] + 1);
            float ep, en;
            const uint32_t ip = fit1(x + 32 * ib + 8 * l, dl, kIq1Delta, &ep);
            const uint32_t in = fit1(x + 32 * ib + 8 * l, dl, -kIq1Delta, &en);
            const bool neg = en < ep;
            const uint32_t idx = neg ? in : ip;
            b.qs[4 * ib + l] = uint8_t(idx);
            b.qh[2 * ib + l / 2] = uint8_t(b.qh[2 * ib + l / 2] | (((idx >> 8) | (neg ? 8u : 0u)) << (4 * (l % 2))));
        }
}

template <class B>
B* out(uint8_t* p, uint64_t i) { return reinterpret_cast<B*>(p) + i; }

}  // namespace

void quantize_iq_row(TensorType type, const float* x, uint8_t* dst, uint64_t n) {
#define CASE(T, fn, QN) \
    case TensorType::T: for (uint64_t i = 0; i < n / QN; ++i) fn(x + i * QN, *out<T>(dst, i)); return;
    switch (type) {
        CASE(IQ4_NL, q_iq4_nl, QK) CASE(IQ4_XS, q_iq4_xs, QK_K) CASE(IQ2_XXS, q_iq2_xxs, QK_K)
        CASE(IQ2_XS, q_iq2_xs, QK_K) CASE(IQ2_S, q_iq2_s, QK_K) CASE(IQ3_XXS, q_iq3_xxs, QK_K)
        CASE(IQ3_S, q_iq3_s, QK_K) CASE(IQ1_S, q_iq1_s, QK_K) CASE(IQ1_M, q_iq1_m, QK_K)
        default: return;
    }
#undef CASE
}

}  // namespace causerie
