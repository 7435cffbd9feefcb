#version 450
#extension GL_GOOGLE_include_directive : require
// Prefill matrix-matrix for CPU-like devices (lavapipe), where shared memory is slow and a
// subgroup is a SIMD register: no shared memory, no barriers. A workgroup (one subgroup) takes
// TM rows; each lane takes TN tokens. Weight units are the same for every lane (uniform loads),
// so each decoded unit serves TN x subgroup tokens.
#define USE_MATMUL_PUSH
#include "push_constants.h"
#define GRID_BINDING 5  // the grid i-quants' grid (weights.glsl)
#include "weights.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint TM = 4;
layout(constant_id = 2) const uint TN = 4;

#if defined(TEXEL_WEIGHTS)
layout(binding = 2) uniform samplerBuffer x_texels;  // per-lane loads as gathers (weights.glsl)
vec4 x_at(uint i) { return texelFetch(x_texels, int(i)); }
#else
layout(binding = 2) readonly buffer X { vec4 x4[]; };
vec4 x_at(uint i) { return x4[i]; }
#endif
layout(binding = 3) buffer Y { float y[]; };
layout(binding = 4) readonly buffer Bias { float bias[]; };

void main() {
    const uint lanes = gl_WorkGroupSize.x, lane = gl_LocalInvocationID.x;
    const uint m0 = gl_WorkGroupID.x * TM;
    const uint n0 = gl_WorkGroupID.y * lanes * TN;
    const uint U = pc.K / UNIT;
    const uint xs_row = pc.x_stride / 4;
    float acc[TM][TN];
    for (uint r = 0; r < TM; ++r)
        for (uint j = 0; j < TN; ++j) acc[r][j] = 0.0;

    uint tok[TN];
    for (uint j = 0; j < TN; ++j) tok[j] = min(n0 + lane + j * lanes, pc.N - 1);  // clamped: extra lanes compute a copy

    for (uint u = 0; u < U; ++u) {
        vec4 xv[TN][NV];
        float xs[TN];
        for (uint j = 0; j < TN; ++j) {
            vec4 s4 = vec4(0.0);
            for (uint i = 0; i < NV; ++i) {
                xv[j][i] = x_at(tok[j] * xs_row + u * NV + i);
                s4 += xv[j][i];
            }
            xs[j] = dot(s4, vec4(1.0));
        }
        for (uint r = 0; r < TM; ++r) {
            uint row = min(m0 + r, pc.M - 1);
            vec4 q[NV];
            vec2 so;
            load_raw(row * U + u, q, so);
            for (uint j = 0; j < TN; ++j) {
                float d = 0.0;
                for (uint i = 0; i < NV; ++i) d += dot(q[i], xv[j][i]);
                acc[r][j] += so.x * d + so.y * xs[j];
            }
        }
    }

    for (uint r = 0; r < TM; ++r) {
        uint m = m0 + r;
        if (m >= pc.M) break;
        for (uint j = 0; j < TN; ++j) {
            uint n = n0 + lane + j * lanes;
            if (n >= pc.N) continue;
            uint idx = n * pc.y_stride + pc.row_offset + m;
            float v = acc[r][j];
            if (pc.has_bias != 0) v += bias[pc.row_offset + m];
            v *= pc.y_scale;
            if (pc.accumulate != 0) v += y[idx];
            y[idx] = v;
        }
    }
}
