#version 450
#extension GL_GOOGLE_include_directive : require
// Merges the split partials of decode attention (attention.comp with SPLIT): for each head,
// out = sum_s exp(m_s - M) acc_s / sum_s exp(m_s - M) l_s with M the largest m_s. One
// workgroup per head, a thread per pair of dimensions. Empty splits (l = 0) add nothing. With
// pc.has_sinks, the head's sink logit s counts in M and adds exp(s - M) to the denominator.
#define USE_ATTENTION_SPLIT_PUSH
#include "push_constants.h"

layout(local_size_x = 64) in;
layout(binding = 0) readonly buffer Partials { vec2 part[]; };  // [head][split][D/2 + 1]
layout(binding = 1) writeonly buffer Out { vec2 o2[]; };        // [head][D/2]
layout(binding = 2) readonly buffer Sinks { float sinks[]; };   // [head] when pc.has_sinks

void main() {
    const uint h = gl_WorkGroupID.x, pairs = pc.head_dim / 2, stride = pairs + 1;
    const uint base = h * pc.n_splits * stride;
    float M = -1e30;
    for (uint s = 0; s < pc.n_splits; ++s) {
        vec2 ml = part[base + s * stride];
        if (ml.y > 0.0) M = max(M, ml.x);
    }
    // The head's sink (gpt-oss) joins the max and the denominator, with no value.
    if (pc.has_sinks != 0) M = max(M, sinks[h]);
    float l = pc.has_sinks != 0 ? exp(sinks[h] - M) : 0.0;
    for (uint s = 0; s < pc.n_splits; ++s) {
        vec2 ml = part[base + s * stride];
        if (ml.y > 0.0) l += exp(ml.x - M) * ml.y;
    }
    for (uint pi = gl_LocalInvocationID.x; pi < pairs; pi += gl_WorkGroupSize.x) {
        vec2 a = vec2(0.0);
        for (uint s = 0; s < pc.n_splits; ++s) {
            vec2 ml = part[base + s * stride];
            if (ml.y > 0.0) a += exp(ml.x - M) * part[base + s * stride + 1 + pi];
        }
        o2[h * pairs + pi] = a / l;
    }
}
