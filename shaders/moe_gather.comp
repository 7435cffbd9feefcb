#version 450
#extension GL_GOOGLE_include_directive : require
// The experts' down projections gathered into the residual stream (push_constants.h
// MoeGatherPush): y[n][i] (+)= sum_s w[n][s] * d[n * k + s][i], one thread per element.
#define USE_MOE_GATHER_PUSH
#include "push_constants.h"

layout(local_size_x = 64) in;
layout(binding = 0) readonly buffer Down { float d[]; };      // [n][k][width]
layout(binding = 1) readonly buffer Weights { float wts[]; };  // [n][k]
layout(binding = 2) buffer Y { float y[]; };                  // [n][width]

void main() {
    const uint idx = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    if (idx >= pc.n_tokens * pc.width) return;
    const uint n = idx / pc.width, i = idx % pc.width;
    float v = 0.0;
    for (uint s = 0u; s < pc.k; ++s) v += wts[n * pc.k + s] * d[(n * pc.k + s) * pc.width + i];
    if (pc.accumulate != 0u) v += y[idx];
    y[idx] = v;
}
