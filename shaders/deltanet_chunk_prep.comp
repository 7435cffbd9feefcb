#version 450
#extension GL_GOOGLE_include_directive : require
// The chunked gated delta rule, step 1 of 3 (push_constants.h DeltaNetRulePush; steps 2 and 3:
// deltanet_chunk_state.comp, deltanet_gated_norm.comp). Over a chunk of C tokens the rule's
// updates compose (the WY form): with q and k L2-normalized, G_t = sum_{s<=t} g_s the chunk's
// cumulative log decay and S the state at the chunk's start,
//   delta = U - W S^T,                                 (C x D: the values actually written)
//   o     = Qs S^T + M delta,                          (before the gated norm)
//   S'    = e^(G_last) S + delta^T Kd,
// where (I + A) U = diag(beta) V and (I + A) W = diag(beta e^G) K, A[t][s] = beta_t e^(G_t-G_s)
// k_t.k_s below the diagonal, M[t][s] = scale e^(G_t-G_s) q_t.k_s on and below it,
// Qs = scale diag(e^G) Q and Kd = diag(e^(G_last-G)) K. This kernel computes what needs no
// state, for every chunk at once: one workgroup per (chunk, v head), C threads.
#define USE_DELTANET_RULE_PUSH
#include "push_constants.h"

layout(constant_id = 0) const uint C = 64;   // tokens per chunk: threads per workgroup (at most 64)
layout(constant_id = 1) const uint D = 128;  // head size
layout(local_size_x_id = 0) in;
layout(binding = 0) readonly buffer Y { float y[]; };         // [n][conv_dim]: q, k, v after the conv
layout(binding = 1) readonly buffer Beta { float beta[]; };   // [n][n_v_heads]
layout(binding = 2) readonly buffer Alpha { float alpha[]; }; // [n][n_v_heads]
layout(binding = 3) readonly buffer Dt { float dt[]; };       // [n_v_heads]
layout(binding = 4) readonly buffer A_ { float a[]; };        // [n_v_heads]
layout(binding = 5) writeonly buffer W { float w[]; };        // [chunks][n_v_heads][C][D]
layout(binding = 6) writeonly buffer U { float u[]; };        // [chunks][n_v_heads][C][D]
layout(binding = 7) writeonly buffer Qs { float qs[]; };      // [chunks][n_v_heads][C][D]
layout(binding = 8) writeonly buffer Kd { float kd[]; };      // [chunks][n_v_heads][C][D]
layout(binding = 9) writeonly buffer M { float m[]; };        // [chunks][n_v_heads][C][C], t >= s
layout(binding = 10) writeonly buffer Gl { float gl[]; };     // [chunks][n_v_heads]: e^(G_last)

shared float sb[C], sg[C], sqn[C], skn[C];  // per token: beta, G, the inverse norms of q and k
shared float sa[C * C];                     // A[t][s], s < t

float softplus(float x) { return x > 20.0 ? x : log(1.0 + exp(x)); }

void main() {
    const uint c = gl_WorkGroupID.x, h = gl_WorkGroupID.y, t = gl_LocalInvocationID.x;
    const uint kh = h % pc.n_k_heads, H = pc.n_v_heads;
    const uint t0 = c * C, cc = min(C, pc.n_tokens - t0);
    const uint base = (c * H + h) * C;  // the chunk-head's first row in the scratch buffers
    const uint qoff = kh * D, koff = pc.key_dim + kh * D, voff = 2 * pc.key_dim + h * D;
    // Per token: the inverse L2 norms of q and k, beta, the log decay g
    if (t < cc) {
        const uint row = (t0 + t) * pc.conv_dim;
        float qq = 0.0, kk = 0.0;
        for (uint i = 0; i < D; ++i) {
            const float q = y[row + qoff + i], k = y[row + koff + i];
            qq += q * q;
            kk += k * k;
        }
        sqn[t] = 1.0 / max(sqrt(qq), pc.eps);
        skn[t] = 1.0 / max(sqrt(kk), pc.eps);
        sb[t] = 1.0 / (1.0 + exp(-beta[(t0 + t) * H + h]));
        sg[t] = softplus(alpha[(t0 + t) * H + h] + dt[h]) * a[h];
    } else {
        sqn[t] = 0.0;
        skn[t] = 0.0;
        sb[t] = 0.0;
        sg[t] = 0.0;
    }
    barrier();
    // The cumulative log decay G
    if (t == 0)
        for (uint s = 1; s < cc; ++s) sg[s] += sg[s - 1];
    barrier();
    // The Gram products over the triangle s <= r, pairs dealt out evenly: A[r][s] and M[r][s]
    const uint pairs = cc * (cc + 1) / 2;
    for (uint p = t; p < pairs; p += C) {
        uint r = uint((sqrt(8.0 * float(p) + 1.0) - 1.0) * 0.5);
        while ((r + 1) * (r + 2) / 2 <= p) ++r;
        while (r * (r + 1) / 2 > p) --r;
        const uint s = p - r * (r + 1) / 2;
        const uint rr = (t0 + r) * pc.conv_dim, rs = (t0 + s) * pc.conv_dim;
        float kk = 0.0, qk = 0.0;
        for (uint i = 0; i < D; ++i) {
            const float ks = y[rs + koff + i];
            kk += y[rr + koff + i] * ks;
            qk += y[rr + qoff + i] * ks;
        }
        const float e = exp(sg[r] - sg[s]);
        sa[r * C + s] = sb[r] * e * kk * skn[r] * skn[s];
        m[(base + r) * C + s] = pc.scale * e * qk * sqn[r] * skn[s];
    }
    barrier();
    // The triangular solves (I + A) X = R by forward substitution, one column per thread at a
    // time: W's columns (R = beta e^G k) then U's (R = beta v)
    for (uint col = t; col < 2 * D; col += C) {
        const bool is_w = col < D;
        const uint i = is_w ? col : col - D;
        float x[C];
        for (uint r = 0; r < cc; ++r) {
            const uint row = (t0 + r) * pc.conv_dim;
            float acc = is_w ? sb[r] * exp(sg[r]) * skn[r] * y[row + koff + i] : sb[r] * y[row + voff + i];
            for (uint s = 0; s < r; ++s) acc -= sa[r * C + s] * x[s];
            x[r] = acc;
            if (is_w)
                w[(base + r) * D + i] = acc;
            else
                u[(base + r) * D + i] = acc;
        }
    }
    // Qs = scale e^G q and Kd = e^(G_last - G) k, normalized
    const float g_last = sg[cc - 1];
    for (uint e = t; e < cc * D; e += C) {
        const uint r = e / D, i = e % D, row = (t0 + r) * pc.conv_dim;
        qs[(base + r) * D + i] = pc.scale * exp(sg[r]) * sqn[r] * y[row + qoff + i];
        kd[(base + r) * D + i] = exp(g_last - sg[r]) * skn[r] * y[row + koff + i];
    }
    if (t == 0) gl[c * H + h] = exp(g_last);
}
