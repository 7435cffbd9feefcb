// The tables of ggml's i-quants: the grids (quant/iq_grids.h; the GPU gets them with each
// weight tensor), IQ4's 16 non-linear values and the sign table of the iq2/iq3 formats.
#pragma once
#include "quant/iq_grids.h"

#include <bit>
#include <cstdint>

namespace causerie::iq {

// ggml's kvalues_iq4nl: the 16 levels of IQ4_NL and IQ4_XS (times the block scale).
inline constexpr int8_t kvalues_iq4nl[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

// ggml's ksigns_iq2xs[i]: 8 sign bits (bit j set: element j negative) from 7 stored ones, the
// eighth making the number of minus signs even.
constexpr uint8_t ksigns(uint32_t s7) { return uint8_t((s7 & 127u) | (uint32_t(std::popcount(s7 & 127u) & 1) << 7)); }

// Byte j of entry i of a grid of 8-byte entries (two words each), or of 4-byte entries.
inline uint8_t grid8(const uint32_t* g, uint32_t i, int j) { return uint8_t(g[2 * i + uint32_t(j) / 4] >> (8 * (j % 4))); }
inline uint8_t grid4(const uint32_t* g, uint32_t i, int j) { return uint8_t(g[i] >> (8 * j)); }

// Entries of each grid.
inline constexpr uint32_t kIq2xxsEntries = 256, kIq2xsEntries = 512, kIq2sEntries = 1024;
inline constexpr uint32_t kIq3xxsEntries = 256, kIq3sEntries = 512, kIq1sEntries = 2048;
static_assert(sizeof(iq2xxs_grid) == kIq2xxsEntries * 8 && sizeof(iq2xs_grid) == kIq2xsEntries * 8);
static_assert(sizeof(iq2s_grid) == kIq2sEntries * 8 && sizeof(iq1s_grid) == kIq1sEntries * 8);
static_assert(sizeof(iq3xxs_grid) == kIq3xxsEntries * 4 && sizeof(iq3s_grid) == kIq3sEntries * 4);

inline constexpr float kIq1Delta = 0.125f;  // ggml's IQ1S_DELTA and IQ1M_DELTA

}  // namespace causerie::iq
