// Plain round-to-nearest quantizers for every supported format. Not llama.cpp's optimised
// search, but valid blocks of each layout: enough for random test models and benchmarks.
#include "core/fp16.h"
#include "quant/blocks.h"
#include "quant/iq_quant.h"
#include "quant/quant.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace causerie {
namespace {

using namespace blocks;

int nearest(float x) { return int(std::lround(x)); }

// Signed value of largest magnitude.
float signed_amax(const float* x, int n) {
    float m = 0;
    for (int i = 0; i < n; ++i) if (std::fabs(x[i]) > std::fabs(m)) m = x[i];
    return m;
}

void q_q4_0(const float* x, Q4_0& b) {
    float max = signed_amax(x, 32), d = max / -8, id = d ? 1 / d : 0;
    b.d = f32_to_fp16(d);
    for (int j = 0; j < 16; ++j) {
        int a = std::min(15, int(x[j] * id + 8.5f)), c = std::min(15, int(x[j + 16] * id + 8.5f));
        b.qs[j] = uint8_t(std::max(0, a) | (std::max(0, c) << 4));
    }
}
void q_q4_1(const float* x, Q4_1& b) {
    float lo = *std::min_element(x, x + 32), hi = *std::max_element(x, x + 32);
    float d = (hi - lo) / 15, id = d ? 1 / d : 0;
    b.d = f32_to_fp16(d);
    b.m = f32_to_fp16(lo);
    for (int j = 0; j < 16; ++j) {
        int a = std::clamp(nearest((x[j] - lo) * id), 0, 15), c = std::clamp(nearest((x[j + 16] - lo) * id), 0, 15);
        b.qs[j] = uint8_t(a | (c << 4));
    }
}
void q_q5_0(const float* x, Q5_0& b) {
    float max = signed_amax(x, 32), d = max / -16, id = d ? 1 / d : 0;
    b.d = f32_to_fp16(d);
    uint32_t qh = 0;
    for (int j = 0; j < 16; ++j) {
        int a = std::clamp(int(x[j] * id + 16.5f), 0, 31), c = std::clamp(int(x[j + 16] * id + 16.5f), 0, 31);
        b.qs[j] = uint8_t((a & 0xF) | ((c & 0xF) << 4));
        qh |= uint32_t(a >> 4) << j;
        qh |= uint32_t(c >> 4) << (j + 16);
    }
    std::memcpy(b.qh, &qh, 4);
}
void q_q5_1(const float* x, Q5_1& b) {
    float lo = *std::min_element(x, x + 32), hi = *std::max_element(x, x + 32);
    float d = (hi - lo) / 31, id = d ? 1 / d : 0;
    b.d = f32_to_fp16(d);
    b.m = f32_to_fp16(lo);
    uint32_t qh = 0;
    for (int j = 0; j < 16; ++j) {
        int a = std::clamp(nearest((x[j] - lo) * id), 0, 31), c = std::clamp(nearest((x[j + 16] - lo) * id), 0, 31);
        b.qs[j] = uint8_t((a & 0xF) | ((c & 0xF) << 4));
        qh |= uint32_t(a >> 4) << j;
        qh |= uint32_t(c >> 4) << (j + 16);
    }
    std::memcpy(b.qh, &qh, 4);
}
void q_q8_0(const float* x, Q8_0& b) {
    float amax = 0;
    for (int j = 0; j < 32; ++j) amax = std::max(amax, std::fabs(x[j]));
    float d = amax / 127, id = d ? 1 / d : 0;
    b.d = f32_to_fp16(d);
    for (int j = 0; j < 32; ++j) b.qs[j] = int8_t(std::clamp(nearest(x[j] * id), -127, 127));
}

// Asymmetric sub-block scales (scale, -min >= 0) quantized to `bits` against a super-block d/dmin.
struct SubScales {
    float scale[16], min[16];
};
SubScales sub_scales_asym(const float* x, int nsub, int len, int qmax) {
    SubScales s{};
    for (int j = 0; j < nsub; ++j) {
        float lo = std::min(0.f, *std::min_element(x + j * len, x + (j + 1) * len));
        float hi = *std::max_element(x + j * len, x + (j + 1) * len);
        s.scale[j] = (hi - lo) / float(qmax);
        s.min[j] = -lo;
    }
    return s;
}

void pack_scale_min_k4(const uint8_t sc[8], const uint8_t m[8], uint8_t out[12]) {
    for (int j = 0; j < 4; ++j) {
        out[j] = uint8_t((sc[j] & 63) | ((sc[j + 4] >> 4) << 6));
        out[j + 4] = uint8_t((m[j] & 63) | ((m[j + 4] >> 4) << 6));
        out[j + 8] = uint8_t((sc[j + 4] & 0xF) | ((m[j + 4] & 0xF) << 4));
    }
}

// Shared by Q4_K and Q5_K: 8 sub-blocks of 32 with 6-bit scales and mins. Returns q in [0, qmax].
void k4_scales(const float* x, int qmax, uint16_t& d16, uint16_t& dmin16, uint8_t scales[12], uint8_t q[256]) {
    SubScales s = sub_scales_asym(x, 8, 32, qmax);
    float max_scale = *std::max_element(s.scale, s.scale + 8), max_min = *std::max_element(s.min, s.min + 8);
    float d = max_scale / 63, dmin = max_min / 63;
    d16 = f32_to_fp16(d);
    dmin16 = f32_to_fp16(dmin);
    d = fp16_to_f32(d16);
    dmin = fp16_to_f32(dmin16);
    uint8_t sc[8], m[8];
    for (int j = 0; j < 8; ++j) {
        sc[j] = uint8_t(std::clamp(d ? nearest(s.scale[j] / d) : 0, 0, 63));
        m[j] = uint8_t(std::clamp(dmin ? nearest(s.min[j] / dmin) : 0, 0, 63));
        float dl = d * sc[j], ml = dmin * m[j];
        for (int l = 0; l < 32; ++l)
            q[j * 32 + l] = uint8_t(std::clamp(dl ? nearest((x[j * 32 + l] + ml) / dl) : 0, 0, qmax));
    }
    pack_scale_min_k4(sc, m, scales);
}

void q_q4_k(const float* x, Q4_K& b) {
    uint8_t q[256];
    k4_scales(x, 15, b.d, b.dmin, b.scales, q);
    for (int c = 0; c < 4; ++c)
        for (int l = 0; l < 32; ++l) b.qs[c * 32 + l] = uint8_t(q[c * 64 + l] | (q[c * 64 + 32 + l] << 4));
}
void q_q5_k(const float* x, Q5_K& b) {
    uint8_t q[256];
    k4_scales(x, 31, b.d, b.dmin, b.scales, q);
    std::memset(b.qh, 0, 32);
    for (int c = 0; c < 4; ++c)
        for (int l = 0; l < 32; ++l) {
            uint8_t a = q[c * 64 + l], h = q[c * 64 + 32 + l];
            b.qs[c * 32 + l] = uint8_t((a & 0xF) | ((h & 0xF) << 4));
            b.qh[l] |= uint8_t(((a >> 4) << (2 * c)) | ((h >> 4) << (2 * c + 1)));
        }
}
void q_q6_k(const float* x, Q6_K& b) {
    float scale[16];
    for (int j = 0; j < 16; ++j) scale[j] = signed_amax(x + 16 * j, 16) / -32;
    float max_abs = 0;
    for (float s : scale) max_abs = std::max(max_abs, std::fabs(s));
    float d = max_abs / 127;
    b.d = f32_to_fp16(d);
    d = fp16_to_f32(b.d);
    int q[256];
    for (int j = 0; j < 16; ++j) {
        b.scales[j] = int8_t(std::clamp(d ? nearest(scale[j] / d) : 0, -127, 127));
        float dl = d * b.scales[j];
        for (int l = 0; l < 16; ++l) q[16 * j + l] = std::clamp(dl ? nearest(x[16 * j + l] / dl) : 0, -32, 31) + 32;
    }
    std::memset(b.qh, 0, 64);
    for (int n = 0; n < 2; ++n) {
        uint8_t* ql = b.ql + 64 * n;
        uint8_t* qh = b.qh + 32 * n;
        const int* qq = q + 128 * n;
        for (int l = 0; l < 32; ++l) {
            int q1 = qq[l], q2 = qq[l + 32], q3 = qq[l + 64], q4 = qq[l + 96];
            ql[l] = uint8_t((q1 & 0xF) | ((q3 & 0xF) << 4));
            ql[l + 32] = uint8_t((q2 & 0xF) | ((q4 & 0xF) << 4));
            qh[l] = uint8_t((q1 >> 4) | ((q2 >> 4) << 2) | ((q3 >> 4) << 4) | ((q4 >> 4) << 6));
        }
    }
}
void q_q2_k(const float* x, Q2_K& b) {
    SubScales s = sub_scales_asym(x, 16, 16, 3);
    float d = *std::max_element(s.scale, s.scale + 16) / 15, dmin = *std::max_element(s.min, s.min + 16) / 15;
    b.d = f32_to_fp16(d);
    b.dmin = f32_to_fp16(dmin);
    d = fp16_to_f32(b.d);
    dmin = fp16_to_f32(b.dmin);
    uint8_t q[256];
    for (int j = 0; j < 16; ++j) {
        int sc = std::clamp(d ? nearest(s.scale[j] / d) : 0, 0, 15), m = std::clamp(dmin ? nearest(s.min[j] / dmin) : 0, 0, 15);
        b.scales[j] = uint8_t(sc | (m << 4));
        float dl = d * float(sc), ml = dmin * float(m);
        for (int l = 0; l < 16; ++l) q[16 * j + l] = uint8_t(std::clamp(dl ? nearest((x[16 * j + l] + ml) / dl) : 0, 0, 3));
    }
    // Element (n*128 + j*32 + half*16 + l) sits in qs[n*32 + half*16 + l] at bits 2j.
    std::memset(b.qs, 0, 64);
    for (int n = 0; n < 2; ++n)
        for (int j = 0; j < 4; ++j)
            for (int l = 0; l < 32; ++l) b.qs[n * 32 + l] |= uint8_t(q[n * 128 + j * 32 + l] << (2 * j));
}
void q_q3_k(const float* x, Q3_K& b) {
    float scale[16];
    for (int j = 0; j < 16; ++j) scale[j] = signed_amax(x + 16 * j, 16) / -4;
    float max_abs = 0;
    for (float s : scale) max_abs = std::max(max_abs, std::fabs(s));
    float d = max_abs / 31;
    b.d = f32_to_fp16(d);
    d = fp16_to_f32(b.d);
    int sc6[16];
    int q[256];
    for (int j = 0; j < 16; ++j) {
        int sc = std::clamp(d ? nearest(scale[j] / d) : 0, -32, 31);
        sc6[j] = sc + 32;
        float dl = d * float(sc);
        for (int l = 0; l < 16; ++l) q[16 * j + l] = std::clamp(dl ? nearest(x[16 * j + l] / dl) : 0, -4, 3) + 4;
    }
    std::memset(b.scales, 0, 12);
    for (int i = 0; i < 16; ++i) {
        b.scales[i % 8] |= uint8_t((sc6[i] & 0xF) << (i < 8 ? 0 : 4));
        b.scales[8 + i % 4] |= uint8_t((sc6[i] >> 4) << (2 * (i / 4)));
    }
    std::memset(b.qs, 0, 64);
    std::memset(b.hmask, 0, 32);
    for (int n = 0; n < 2; ++n)
        for (int j = 0; j < 4; ++j)
            for (int l = 0; l < 32; ++l) {
                int v = q[n * 128 + j * 32 + l];
                b.qs[n * 32 + l] |= uint8_t((v & 3) << (2 * j));
                if (v >> 2) b.hmask[l] |= uint8_t(1 << (n * 4 + j));
            }
}

// MXFP4: the shared exponent as ggml picks it (amax / d in [8, 16): the largest values clip
// to 12), then each value to its nearest level.
void q_mxfp4(const float* x, MXFP4& b) {
    float amax = 0;
    for (int i = 0; i < 32; ++i) amax = std::max(amax, std::fabs(x[i]));
    int e = amax > 0 ? std::clamp(int(std::floor(std::log2(amax))) - 2 + 127, 1, 254) : 0;
    b.e = uint8_t(e);
    const float id = 1.0f / e8m0_half(b.e);
    auto nearest_level = [&](float v) {
        int best = 0;
        float err = 1e30f;
        for (int k = 0; k < 16; ++k) {
            float d = std::fabs(v * id - float(kvalues_mxfp4[k]));
            if (d < err) { err = d; best = k; }
        }
        return uint8_t(best);
    };
    for (int j = 0; j < 16; ++j) b.qs[j] = uint8_t(nearest_level(x[j]) | (nearest_level(x[j + 16]) << 4));
}

template <class B>
B* out(uint8_t* p, uint64_t i) { return reinterpret_cast<B*>(p) + i; }

}  // namespace

void quantize_row(TensorType type, const float* x, uint8_t* dst, uint64_t n) {
    switch (type) {
        case TensorType::F32: std::memcpy(dst, x, n * 4); return;
        case TensorType::F16:
            for (uint64_t i = 0; i < n; ++i) { uint16_t h = f32_to_fp16(x[i]); std::memcpy(dst + 2 * i, &h, 2); }
            return;
        case TensorType::BF16:
            for (uint64_t i = 0; i < n; ++i) { uint16_t h = f32_to_bf16(x[i]); std::memcpy(dst + 2 * i, &h, 2); }
            return;
        default: break;
    }
    if (is_iq_type(type)) return quantize_iq_row(type, x, dst, n);
#define CASE(T, fn, QN) \
    case TensorType::T: for (uint64_t i = 0; i < n / QN; ++i) fn(x + i * QN, *out<T>(dst, i)); return;
    switch (type) {
        CASE(Q4_0, q_q4_0, QK) CASE(Q4_1, q_q4_1, QK) CASE(Q5_0, q_q5_0, QK) CASE(Q5_1, q_q5_1, QK)
        CASE(Q8_0, q_q8_0, QK) CASE(Q2_K, q_q2_k, QK_K) CASE(Q3_K, q_q3_k, QK_K) CASE(Q4_K, q_q4_k, QK_K)
        CASE(Q5_K, q_q5_k, QK_K) CASE(Q6_K, q_q6_k, QK_K) CASE(MXFP4, q_mxfp4, QK)
        default: return;
    }
#undef CASE
}

Result<std::vector<uint8_t>> quantize(TensorType type, std::span<const float> values, uint64_t cols) {
    if (!is_supported_weight_type(type) && !is_iq_type(type)) return make_error("cannot quantize to " + std::string(type_name(type)));
    auto rb = row_bytes(type, cols);
    if (!rb || cols == 0 || values.size() % cols != 0)
        return make_error("row of " + std::to_string(cols) + " elements does not fit the " + std::string(type_name(type)) + " block");
    uint64_t rows = values.size() / cols;
    std::vector<uint8_t> bytes(size_t(rows * *rb));
    for (uint64_t r = 0; r < rows; ++r) quantize_row(type, values.data() + r * cols, bytes.data() + r * *rb, cols);
    return bytes;
}

}  // namespace causerie
