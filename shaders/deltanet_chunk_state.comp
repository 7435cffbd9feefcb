#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
// The chunked gated delta rule, step 2 of 3 (deltanet_chunk_prep.comp has the algebra): the
// state through the batch's chunks in order. Per chunk: delta_t = U_t - W_t S^T,
// o_t = Qs_t S^T + sum_{s<=t} M[t][s] delta_s (written before the gated norm),
// S = e^(G_last) S + sum_t delta_t Kd_t. A value row j of a head's state S[j][0..D) evolves on
// its own, so a workgroup takes a block of rows of one v head. The state is stored transposed,
// state[h][i][j], as the sequential kernel (deltanet_rule.comp) keeps it.
//  - SHARED_STATE (GPUs): JB rows in shared memory, the threads over (token, row) for delta and
//    o and over (row, i) for the update: 3 barriers per chunk, a short chain per thread.
//  - else (CPU devices): each thread holds 4 rows in registers as vec4 and needs no barrier.
#define USE_DELTANET_RULE_PUSH
#include "push_constants.h"

#ifdef SHARED_STATE
layout(constant_id = 0) const uint T = 256;  // threads per workgroup
layout(constant_id = 1) const uint D = 128;  // head size
layout(constant_id = 2) const uint C = 64;   // tokens per chunk
layout(constant_id = 3) const uint JB = 16;  // value rows per workgroup
#define VT float
#else
layout(constant_id = 0) const uint JB = 32;  // threads per workgroup, 4 rows each
layout(constant_id = 1) const uint D = 128;
layout(constant_id = 2) const uint C = 64;
#define VT vec4
#endif
layout(local_size_x_id = 0) in;
layout(binding = 0) readonly buffer W { float w[]; };     // [chunks][n_v_heads][C][D]
layout(binding = 1) readonly buffer U { VT u[]; };        // [chunks][n_v_heads][C][D]
layout(binding = 2) readonly buffer Qs { float qs[]; };   // [chunks][n_v_heads][C][D]
layout(binding = 3) readonly buffer Kd { float kd[]; };   // [chunks][n_v_heads][C][D]
layout(binding = 4) readonly buffer M { float m[]; };     // [chunks][n_v_heads][C][C]
layout(binding = 5) readonly buffer Gl { float gl[]; };   // [chunks][n_v_heads]
layout(binding = 6) buffer State { VT state[]; };         // [n_v_heads][D (i)][D (j)]
layout(binding = 7) writeonly buffer Out { VT o[]; };     // [n][n_v_heads * D]

#ifdef SHARED_STATE
const uint DP = D + 1;  // padded rows: threads of consecutive rows read other banks
shared float ss[JB * DP];   // S[jj][i] of the block's rows
shared float sd[C * JB];    // delta[t][jj]

void main() {
    const uint h = gl_WorkGroupID.y, j0 = gl_WorkGroupID.x * JB, x = gl_LocalInvocationID.x;
    const uint H = pc.n_v_heads, VD = H * D, sbase = h * D * D + j0;
    for (uint e = x; e < JB * D; e += T) {
        const uint i = e / JB, jj = e % JB;
        ss[jj * DP + i] = state[sbase + i * D + jj];
    }
    barrier();
    const uint chunks = (pc.n_tokens + C - 1) / C;
    for (uint c = 0; c < chunks; ++c) {
        const uint t0 = c * C, cc = min(C, pc.n_tokens - t0), base = (c * H + h) * C;
        // delta[t][jj] = U[t][j] - sum_i W[t][i] S[j][i]
        for (uint e = x; e < cc * JB; e += T) {
            const uint t = e / JB, jj = e % JB;
            float acc = u[(base + t) * D + j0 + jj];
            [[unroll]] for (uint i = 0; i < D; ++i) acc -= w[(base + t) * D + i] * ss[jj * DP + i];
            sd[t * JB + jj] = acc;
        }
        barrier();
        // o[t][j] = sum_i Qs[t][i] S[j][i] + sum_{k<=t} M[t][k] delta[k][jj]
        for (uint e = x; e < cc * JB; e += T) {
            const uint t = e / JB, jj = e % JB;
            float acc = 0.0;
            [[unroll]] for (uint i = 0; i < D; ++i) acc += qs[(base + t) * D + i] * ss[jj * DP + i];
            for (uint k = 0; k <= t; ++k) acc += m[(base + t) * C + k] * sd[k * JB + jj];
            o[(t0 + t) * VD + h * D + j0 + jj] = acc;
        }
        barrier();
        // S[j][i] = e^(G_last) S[j][i] + sum_t delta[t][jj] Kd[t][i]
        const float g = gl[c * H + h];
        for (uint e = x; e < JB * D; e += T) {
            const uint i = e / JB, jj = e % JB;
            float acc = g * ss[jj * DP + i];
            for (uint t = 0; t < cc; ++t) acc += sd[t * JB + jj] * kd[(base + t) * D + i];
            ss[jj * DP + i] = acc;
        }
        barrier();
    }
    for (uint e = x; e < JB * D; e += T) {
        const uint i = e / JB, jj = e % JB;
        state[sbase + i * D + jj] = ss[jj * DP + i];
    }
}
#else
const uint D4 = D / 4;

void main() {
    const uint h = gl_WorkGroupID.y, j4 = gl_WorkGroupID.x * JB + gl_LocalInvocationID.x;
    if (j4 >= D4) return;
    const uint H = pc.n_v_heads, sbase = h * D * D4 + j4;
    // This thread's 4 rows of the head's state, S[j..j+4)[0..D)
    vec4 s[D];
    [[unroll]] for (uint i = 0; i < D; ++i) s[i] = state[sbase + i * D4];
    const uint chunks = (pc.n_tokens + C - 1) / C;
    vec4 d[C];
    for (uint c = 0; c < chunks; ++c) {
        const uint t0 = c * C, cc = min(C, pc.n_tokens - t0), base = (c * H + h) * C;
        // delta_t[j] = U[t][j] - sum_i W[t][i] S[j][i]
        for (uint t = 0; t < cc; ++t) {
            vec4 acc = u[(base + t) * D4 + j4];
            [[unroll]] for (uint i = 0; i < D; ++i) acc -= w[(base + t) * D + i] * s[i];
            d[t] = acc;
        }
        // o_t[j] = sum_i Qs[t][i] S[j][i] + sum_{k<=t} M[t][k] delta_k[j]
        for (uint t = 0; t < cc; ++t) {
            vec4 acc = vec4(0.0);
            [[unroll]] for (uint i = 0; i < D; ++i) acc += qs[(base + t) * D + i] * s[i];
            for (uint k = 0; k <= t; ++k) acc += m[(base + t) * C + k] * d[k];
            o[((t0 + t) * H + h) * D4 + j4] = acc;
        }
        // S[j][i] = e^(G_last) S[j][i] + sum_t delta_t[j] Kd[t][i]
        const float g = gl[c * H + h];
        [[unroll]] for (uint i = 0; i < D; ++i) s[i] *= g;
        for (uint t = 0; t < cc; ++t)
            [[unroll]] for (uint i = 0; i < D; ++i) s[i] += d[t] * kd[(base + t) * D + i];
    }
    [[unroll]] for (uint i = 0; i < D; ++i) state[sbase + i * D4] = s[i];
}
#endif
