#version 450
#extension GL_GOOGLE_include_directive : require
// SwiGLU: g = silu(g) * u, element-wise.
#define USE_SWIGLU_PUSH
#include "push_constants.h"

layout(local_size_x = 256) in;
layout(binding = 0) buffer G { float g[]; };
layout(binding = 1) readonly buffer Up { float u[]; };

void main() {
    const uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    if (i >= pc.n) return;
    float a = g[i];
    g[i] = a / (1.0 + exp(-a)) * u[i];
}
