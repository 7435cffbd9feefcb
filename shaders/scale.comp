#version 450
#extension GL_GOOGLE_include_directive : require
// y = a * x, or y += a * x with accumulate: granite's residual multiplier on a block's output
// and its logit scale (in place, x = y).
#define USE_SCALE_PUSH
#include "push_constants.h"

layout(local_size_x = 256) in;
layout(binding = 0) readonly buffer X { float x[]; };
layout(binding = 1) buffer Y { float y[]; };

void main() {
    const uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    if (i >= pc.n) return;
    const float v = pc.a * x[i];
    y[i] = pc.accumulate != 0 ? y[i] + v : v;
}
