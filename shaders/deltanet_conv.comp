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

void main() {
    const uint c = gl_GlobalInvocationID.x;
    if (c >= pc.channels) return;
    const uint S = pc.d_conv - 1, C = pc.channels, n = pc.n_tokens;
    // The window of token t at tap k is input t + k - S of the batch: before the batch, the
    // state's entry t + k (no local array: lavapipe spilled one to scratch, 190 us per decode step)
    for (uint t = 0; t < n; ++t) {
        float sum = 0.0;
        for (uint k = 0; k <= S; ++k) {
            const float xin = t + k >= S ? x[(t + k - S) * C + c] : state[c * S + t + k];
            sum += xin * w[c * pc.d_conv + k];
        }
        y[t * C + c] = silu(sum);
    }
    // The newest S inputs: entry k is input n - S + k (in increasing k, an old entry n + k is read
    // before it is overwritten)
    for (uint k = 0; k < S; ++k) state[c * S + k] = n + k >= S ? x[(n + k - S) * C + c] : state[c * S + n + k];
}
