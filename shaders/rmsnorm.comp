#version 450
#extension GL_GOOGLE_include_directive : require
// RMSNorm with its scale: one workgroup per row. With ADD the result is added to out (the
// residual stream after a post-norm: gemma's sandwich norms).
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

shared float partial[32];

void main() {
    const uint row = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    if (row >= pc.rows) return;
    const uint base = row * pc.n;
    float ss = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) ss += x[base + i] * x[base + i];
    ss = subgroupAdd(ss);
    if (gl_NumSubgroups > 1) {
        if (subgroupElect()) partial[gl_SubgroupID] = ss;
        barrier();
        ss = 0.0;
        for (uint s = 0; s < gl_NumSubgroups; ++s) ss += partial[s];
    }
    const float scale = inversesqrt(ss / float(pc.n) + pc.eps);
#ifdef ADD
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) o[base + i] += x[base + i] * scale * w[i];
#else
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) o[base + i] = x[base + i] * scale * w[i];
#endif
}
