#version 450
#extension GL_GOOGLE_include_directive : require
// The router's choice, one thread per token (push_constants.h MoeTopkPush): the k largest
// logits in descending order, ties to the lower index (as the CPU reference, ref::moe_route),
// and their weights (times the chosen experts' output multipliers where the model has them).
#define USE_MOE_TOPK_PUSH
#include "push_constants.h"

layout(local_size_x = 64) in;
layout(binding = 0) readonly buffer Logits { float logits[]; };  // [n][n_expert]
layout(binding = 1) buffer Ids { uint ids[]; };                  // [n][k]
layout(binding = 2) buffer Weights { float wts[]; };             // [n][k]
layout(binding = 3) readonly buffer Scales { float escale[]; };  // [n_expert] (expert_scale)

void main() {
    const uint n = gl_GlobalInvocationID.x;
    if (n >= pc.n_tokens) return;
    const uint base = n * pc.n_expert, out0 = n * pc.k;
    // Top-k: the next choice is the largest logit ranked after the previous one
    float prev = 0.0, top = 0.0;
    uint prev_i = 0u;
    for (uint j = 0; j < pc.k; ++j) {
        uint best = pc.n_expert;
        float best_l = 0.0;
        for (uint i = 0; i < pc.n_expert; ++i) {
            const float l = logits[base + i];
            const bool after = j == 0u || l < prev || (l == prev && i > prev_i);
            if (after && (best == pc.n_expert || l > best_l)) {
                best = i;
                best_l = l;
            }
        }
        if (best == pc.n_expert) best = 0u;  // (NaN logits) stay in range
        ids[out0 + j] = best;
        if (j == 0u) top = best_l;
        prev = best_l;
        prev_i = best;
        wts[out0 + j] = best_l;
    }
    // Weights: softmax over all experts taken at the chosen ones, or over the chosen alone, or
    // each one's sigmoid
    float denom = 0.0;
    if (pc.gating == 0u) {
        for (uint i = 0; i < pc.n_expert; ++i) denom += exp(logits[base + i] - top);
    } else {
        for (uint j = 0; j < pc.k; ++j) denom += exp(wts[out0 + j] - top);
    }
    float sum = 0.0;
    for (uint j = 0; j < pc.k; ++j) {
        const float w = pc.gating == 2u ? 1.0 / (1.0 + exp(-wts[out0 + j])) : exp(wts[out0 + j] - top) / denom;
        wts[out0 + j] = w;
        sum += w;
    }
    // Normalized to sum 1 (the sum clamped as llama.cpp does), then scaled
    float f = pc.norm != 0u ? 1.0 / max(sum, 6.103515625e-5) : 1.0;
    if (pc.scale != 0.0 && pc.scale != 1.0) f *= pc.scale;
    if (f != 1.0)
        for (uint j = 0; j < pc.k; ++j) wts[out0 + j] *= f;
    // Each times its expert's output multiplier
    if (pc.expert_scale != 0u)
        for (uint j = 0; j < pc.k; ++j) wts[out0 + j] *= escale[ids[out0 + j]];
}
