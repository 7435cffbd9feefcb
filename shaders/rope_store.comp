#version 450
#extension GL_GOOGLE_include_directive : require
// RoPE fused with the KV-cache write. Per token and head: q pairs are rotated (and scaled by the
// attention temperature) into QOut; k is rotated and stored as f16 in the cache at row
// (pos + n) % kv_rows (pos from the Step buffer; a ring on sliding-window layers); v likewise. Heads are numbered [0, n_head) for q, then n_head_kv
// for k, then n_head_kv for v; a thread handles one pair. The rotation is ggml_rope_ext's
// (push_constants.h RopeStorePush): YaRN, frequency factors, magnitude scale; none when
// rope_dim is 0. The inputs are strided rows: separate q, k, v or one fused QKV bound three times.
#define USE_ROPE_PUSH
#include "push_constants.h"

layout(local_size_x = 64) in;
layout(binding = 0) readonly buffer Q { float q[]; };
layout(binding = 1) readonly buffer K { float k[]; };
layout(binding = 2) readonly buffer V { float v[]; };
layout(binding = 3) writeonly buffer KCache { uint kc[]; };
layout(binding = 4) writeonly buffer VCache { uint vc[]; };
layout(binding = 5) readonly buffer Freqs { float freqs[]; };
STEP_BLOCK(6)
layout(binding = 7) writeonly buffer QOut { float qo[]; };

// cos and sin of pair i (i < rope_dim / 2) at position p, times mscale.
vec2 cos_sin(uint i, float p) {
    float theta_e = p * pow(pc.base, -2.0 * float(i) / float(pc.rope_dim));
    if (pc.has_freqs != 0) theta_e /= freqs[i];
    float theta = pc.pos_scale * theta_e;
    if (pc.ext_factor != 0.0) {
        float y = (float(i) - pc.corr_low) / max(0.001, pc.corr_high - pc.corr_low);
        float ramp = (1.0 - clamp(y, 0.0, 1.0)) * pc.ext_factor;
        theta = theta * (1.0 - ramp) + theta_e * ramp;
    }
    return vec2(cos(theta), sin(theta)) * pc.mscale;
}

// Element e of k's head after rotation, reading the unrotated head at `src`.
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
    const uint pos = step_pos + n;
    const float p = float(pos);
    const uint kv_dim = pc.n_head_kv * D;
    const uint row = pos % pc.kv_rows;

    if (h < pc.n_head) {
        // q pair j rotated (pairs (2j, 2j+1) or (j, j + rope_dim/2)); threads past the rotated
        // pairs copy elements 2j, 2j+1. All scaled by the attention temperature.
        const uint src = n * pc.q_stride + h * D, dst = (n * pc.n_head + h) * D;
        const float temp = pc.temp_scale != 0.0 ? log(floor(p / float(pc.temp_floor)) + 1.0) * pc.temp_scale + 1.0 : 1.0;
        if (j >= pc.rope_dim / 2) {
            qo[dst + 2 * j] = q[src + 2 * j] * temp;
            qo[dst + 2 * j + 1] = q[src + 2 * j + 1] * temp;
            return;
        }
        uint a = pc.neox == 0 ? 2 * j : j, b = pc.neox == 0 ? 2 * j + 1 : j + pc.rope_dim / 2;
        vec2 cs = cos_sin(j, p);
        float x0 = q[src + a], x1 = q[src + b];
        qo[dst + a] = (x0 * cs.x - x1 * cs.y) * temp;
        qo[dst + b] = (x0 * cs.y + x1 * cs.x) * temp;
    } else if (h < pc.n_head + pc.n_head_kv) {
        // k word j: elements 2j, 2j+1 after rotation -> the position's cache row.
        uint kh = h - pc.n_head;
        uint src = n * pc.kv_stride + pc.k_offset + kh * D;
        float e0 = rotated_k(src, 2 * j, p), e1 = rotated_k(src, 2 * j + 1, p);
        kc[(row * kv_dim + kh * D) / 2 + j] = packHalf2x16(vec2(e0, e1));
    } else {
        uint vh = h - pc.n_head - pc.n_head_kv;
        uint src = n * pc.kv_stride + pc.v_offset + vh * D + 2 * j;
        vc[(row * kv_dim + vh * D) / 2 + j] = packHalf2x16(vec2(v[src], v[src + 1]));
    }
}
