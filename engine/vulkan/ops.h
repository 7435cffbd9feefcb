// The engine's operations on the device, one function per shader family; each records one or
// more dispatches through Commands. Pipelines are created by prepare() with specialization
// constants tuned to the device; ops never allocate.
#pragma once
#include "core/result.h"
#include "vulkan/commands.h"
#include "vulkan/pipelines.h"
#include "vulkan/tensor.h"
#include "push_constants.h"

#include <map>

namespace causerie::vk {

struct Tuning {
    uint32_t matvec_wg = 64;    // threads per matvec workgroup
    uint32_t matvec_rows = 2;   // rows per matvec workgroup
    uint32_t norm_wg = 64;
    uint32_t attn_wg = 32;
    bool matmul_lanes = false;  // the shared-memory-free matmul (CPU devices)
    uint32_t lanes_rows = 4;    // rows per workgroup of the lanes matmul
    uint32_t lanes_tokens = 4;  // tokens per lane of the lanes matmul
    uint32_t attn_split_len = 256;  // positions per workgroup of split decode attention (0: no split)
    // Weights, the lanes matmul's input and the lanes attention's KV cache read as texel buffers
    // (they need views).
    bool texel_weights = false;
    // Value rows of a DeltaNet head's state per thread of the delta rule: 4 (CPU devices: a
    // quarter of the loops), or 1 (GPUs: a 128-wide head's rows fit the registers).
    uint32_t deltanet_rows = 1;
    // Tokens per chunk of the chunked delta rule for batches of more than one token (at most 64;
    // 0: the sequential kernel for every batch).
    uint32_t deltanet_chunk = 64;
    static Tuning for_device(const DeviceInfo& info);
};

// Shared memory of the chunked delta rule's prep kernel for chunks of this many tokens: the
// chunk x chunk matrix A and 4 values per token (chunks of 64: 17 KiB; Vulkan guarantees 16).
constexpr uint64_t deltanet_prep_shared_bytes(uint32_t chunk) { return (uint64_t(chunk) * chunk + 4ull * chunk) * 4; }

// What a matvec does to x before the product (fusing the op before it).
struct XInput {
    uint32_t mode = 0;            // MATVEC_X_PLAIN / _RMSNORM / _SWIGLU / _GEGLU / _GELU / _SWIGLU_SPLIT / _SWIGLU_OAI / _GEGLU_SPLIT (moe_matvec)
    const Buffer* aux = nullptr;  // the norm's weight, or the up projection
    float eps = 0;
    float alpha = 0, limit = 0;   // MATVEC_X_SWIGLU_OAI's constants (moe_matvec)
};

class Ops {
public:
    Ops(const Device& dev, Pipelines& pipes, Tuning t) : dev_(dev), pipes_(pipes), tuning_(t) {}

    // Creates the pipelines for these weight types and a head size.
    Status prepare(const std::vector<TensorType>& types, uint32_t head_dim);
    // And those of the mixture-of-experts ops for these expert weight types (ops_moe.cpp).
    Status prepare_experts(const std::vector<TensorType>& types);

    // y[y_offset + r] (+)= (W[r] . x[x_offset..] (+ bias[r])) * y_scale for all rows of W. With
    // the texel_weights tuning, W must have been uploaded with texel views.
    void matvec(Commands& c, const GpuTensor& w, const Buffer& x, uint32_t x_offset, const Buffer& y, uint32_t y_offset,
                bool accumulate, const Buffer* bias = nullptr, XInput xin = {}, float y_scale = 1.0f) const;
    // Y[n] (+)= (W X[n] (+ bias)) * y_scale for n < N; X rows of stride K, Y rows of stride
    // rows(W). With the texel_weights and lanes tunings, X needs its float4 view too.
    void matmul(Commands& c, const GpuTensor& w, const Buffer& x, uint32_t n, const Buffer& y, bool accumulate,
                const Buffer* bias = nullptr, float y_scale = 1.0f) const;
    // out[n] = W[tokens[n]] decoded * scale, rows of cols(W).
    void get_rows(Commands& c, const GpuTensor& w, const Buffer& tokens, uint32_t n, const Buffer& out, float scale = 1.0f) const;
    void rmsnorm(Commands& c, const Buffer& x, const Buffer& w, const Buffer& out, uint32_t n, uint32_t rows, float eps) const;
    // out[r] += rmsnorm(x[r]) * w: a post-norm added to the residual stream.
    void rmsnorm_add(Commands& c, const Buffer& x, const Buffer& w, const Buffer& out, uint32_t n, uint32_t rows, float eps) const;
    // out[r] = layernorm(x[r]) * w + b; out may be x.
    void layernorm(Commands& c, const Buffer& x, const Buffer& w, const Buffer& b, const Buffer& out, uint32_t n, uint32_t rows,
                   float eps) const;
    // `step` holds the first token's position (shader::StepData). q, k, v may be one buffer
    // (fused QKV, with the push's strides and offsets); q_out may be q when q is its own buffer.
    void rope_store(Commands& c, const shader::RopeStorePush& p, const Buffer& q, const Buffer& k, const Buffer& v,
                    const Buffer& k_cache, const Buffer& v_cache, const Buffer& freqs, const Buffer& step, const Buffer& q_out) const;
    // With p.has_sinks, `sinks` holds a logit per head (gpt-oss) that joins each softmax.
    void attention(Commands& c, const shader::AttentionPush& p, const Buffer& q, const Buffer& k_cache, const Buffer& v_cache,
                   const Buffer& out, const Buffer& step, const Buffer* sinks = nullptr) const;
    // Decode attention (one query) split over the context so that long contexts use the whole
    // device: a partial per (head, split), then a merge. `partials` holds
    // attention_partial_floats(p, n_ctx) floats; n_ctx bounds the visible positions, counted
    // from the first (the context, or a sliding window), fixed so that a recording stays valid
    // for every position.
    void attention_split(Commands& c, const shader::AttentionPush& p, const Buffer& q, const Buffer& k_cache,
                         const Buffer& v_cache, const Buffer& out, const Buffer& step, const Buffer& partials,
                         uint32_t n_ctx, const Buffer* sinks = nullptr) const;
    uint32_t attention_splits(uint32_t n_ctx) const {
        const uint32_t len = tuning_.attn_split_len;
        return len ? (n_ctx + len - 1) / len : 1;
    }
    uint64_t attention_partial_floats(uint32_t n_head, uint32_t head_dim, uint32_t n_ctx) const {
        return uint64_t(n_head) * attention_splits(n_ctx) * (head_dim + 2);
    }
    // Gated activation: gate = act(gate) * up, act silu (gelu false) or gelu_tanh (gelu true).
    void glu(Commands& c, bool gelu, const Buffer& gate, const Buffer& up, uint32_t n) const;
    void swiglu(Commands& c, const Buffer& gate, const Buffer& up, uint32_t n) const { glu(c, false, gate, up, n); }
    // x[i] = gelu_tanh(x[i]) for i < n (a plain GELU FFN).
    void gelu(Commands& c, const Buffer& x, uint32_t n) const;
    // out[r][i] = act(gu[r][i]) * gu[r][width + i] for rows r < rows (gate and up fused), act
    // silu (gelu false) or gelu_tanh (gelu true).
    void glu_split(Commands& c, bool gelu, const Buffer& out, const Buffer& gu, uint32_t width, uint32_t rows) const;
    void swiglu_split(Commands& c, const Buffer& out, const Buffer& gu, uint32_t width, uint32_t rows) const {
        glu_split(c, false, out, gu, width, rows);
    }
    // y[i] = a * x[i] (+ y[i] when accumulate) for i < n; x may be y.
    void scale(Commands& c, const Buffer& x, const Buffer& y, uint32_t n, float a, bool accumulate) const;
    // x[i] = cap * tanh(x[i] / cap) for i < n.
    void softcap(Commands& c, const Buffer& x, uint32_t n, float cap) const;
    // Mixture of experts (ops_moe.cpp). The router's choice for n tokens: ids[n][k] (u32) and
    // weights[n][k] from logits[n][n_expert] (p.n_tokens is set from n); with expert_scale
    // [n_expert] each weight times its expert's multiplier (p.expert_scale is set from it).
    void moe_topk(Commands& c, const BufferRange& logits, const BufferRange& ids, const BufferRange& weights, uint32_t n,
                  shader::MoeTopkPush p, const Buffer* expert_scale = nullptr) const;
    // The chosen experts' products for n tokens, W holding n_expert matrices of rows(W) /
    // n_expert rows each (one binding: an error otherwise). x: [n][K], or [n][k][K] when
    // x_per_slot. sum_slots false: y[n][k][M] = W_e x (+ bias_e); true: y[n][M] (+)= sum_s
    // weights[n][s] (W_e x_s + bias_e). xin: MATVEC_X_PLAIN, MATVEC_X_SWIGLU, MATVEC_X_GEGLU or
    // MATVEC_X_SWIGLU_OAI (aux as x), or MATVEC_X_GEGLU_SPLIT (x [..][2 K]: gate then up).
    struct MoeChoice {
        BufferRange ids, weights;  // [n][k]
        uint32_t k = 0;
        uint32_t n_expert = 0;
    };
    void moe_matvec(Commands& c, const GpuTensor& w, const MoeChoice& choice, const Buffer& x, bool x_per_slot, const Buffer& y,
                    uint32_t n, bool sum_slots, bool accumulate, const Buffer* bias = nullptr, XInput xin = {}) const;
    // A batch's experts (prefill): the (token, slot) pairs grouped by expert on the device, then
    // one indexed matmul per weight tensor over all experts' tiles, then the weighted gather.
    // list: [n * k] u32; tiles: 4 * (1 + 3 * moe_max_tiles(n, k, n_expert, tile)) bytes; tile:
    // moe_tile_pairs(n, k, n_expert) (the kernel's tile for that batch).
    struct MoeGroups {
        BufferRange list, tiles;
        uint32_t k = 0, n_expert = 0, tile = 0;
    };
    uint32_t moe_tile_pairs(uint32_t n, uint32_t k, uint32_t n_expert) const;
    // Whether grouping beats the per-(token, slot) matvecs for such a batch: always with the
    // shared-memory tile; on CPU devices only when an expert's pairs fill a tile on average (the
    // lanes kernel decodes a weight unit once for the whole subgroup, which pays only when the
    // tile is full; the matvec spreads the decoding over the lanes).
    bool moe_grouping_pays(uint32_t n, uint32_t k, uint32_t n_expert) const;
    static uint32_t moe_max_tiles(uint32_t n, uint32_t k, uint32_t n_expert, uint32_t tile);
    void moe_group(Commands& c, const BufferRange& ids, uint32_t n, const MoeGroups& g) const;
    // y[p][M] = W_e x_p (+ bias_e) for every pair p = t * k + s of the groups (e = ids[t][s]); x:
    // [n][K], or [n][k][K] when x_per_slot; xin: MATVEC_X_PLAIN or MATVEC_X_SWIGLU (aux as x).
    void moe_matmul(Commands& c, const GpuTensor& w, const MoeGroups& g, uint32_t n, const Buffer& x, bool x_per_slot,
                    const Buffer& y, const Buffer* bias = nullptr, XInput xin = {}) const;
    // y[t][i] (+)= sum_s weights[t][s] * down[t][s][i] for t < n, i < width.
    void moe_gather(Commands& c, const Buffer& down, const BufferRange& weights, const Buffer& y, uint32_t n, uint32_t k,
                    uint32_t width, bool accumulate) const;
    // Gated DeltaNet (ops_deltanet.cpp): the pipelines for a head size (at most 256).
    Status prepare_deltanet(uint32_t head_dim);
    // y[n][channels] = silu(causal conv1d of x[n][channels] after the state), state advanced.
    void deltanet_conv(Commands& c, const Buffer& x, const Buffer& w, const Buffer& state, const Buffer& y, shader::DeltaNetConvPush p) const;
    // The gated delta rule over a batch, one workgroup per v head (push_constants.h DeltaNetRulePush).
    struct DeltaNetRuleIo {
        const Buffer *y, *z, *beta, *alpha, *dt, *a, *norm, *state, *out;
    };
    void deltanet_rule(Commands& c, const DeltaNetRuleIo& io, shader::DeltaNetRulePush p) const;
    // The same in chunks of tuning().deltanet_chunk tokens (the WY form, deltanet_chunk_prep.comp):
    // the chunks' state-free products for all chunks at once, then the state through them, then
    // the gated norm. The scratch buffers hold ceil(n / chunk) * chunk * n_v_heads rows (of D
    // floats; m of chunk floats; g_last one float per chunk and head).
    struct DeltaNetChunkScratch {
        const Buffer *w, *u, *qs, *kd, *m, *g_last;
    };
    void deltanet_rule_chunked(Commands& c, const DeltaNetRuleIo& io, const DeltaNetChunkScratch& s, shader::DeltaNetRulePush p) const;
    // Gated attention's query: q[n*Q] = the queries of qg[n][heads][2 D]; att[n*Q] *= sigmoid(gate).
    void attn_gate_split(Commands& c, const Buffer& qg, const Buffer& q, uint32_t n, uint32_t head_dim) const;
    void attn_gate(Commands& c, const Buffer& qg, const Buffer& att, uint32_t n, uint32_t head_dim) const;
    // gemma4 (ops_per_layer.cpp): the attention pipelines of one more head size (local and
    // global layers differ; the attention ops pick those of the push's head_dim), and the
    // per-layer embeddings' element-wise ops (shader::PerLayerPush).
    Status prepare_head_dim(uint32_t head_dim);
    Status prepare_per_layer();
    // pl[i] = (pl[i] + tok[i] * tok_scale) * scale for i < n.
    void per_layer_combine(Commands& c, const Buffer& tok, const Buffer& pl, uint32_t n, float tok_scale, float scale) const;
    // g[t][j] = gelu_tanh(g[t][j]) * pl[t][layer][j] for t < n_tokens, j < width (pl rows of layers x width).
    void per_layer_gate(Commands& c, const Buffer& g, const Buffer& pl, uint32_t n_tokens, uint32_t width, uint32_t layers,
                        uint32_t layer) const;
    // Batches up to this many tokens use the lanes matmul's small-batch variant (0: none).
    uint32_t small_batch_tokens() const;

    const Tuning& tuning() const { return tuning_; }

private:
    const Pipeline* find(const std::string& name) const;
    const Device& dev_;
    Pipelines& pipes_;
    Tuning tuning_;
    std::map<std::string, const Pipeline*> by_name_;
    uint32_t head_dim_dn_ = 0;  // the DeltaNet head size prepare_deltanet made pipelines for
};

std::string type_suffix(TensorType t);  // "q4_0", "f16"...

}  // namespace causerie::vk
