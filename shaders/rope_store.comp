#version 450
#extension GL_GOOGLE_include_directive : require
// RoPE fused with the KV-cache write. Per token and head: q pairs are rotated in place; k is
// rotated and stored as f16 in the cache at pos + n (pos from the Step buffer); v is stored as f16. Heads are numbered
// [0, n_head) for q, then n_head_kv for k, then n_head_kv for v; a thread handles one pair.
#define USE_ROPE_PUSH
#include "push_constants.h"

layout(local_size_x = 64) in;
layout(binding = 0) buffer Q { float q[]; };
layout(binding = 1) readonly buffer K { float k[]; };
layout(binding = 2) readonly buffer V { float v[]; };
layout(binding = 3) writeonly buffer KCache { uint kc[]; };
layout(binding = 4) writeonly buffer VCache { uint vc[]; };
layout(binding = 5) readonly buffer Freqs { float freqs[]; };
STEP_BLOCK(6)

// Angle of pair i (i < rope_dim / 2) at position p.
vec2 cos_sin(uint i, float p) {
    float theta = p * pow(pc.base, -2.0 * float(i) / float(pc.rope_dim));
    if (pc.has_freqs != 0) theta /= freqs[i];
    return vec2(cos(theta), sin(theta));
}

// Element e of a head after rotation, reading the unrotated head at `src`.
float rotated_k(uint src, uint e, float p) {
    uint half_ = pc.rope_dim / 2;
    if (e >= pc.rope_dim) return k[src + e];
    if (pc.neox == 0) {
        vec2 cs = cos_sin(e / 2, p);
        float x0 = k[src + (e & ~1u)], x1 = k[src + (e | 1u)];
        return (e & 1u) == 0 ? x0 * cs.x - x1 * cs.y : x0 * cs.y + x1 * cs.x;
    }
    uint i = e % half_;
    vec2 cs = cos_sin(i, p);
    float x0 = k[src + i], x1 = k[src + i + half_];
    return e < half_ ? x0 * cs.x - x1 * cs.y : x0 * cs.y + x1 * cs.x;
}

void main() {
    const uint idx = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    const uint D = pc.head_dim, pairs = D / 2;
    const uint heads = pc.n_head + 2 * pc.n_head_kv;
    if (idx >= pc.n_tokens * heads * pairs) return;
    const uint j = idx % pairs, h = (idx / pairs) % heads, n = idx / (pairs * heads);
    const float p = float(step_pos + n) * pc.pos_scale;
    const uint kv_dim = pc.n_head_kv * D;

    if (h < pc.n_head) {
        // q pair j rotated in place (pairs are (2j, 2j+1) or (j, j + rope_dim/2)).
        if (j >= pc.rope_dim / 2) return;
        uint base = (n * pc.n_head + h) * D;
        uint a = pc.neox == 0 ? 2 * j : j, b = pc.neox == 0 ? 2 * j + 1 : j + pc.rope_dim / 2;
        vec2 cs = cos_sin(j, p);
        float x0 = q[base + a], x1 = q[base + b];
        q[base + a] = x0 * cs.x - x1 * cs.y;
        q[base + b] = x0 * cs.y + x1 * cs.x;
    } else if (h < pc.n_head + pc.n_head_kv) {
        // k word j: elements 2j, 2j+1 after rotation -> cache row pos + n.
        uint kh = h - pc.n_head;
        uint src = n * kv_dim + kh * D;
        float e0 = rotated_k(src, 2 * j, p), e1 = rotated_k(src, 2 * j + 1, p);
        kc[((step_pos + n) * kv_dim + kh * D) / 2 + j] = packHalf2x16(vec2(e0, e1));
    } else {
        uint vh = h - pc.n_head - pc.n_head_kv;
        uint src = n * kv_dim + vh * D + 2 * j;
        vc[((step_pos + n) * kv_dim + vh * D) / 2 + j] = packHalf2x16(vec2(v[src], v[src + 1]));
    }
}
