#version 450
#extension GL_GOOGLE_include_directive : require
// Gated activation, element-wise: g = silu(g) * u (SwiGLU), or with GELU g = gelu_tanh(g) * u
// (GELU-gated, gemma).
#define USE_SWIGLU_PUSH
#include "push_constants.h"
#include "activations.glsl"

layout(local_size_x = 256) in;
layout(binding = 0) buffer G { float g[]; };
layout(binding = 1) readonly buffer Up { float u[]; };

void main() {
    const uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    if (i >= pc.n) return;
#ifdef GELU
    g[i] = gelu_tanh(g[i]) * u[i];
#else
    g[i] = silu(g[i]) * u[i];
#endif
}
