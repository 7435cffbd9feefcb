#version 450
#extension GL_GOOGLE_include_directive : require
// Prefill matrix-matrix: Y[n][m] = W[m] . X[n]. A workgroup computes a BM x BN tile (rows x
// tokens) stepping over K by BK; weight units are decoded once into shared memory and reused by
// all BN tokens. Each thread holds TM x TN accumulators.
#define USE_MATMUL_PUSH
#include "push_constants.h"
#define GRID_BINDING 5  // the grid i-quants' grid (weights.glsl)
#include "weights.glsl"

#define BM 64
#define BN 32
#define BK 32
#define TM 4
#define TN 4
// 128 threads: 16 row groups x 8 token groups
layout(local_size_x = 128) in;

layout(binding = 2) readonly buffer X { float x[]; };
layout(binding = 3) buffer Y { float y[]; };
layout(binding = 4) readonly buffer Bias { float bias[]; };

shared float Ws[BK][BM + 1];
shared float Xs[BK][BN + 1];

void main() {
    const uint tid = gl_LocalInvocationID.x;
    const uint m0 = gl_WorkGroupID.x * BM, n0 = gl_WorkGroupID.y * BN;
    const uint U = pc.K / UNIT;
    const uint tr = tid % 16u, tc = tid / 16u;
    float acc[TM][TN];
    for (uint i = 0; i < TM; ++i)
        for (uint j = 0; j < TN; ++j) acc[i][j] = 0.0;

    for (uint k0 = 0; k0 < pc.K; k0 += BK) {
        // Weight tile: BM rows x (BK / UNIT) units, decoded to floats.
        const uint units_per_row = BK / UNIT;
        for (uint t = tid; t < BM * units_per_row; t += 128u) {
            uint r = t / units_per_row, uu = t % units_per_row;
            uint u = k0 / UNIT + uu;
            vec4 w[NV];
            if (m0 + r < pc.M && u < U) {
                load_unit((m0 + r) * U + u, w);
            } else {
                for (uint i = 0; i < NV; ++i) w[i] = vec4(0.0);
            }
            for (uint i = 0; i < NV; ++i)
                for (uint c = 0; c < 4; ++c) Ws[uu * UNIT + i * 4 + c][r] = w[i][c];
        }
        // Activation tile: BN tokens x BK elements.
        for (uint t = tid; t < BN * BK; t += 128u) {
            uint n = t / BK, k = t % BK;
            Xs[k][n] = (n0 + n < pc.N && k0 + k < pc.K) ? x[(n0 + n) * pc.x_stride + k0 + k] : 0.0;
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

    for (uint i = 0; i < TM; ++i) {
        uint m = m0 + tr + 16u * i;
        if (m >= pc.M) continue;
        for (uint j = 0; j < TN; ++j) {
            uint n = n0 + tc + 8u * j;
            if (n >= pc.N) continue;
            uint idx = n * pc.y_stride + pc.row_offset + m;
            float v = acc[i][j];
            if (pc.has_bias != 0) v += bias[pc.row_offset + m];
            v *= pc.y_scale;
            if (pc.accumulate != 0) v += y[idx];
            y[idx] = v;
        }
    }
}
