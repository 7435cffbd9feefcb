// Block formats: quantize -> dequantize stays within each format's error bound, and the known
// layouts decode hand-built blocks to the right values.
#include "core/fp16.h"
#include "quant/blocks.h"
#include "quant/iq_tables.h"
#include "quant/quant.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <set>

using namespace causerie;

namespace {

struct Bound {
    TensorType type;
    double rel_rmse;  // RMS error relative to the RMS of the data
};

const Bound kBounds[] = {
    {TensorType::F32, 0}, {TensorType::F16, 1e-3}, {TensorType::BF16, 5e-3}, {TensorType::Q8_0, 0.01},
    {TensorType::Q5_0, 0.05}, {TensorType::Q5_1, 0.05}, {TensorType::Q4_0, 0.1}, {TensorType::Q4_1, 0.1},
    {TensorType::Q6_K, 0.03}, {TensorType::Q5_K, 0.06}, {TensorType::Q4_K, 0.12}, {TensorType::Q3_K, 0.25},
    {TensorType::Q2_K, 0.45}, {TensorType::IQ4_NL, 0.1}, {TensorType::IQ4_XS, 0.1}, {TensorType::IQ3_S, 0.18},
    {TensorType::IQ3_XXS, 0.24}, {TensorType::IQ2_S, 0.34}, {TensorType::IQ2_XS, 0.4}, {TensorType::IQ2_XXS, 0.45},
    {TensorType::IQ1_M, 0.65}, {TensorType::IQ1_S, 0.72}, {TensorType::MXFP4, 0.15},
};

}  // namespace

TEST(Quant, RoundTripErrorWithinBound) {
    const uint64_t n = 256 * 6;
    auto x = test::random_floats(n, 7);
    for (const auto& b : kBounds) {
        auto q = quantize(b.type, x, n);
        ASSERT_TRUE(q) << q.error().message;
        EXPECT_EQ(q->size(), *row_bytes(b.type, n));
        std::vector<float> y(n);
        dequantize_row(b.type, q->data(), y.data(), n);
        double err = 0, ref = 0;
        for (uint64_t i = 0; i < n; ++i) {
            err += (x[i] - y[i]) * (x[i] - y[i]);
            ref += x[i] * x[i];
        }
        double rel = std::sqrt(err / ref);
        EXPECT_LE(rel, b.rel_rmse + 1e-9) << type_name(b.type);
        if (b.type != TensorType::F32) {
            EXPECT_GT(rel, 0.0) << type_name(b.type) << " suspiciously exact";
        }
        // dot_row agrees with dequantize + dot
        double dot = 0;
        for (uint64_t i = 0; i < n; ++i) dot += double(y[i]) * x[i];
        EXPECT_NEAR(dot_row(b.type, q->data(), x.data(), n), dot, 1e-3 * std::fabs(dot) + 1e-3) << type_name(b.type);
    }
}

TEST(Quant, HandBuiltBlocksDecodeAsSpecified) {
    // Q4_0: d = 0.5, nibble j -> element j (low) and j + 16 (high); value (q - 8) * d.
    blocks::Q4_0 b4{};
    b4.d = f32_to_fp16(0.5f);
    for (int j = 0; j < 16; ++j) b4.qs[j] = uint8_t(j | ((15 - j) << 4));
    float y[256];
    dequantize_row(TensorType::Q4_0, reinterpret_cast<uint8_t*>(&b4), y, 32);
    EXPECT_FLOAT_EQ(y[0], -4.0f);
    EXPECT_FLOAT_EQ(y[15], 3.5f);
    EXPECT_FLOAT_EQ(y[16], 3.5f);
    EXPECT_FLOAT_EQ(y[31], -4.0f);

    // Q5_0: the 5th bit of element j is bit j of qh, of element j+16 bit j+16.
    blocks::Q5_0 b5{};
    b5.d = f32_to_fp16(1.0f);
    uint32_t qh = (1u << 3) | (1u << 20);
    std::memcpy(b5.qh, &qh, 4);
    dequantize_row(TensorType::Q5_0, reinterpret_cast<uint8_t*>(&b5), y, 32);
    EXPECT_FLOAT_EQ(y[3], 0.0f);     // 16 - 16
    EXPECT_FLOAT_EQ(y[4], -16.0f);   // 0 - 16
    EXPECT_FLOAT_EQ(y[20], 0.0f);

    // Q4_K: sub-block 0 scale 2, min 1 -> element 0 with nibble 3 = d*2*3 - dmin*1.
    blocks::Q4_K bk{};
    bk.d = f32_to_fp16(1.0f);
    bk.dmin = f32_to_fp16(0.5f);
    bk.scales[0] = 2;  // sc of sub-block 0
    bk.scales[4] = 1;  // m of sub-block 0
    bk.qs[0] = 3 | (5 << 4);  // element 0 (sub-block 0) and element 32 (sub-block 1, scale 0)
    dequantize_row(TensorType::Q4_K, reinterpret_cast<uint8_t*>(&bk), y, 256);
    EXPECT_FLOAT_EQ(y[0], 6.0f - 0.5f);
    EXPECT_FLOAT_EQ(y[1], -0.5f);
    EXPECT_FLOAT_EQ(y[32], 0.0f);

    // Q6_K: element 0 = d * scales[0] * (q - 32) with q from ql[0] low nibble and qh[0] bits 0-1.
    blocks::Q6_K b6{};
    b6.d = f32_to_fp16(0.25f);
    b6.scales[0] = 4;
    b6.ql[0] = 0x1;
    b6.qh[0] = 0x2;  // q = 1 | (2 << 4) = 33
    dequantize_row(TensorType::Q6_K, reinterpret_cast<uint8_t*>(&b6), y, 256);
    EXPECT_FLOAT_EQ(y[0], 0.25f * 4 * 1);
}

TEST(Quant, Fp16ConversionsAreExactOnRepresentableValues) {
    for (float f : {0.f, 1.f, -2.5f, 65504.f, 6.1035156e-05f, 5.9604645e-08f}) EXPECT_EQ(fp16_to_f32(f32_to_fp16(f)), f);
    for (uint32_t h = 0; h < 0x7c00; ++h) EXPECT_EQ(f32_to_fp16(fp16_to_f32(uint16_t(h))), h);
    EXPECT_EQ(bf16_to_f32(f32_to_bf16(1.5f)), 1.5f);
}

// ---- i-quants: an independent decoding of ggml's blocks, written from the block definitions
// (ggml-common.h: field order and sizes) with byte offsets, against dequantize_row.
namespace {

uint32_t u16_at(const uint8_t* p) { return uint32_t(p[0]) | (uint32_t(p[1]) << 8); }
uint32_t u32_at(const uint8_t* p) { return u16_at(p) | (u16_at(p + 2) << 16); }
float half_at(const uint8_t* p) { return fp16_to_f32(uint16_t(u16_at(p))); }
// Element j of a 64-bit grid entry (two words, low first) or of a 32-bit one.
uint8_t g64(const uint32_t* grid, uint32_t e, int j) {
    uint64_t v = (uint64_t(grid[2 * e + 1]) << 32) | grid[2 * e];
    return uint8_t(v >> (8 * j));
}
uint8_t g32(const uint32_t* grid, uint32_t e, int j) { return uint8_t(grid[e] >> (8 * j)); }
// ksigns_iq2xs: 7 bits, the 8th their parity.
int sign8(uint32_t s7, int j) {
    uint32_t parity = 0;
    for (int b = 0; b < 7; ++b) parity ^= (s7 >> b) & 1;
    uint32_t s = (s7 & 127) | (parity << 7);
    return (s >> j) & 1 ? -1 : 1;
}

// One block of `type` at p decoded into y (256 elements, or 32 for IQ4_NL).
void independent_decode(TensorType type, const uint8_t* p, float* y) {
    using namespace iq;
    switch (type) {
        case TensorType::IQ4_NL: {  // d, qs[16]
            for (int j = 0; j < 32; ++j) y[j] = half_at(p) * float(kvalues_iq4nl[(p[2 + j % 16] >> (j < 16 ? 0 : 4)) & 15]);
            return;
        }
        case TensorType::IQ4_XS: {  // d, scales_h, scales_l[4], qs[128]
            for (int i = 0; i < 256; ++i) {
                int ib = i / 32, j = i % 32;
                int ls = ((p[4 + ib / 2] >> (4 * (ib % 2))) & 15) | (((u16_at(p + 2) >> (2 * ib)) & 3) << 4);
                int q = (p[8 + 16 * ib + j % 16] >> (j < 16 ? 0 : 4)) & 15;
                y[i] = half_at(p) * float(ls - 32) * float(kvalues_iq4nl[q]);
            }
            return;
        }
        case TensorType::IQ2_XXS: {  // d, qs[32] (u16): per 32, 4 grid bytes then 4x7 signs + 4-bit scale
            for (int i = 0; i < 256; ++i) {
                int ib = i / 32, l = (i % 32) / 8, j = i % 8;
                const uint8_t* q = p + 2 + 8 * ib;
                uint32_t aux1 = u32_at(q + 4);
                float db = half_at(p) * (0.5f + float(aux1 >> 28)) * 0.25f;
                y[i] = db * float(g64(iq2xxs_grid, q[l], j)) * float(sign8(aux1 >> (7 * l), j));
            }
            return;
        }
        case TensorType::IQ2_XS: {  // d, qs[32] (u16: 9-bit grid, 7 signs), scales[8]
            for (int i = 0; i < 256; ++i) {
                int g = i / 8, j = i % 8, ib = i / 32;
                uint32_t q = u16_at(p + 2 + 2 * g);
                int sc = (p[66 + ib] >> (((i % 32) / 16) * 4)) & 15;
                float db = half_at(p) * (0.5f + float(sc)) * 0.25f;
                y[i] = db * float(g64(iq2xs_grid, q & 511, j)) * float(sign8(q >> 9, j));
            }
            return;
        }
        case TensorType::IQ2_S: {  // d, qs[64] (32 grid low bytes, 32 sign bytes), qh[8], scales[8]
            for (int i = 0; i < 256; ++i) {
                int g = i / 8, j = i % 8, ib = i / 32, l = g % 4;
                uint32_t idx = p[2 + g] | (((p[66 + ib] >> (2 * l)) & 3) << 8);
                int sc = (p[74 + ib] >> (((i % 32) / 16) * 4)) & 15;
                float db = half_at(p) * (0.5f + float(sc)) * 0.25f;
                y[i] = db * float(g64(iq2s_grid, idx, j)) * ((p[34 + g] >> j) & 1 ? -1.f : 1.f);
            }
            return;
        }
        case TensorType::IQ3_XXS: {  // d, qs[64] grid bytes (4 elements each), 8 words: 4x7 signs + scale
            for (int i = 0; i < 256; ++i) {
                int ib = i / 32, l = (i % 32) / 8, j = i % 8;
                uint32_t aux = u32_at(p + 2 + 64 + 4 * ib);
                float db = half_at(p) * (0.5f + float(aux >> 28)) * 0.5f;
                y[i] = db * float(g32(iq3xxs_grid, p[2 + i / 4], j % 4)) * float(sign8(aux >> (7 * l), j));
            }
            return;
        }
        case TensorType::IQ3_S: {  // d, qs[64], qh[8], signs[32], scales[4]
            for (int i = 0; i < 256; ++i) {
                int ib = i / 32, k = (i % 32) / 4, j = i % 8;
                uint32_t idx = p[2 + i / 4] | (((p[66 + ib] >> k) & 1) << 8);
                int sc = (p[106 + ib / 2] >> (4 * (ib % 2))) & 15;
                float db = half_at(p) * float(1 + 2 * sc);
                y[i] = db * float(g32(iq3s_grid, idx, i % 4)) * ((p[74 + i / 8] >> j) & 1 ? -1.f : 1.f);
            }
            return;
        }
        case TensorType::IQ1_S: {  // d, qs[32], qh[8] (u16: 4x3 grid bits, 3-bit scale, delta sign)
            for (int i = 0; i < 256; ++i) {
                int ib = i / 32, l = (i % 32) / 8;
                uint32_t qh = u16_at(p + 34 + 2 * ib);
                uint32_t idx = p[2 + i / 8] | (((qh >> (3 * l)) & 7) << 8);
                float dl = half_at(p) * float(2 * ((qh >> 12) & 7) + 1);
                float delta = qh & 0x8000 ? -0.125f : 0.125f;
                y[i] = dl * (float(int8_t(g64(iq1s_grid, idx, i % 8))) + delta);
            }
            return;
        }
        case TensorType::IQ1_M: {  // qs[32], qh[16] (per 8: 3 grid bits, delta sign), scales[8] (u16 x4)
            uint32_t sc[4];
            for (int k = 0; k < 4; ++k) sc[k] = u16_at(p + 48 + 2 * k);
            uint16_t dbits = uint16_t((sc[0] >> 12) | (((sc[1] >> 12) & 15) << 4) | (((sc[2] >> 12) & 15) << 8) | (((sc[3] >> 12) & 15) << 12));
            for (int i = 0; i < 256; ++i) {
                int g = i / 8, ib = i / 32, half_ = (i % 32) / 16;
                uint32_t h = (p[32 + g / 2] >> (4 * (g % 2))) & 15;
                uint32_t idx = p[g] | ((h & 7) << 8);
                int s3 = (sc[ib / 2] >> (6 * (ib % 2) + 3 * half_)) & 7;
                float dl = fp16_to_f32(dbits) * float(2 * s3 + 1);
                y[i] = dl * (float(int8_t(g64(iq1s_grid, idx, i % 8))) + (h & 8 ? -0.125f : 0.125f));
            }
            return;
        }
        default: FAIL() << "no independent decoder for " << type_name(type);
    }
}

// Random bytes are valid i-quant blocks; only the f16 scales are set to moderate values.
std::vector<uint8_t> random_iq_blocks(TensorType type, int blocks, uint32_t seed) {
    const auto tr = *type_traits(uint32_t(type));
    std::mt19937 rng(seed);
    std::vector<uint8_t> b(size_t(blocks) * tr.block_bytes);
    for (auto& v : b) v = uint8_t(rng());
    std::uniform_real_distribution<float> scale(1e-3f, 2e-2f);
    for (int i = 0; i < blocks; ++i) {
        uint8_t* p = b.data() + size_t(i) * tr.block_bytes;
        const uint16_t d = f32_to_fp16(scale(rng));
        if (type == TensorType::IQ1_M) {
            for (int k = 0; k < 4; ++k) p[48 + 2 * k + 1] = uint8_t((p[48 + 2 * k + 1] & 0x0F) | (((d >> (4 * k)) & 15) << 4));
        } else {
            std::memcpy(p, &d, 2);
        }
    }
    return b;
}

const TensorType kIqTypes[] = {TensorType::IQ4_NL, TensorType::IQ4_XS, TensorType::IQ2_XXS, TensorType::IQ2_XS, TensorType::IQ2_S,
                               TensorType::IQ3_XXS, TensorType::IQ3_S, TensorType::IQ1_S, TensorType::IQ1_M};

}  // namespace

TEST(Quant, IqBlocksDecodeAsGgmlDefinesThem) {
    for (TensorType type : kIqTypes) {
        const auto tr = *type_traits(uint32_t(type));
        const int blocks = 12;
        auto b = random_iq_blocks(type, blocks, 5 + uint32_t(type));
        std::vector<float> got(size_t(blocks) * tr.block_elems), want(got.size());
        dequantize_row(type, b.data(), got.data(), got.size());
        for (int i = 0; i < blocks; ++i) independent_decode(type, b.data() + size_t(i) * tr.block_bytes, want.data() + size_t(i) * tr.block_elems);
        size_t nonzero = 0;
        for (size_t i = 0; i < got.size(); ++i) {
            ASSERT_FLOAT_EQ(got[i], want[i]) << type_name(type) << " element " << i;
            nonzero += got[i] != 0;
        }
        EXPECT_GT(nonzero, got.size() / 2) << type_name(type);
    }
}

// The tables hold what ggml's do: a few entries as ggml-common.h writes them, every entry's
// values in the format's set, no entry twice; the derived sign table is ggml's.
TEST(Quant, IqTablesHoldGgmlsValues) {
    using namespace iq;
    EXPECT_EQ(g64(iq2xxs_grid, 1, 0), 0x2b);
    EXPECT_EQ(g64(iq2xxs_grid, 1, 1), 0x08);
    EXPECT_EQ(g64(iq2xs_grid, 511, 0), 0x2b);
    EXPECT_EQ(iq3xxs_grid[1], 0x04040414u);
    EXPECT_EQ(iq3s_grid[3], 0x0101010bu);
    EXPECT_EQ(iq1s_grid[0], 0xffffffffu);
    EXPECT_EQ(iq1s_grid[2 * 2047], 0x01010101u);
    const uint8_t ksigns_head[16] = {0, 129, 130, 3, 132, 5, 6, 135, 136, 9, 10, 139, 12, 141, 142, 15};
    for (uint32_t i = 0; i < 16; ++i) EXPECT_EQ(ksigns(i), ksigns_head[i]);
    EXPECT_EQ(ksigns(127), 255);
    struct G { const uint32_t* g; uint32_t n; bool wide; std::set<int> allowed; };
    const G grids[] = {
        {iq2xxs_grid, kIq2xxsEntries, true, {8, 25, 43}},  {iq2xs_grid, kIq2xsEntries, true, {8, 25, 43}},
        {iq2s_grid, kIq2sEntries, true, {8, 25, 43}},      {iq3xxs_grid, kIq3xxsEntries, false, {4, 12, 20, 28, 36, 44, 52, 62}},
        {iq3s_grid, kIq3sEntries, false, {1, 3, 5, 7, 9, 11, 13, 15}}, {iq1s_grid, kIq1sEntries, true, {0xff, 0, 1}},
    };
    for (const auto& g : grids) {
        std::set<uint64_t> seen;
        for (uint32_t e = 0; e < g.n; ++e) {
            uint64_t v = g.wide ? (uint64_t(g.g[2 * e + 1]) << 32) | g.g[2 * e] : g.g[e];
            EXPECT_TRUE(seen.insert(v).second) << "entry " << e << " twice";
            for (int j = 0; j < (g.wide ? 8 : 4); ++j) ASSERT_TRUE(g.allowed.count(int((v >> (8 * j)) & 0xFF))) << "entry " << e;
        }
    }
}

// MXFP4 decoded from ggml's block_mxfp4 (uint8_t e; uint8_t qs[16]) by byte offsets: element j
// of a block is nibble j % 16 of byte 1 + j % 16 (low for j < 16), its value the E2M1 code
// (sign bit 3, exponent bits 2-1, mantissa bit 0) times 2^(e - 127), for every e that stays finite, the
// denormal scales of e = 0 and 1 included.
TEST(Quant, Mxfp4BlocksDecodeAsGgmlDefinesThem) {
    auto e2m1 = [](uint32_t code) {
        const uint32_t exp = (code >> 1) & 3, man = code & 1;
        const double mag = exp == 0 ? 0.5 * man : std::ldexp(1.0 + 0.5 * man, int(exp) - 1);
        return code & 8 ? -mag : mag;
    };
    std::mt19937 rng(17);
    const int blocks = 253 + 16;
    std::vector<uint8_t> b(size_t(blocks) * 17);
    for (auto& v : b) v = uint8_t(rng());
    // Every exponent up to 252 (12 * 2^(e - 128) overflows f32 from 253 on).
    for (int i = 0; i < blocks; ++i) b[size_t(i) * 17] = uint8_t(i < 253 ? i : b[size_t(i) * 17] % 253);
    std::vector<float> got(size_t(blocks) * 32);
    dequantize_row(TensorType::MXFP4, b.data(), got.data(), got.size());
    size_t nonzero = 0;
    for (int i = 0; i < blocks; ++i) {
        const uint8_t* p = b.data() + size_t(i) * 17;
        for (int j = 0; j < 32; ++j) {
            const uint32_t code = (p[1 + j % 16] >> (j < 16 ? 0 : 4)) & 15;
            const double want = e2m1(code) * std::ldexp(1.0, int(p[0]) - 127);
            ASSERT_EQ(double(got[size_t(i) * 32 + j]), want) << "block " << i << " element " << j;
            nonzero += want != 0;
        }
    }
    EXPECT_GT(nonzero, got.size() / 2);
    // A hand-built block: e = 128 (scale 2), code 0x7 (6.0) at element 0, 0xB (-1.5) at 16.
    blocks::MXFP4 h{};
    h.e = 128;
    h.qs[0] = 0x7 | (0xB << 4);
    float y[32];
    dequantize_row(TensorType::MXFP4, reinterpret_cast<const uint8_t*>(&h), y, 32);
    EXPECT_EQ(y[0], 12.0f);
    EXPECT_EQ(y[16], -3.0f);
    EXPECT_EQ(y[1], 0.0f);
}
