#version 450
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
// The gated delta rule (push_constants.h DeltaNetRulePush): one workgroup per v head h, each
// thread R value indices j = t + e * D / R (D / R threads; R = 4, or 1 with ONE_ROW: GPUs, where
// 4 rows of a 128-wide head would not fit a thread's registers), the batch's tokens in order.
// The head's state S (S[j][i], i the key index) is stored transposed, state[h][i][j], so that
// the threads' rows at key i are adjacent (on lavapipe, strided rows load as whole vectors where
// adjacent ones gathered: a decode step's state load and store took 6% of it); each thread keeps its rows in registers over the batch. Per token: q and
// k of head h % n_k_heads L2-normalized; S decays by exp(g), g = softplus(alpha + dt) * A;
// delta[j] = (v[j] - sum_i S[j][i] k[i]) * sigmoid(beta); S[j][i] += k[i] delta[j]; o[j] =
// scale * sum_i S[j][i] q[i]; out = rmsnorm(o) * norm * silu(z).
#define USE_DELTANET_RULE_PUSH
#include "push_constants.h"
#include "activations.glsl"

#ifdef ONE_ROW
#define R 1
#define VT float
#define V0 0.0
float at_(float v, uint e) { return v; }
float dot_(float a, float b) { return a * b; }
#else
#define R 4
#define VT vec4
#define V0 vec4(0.0)
float at_(vec4 v, uint e) { return v[e]; }
float dot_(vec4 a, vec4 b) { return dot(a, b); }
#endif
layout(constant_id = 0) const uint D4 = 32;  // head_dim / R: threads per workgroup
layout(local_size_x_id = 0) in;
layout(binding = 0) readonly buffer Y { float y[]; };        // [n][conv_dim]: q, k, v after the conv
layout(binding = 1) readonly buffer Z { float z[]; };        // [n][n_v_heads * D]
layout(binding = 2) readonly buffer Beta { float beta[]; };  // [n][n_v_heads]
layout(binding = 3) readonly buffer Alpha { float alpha[]; };  // [n][n_v_heads]
layout(binding = 4) readonly buffer Dt { float dt[]; };      // [n_v_heads]
layout(binding = 5) readonly buffer A { float a[]; };        // [n_v_heads]
layout(binding = 6) readonly buffer Nw { float nw[]; };      // [D]
layout(binding = 7) buffer State { float state[]; };         // [n_v_heads][D (i)][D (j)]
layout(binding = 8) writeonly buffer Out { float o[]; };     // [n][n_v_heads * D]

const uint D = R * D4;
shared float sq[D];
shared float sk[D];
shared float red[D4];
shared vec2 norms[D4];  // per thread: the squares of its R q and R k elements

float softplus(float x) { return x > 20.0 ? x : log(1.0 + exp(x)); }

// The thread's R rows: JB + e * JS. Strided (JS = D4: whole-vector loads on lavapipe where
// adjacent rows gathered), or with TEXEL_STATE adjacent (JS = 1), y and the state then read as
// float4 texels (texel fetches cost lavapipe less than storage buffer loads)
#ifdef TEXEL_STATE
layout(binding = 9) uniform samplerBuffer y_tex;      // y's float4 view
layout(binding = 10) uniform samplerBuffer state_in;  // the state's float4 view
const uint JS = 1;
#define JB (R * gl_LocalInvocationID.x)
vec4 loadv(uint at) { return texelFetch(y_tex, int(at / 4)); }
vec4 load_state(uint at) { return texelFetch(state_in, int(at / 4)); }
#else
const uint JS = D4;
#define JB gl_LocalInvocationID.x
#ifdef ONE_ROW
float loadv(uint at) { return y[at]; }
float load_state(uint at) { return state[at]; }
#else
vec4 loadv(uint at) { return vec4(y[at], y[at + JS], y[at + 2 * JS], y[at + 3 * JS]); }
vec4 load_state(uint at) { return vec4(state[at], state[at + JS], state[at + 2 * JS], state[at + 3 * JS]); }
#endif
#endif
#ifdef ONE_ROW
void store_state(uint at, float v) { state[at] = v; }
#else
void store_state(uint at, vec4 v) {
    for (uint e = 0; e < 4; ++e) state[at + e * JS] = v[e];
}
#endif

void main() {
    const uint h = gl_WorkGroupID.x, t4 = gl_LocalInvocationID.x;
    const uint kh = h % pc.n_k_heads, VD = pc.n_v_heads * D;
    const uint jb = JB, sbase = h * D * D + jb;
    // This thread's R rows of the head's state, S[jb + e JS][0..D), held for the whole batch
    VT s[D];
    [[unroll]] for (uint i = 0; i < D; ++i) s[i] = load_state(sbase + i * D);
    for (uint t = 0; t < pc.n_tokens; ++t) {
        const uint row = t * pc.conv_dim;
        // q and k of the head into shared memory, this thread's R elements of v
        const VT q4 = loadv(row + kh * D + jb), k4 = loadv(row + pc.key_dim + kh * D + jb);
        for (uint e = 0; e < R; ++e) {
            sq[jb + e * JS] = at_(q4, e);
            sk[jb + e * JS] = at_(k4, e);
        }
        norms[t4] = vec2(dot_(q4, q4), dot_(k4, k4));
        const VT v = loadv(row + 2 * pc.key_dim + h * D + jb);
        barrier();
        // L2 norms of q and k
        vec2 n2 = vec2(0.0);
        for (uint i = 0; i < D4; ++i) n2 += norms[i];
        const float qq = n2.x, kk = n2.y;
        const float qs = 1.0 / max(sqrt(qq), pc.eps), ks = 1.0 / max(sqrt(kk), pc.eps);
        // Decay and beta of the head at this token
        const float g = softplus(alpha[t * pc.n_v_heads + h] + dt[h]) * a[h];
        const float decay = exp(g);
        const float b = 1.0 / (1.0 + exp(-beta[t * pc.n_v_heads + h]));
        // delta[j] = (v[j] - sum_i decay S[j][i] k[i]) * beta
        VT s_k = V0;
        [[unroll]] for (uint i = 0; i < D; ++i) s_k += s[i] * sk[i];
        const VT kd = ks * (v - decay * ks * s_k) * b;
        // S[j][i] = decay S[j][i] + k[i] delta[j]; o[j] = scale * sum_i S[j][i] q[i]
        VT acc = V0;
        [[unroll]] for (uint i = 0; i < D; ++i) {
            s[i] = decay * s[i] + sk[i] * kd;
            acc += s[i] * sq[i];
        }
        const VT res = acc * (qs * pc.scale);
        // Gated RMSNorm over the head: rmsnorm(o) * norm * silu(z)
        red[t4] = dot_(res, res);
        barrier();
        float ss = 0.0;
        for (uint i = 0; i < D4; ++i) ss += red[i];
        const float r = 1.0 / sqrt(ss / float(D) + pc.eps);
        const uint out0 = t * VD + h * D + jb;
        for (uint e = 0; e < R; ++e) o[out0 + e * JS] = at_(res, e) * r * nw[jb + e * JS] * silu(z[out0 + e * JS]);
        barrier();  // shared arrays are rewritten by the next token
    }
    [[unroll]] for (uint i = 0; i < D; ++i) store_state(sbase + i * D, s[i]);
}
