#version 450
#extension GL_GOOGLE_include_directive : require
// The chunked gated delta rule, step 3 of 3: the gated RMSNorm of each head's output in place,
// o = rmsnorm(o) * norm * silu(z); one thread per (token, v head), the head's D values in turn
// (a workgroup per head row cost lavapipe more than the rule itself).
#define USE_DELTANET_RULE_PUSH
#include "push_constants.h"
#include "activations.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint D = 128;  // head size
layout(binding = 0) buffer O { float o[]; };             // [n][n_v_heads * D]
layout(binding = 1) readonly buffer Z { float z[]; };    // [n][n_v_heads * D]
layout(binding = 2) readonly buffer Nw { float nw[]; };  // [D]

void main() {
    const uint th = gl_GlobalInvocationID.x;  // token * n_v_heads + head
    if (th >= pc.n_tokens * pc.n_v_heads) return;
    const uint row = th * D;
    float ss = 0.0;
    for (uint j = 0; j < D; ++j) ss += o[row + j] * o[row + j];
    const float r = 1.0 / sqrt(ss / float(D) + pc.eps);
    for (uint j = 0; j < D; ++j) o[row + j] = o[row + j] * r * nw[j] * silu(z[row + j]);
}
