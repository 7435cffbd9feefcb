// The GPU layout of a weight tensor (see shaders/weights.glsl): block bodies as 32-bit words,
// then, for formats whose block is not a multiple of 4 bytes, their f16 scales in a separate
// array, so that every load in a shader is aligned. Nothing is dequantized.
#pragma once
#include "gguf/tensor_type.h"

#include <cstdint>

namespace causerie {

struct GpuLayout {
    uint32_t block_elems = 1;   // elements per block
    uint32_t src_bytes = 0;     // bytes of one block in the GGUF file
    uint32_t body_bytes = 0;    // bytes of one block's body on the GPU
    uint32_t body_offset = 0;   // where the body starts inside the GGUF block
    bool split_scale = false;   // the f16 at the block's scale_offset goes to the scale array
    uint32_t scale_offset = 0;
};

GpuLayout gpu_layout(TensorType type);

// Packs blocks [first, first + count) of `src` (GGUF bytes of the whole tensor): bodies to
// `body` (count * body_bytes) and, when split, scales to `scales` (count * 2 bytes).
// Either output may be null to pack only the other.
void pack_blocks(TensorType type, const uint8_t* src, uint64_t first, uint64_t count, uint8_t* body, uint8_t* scales);

}  // namespace causerie
