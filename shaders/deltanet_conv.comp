#version 450
#extension GL_GOOGLE_include_directive : require
// The Gated DeltaNet's causal conv1d (push_constants.h DeltaNetConvPush), one thread per
// channel over the batch's tokens in order: out[t][c] = silu(sum_k window[k] * w[c][k]), the
// window the channel's last d_conv - 1 inputs (its state, oldest first) then in[t][c]; the
// state keeps the newest d_conv - 1 inputs afterwards.
#define USE_DELTANET_CONV_PUSH
#include "push_constants.h"
#include "activations.glsl"

layout(local_size_x = 64) in;
layout(binding = 0) readonly buffer In { float x[]; };        // [n][channels]
layout(binding = 1) readonly buffer W { float w[]; };         // [channels][d_conv]
layout(binding = 2) buffer State { float state[]; };          // [channels][d_conv - 1]
layout(binding = 3) writeonly buffer Out { float y[]; };      // [n][channels]

const uint MAX_CONV = 16;

void main() {
    const uint c = gl_GlobalInvocationID.x;
    if (c >= pc.channels) return;
    const uint S = pc.d_conv - 1;
    float win[MAX_CONV];
    for (uint k = 0; k < S; ++k) win[k] = state[c * S + k];
    for (uint t = 0; t < pc.n_tokens; ++t) {
        const float cur = x[t * pc.channels + c];
        float sum = cur * w[c * pc.d_conv + S];
        for (uint k = 0; k < S; ++k) sum += win[k] * w[c * pc.d_conv + k];
        for (uint k = 0; k + 1 < S; ++k) win[k] = win[k + 1];
        win[S - 1] = cur;
        y[t * pc.channels + c] = silu(sum);
    }
    for (uint k = 0; k < S; ++k) state[c * S + k] = win[k];
}
