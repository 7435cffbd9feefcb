#version 450
#extension GL_GOOGLE_include_directive : require
// Soft-capping in place: x = cap * tanh(x / cap) (gemma2's final logits).
#define USE_SOFTCAP_PUSH
#include "push_constants.h"
#include "activations.glsl"

layout(local_size_x = 256) in;
layout(binding = 0) buffer X { float x[]; };

void main() {
    const uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    if (i >= pc.n) return;
    x[i] = softcap(x[i], pc.cap);
}
