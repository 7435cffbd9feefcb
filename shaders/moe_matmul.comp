#version 450
#extension GL_GOOGLE_include_directive : require
// Prefill's expert products, one indexed dispatch over all experts (push_constants.h
// MoeMatmulPush): workgroup (x, y) computes a BM x BN tile of rows of expert e = tile y's expert
// times the BN (token, slot) pairs of that tile (moe_group.comp's list), as matmul.comp does:
// weight units decoded once into shared memory and reused by all the tile's pairs, whose input
// rows are gathered from x. y[pair][r] = W_e[r] . x_pair + bias_e[r].
#define USE_MOE_MATMUL_PUSH
#include "push_constants.h"
#define GRID_BINDING 8  // the grid i-quants' grid (weights.glsl)
#include "weights.glsl"
#include "activations.glsl"

#define BM 64
#define BN 32  // Ops::moe_tile_pairs
#define BK 32
#define TM 4
#define TN 4
// 128 threads: 16 row groups x 8 pair groups
layout(local_size_x = 128) in;

layout(binding = 2) readonly buffer X { float x[]; };
layout(binding = 3) buffer Y { float y[]; };                 // [n * k][M]
layout(binding = 4) readonly buffer List { uint list[]; };   // moe_group.comp
layout(binding = 5) readonly buffer Tiles { uint tiles[]; };
layout(binding = 6) readonly buffer Aux { float aux[]; };    // the up projection (MATVEC_X_SWIGLU)
layout(binding = 7) readonly buffer Bias { float bias[]; };  // [n_expert][M]

shared float Ws[BK][BM + 1];
shared float Xs[BK][BN + 1];
shared uint xrow[BN];

// The input as x_mode forms it (as moe_matvec.comp's x_at).
float x_at(uint i) {
    float v = x[i];
    if (pc.x_mode == MATVEC_X_SWIGLU) return silu(v) * aux[i];
    return v;
}

void main() {
    const uint tile = gl_WorkGroupID.y;
    if (tile >= tiles[0]) return;  // tiles past this batch's (the dispatch covers the most there can be)
    const uint e = tiles[1u + 3u * tile], begin = tiles[2u + 3u * tile], count = tiles[3u + 3u * tile] - begin;
    const uint tid = gl_LocalInvocationID.x;
    const uint m0 = gl_WorkGroupID.x * BM;
    const uint U = pc.K / UNIT, first = e * pc.M;  // expert e's first row in the whole tensor
    const uint tr = tid % 16u, tc = tid / 16u;
    if (tid < BN) {
        const uint p = list[begin + min(tid, count - 1u)];
        xrow[tid] = pc.x_per_slot != 0u ? p : p / pc.k;
    }
    barrier();
    float acc[TM][TN];
    for (uint i = 0; i < TM; ++i)
        for (uint j = 0; j < TN; ++j) acc[i][j] = 0.0;

    for (uint k0 = 0; k0 < pc.K; k0 += BK) {
        // Weight tile: BM rows x (BK / UNIT) units of expert e, decoded to floats.
        const uint units_per_row = BK / UNIT;
        for (uint t = tid; t < BM * units_per_row; t += 128u) {
            uint r = t / units_per_row, uu = t % units_per_row;
            uint u = k0 / UNIT + uu;
            vec4 w[NV];
            if (m0 + r < pc.M && u < U) {
                load_unit((first + m0 + r) * U + u, w);
            } else {
                for (uint i = 0; i < NV; ++i) w[i] = vec4(0.0);
            }
            for (uint i = 0; i < NV; ++i)
                for (uint c = 0; c < 4; ++c) Ws[uu * UNIT + i * 4 + c][r] = w[i][c];
        }
        // Input tile: the BN pairs' rows x BK elements.
        for (uint t = tid; t < BN * BK; t += 128u) {
            uint n = t / BK, k = t % BK;
            Xs[k][n] = (n < count && k0 + k < pc.K) ? x_at(xrow[n] * pc.K + k0 + k) : 0.0;
        }
        barrier();
        for (uint k = 0; k < BK; ++k) {
            float a[TM], b[TN];
            for (uint i = 0; i < TM; ++i) a[i] = Ws[k][tr + 16u * i];
            for (uint j = 0; j < TN; ++j) b[j] = Xs[k][tc + 8u * j];
            for (uint i = 0; i < TM; ++i)
                for (uint j = 0; j < TN; ++j) acc[i][j] += a[i] * b[j];
        }
        barrier();
    }

    for (uint j = 0; j < TN; ++j) {
        const uint n = tc + 8u * j;
        if (n >= count) continue;
        const uint out0 = list[begin + n] * pc.M;
        for (uint i = 0; i < TM; ++i) {
            const uint m = m0 + tr + 16u * i;
            if (m >= pc.M) continue;
            float v = acc[i][j];
            if (pc.has_bias != 0u) v += bias[first + m];
            y[out0 + m] = v;
        }
    }
}
