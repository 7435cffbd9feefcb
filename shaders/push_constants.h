// Push-constant blocks shared by C++ (engine/vulkan, engine/model) and GLSL.
// A shader defines USE_<NAME> before including this file to declare its block as `pc`.
#ifndef CAUSERIE_PUSH_CONSTANTS_H
#define CAUSERIE_PUSH_CONSTANTS_H

#ifdef __cplusplus
#include <cstdint>
namespace causerie::shader {
using uint = uint32_t;
#define PUSH_BLOCK(name) struct name
#define PUSH_END ;
#else
#define PUSH_BLOCK(name) layout(push_constant) uniform name##Block
#define PUSH_END pc;
#endif

// y[row_offset + r] (+)= (W[r] . x + bias[row_offset + r]) * y_scale   (decode: one vector)
#if defined(__cplusplus) || defined(USE_MATVEC_PUSH)
PUSH_BLOCK(MatvecPush) {
    uint K;           // row length (elements)
    uint M;           // rows in the bound weight range
    uint row_offset;  // first row of the bound range within the whole matrix
    uint x_offset;    // element offset of x (multiple of 4)
    uint y_offset;    // element offset of y
    uint accumulate;  // 1: add to y (fused residual)
    uint has_bias;    // 1: add bias[row]
    uint x_mode;      // how x is formed from its inputs: one of the MATVEC_X_* below
    float eps;        // RMSNorm epsilon for MATVEC_X_RMSNORM
    float y_scale;    // W x + bias times this before the accumulate (granite's multipliers), else 1
} PUSH_END
#endif
#define MATVEC_X_PLAIN 0    // x as given
#define MATVEC_X_RMSNORM 1  // x / rms(x) * aux (the norm's weight): fuses the RMSNorm before it
#define MATVEC_X_SWIGLU 2   // silu(x) * aux (the up projection): fuses the SwiGLU before it
#define MATVEC_X_GEGLU 3    // gelu_tanh(x) * aux (the up projection): fuses the GELU-gated step
#define MATVEC_X_GELU 4     // gelu_tanh(x): fuses a plain GELU FFN's activation (falcon, bloom)
#define MATVEC_X_SWIGLU_SPLIT 5  // silu(x[i]) * x[K + i]: gate and up halves of one fused row (phi3)
#define MATVEC_X_SWIGLU_OAI 6    // swiglu_oai(x, aux): gpt-oss's clamped SwiGLU (activations.glsl)
#define MATVEC_X_GEGLU_SPLIT 7   // gelu_tanh(x[i]) * x[K + i]: an expert's fused gate and up (gemma4; moe_matvec only)

// Y[n][row_offset + r] (+)= (W[r] . X[n] + bias) * y_scale   (prefill: N vectors)
#if defined(__cplusplus) || defined(USE_MATMUL_PUSH)
PUSH_BLOCK(MatmulPush) {
    uint K;
    uint M;
    uint N;
    uint row_offset;
    uint x_stride;    // elements between rows of X
    uint y_stride;    // elements between rows of Y
    uint accumulate;
    uint has_bias;
    float y_scale;    // as in MatvecPush
} PUSH_END
#endif

// out[n] = W[tokens[n] - row_begin] * scale for tokens in [row_begin, row_end)
#if defined(__cplusplus) || defined(USE_GET_ROWS_PUSH)
PUSH_BLOCK(GetRowsPush) {
    uint K;
    uint n_tokens;
    uint row_begin;
    uint row_end;
    float scale;      // embedding scale (gemma: sqrt(n_embd)), 1 otherwise
} PUSH_END
#endif

// out[r] = x[r] / rms(x[r]) * w, rows of n elements (rmsnorm_add: out[r] += ...); layernorm:
// out[r] = (x[r] - mean) / sqrt(var + eps) * w + b
#if defined(__cplusplus) || defined(USE_RMSNORM_PUSH)
PUSH_BLOCK(RmsNormPush) {
    uint n;
    uint rows;
    float eps;
} PUSH_END
#endif

// The position of a forward pass's first token lives in a small device buffer (binding
// `Step`, struct StepData), not in push constants, so that a recorded decode step can be
// replayed for every token with only that buffer rewritten.
// Gated DeltaNet (qwen35, deltanet_*.comp). The causal conv1d of n_tokens tokens over
// `channels` channels with its state of d_conv - 1 inputs per channel, silu after.
#if defined(__cplusplus) || defined(USE_DELTANET_CONV_PUSH)
PUSH_BLOCK(DeltaNetConvPush) {
    uint channels;
    uint d_conv;
    uint n_tokens;
} PUSH_END
#endif
// The gated delta rule, one workgroup per v head, the tokens in order: q/k L2-normalized,
// decay exp(softplus(alpha + dt) * A), beta = sigmoid, the state update, the output scaled and
// through the gated RMSNorm (norm weight * silu(z)).
#if defined(__cplusplus) || defined(USE_DELTANET_RULE_PUSH)
PUSH_BLOCK(DeltaNetRulePush) {
    uint n_tokens;
    uint n_k_heads;
    uint n_v_heads;
    uint key_dim;    // q (and k) channels: n_k_heads * head_dim
    uint conv_dim;   // channels of a token's conv output row: q, k, v
    float eps;       // L2 norm and RMSNorm epsilon
    float scale;     // output scale 1 / sqrt(head_dim)
} PUSH_END
#endif
// qwen35's gated attention (attn_gate.comp): the query projection holds per head D query then
// D gate values; SPLIT copies the queries out, else att *= sigmoid(gate).
#if defined(__cplusplus) || defined(USE_ATTN_GATE_PUSH)
PUSH_BLOCK(AttnGatePush) {
    uint n;          // elements: tokens * n_head * head_dim
    uint head_dim;
} PUSH_END
#endif

#ifdef __cplusplus
struct StepData {
    uint pos;
};
#else
#define STEP_BLOCK(b) layout(binding = b) readonly buffer Step { uint step_pos; };
#endif

// RoPE on q and k, then q written out ([n][n_head][head_dim]), k and v stored as f16 in the
// cache at row (pos + n) % kv_rows (kv_rows: the context, or a sliding-window layer's ring). Pair i at position p as ggml_rope_ext rotates it (hparams.h LayerAttention):
// theta_e = p * base^(-2i/rope_dim) / freqs[i], theta = pos_scale * theta_e blended towards
// theta_e by YaRN's ramp when ext_factor != 0, cos and sin scaled by mscale. rope_dim 0: no
// rotation (NoPE layers, ALiBi). The inputs are rows of q_stride / kv_stride elements per
// token, k and v starting at k_offset / v_offset: separate buffers, or views of one fused QKV.
#if defined(__cplusplus) || defined(USE_ROPE_PUSH)
PUSH_BLOCK(RopeStorePush) {
    uint n_tokens;
    uint n_head;
    uint n_head_kv;
    uint head_dim;
    uint rope_dim;
    uint neox;
    float base;
    float pos_scale;  // freq_scale: 1 / rope scaling factor
    uint has_freqs;
    float ext_factor;
    float corr_low;
    float corr_high;
    float mscale;
    uint q_stride;    // elements per token of the q input
    uint kv_stride;   // elements per token of the k and v inputs
    uint k_offset;
    uint v_offset;
    float temp_scale; // attention temperature: q *= log(floor(p / temp_floor) + 1) * temp_scale + 1
    uint temp_floor;
    uint kv_rows;     // cache rows: position p in row p % kv_rows
} PUSH_END
#endif

// out[n][h] = softmax(softcap(q[n][h] . K^T * scale)) V over the positions query pos + n sees:
// [0, pos + n], or with a sliding window only those t with pos + n - t < window (llama.cpp's
// standard SWA mask). softcap(s) = cap * tanh(s / cap), none when cap is 0. Position t is read
// from cache row t % kv_rows (a ring on sliding-window layers, engine/model/kv_ring.h).
#if defined(__cplusplus) || defined(USE_ATTENTION_PUSH)
PUSH_BLOCK(AttentionPush) {
    uint n_tokens;
    uint n_head;
    uint n_head_kv;
    uint head_dim;
    float scale;
    uint window;      // sliding window in positions, 0: none (all of [0, pos + n])
    float softcap;    // attention-logit soft-cap, 0: none
    float alibi_max_bias;  // > 0: scores + slope(h) * (t - p), ggml's ALiBi slopes
    uint kv_rows;     // cache rows: position t in row t % kv_rows
    uint has_sinks;   // 1: sinks[h] (a logit per head, gpt-oss) joins the softmax's max and denominator
    uint non_causal;  // 1: every query sees the whole batch [pos, pos + n_tokens) (encoders); 0: causal
} PUSH_END
#endif

// Decode attention split over the context: one query at the Step position p; workgroup
// (head, split) covers positions first + [split * split_len, (split + 1) * split_len) of the
// visible [first, p] (first = first_visible(p): 0 without a window).
#if defined(__cplusplus) || defined(USE_ATTENTION_SPLIT_PUSH)
PUSH_BLOCK(AttentionSplitPush) {
    uint n_head;
    uint n_head_kv;
    uint head_dim;
    float scale;
    uint split_len;
    uint n_splits;
    uint window;      // as in AttentionPush
    float softcap;
    float alibi_max_bias;
    uint kv_rows;
    uint has_sinks;   // as in AttentionPush: applied by the merge (attention_combine.comp)
} PUSH_END
#endif

// g = silu(g) * u (swiglu), or gelu_tanh(g) * u (geglu); gelu: g = gelu_tanh(g); swiglu_split:
// g[r][i] = silu(u[r][i]) * u[r][width + i] (gate and up halves of rows of 2 width)
#if defined(__cplusplus) || defined(USE_SWIGLU_PUSH)
PUSH_BLOCK(SwigluPush) {
    uint n;
    uint width;
} PUSH_END
#endif

// y = a * x (+ y when accumulate), element-wise (granite's multipliers)
#if defined(__cplusplus) || defined(USE_SCALE_PUSH)
PUSH_BLOCK(ScalePush) {
    uint n;
    float a;
    uint accumulate;
} PUSH_END
#endif

// x = cap * tanh(x / cap), element-wise (final-logit soft-capping)
#if defined(__cplusplus) || defined(USE_SOFTCAP_PUSH)
PUSH_BLOCK(SoftcapPush) {
    uint n;
    float cap;
} PUSH_END
#endif

// Router choice per token (moe_topk.comp): ids[n][k] of the k largest logits (ties: the lower
// index first) and their weights (hparams.h MoeParams): softmax over all n_expert (gating 0),
// over the chosen (gating 1), or each one's sigmoid (gating 2), divided by their sum when norm,
// times scale when not 0 or 1; with expert_scale each then times its expert's output
// multiplier escale[e] (gemma4's ffn_down_exps.scale, applied to the expert's down projection:
// the same product).
#if defined(__cplusplus) || defined(USE_MOE_TOPK_PUSH)
PUSH_BLOCK(MoeTopkPush) {
    uint n_tokens;
    uint n_expert;
    uint k;
    uint gating;
    uint norm;
    float scale;
    uint expert_scale;
} PUSH_END
#endif

// Expert matrix-vector products for the chosen experts (moe_matvec.comp): expert e's matrix is
// rows [e * M, (e + 1) * M) of the bound tensor, e = ids[n][s]. Per slot (sum_slots 0):
// y[n][s][r] = W_e[r] . x + bias_e[r]; summed (sum_slots 1): y[n][r] (+)= sum_s w[n][s] *
// (W_e[r] . x + bias_e[r]). x is x[n] (x_per_slot 0) or x[n][s] (1), formed as x_mode says
// (MATVEC_X_PLAIN, MATVEC_X_SWIGLU, MATVEC_X_GEGLU or MATVEC_X_SWIGLU_OAI with aux laid out as
// x; MATVEC_X_GEGLU_SPLIT: x[n][s] of 2 K, gate then up).
#if defined(__cplusplus) || defined(USE_MOE_MATVEC_PUSH)
PUSH_BLOCK(MoeMatvecPush) {
    uint K;           // row length
    uint M;           // rows per expert
    uint k;           // chosen experts per token
    uint n_tokens;
    uint x_per_slot;
    uint sum_slots;
    uint accumulate;  // (sum_slots) add to y
    uint has_bias;    // bias[e * M + r]
    uint x_mode;
    uint row_groups;  // workgroups per (token, slot) or per token: ceil(M / rows per workgroup)
    float act_alpha;  // MATVEC_X_SWIGLU_OAI's alpha and limit
    float act_limit;
} PUSH_END
#endif

// Prefill's (token, slot) pairs grouped by expert (moe_group.comp): list[] holds the pairs
// n * k + s of expert 0, then of expert 1...; tiles[0] the tile count, then per tile
// (expert, begin, end) in list, at most `tile` pairs each.
#if defined(__cplusplus) || defined(USE_MOE_GROUP_PUSH)
PUSH_BLOCK(MoeGroupPush) {
    uint n_tokens;
    uint k;
    uint n_expert;
    uint tile;
} PUSH_END
#endif

// The indexed expert matmul over moe_group's tiles (moe_matmul.comp, moe_matmul_lanes.comp):
// y[p][r] = W_e[r] . x_p + bias_e[r] for each pair p = n * k + s of expert e's tiles, x_p being
// x[n] (x_per_slot 0) or x[p] (1), formed as x_mode says (MATVEC_X_PLAIN or MATVEC_X_SWIGLU
// with aux laid out as x).
#if defined(__cplusplus) || defined(USE_MOE_MATMUL_PUSH)
PUSH_BLOCK(MoeMatmulPush) {
    uint K;           // row length
    uint M;           // rows per expert
    uint k;           // chosen experts per token
    uint x_per_slot;
    uint has_bias;    // bias[e * M + r]
    uint x_mode;
} PUSH_END
#endif

// y[n][i] (+)= sum_s w[n][s] * d[n][s][i] (moe_gather.comp): the down projections' weighted sum.
#if defined(__cplusplus) || defined(USE_MOE_GATHER_PUSH)
PUSH_BLOCK(MoeGatherPush) {
    uint n_tokens;
    uint k;
    uint width;
    uint accumulate;
} PUSH_END
#endif

// gemma4's per-layer embeddings (per_layer_embd.comp): COMBINE pl[i] = (pl[i] + tok[i] *
// tok_scale) * scale for i < n; GATE g[t][j] = gelu_tanh(g[t][j]) * pl[(t * layers + layer) *
// width + j] for t * width + j < n.
#if defined(__cplusplus) || defined(USE_PER_LAYER_PUSH)
PUSH_BLOCK(PerLayerPush) {
    uint n;
    uint width;
    uint layers;
    uint layer;
    float tok_scale;
    float scale;
} PUSH_END
#endif

#ifdef __cplusplus
}  // namespace causerie::shader
#endif
#undef PUSH_BLOCK
#undef PUSH_END
#endif
