#version 450
#extension GL_GOOGLE_include_directive : require
// Attention for CPU-like devices (lavapipe): each lane is one query (token n, head h) of the
// same KV head, so keys and values are uniform loads shared by the subgroup and the online
// softmax needs no cross-lane reduction. A KV head's queries are numbered i = n * group + g
// (head h = kv_head * group + g, group = n_head / n_head_kv): a decode step fills the lanes
// with the heads of a group, a prefill with tokens too. Same inputs and outputs as
// attention.comp; head_dim must be a multiple of 4.
#define USE_ATTENTION_PUSH
#include "push_constants.h"

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint HD4 = 16;  // head_dim / 4

layout(binding = 0) readonly buffer Q { vec4 q4[]; };
layout(binding = 1) readonly buffer KCache { uint kc[]; };
layout(binding = 2) readonly buffer VCache { uint vc[]; };
layout(binding = 3) writeonly buffer Out { vec4 o4[]; };
STEP_BLOCK(4)

vec4 half4(uint base) { return vec4(unpackHalf2x16(kc[base]), unpackHalf2x16(kc[base + 1])); }
vec4 vhalf4(uint base) { return vec4(unpackHalf2x16(vc[base]), unpackHalf2x16(vc[base + 1])); }

shared float sm_m[gl_WorkGroupSize.x], sm_l[gl_WorkGroupSize.x];
shared vec4 sm_acc[gl_WorkGroupSize.x * HD4];

void main() {
    const uint lanes = gl_WorkGroupSize.x, lane = gl_LocalInvocationID.x;
    const uint wg = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    const uint group = pc.n_head / pc.n_head_kv, items = pc.n_tokens * group;
    // Fewer queries than half the lanes (decode): the lanes also split the positions into S
    // interleaved streams, merged at the end.
    const uint S = items * 2 <= lanes ? lanes / items : 1;
    const uint kvh = wg % pc.n_head_kv, tile = wg / pc.n_head_kv;
    const uint first = tile * lanes / S;
    if (first >= items) return;
    const uint stream = S > 1 ? min(lane / items, S - 1) : 0;  // lanes past S * items repeat, unmerged
    const uint i = S > 1 ? min(lane % items, items - 1) : min(first + lane, items - 1);  // extra lanes repeat a query
    const uint n = i / group, h = kvh * group + i % group;
    const uint D = pc.head_dim;
    const uint row_words = pc.n_head_kv * D / 2, head_words = kvh * D / 2;
    const uint my_last = step_pos + n;                                          // causal limit of this lane
    const uint last = step_pos + (min(first + lanes / S, items) - 1) / group;   // of the whole subgroup

    vec4 qv[HD4], acc[HD4];
    for (uint d = 0; d < HD4; ++d) {
        qv[d] = q4[((n * pc.n_head + h) * D) / 4 + d] * pc.scale;
        acc[d] = vec4(0.0);
    }
    float m = -1e30, l = 0.0;
    for (uint t = stream; t <= last; t += S) {
        const uint kb = t * row_words + head_words;
        float s = 0.0;
        for (uint d = 0; d < HD4; ++d) s += dot(qv[d], half4(kb + 2 * d));
        if (t > my_last) s = -1e30;
        float m_new = max(m, s);
        float alpha = exp(m - m_new), p = exp(s - m_new);
        l = l * alpha + p;
        for (uint d = 0; d < HD4; ++d) acc[d] = acc[d] * alpha + p * vhalf4(kb + 2 * d);
        m = m_new;
    }
    if (S > 1) {
        // Merge the streams of query i (lanes i, i + items, ...): their softmax states rescaled
        // to the largest maximum. A stream may have seen no position (l = 0, m = -1e30).
        sm_m[lane] = m;
        sm_l[lane] = l;
        for (uint d = 0; d < HD4; ++d) sm_acc[lane * HD4 + d] = acc[d];
        barrier();
        if (lane < items) {
            float M = m;
            for (uint k = 1; k < S; ++k) M = max(M, sm_m[lane + k * items]);
            l = 0.0;
            for (uint d = 0; d < HD4; ++d) acc[d] = vec4(0.0);
            for (uint k = 0; k < S; ++k) {
                uint o = lane + k * items;
                float f = exp(sm_m[o] - M);
                l += f * sm_l[o];
                for (uint d = 0; d < HD4; ++d) acc[d] += f * sm_acc[o * HD4 + d];
            }
        }
    }
    const bool writes = S > 1 ? lane < items : first + lane < items;
    if (writes)
        for (uint d = 0; d < HD4; ++d) o4[((n * pc.n_head + h) * D) / 4 + d] = acc[d] / l;
}
