#version 450
#extension GL_GOOGLE_include_directive : require
// Decode matrix-vector: each workgroup computes NR rows; threads stride over the row's units,
// then reduce with subgroup adds and shared memory. Epilogue fuses bias and residual add.
#extension GL_KHR_shader_subgroup_arithmetic : require
#define USE_MATVEC_PUSH
#include "push_constants.h"
#include "weights.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint NR = 2;

layout(binding = 2) readonly buffer X { vec4 x4[]; };
layout(binding = 3) buffer Y { float y[]; };
layout(binding = 4) readonly buffer Bias { float bias[]; };

shared float partial[NR * 32];

void main() {
    const uint wg = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    const uint row0 = wg * NR;
    const uint U = pc.K / UNIT;
    const uint xo = pc.x_offset / 4;
    float acc[NR];
    for (uint r = 0; r < NR; ++r) acc[r] = 0.0;

    for (uint u = gl_LocalInvocationID.x; u < U; u += gl_WorkGroupSize.x) {
        vec4 xv[NV];
        vec4 xs4 = vec4(0.0);
        for (uint i = 0; i < NV; ++i) {
            xv[i] = x4[xo + u * NV + i];
            xs4 += xv[i];
        }
        // dot(q * s + o, x) = s * dot(q, x) + o * sum(x): one scale per unit and row.
        const float xs = dot(xs4, vec4(1.0));
        for (uint r = 0; r < NR; ++r) {
            if (row0 + r < pc.M) {
                vec4 q[NV];
                vec2 so;
                load_raw((row0 + r) * U + u, q, so);
                float d = 0.0;
                for (uint i = 0; i < NV; ++i) d += dot(q[i], xv[i]);
                acc[r] += so.x * d + so.y * xs;
            }
        }
    }

    for (uint r = 0; r < NR; ++r) acc[r] = subgroupAdd(acc[r]);
    if (gl_NumSubgroups > 1) {
        if (subgroupElect())
            for (uint r = 0; r < NR; ++r) partial[r * 32 + gl_SubgroupID] = acc[r];
        barrier();
        if (gl_LocalInvocationID.x == 0)
            for (uint r = 0; r < NR; ++r) {
                acc[r] = 0.0;
                for (uint s = 0; s < gl_NumSubgroups; ++s) acc[r] += partial[r * 32 + s];
            }
    }
    if (gl_LocalInvocationID.x == 0) {
        for (uint r = 0; r < NR; ++r) {
            uint row = row0 + r;
            if (row >= pc.M) break;
            uint out_idx = pc.y_offset + pc.row_offset + row;
            float v = acc[r];
            if (pc.has_bias != 0) v += bias[pc.row_offset + row];
            if (pc.accumulate != 0) v += y[out_idx];
            y[out_idx] = v;
        }
    }
}
