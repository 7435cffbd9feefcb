#version 450
#extension GL_GOOGLE_include_directive : require
// Prefill's expert products for CPU-like devices (lavapipe), as matmul_lanes.comp: no shared
// memory, one subgroup per workgroup taking TM rows of expert e = tile y's expert (moe_group.comp),
// each lane TN of the tile's (token, slot) pairs, whose input rows are gathered from x. The
// weight units are the same for every lane (uniform loads). y[pair][r] = W_e[r] . x_pair + bias_e[r]
// (push_constants.h MoeMatmulPush).
#define USE_MOE_MATMUL_PUSH
#include "push_constants.h"
#define GRID_BINDING 8  // the grid i-quants' grid (weights.glsl)
#include "weights.glsl"
#include "activations.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint TM = 4;
layout(constant_id = 2) const uint TN = 4;  // tiles of lanes x TN pairs (Ops::moe_tile_pairs)

#if defined(TEXEL_WEIGHTS)
layout(binding = 2) uniform samplerBuffer x_texels;  // per-lane loads as gathers (weights.glsl)
layout(binding = 6) uniform samplerBuffer aux_texels;
vec4 x_raw(uint i) { return texelFetch(x_texels, int(i)); }
vec4 aux_raw(uint i) { return texelFetch(aux_texels, int(i)); }
#else
layout(binding = 2) readonly buffer X { vec4 x4[]; };
layout(binding = 6) readonly buffer Aux { vec4 aux4[]; };  // the up projection (MATVEC_X_SWIGLU)
vec4 x_raw(uint i) { return x4[i]; }
vec4 aux_raw(uint i) { return aux4[i]; }
#endif
layout(binding = 3) buffer Y { float y[]; };                 // [n * k][M]
layout(binding = 4) readonly buffer List { uint list[]; };   // moe_group.comp
layout(binding = 5) readonly buffer Tiles { uint tiles[]; };
layout(binding = 7) readonly buffer Bias { float bias[]; };  // [n_expert][M]

// The input as x_mode forms it (as moe_matvec.comp's x_at).
vec4 x_at(uint i) {
    vec4 v = x_raw(i);
    if (pc.x_mode == MATVEC_X_SWIGLU) return silu(v) * aux_raw(i);
    return v;
}

void main() {
    const uint tile = gl_WorkGroupID.y;
    if (tile >= tiles[0]) return;  // tiles past this batch's (the dispatch covers the most there can be)
    const uint e = tiles[1u + 3u * tile], begin = tiles[2u + 3u * tile], count = tiles[3u + 3u * tile] - begin;
    const uint lanes = gl_WorkGroupSize.x, lane = gl_LocalInvocationID.x;
    const uint m0 = gl_WorkGroupID.x * TM;
    const uint U = pc.K / UNIT, first = e * pc.M;  // expert e's first row in the whole tensor
    const uint xs_row = pc.K / 4;
    float acc[TM][TN];
    for (uint r = 0; r < TM; ++r)
        for (uint j = 0; j < TN; ++j) acc[r][j] = 0.0;

    uint xrow[TN];
    for (uint j = 0; j < TN; ++j) {
        const uint p = list[begin + min(lane + j * lanes, count - 1u)];  // clamped: extra lanes compute a copy
        xrow[j] = (pc.x_per_slot != 0u ? p : p / pc.k) * xs_row;
    }

    for (uint u = 0; u < U; ++u) {
        vec4 xv[TN][NV];
        float xs[TN];
        for (uint j = 0; j < TN; ++j) {
            vec4 s4 = vec4(0.0);
            for (uint i = 0; i < NV; ++i) {
                xv[j][i] = x_at(xrow[j] + u * NV + i);
                s4 += xv[j][i];
            }
            xs[j] = dot(s4, vec4(1.0));
        }
        for (uint r = 0; r < TM; ++r) {
            uint row = min(m0 + r, pc.M - 1u);
            vec4 q[NV];
            vec2 so;
            load_raw((first + row) * U + u, q, so);
            for (uint j = 0; j < TN; ++j) {
                float d = 0.0;
                for (uint i = 0; i < NV; ++i) d += dot(q[i], xv[j][i]);
                acc[r][j] += so.x * d + so.y * xs[j];
            }
        }
    }

    for (uint j = 0; j < TN; ++j) {
        const uint n = lane + j * lanes;
        if (n >= count) continue;
        const uint out0 = list[begin + n] * pc.M;
        for (uint r = 0; r < TM; ++r) {
            const uint m = m0 + r;
            if (m >= pc.M) break;
            float v = acc[r][j];
            if (pc.has_bias != 0u) v += bias[first + m];
            y[out0 + m] = v;
        }
    }
}
