#version 450
#extension GL_GOOGLE_include_directive : require
// Attention for CPU-like devices (lavapipe): each lane is one query (token n, head h) of the
// same KV head, so the subgroup walks the positions together and the online softmax needs no
// cross-lane reduction. A KV head's queries are numbered i = n * group + g (head h = kv_head *
// group + g, group = n_head / n_head_kv): a decode step fills the lanes with the heads of a
// group, a prefill with tokens too. The lanes load each position's key and value rows together
// (one 8-half vector per lane) and pass the vectors around with shuffles: per-lane loads of
// the same address cost a gather each on lavapipe. Same inputs and outputs as attention.comp;
// head_dim must be a multiple of 8. A sliding window (pc.window > 0) masks each lane's positions
// before its first visible one, and position t is in cache row t % pc.kv_rows (a ring on
// sliding-window layers); scores are soft-capped when pc.softcap > 0, then biased by
// ALiBi's slope * (t - p) when pc.alibi_max_bias > 0; with pc.has_sinks the head's sink logit
// joins the softmax at the end. With pc.non_causal, every query of the batch sees all of it
// (encoders).
#extension GL_KHR_shader_subgroup_shuffle : require
#define USE_ATTENTION_PUSH
#include "push_constants.h"
#include "activations.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint HD4 = 16;  // head_dim / 4 (even)
layout(constant_id = 2) const uint MAXV = 1;  // ceil(head_dim / 8 / lanes): row vectors per lane

layout(binding = 0) readonly buffer Q { vec4 q4[]; };
#if defined(TEXEL_KV)
// The cache as texel buffers of 8 halves: a per-lane load is a gather (see weights.glsl).
layout(binding = 1) uniform usamplerBuffer k_texels;
layout(binding = 2) uniform usamplerBuffer v_texels;
uvec4 k_row(uint i) { return texelFetch(k_texels, int(i)); }
uvec4 v_row(uint i) { return texelFetch(v_texels, int(i)); }
#else
layout(binding = 1) readonly buffer KCache { uvec4 kc4[]; };
layout(binding = 2) readonly buffer VCache { uvec4 vc4[]; };
uvec4 k_row(uint i) { return kc4[i]; }
uvec4 v_row(uint i) { return vc4[i]; }
#endif
layout(binding = 3) writeonly buffer Out { vec4 o4[]; };
STEP_BLOCK(4)
layout(binding = 5) readonly buffer Sinks { float sinks[]; };  // [n_head] when pc.has_sinks

vec4 h4(uvec2 w) { return vec4(unpackHalf2x16(w.x), unpackHalf2x16(w.y)); }

// First position a query at position p sees: p - window + 1 with a sliding window, else 0.
uint first_visible(uint p) { return pc.window != 0 && p + 1 > pc.window ? p + 1 - pc.window : 0; }

void main() {
    const uint lanes = gl_WorkGroupSize.x, lane = gl_LocalInvocationID.x;
    const uint wg = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    const uint group = pc.n_head / pc.n_head_kv, items = pc.n_tokens * group;
    const uint kvh = wg % pc.n_head_kv, tile = wg / pc.n_head_kv;
    const uint first = tile * lanes;
    if (first >= items) return;
    const uint i = min(first + lane, items - 1);  // extra lanes repeat the last query
    const uint n = i / group, h = kvh * group + i % group;
    const uint D = pc.head_dim, NV8 = HD4 / 2;  // 8-half vectors per head row
    const uint row_vecs = pc.n_head_kv * D / 8, head_vecs = kvh * D / 8;
    // The last position each lane sees: its own (causal), or the batch's last (non-causal encoders)
    const uint q_pos = step_pos + n, batch_last = step_pos + pc.n_tokens - 1;
    const uint my_last = pc.non_causal != 0 ? batch_last : q_pos;         // limit of this lane
    const uint last = pc.non_causal != 0 ? batch_last : step_pos + (min(first + lanes, items) - 1) / group;  // of the subgroup
    const uint my_first = first_visible(q_pos);                           // window start of this lane
    const uint begin = first_visible(step_pos + first / group);           // of the whole subgroup
    const float slope = alibi_slope(h, pc.n_head, pc.alibi_max_bias);

    vec4 qv[HD4], acc[HD4];
    for (uint d = 0; d < HD4; ++d) {
        qv[d] = q4[((n * pc.n_head + h) * D) / 4 + d] * pc.scale;
        acc[d] = vec4(0.0);
    }
    float m = -1e30, l = 0.0;
    uint row = begin % pc.kv_rows;  // of position t, wrapping round a ring
    for (uint t = begin; t <= last; ++t, row = row + 1 == pc.kv_rows ? 0 : row + 1) {
        // Lane j holds vectors j, j + lanes, ... of the key and value rows of position t.
        const uint rb = row * row_vecs + head_vecs;
        uvec4 kr[MAXV], vr[MAXV];
        for (uint j = 0; j < MAXV; ++j) {
            uint c = min(lane + j * lanes, NV8 - 1);
            kr[j] = k_row(rb + c);
            vr[j] = v_row(rb + c);
        }
        float s = 0.0;
        for (uint c = 0; c < NV8; ++c) {
            uvec4 w = subgroupShuffle(kr[c / lanes], c % lanes);
            s += dot(qv[2 * c], h4(w.xy)) + dot(qv[2 * c + 1], h4(w.zw));
        }
        const bool masked = t > my_last || t < my_first;
        s = masked ? -1e30 : softcap(s, pc.softcap) + slope * (float(t) - float(q_pos));
        // A masked position adds nothing (p = 0), also before the lane's first visible one.
        float m_new = max(m, s);
        float alpha = exp(m - m_new), p = masked ? 0.0 : exp(s - m_new);
        l = l * alpha + p;
        for (uint c = 0; c < NV8; ++c) {
            uvec4 w = subgroupShuffle(vr[c / lanes], c % lanes);
            acc[2 * c] = acc[2 * c] * alpha + p * h4(w.xy);
            acc[2 * c + 1] = acc[2 * c + 1] * alpha + p * h4(w.zw);
        }
        m = m_new;
    }
    // The head's sink (gpt-oss) joins the max and the denominator, with no value.
    float out_scale = 1.0;
    if (pc.has_sinks != 0) {
        const float sk = sinks[h], m_new = max(m, sk);
        out_scale = exp(m - m_new);
        l = l * out_scale + exp(sk - m_new);
    }
    if (first + lane < items)
        for (uint d = 0; d < HD4; ++d) o4[((n * pc.n_head + h) * D) / 4 + d] = acc[d] * out_scale / l;
}
