#include "quant/gpu_pack.h"

#include "quant/iq_tables.h"

#include <cstring>

namespace causerie {

GpuLayout gpu_layout(TensorType type) {
    auto tr = type_traits(uint32_t(type));
    GpuLayout l;
    if (!tr) return l;
    l.block_elems = tr->block_elems;
    l.src_bytes = tr->block_bytes;
    auto set = [&](std::vector<Segment> body, uint32_t scale_bytes = 0, uint32_t scale_offset = 0) {
        l.body = std::move(body);
        l.body_bytes = 0;
        for (const auto& s : l.body) l.body_bytes += s.size;
        l.scale_bytes = scale_bytes;
        l.scale_offset = scale_offset;
    };
    switch (type) {
        case TensorType::Q4_0: set({{2, 16}}, 2, 0); break;            // qs[16] | d
        case TensorType::Q5_0: set({{2, 20}}, 2, 0); break;            // qh qs[16] | d
        case TensorType::Q8_0: set({{2, 32}}, 2, 0); break;            // qs[32] | d
        case TensorType::Q4_1: set({{4, 16}}, 4, 0); break;            // qs[16] | d m
        case TensorType::Q2_K: set({{0, 80}}, 4, 80); break;           // scales[16] qs[64] | d dmin
        case TensorType::Q3_K: set({{0, 108}}, 2, 108); break;         // hmask qs scales | d
        case TensorType::Q4_K: set({{16, 128}, {0, 16}}); break;       // qs[128] (d dmin scales[12])
        case TensorType::Q5_K: set({{48, 128}, {16, 32}, {0, 16}}); break;  // qs[128] qh[32] (d dmin scales)
        case TensorType::Q6_K: set({{0, 208}}, 2, 208); break;         // ql qh scales | d
        case TensorType::IQ4_NL: set({{2, 16}}, 2, 0); break;          // qs[16] | d
        case TensorType::IQ4_XS: set({{8, 128}}, 8, 0); break;         // qs[128] | d scales_h scales_l[4]
        case TensorType::IQ2_XXS: set({{2, 64}}, 2, 0); break;         // qs[64] | d
        case TensorType::IQ2_XS: set({{2, 72}}, 2, 0); break;          // qs[64] scales[8] | d
        case TensorType::IQ2_S: set({{2, 80}}, 2, 0); break;           // qs[64] qh[8] scales[8] | d
        case TensorType::IQ3_XXS: set({{2, 96}}, 2, 0); break;         // qs[96] | d
        case TensorType::IQ3_S: set({{2, 108}}, 2, 0); break;          // qs qh signs scales | d
        case TensorType::IQ1_S: set({{2, 48}}, 2, 0); break;           // qs[32] qh[16] | d
        case TensorType::MXFP4: set({{1, 16}}, 1, 0); break;           // qs[16] | e (one byte)
        default: set({{0, tr->block_bytes}}); break;                   // plain types, Q5_1, IQ1_M as stored
    }
    switch (type) {
        case TensorType::IQ2_XXS: l.grid = iq::iq2xxs_grid; break;
        case TensorType::IQ2_XS: l.grid = iq::iq2xs_grid; break;
        case TensorType::IQ2_S: l.grid = iq::iq2s_grid; break;
        case TensorType::IQ3_XXS: l.grid = iq::iq3xxs_grid; break;
        case TensorType::IQ3_S: l.grid = iq::iq3s_grid; break;
        case TensorType::IQ1_S: case TensorType::IQ1_M: l.grid = iq::iq1s_grid; break;
        default: break;
    }
    return l;
}

void pack_blocks(TensorType type, const uint8_t* src, uint64_t first, uint64_t count, uint8_t* body, uint8_t* scales) {
    GpuLayout l = gpu_layout(type);
    const uint8_t* s = src + first * l.src_bytes;
    if (l.body.size() == 1 && l.body[0].offset == 0 && l.body_bytes == l.src_bytes) {
        if (body) std::memcpy(body, s, count * l.src_bytes);
        return;
    }
    for (uint64_t i = 0; i < count; ++i) {
        const uint8_t* blk = s + i * l.src_bytes;
        if (body) {
            uint8_t* out = body + i * l.body_bytes;
            for (const auto& seg : l.body) {
                std::memcpy(out, blk + seg.offset, seg.size);
                out += seg.size;
            }
        }
        if (scales && l.scale_bytes) std::memcpy(scales + i * l.scale_bytes, blk + l.scale_offset, l.scale_bytes);
    }
}

}  // namespace causerie
