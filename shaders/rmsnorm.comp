#version 450
#extension GL_GOOGLE_include_directive : require
// RMSNorm with its scale: one workgroup per row. With ADD the result is added to out (the
// residual stream after a post-norm: gemma's sandwich norms). With LAYER a LayerNorm instead:
// (x - mean) / sqrt(var + eps) * w + b (falcon, bloom); out may be x (in place).
#extension GL_KHR_shader_subgroup_arithmetic : require
#define USE_RMSNORM_PUSH
#include "push_constants.h"

layout(local_size_x_id = 0) in;
layout(binding = 0) readonly buffer X { float x[]; };
layout(binding = 1) readonly buffer W { float w[]; };
#ifdef ADD
layout(binding = 2) buffer Out { float o[]; };
#else
layout(binding = 2) writeonly buffer Out { float o[]; };
#endif
#ifdef LAYER
layout(binding = 3) readonly buffer B { float b[]; };
#endif

shared float partial[32];

// Sum of v over the workgroup (every thread gets it).
float wg_sum(float v) {
    v = subgroupAdd(v);
    if (gl_NumSubgroups > 1) {
        barrier();
        if (subgroupElect()) partial[gl_SubgroupID] = v;
        barrier();
        v = 0.0;
        for (uint s = 0; s < gl_NumSubgroups; ++s) v += partial[s];
    }
    return v;
}

void main() {
    const uint row = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    if (row >= pc.rows) return;
    const uint base = row * pc.n;
#ifdef LAYER
    float sum = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) sum += x[base + i];
    const float mean = wg_sum(sum) / float(pc.n);
    float var = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) {
        float d = x[base + i] - mean;
        var += d * d;
    }
    const float scale = inversesqrt(wg_sum(var) / float(pc.n) + pc.eps);
    barrier();  // every read of the row is done before it is overwritten (in place)
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) o[base + i] = (x[base + i] - mean) * scale * w[i] + b[i];
#else
    float ss = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) ss += x[base + i] * x[base + i];
    const float scale = inversesqrt(wg_sum(ss) / float(pc.n) + pc.eps);
#ifdef ADD
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) o[base + i] += x[base + i] * scale * w[i];
#else
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) o[base + i] = x[base + i] * scale * w[i];
#endif
#endif
}
