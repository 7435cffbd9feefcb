// The GPU layout of a weight tensor (see shaders/weights.glsl). Each GGUF block is rearranged,
// never dequantized: its body (bytes in an order that lets the shader use aligned 16-byte
// loads) goes to the body array, and for some formats its scale (an f16 d, or the f16 pair d|m)
// goes to a separate scale array, so that every load in a shader is aligned. The grid i-quants
// also need their grid on the device: it travels with each tensor (a few KiB).
#pragma once
#include "gguf/tensor_type.h"

#include <cstdint>
#include <span>
#include <vector>

namespace causerie {

struct Segment {
    uint32_t offset;  // in the GGUF block
    uint32_t size;
};

struct GpuLayout {
    uint32_t block_elems = 1;      // elements per block
    uint32_t src_bytes = 0;        // bytes of one block in the GGUF file
    uint32_t body_bytes = 0;       // bytes of one block's body on the GPU
    std::vector<Segment> body;     // the body: these source segments, in this order
    uint32_t scale_bytes = 0;      // bytes per block in the scale array (0: none, 1, 2, 4 or 8)
    uint32_t scale_offset = 0;     // where the scale sits in the GGUF block
    std::span<const uint32_t> grid;  // the grid i-quants' table (quant/iq_grids.h), bound beside the weights
};

GpuLayout gpu_layout(TensorType type);

// Packs blocks [first, first + count) of `src` (GGUF bytes of the whole tensor): bodies to
// `body` (count * body_bytes) and scales to `scales` (count * scale_bytes).
// Either output may be null to pack only the other.
void pack_blocks(TensorType type, const uint8_t* src, uint64_t first, uint64_t count, uint8_t* body, uint8_t* scales);

}  // namespace causerie
