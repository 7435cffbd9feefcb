#version 450
#extension GL_GOOGLE_include_directive : require
// FFN activations, element-wise: g = silu(g) * u (SwiGLU), with GELU g = gelu_tanh(g) * u
// (GELU-gated, gemma); with PLAIN g = gelu_tanh(g) (falcon, bloom: no gate); with SPLIT
// g[r][i] = silu(u[r][i]) * u[r][width + i], u rows of 2 width holding gate then up (phi3's
// fused ffn_up; with GELU too, gelu_tanh: gemma4's fused experts).
#define USE_SWIGLU_PUSH
#include "push_constants.h"
#include "activations.glsl"

layout(local_size_x = 256) in;
layout(binding = 0) buffer G { float g[]; };
#ifndef PLAIN
layout(binding = 1) readonly buffer Up { float u[]; };
#endif

void main() {
    const uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    if (i >= pc.n) return;
#if defined(PLAIN)
    g[i] = gelu_tanh(g[i]);
#elif defined(SPLIT)
    const uint r = i / pc.width, c = i % pc.width;
    const float gate = u[r * 2 * pc.width + c], up = u[r * 2 * pc.width + pc.width + c];
#ifdef GELU
    g[i] = gelu_tanh(gate) * up;
#else
    g[i] = silu(gate) * up;
#endif
#elif defined(GELU)
    g[i] = gelu_tanh(g[i]) * u[i];
#else
    g[i] = silu(g[i]) * u[i];
#endif
}
