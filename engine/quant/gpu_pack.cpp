#include "quant/gpu_pack.h"

#include <cstring>

namespace causerie {

GpuLayout gpu_layout(TensorType type) {
    auto tr = type_traits(uint32_t(type));
    GpuLayout l;
    if (!tr) return l;
    l.block_elems = tr->block_elems;
    l.src_bytes = tr->block_bytes;
    l.body_bytes = tr->block_bytes;
    switch (type) {
        case TensorType::Q4_0: case TensorType::Q5_0: case TensorType::Q8_0:  // d first
            l.split_scale = true;
            l.scale_offset = 0;
            l.body_offset = 2;
            l.body_bytes = tr->block_bytes - 2;
            break;
        case TensorType::Q3_K: case TensorType::Q6_K:  // d last
            l.split_scale = true;
            l.scale_offset = tr->block_bytes - 2;
            l.body_bytes = tr->block_bytes - 2;
            break;
        default: break;
    }
    return l;
}

void pack_blocks(TensorType type, const uint8_t* src, uint64_t first, uint64_t count, uint8_t* body, uint8_t* scales) {
    GpuLayout l = gpu_layout(type);
    const uint8_t* s = src + first * l.src_bytes;
    if (!l.split_scale) {
        if (body) std::memcpy(body, s, count * l.src_bytes);
        return;
    }
    for (uint64_t i = 0; i < count; ++i) {
        if (body) std::memcpy(body + i * l.body_bytes, s + i * l.src_bytes + l.body_offset, l.body_bytes);
        if (scales) std::memcpy(scales + i * 2, s + i * l.src_bytes + l.scale_offset, 2);
    }
}

}  // namespace causerie
