#version 450
#extension GL_GOOGLE_include_directive : require
// Causal attention over the f16 KV cache with online softmax (flash-attention style).
// One workgroup per (query token, head). Positions are visited in chunks of the workgroup
// size: each thread scores one position, the chunk's maximum and sum update the running
// softmax, and each thread accumulates output pairs of dimensions. GQA: head h reads KV head
// h / (n_head / n_head_kv).
// With SPLIT (decode, one query): one workgroup per (head, split of split_len positions), so
// that a long context keeps the whole device busy; each writes its unnormalised partial
// (max, sum, acc[D]) and attention_combine.comp merges them.
// A sliding window (pc.window > 0) starts each query's range at its first visible position
// (and the split ranges count from it); position t is in cache row t % pc.kv_rows (a ring);
// scores are soft-capped when pc.softcap > 0, then biased by ALiBi's slope * (t - p) when
// pc.alibi_max_bias > 0. With pc.has_sinks, the head's sink logit joins the softmax at the end
// (for SPLIT in the merge). With pc.non_causal, every query of the batch sees all of it.
#extension GL_KHR_shader_subgroup_arithmetic : require
#ifdef SPLIT
#define USE_ATTENTION_SPLIT_PUSH
#else
#define USE_ATTENTION_PUSH
#endif
#include "push_constants.h"
#include "activations.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint MAX_PAIRS = 4;  // ceil(head_dim / 2 / workgroup size)
#define MAX_D 512  // gemma4's global heads

layout(binding = 0) readonly buffer Q { float q[]; };
layout(binding = 1) readonly buffer KCache { uint kc[]; };
layout(binding = 2) readonly buffer VCache { uint vc[]; };
layout(binding = 3) writeonly buffer Out { vec2 o2[]; };  // SPLIT: partials, D/2 + 1 pairs each
STEP_BLOCK(4)
#ifndef SPLIT
layout(binding = 5) readonly buffer Sinks { float sinks[]; };  // [n_head] when pc.has_sinks
#endif

shared float qs[MAX_D];
shared float p_chunk[256];
shared float red[32];

float wg_max(float x) {
    x = subgroupMax(x);
    if (gl_NumSubgroups == 1) return x;
    barrier();
    if (subgroupElect()) red[gl_SubgroupID] = x;
    barrier();
    float m = red[0];
    for (uint s = 1; s < gl_NumSubgroups; ++s) m = max(m, red[s]);
    return m;
}

float wg_sum(float x) {
    x = subgroupAdd(x);
    if (gl_NumSubgroups == 1) return x;
    barrier();
    if (subgroupElect()) red[gl_SubgroupID] = x;
    barrier();
    float s = 0.0;
    for (uint i = 0; i < gl_NumSubgroups; ++i) s += red[i];
    return s;
}

// First position a query at position p sees: p - window + 1 with a sliding window, else 0.
uint first_visible(uint p) { return pc.window != 0 && p + 1 > pc.window ? p + 1 - pc.window : 0; }

void main() {
    const uint WG = gl_WorkGroupSize.x, tid = gl_LocalInvocationID.x;
    const uint wg = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    const uint D = pc.head_dim, pairs = D / 2;
#ifdef SPLIT
    const uint h = wg % pc.n_head, split = wg / pc.n_head, n = 0;
    if (split >= pc.n_splits) return;
    const uint t_end = step_pos + 1;  // causal: the one query at pos sees [first_visible(pos), pos]
    const uint c_begin = first_visible(step_pos) + split * pc.split_len;
    const uint c_end = min(c_begin + pc.split_len, t_end);  // empty split when <= c_begin
#else
    const uint h = wg % pc.n_head, n = wg / pc.n_head;
    if (n >= pc.n_tokens) return;
    // causal: up to pos + n; non-causal (encoders): the whole batch
    const uint c_begin = first_visible(step_pos + n), c_end = pc.non_causal != 0 ? step_pos + pc.n_tokens : step_pos + n + 1;
#endif
    const uint kvh = h / (pc.n_head / pc.n_head_kv);
    const float slope = alibi_slope(h, pc.n_head, pc.alibi_max_bias);
    const float q_pos = float(step_pos + n);  // the query's position
    const uint kv_words = pc.n_head_kv * D / 2;  // words per cache row

    for (uint i = tid; i < D; i += WG) qs[i] = q[(n * pc.n_head + h) * D + i] * pc.scale;
    barrier();

    float m_run = -1e30, l_run = 0.0;
    vec2 acc[MAX_PAIRS];
    const uint my_pairs = (pairs + WG - 1) / WG;
    for (uint i = 0; i < my_pairs; ++i) acc[i] = vec2(0.0);

    for (uint c0 = c_begin; c0 < c_end; c0 += WG) {
        // Score of position c0 + tid.
        uint t = c0 + tid;
        float s = -1e30;
        if (t < c_end) {
            uint kb = (t % pc.kv_rows) * kv_words + kvh * pairs;
            float dotv = 0.0;
            for (uint i = 0; i < pairs; ++i) {
                vec2 kk = unpackHalf2x16(kc[kb + i]);
                dotv += qs[2 * i] * kk.x + qs[2 * i + 1] * kk.y;
            }
            s = softcap(dotv, pc.softcap) + slope * (float(t) - q_pos);
        }
        float m_new = max(m_run, wg_max(s));
        float pr = t < c_end ? exp(s - m_new) : 0.0;
        float alpha = exp(m_run - m_new);
        l_run = l_run * alpha + wg_sum(pr);
        m_run = m_new;
        p_chunk[tid] = pr;
        barrier();
        uint cn = min(WG, c_end - c0);
        for (uint i = 0; i < my_pairs; ++i) {
            uint pi = tid + i * WG;
            if (pi >= pairs) break;
            vec2 a = acc[i] * alpha;
            for (uint tt = 0; tt < cn; ++tt) a += p_chunk[tt] * unpackHalf2x16(vc[((c0 + tt) % pc.kv_rows) * kv_words + kvh * pairs + pi]);
            acc[i] = a;
        }
        barrier();
    }
#ifdef SPLIT
    // Partial of (head, split): (max, sum) then the unnormalised acc (all zero when empty).
    const uint po = (h * pc.n_splits + split) * (pairs + 1);
    if (tid == 0) o2[po] = vec2(m_run, l_run);
    for (uint i = 0; i < my_pairs; ++i) {
        uint pi = tid + i * WG;
        if (pi < pairs) o2[po + 1 + pi] = acc[i];
    }
#else
    // The head's sink joins the max and the denominator (it has no value).
    float out_scale = 1.0;
    if (pc.has_sinks != 0) {
        const float sk = sinks[h], m_new = max(m_run, sk);
        out_scale = exp(m_run - m_new);
        l_run = l_run * out_scale + exp(sk - m_new);
    }
    for (uint i = 0; i < my_pairs; ++i) {
        uint pi = tid + i * WG;
        if (pi < pairs) o2[((n * pc.n_head + h) * D) / 2 + pi] = acc[i] * out_scale / l_run;
    }
#endif
}
