#version 450
#extension GL_GOOGLE_include_directive : require
// Embedding lookup: out[n] = decoded row tokens[n] of the bound weight range, times scale.
#define USE_GET_ROWS_PUSH
#include "push_constants.h"
#define GRID_BINDING 4  // the grid i-quants' grid (weights.glsl)
#include "weights.glsl"

layout(local_size_x = 64) in;
layout(binding = 2) readonly buffer Tokens { uint tokens[]; };
layout(binding = 3) writeonly buffer Out { vec4 out4[]; };

void main() {
    const uint idx = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    const uint U = pc.K / UNIT;
    if (idx >= U * pc.n_tokens) return;
    uint n = idx / U, u = idx % U;
    uint t = tokens[n];
    if (t < pc.row_begin || t >= pc.row_end) return;
    vec4 v[NV];
    load_unit((t - pc.row_begin) * U + u, v);
    for (uint i = 0; i < NV; ++i) out4[(n * pc.K) / 4 + u * NV + i] = v[i] * pc.scale;
}
