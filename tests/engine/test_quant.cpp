// Block formats: quantize -> dequantize stays within each format's error bound, and the known
// layouts decode hand-built blocks to the right values.
#include "core/fp16.h"
#include "quant/blocks.h"
#include "quant/quant.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

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
    {TensorType::Q2_K, 0.45},
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
