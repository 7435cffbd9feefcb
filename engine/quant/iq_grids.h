// ggml's i-quant grids, as data. The values are those of ggml's tables iq2xxs_grid, iq2xs_grid,
// iq2s_grid, iq3xxs_grid, iq3s_grid and iq1s_grid (ggml/src/ggml-common.h in llama.cpp, MIT
// licence), converted by a script into this form: each 64-bit entry (8 elements, one byte
// each, element 0 in the low byte) as two 32-bit words, low word first; each 32-bit entry
// (4 elements) as one word. The iq2 grids hold magnitudes (0x08, 0x19, 0x2b; signs are stored
// apart), iq3xxs the magnitudes 4..62, iq3s the odd 1..15, iq1s signed bytes -1, 0, 1.
// The shaders read the same words from the weight tensor's buffer (vulkan/tensor.h, grid()).
// Include quant/iq_tables.h, not this file. One file per family: iq2_grids.h, iq3_grids.h,
// iq1_grids.h.
#pragma once
#include <cstdint>
#include "quant/iq1_grids.h"
#include "quant/iq2_grids.h"
#include "quant/iq3_grids.h"
