// The byte layouts of ggml's quantized blocks (as stored in GGUF files).
#pragma once
#include <bit>
#include <cstdint>

namespace causerie::blocks {

constexpr int QK = 32;    // elements per block of the 32-element formats
constexpr int QK_K = 256; // elements per K-quant super-block

#pragma pack(push, 1)
struct Q4_0 { uint16_t d; uint8_t qs[16]; };                  // x = (nibble - 8) * d
struct Q4_1 { uint16_t d, m; uint8_t qs[16]; };               // x = nibble * d + m
struct Q5_0 { uint16_t d; uint8_t qh[4]; uint8_t qs[16]; };   // 5th bit in qh; x = (q - 16) * d
struct Q5_1 { uint16_t d, m; uint8_t qh[4]; uint8_t qs[16]; };
struct Q8_0 { uint16_t d; int8_t qs[32]; };                   // x = q * d
struct Q2_K { uint8_t scales[16]; uint8_t qs[64]; uint16_t d, dmin; };
struct Q3_K { uint8_t hmask[32]; uint8_t qs[64]; uint8_t scales[12]; uint16_t d; };
struct Q4_K { uint16_t d, dmin; uint8_t scales[12]; uint8_t qs[128]; };
struct Q5_K { uint16_t d, dmin; uint8_t scales[12]; uint8_t qh[32]; uint8_t qs[128]; };
struct Q6_K { uint8_t ql[128]; uint8_t qh[64]; int8_t scales[16]; uint16_t d; };
// i-quants (values from the tables in quant/iq_tables.h)
struct IQ4_NL { uint16_t d; uint8_t qs[16]; };                          // x = d * kvalues[nibble]
struct IQ4_XS { uint16_t d, scales_h; uint8_t scales_l[4]; uint8_t qs[128]; };  // 6-bit scales - 32
struct IQ2_XXS { uint16_t d; uint16_t qs[32]; };                        // per 32: 4 grid bytes, 4x7 signs, 4-bit scale
struct IQ2_XS { uint16_t d; uint16_t qs[32]; uint8_t scales[8]; };      // per 8: 9-bit grid index, 7 signs
struct IQ2_S { uint16_t d; uint8_t qs[64]; uint8_t qh[8]; uint8_t scales[8]; };  // qs: 32 grid bytes, 32 sign bytes
struct IQ3_XXS { uint16_t d; uint8_t qs[96]; };                         // 64 grid bytes, 8 words of signs + scale
struct IQ3_S { uint16_t d; uint8_t qs[64]; uint8_t qh[8]; uint8_t signs[32]; uint8_t scales[4]; };
struct IQ1_S { uint16_t d; uint8_t qs[32]; uint16_t qh[8]; };
struct IQ1_M { uint8_t qs[32]; uint8_t qh[16]; uint8_t scales[8]; };    // the f16 d is spread over scales' top nibbles
// MXFP4: x = kvalues_mxfp4[nibble] * 2^(e - 128) (the table holds E2M1 values doubled, hence
// the halved E8M0 scale); nibble j -> element j (low) and j + 16 (high), as Q4_0.
struct MXFP4 { uint8_t e; uint8_t qs[16]; };
#pragma pack(pop)

static_assert(sizeof(Q4_0) == 18 && sizeof(Q4_1) == 20 && sizeof(Q5_0) == 22 && sizeof(Q5_1) == 24);
static_assert(sizeof(Q8_0) == 34 && sizeof(Q2_K) == 84 && sizeof(Q3_K) == 110);
static_assert(sizeof(Q4_K) == 144 && sizeof(Q5_K) == 176 && sizeof(Q6_K) == 210);
static_assert(sizeof(IQ4_NL) == 18 && sizeof(IQ4_XS) == 136 && sizeof(IQ2_XXS) == 66 && sizeof(IQ2_XS) == 74);
static_assert(sizeof(IQ2_S) == 82 && sizeof(IQ3_XXS) == 98 && sizeof(IQ3_S) == 110 && sizeof(IQ1_S) == 50);
static_assert(sizeof(IQ1_M) == 56 && sizeof(MXFP4) == 17);

// ggml's kvalues_mxfp4: the E2M1 values times 2 (sign in bit 3).
inline constexpr int8_t kvalues_mxfp4[16] = {0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12};

// ggml's E8M0 scale halved: 2^(e - 128) (denormal for e < 2), exactly.
inline float e8m0_half(uint8_t e) {
    uint32_t bits = e < 2 ? 0x00200000u << e : uint32_t(e - 1) << 23;
    return std::bit_cast<float>(bits);
}

// The 6-bit scale and min of sub-block j of a Q4_K/Q5_K super-block.
inline void scale_min_k4(int j, const uint8_t* q, uint8_t& sc, uint8_t& m) {
    if (j < 4) {
        sc = q[j] & 63;
        m = q[j + 4] & 63;
    } else {
        sc = uint8_t((q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4));
        m = uint8_t((q[j + 4] >> 4) | ((q[j] >> 6) << 4));
    }
}

// The 16 signed 6-bit scales of a Q3_K super-block (each already minus 32).
inline void scales_q3_k(const uint8_t* raw, int8_t out[16]) {
    for (int i = 0; i < 16; ++i) {
        int low = i < 8 ? (raw[i % 8] & 0xF) : (raw[i % 8] >> 4);
        int high = (raw[8 + i % 4] >> (2 * (i / 4))) & 3;
        out[i] = int8_t((low | (high << 4)) - 32);
    }
}

}  // namespace causerie::blocks
