// Reference decoding of every supported block format, straight from the layouts in blocks.h.
#include "core/fp16.h"
#include "quant/blocks.h"
#include "quant/iq_quant.h"
#include "quant/quant.h"

#include <cstring>

namespace causerie {
namespace {

using namespace blocks;

template <class B>
const B* as(const uint8_t* p, uint64_t i) { return reinterpret_cast<const B*>(p) + i; }

void dq_q4_0(const Q4_0& b, float* y) {
    float d = fp16_to_f32(b.d);
    for (int j = 0; j < 16; ++j) {
        y[j] = float((b.qs[j] & 0xF) - 8) * d;
        y[j + 16] = float((b.qs[j] >> 4) - 8) * d;
    }
}
void dq_q4_1(const Q4_1& b, float* y) {
    float d = fp16_to_f32(b.d), m = fp16_to_f32(b.m);
    for (int j = 0; j < 16; ++j) {
        y[j] = float(b.qs[j] & 0xF) * d + m;
        y[j + 16] = float(b.qs[j] >> 4) * d + m;
    }
}
uint32_t qh_bits(const uint8_t qh[4]) {
    uint32_t v;
    std::memcpy(&v, qh, 4);
    return v;
}
void dq_q5_0(const Q5_0& b, float* y) {
    float d = fp16_to_f32(b.d);
    uint32_t qh = qh_bits(b.qh);
    for (int j = 0; j < 16; ++j) {
        int x0 = (b.qs[j] & 0xF) | int(((qh >> j) & 1) << 4);
        int x1 = (b.qs[j] >> 4) | int(((qh >> (j + 16)) & 1) << 4);
        y[j] = float(x0 - 16) * d;
        y[j + 16] = float(x1 - 16) * d;
    }
}
void dq_q5_1(const Q5_1& b, float* y) {
    float d = fp16_to_f32(b.d), m = fp16_to_f32(b.m);
    uint32_t qh = qh_bits(b.qh);
    for (int j = 0; j < 16; ++j) {
        int x0 = (b.qs[j] & 0xF) | int(((qh >> j) & 1) << 4);
        int x1 = (b.qs[j] >> 4) | int(((qh >> (j + 16)) & 1) << 4);
        y[j] = float(x0) * d + m;
        y[j + 16] = float(x1) * d + m;
    }
}
void dq_q8_0(const Q8_0& b, float* y) {
    float d = fp16_to_f32(b.d);
    for (int j = 0; j < 32; ++j) y[j] = float(b.qs[j]) * d;
}
void dq_q2_k(const Q2_K& b, float* y) {
    float d = fp16_to_f32(b.d), dmin = fp16_to_f32(b.dmin);
    const uint8_t* q = b.qs;
    int is = 0;
    for (int n = 0; n < QK_K; n += 128) {
        for (int shift = 0; shift < 8; shift += 2) {
            for (int half = 0; half < 2; ++half) {
                uint8_t sc = b.scales[is++];
                float dl = d * float(sc & 0xF), ml = dmin * float(sc >> 4);
                for (int l = 0; l < 16; ++l) *y++ = dl * float((q[l + 16 * half] >> shift) & 3) - ml;
            }
        }
        q += 32;
    }
}
void dq_q3_k(const Q3_K& b, float* y) {
    float d = fp16_to_f32(b.d);
    int8_t scales[16];
    scales_q3_k(b.scales, scales);
    const uint8_t* q = b.qs;
    int is = 0;
    uint8_t m = 1;
    for (int n = 0; n < QK_K; n += 128) {
        for (int shift = 0; shift < 8; shift += 2) {
            for (int half = 0; half < 2; ++half) {
                float dl = d * float(scales[is++]);
                for (int l = 0; l < 16; ++l) {
                    int idx = l + 16 * half;
                    int v = int((q[idx] >> shift) & 3) - ((b.hmask[idx] & m) ? 0 : 4);
                    *y++ = dl * float(v);
                }
            }
            m = uint8_t(m << 1);
        }
        q += 32;
    }
}
void dq_q4_k(const Q4_K& b, float* y) {
    float d = fp16_to_f32(b.d), dmin = fp16_to_f32(b.dmin);
    const uint8_t* q = b.qs;
    for (int j = 0; j < 8; j += 2) {
        uint8_t sc, m;
        scale_min_k4(j, b.scales, sc, m);
        float d1 = d * sc, m1 = dmin * m;
        scale_min_k4(j + 1, b.scales, sc, m);
        float d2 = d * sc, m2 = dmin * m;
        for (int l = 0; l < 32; ++l) *y++ = d1 * float(q[l] & 0xF) - m1;
        for (int l = 0; l < 32; ++l) *y++ = d2 * float(q[l] >> 4) - m2;
        q += 32;
    }
}
void dq_q5_k(const Q5_K& b, float* y) {
    float d = fp16_to_f32(b.d), dmin = fp16_to_f32(b.dmin);
    const uint8_t* ql = b.qs;
    uint8_t u1 = 1, u2 = 2;
    for (int j = 0; j < 8; j += 2) {
        uint8_t sc, m;
        scale_min_k4(j, b.scales, sc, m);
        float d1 = d * sc, m1 = dmin * m;
        scale_min_k4(j + 1, b.scales, sc, m);
        float d2 = d * sc, m2 = dmin * m;
        for (int l = 0; l < 32; ++l) *y++ = d1 * float((ql[l] & 0xF) + ((b.qh[l] & u1) ? 16 : 0)) - m1;
        for (int l = 0; l < 32; ++l) *y++ = d2 * float((ql[l] >> 4) + ((b.qh[l] & u2) ? 16 : 0)) - m2;
        ql += 32;
        u1 = uint8_t(u1 << 2);
        u2 = uint8_t(u2 << 2);
    }
}
void dq_q6_k(const Q6_K& b, float* y) {
    float d = fp16_to_f32(b.d);
    const uint8_t* ql = b.ql;
    const uint8_t* qh = b.qh;
    const int8_t* sc = b.scales;
    for (int n = 0; n < QK_K; n += 128) {
        for (int l = 0; l < 32; ++l) {
            int is = l / 16;
            int q1 = int((ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32;
            int q2 = int((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
            int q3 = int((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
            int q4 = int((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
            y[l] = d * float(sc[is + 0]) * float(q1);
            y[l + 32] = d * float(sc[is + 2]) * float(q2);
            y[l + 64] = d * float(sc[is + 4]) * float(q3);
            y[l + 96] = d * float(sc[is + 6]) * float(q4);
        }
        y += 128;
        ql += 64;
        qh += 32;
        sc += 8;
    }
}

void dq_mxfp4(const MXFP4& b, float* y) {
    float d = e8m0_half(b.e);
    for (int j = 0; j < 16; ++j) {
        y[j] = float(kvalues_mxfp4[b.qs[j] & 0xF]) * d;
        y[j + 16] = float(kvalues_mxfp4[b.qs[j] >> 4]) * d;
    }
}

}  // namespace

void dequantize_row(TensorType type, const uint8_t* src, float* y, uint64_t n) {
    switch (type) {
        case TensorType::F32: std::memcpy(y, src, n * 4); return;
        case TensorType::F16:
            for (uint64_t i = 0; i < n; ++i) { uint16_t h; std::memcpy(&h, src + 2 * i, 2); y[i] = fp16_to_f32(h); }
            return;
        case TensorType::BF16:
            for (uint64_t i = 0; i < n; ++i) { uint16_t h; std::memcpy(&h, src + 2 * i, 2); y[i] = bf16_to_f32(h); }
            return;
        default: break;
    }
    if (is_iq_type(type)) return dequantize_iq_row(type, src, y, n);
#define CASE(T, fn, QN) \
    case TensorType::T: for (uint64_t i = 0; i < n / QN; ++i) fn(*as<T>(src, i), y + i * QN); return;
    switch (type) {
        CASE(Q4_0, dq_q4_0, QK) CASE(Q4_1, dq_q4_1, QK) CASE(Q5_0, dq_q5_0, QK) CASE(Q5_1, dq_q5_1, QK)
        CASE(Q8_0, dq_q8_0, QK) CASE(Q2_K, dq_q2_k, QK_K) CASE(Q3_K, dq_q3_k, QK_K) CASE(Q4_K, dq_q4_k, QK_K)
        CASE(Q5_K, dq_q5_k, QK_K) CASE(Q6_K, dq_q6_k, QK_K) CASE(MXFP4, dq_mxfp4, QK)
        default: for (uint64_t i = 0; i < n; ++i) y[i] = 0; return;  // callers check support first
    }
#undef CASE
}

float dot_row(TensorType type, const uint8_t* row, const float* x, uint64_t n) {
    thread_local std::vector<float> buf;
    if (buf.size() < n) buf.resize(n);
    dequantize_row(type, row, buf.data(), n);
    double sum = 0;  // double accumulation: the reference should be the more exact side
    for (uint64_t i = 0; i < n; ++i) sum += double(buf[i]) * double(x[i]);
    return float(sum);
}

}  // namespace causerie
