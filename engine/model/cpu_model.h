// The plain f32 CPU reference of the forward pass: the truth every Vulkan kernel is tested against.
#pragma once
#include "core/result.h"
#include "model/backend.h"
#include "model/hparams.h"
#include "model/kv_ring.h"
#include "model/weights.h"

#include <span>
#include <vector>

namespace causerie {

class CpuModel final : public Backend {
public:
    // `file` is the whole GGUF file (the mmap); weights are read in place, row by row. Tokens
    // are evaluated one at a time, so a sliding-window layer's ring holds window + 1 rows
    // (kv_ring.h); `ring` false keeps every layer's cache as long as the context.
    CpuModel(const HParams& hp, const ModelWeights& w, std::span<const uint8_t> file, uint32_t n_ctx, bool ring = true);

    // Evaluates `tokens` at positions [pos, pos + n) and returns logits [n][vocab]
    // (only the last row when all_logits is false).
    Result<std::vector<float>> forward(std::span<const int32_t> tokens, uint32_t pos, bool all_logits = true) override;

    // The final hidden states [n][embd] of a sequence evaluated from position 0: after the output
    // norm (decoders), or the last block's norm (encoders, whose attention may see the whole
    // sequence: hparams causal). What embedding models pool.
    Result<std::vector<float>> hidden(std::span<const int32_t> tokens);

    uint32_t n_ctx() const override { return n_ctx_; }
    // A recurrent state (DeltaNet layers) only continues from where it is, or starts afresh at 0.
    bool can_resume(uint32_t pos) const override { return reach_.can_start(pos) && recurrent_can_start(pos); }
    bool needs_checkpoints() const override { return reach_.has_rings() || recurrent_state_bytes() > 0; }
    Result<Checkpoint> checkpoint() override;
    Status restore(const Checkpoint& c) override;
    uint64_t device_bytes() const override { return (k_cache_.size() + v_cache_.size() + conv_state_.size() + delta_state_.size()) * 4; }
    uint32_t kv_rows(uint32_t layer) const { return kv_rows_[layer]; }
    // The DeltaNet layers' conv and delta states (deltanet_cpu.cpp).
    // Their copies for checkpoints: saved, and put back to continue at pos.
    uint64_t recurrent_state_bytes() const { return (conv_state_.size() + delta_state_.size()) * 4; }
    Result<std::vector<uint8_t>> save_recurrent_state();
    Status restore_recurrent_state(std::span<const uint8_t> state, uint32_t pos);

    // Experts' routing decisions, for tests: when on, every evaluated token appends
    // [n_layer][n_used] chosen expert ids (in the router's order) to routing_log().
    void set_log_routing(bool on) { log_routing_ = on; }
    const std::vector<uint32_t>& routing_log() const { return routing_log_; }
    // With it, [n_layer] per token: how close the choice came to another one, the smallest gap
    // between consecutive logits among the k + 1 largest (a near tie that another backend's
    // rounding may break the other way).
    const std::vector<float>& routing_margins() const { return routing_margins_; }

private:
    // Activations of one token (f32), allocated once.
    struct Acts {
        std::vector<float> x, xb, xb2;  // [embd]: residual stream, normed inputs
        std::vector<float> tmp, tmp2;   // [embd]: projection outputs
        std::vector<float> qkv;         // [q_dim + 2 kv_dim]: q, k, v as projected
        std::vector<float> q, att;      // [q_dim]
        std::vector<float> k, v;        // [kv_dim]
        std::vector<float> hb;          // [ff]: the FFN's activation
        std::vector<float> gu;          // [2 ff]: gate then up (fused or not)
        std::vector<float> pl;          // [n_layer][P]: gemma4's per-layer inputs of the token
        std::vector<float> pg;          // [P]: a layer's gated per-layer input
    };
    Status check_tokens(std::span<const int32_t> tokens, uint32_t pos) const;
    // One token through every layer: logits[V] (when not null) and the final norm's output
    // hidden[E] (when not null).
    void forward_token(int32_t token, uint32_t pos, float* logits, float* hidden = nullptr);
    // An encoder (post-norm blocks) over a whole sequence, layer by layer (cpu_encoder.cpp).
    Result<std::vector<float>> encode(std::span<const int32_t> tokens);
    // The residual blocks (HParams::block), built from the steps below.
    void pre_norm_block(uint32_t l, uint32_t pos);
    void sandwich_block(uint32_t l, uint32_t pos);
    void parallel_block(uint32_t l, uint32_t pos);
    // out[E] = norm(x) * w (+ b): RMSNorm or LayerNorm (HParams::norm).
    void norm(const float* x, const TensorInfo* w, const TensorInfo* b, float* out) const;
    // att[Q] = attention of the token at pos over the cache, from the normed input in[E].
    void attention_step(uint32_t l, uint32_t pos, const float* in);
    // Its two halves: q[Q] projected (normed, rotated), k and v stored in the cache at pos; then
    // att[Q] = attention of q over the cached positions [first visible, end).
    void store_qkv(uint32_t l, uint32_t pos, const float* in);
    void attend_cached(uint32_t l, uint32_t pos, uint32_t end);
    // hb[F] = act(W_gate in) * (W_up in), or act(W_up in) without a gate.
    void ffn_step(uint32_t l, const float* in);
    // out[E] = the weighted sum of the chosen experts' FFNs of in[E] (moe_cpu.cpp), the router
    // scoring router_in[E] (null: in).
    void moe_ffn_step(uint32_t l, const float* in, float* out, const float* router_in = nullptr);
    // gemma4's FFN of a layer with experts (moe_cpu.cpp): out[E] = the dense branch and the
    // experts from x, each post-normed, summed.
    void dense_and_experts_step(uint32_t l, float* out);
    // qwen35's block (deltanet_cpu.cpp): x += mixer(norm(x)), the mixer gated attention or a
    // Gated DeltaNet by HParams::layer_kind; x += ffn(norm(x)).
    void hybrid_block(uint32_t l, uint32_t pos);
    // att[Q] = sigmoid(gate) * attention, the query and gate from one projection of in[E].
    void gated_attention_step(uint32_t l, uint32_t pos, const float* in);
    // out[E] = the DeltaNet layer's output for in[E], advancing its conv and delta states.
    void deltanet_step(uint32_t l, const float* in, float* out);
    // The recurrent states' bookkeeping (deltanet_cpu.cpp): where a forward may start, and
    // the states cleared for one that starts at 0.
    bool recurrent_can_start(uint32_t pos) const;
    void init_recurrent();
    Status begin_recurrent(uint32_t pos);
    // gemma4's per-layer embeddings (per_layer_embd_cpu.cpp): pl[n_layer][P] of the token from
    // its row of per_layer_token_embd and the projection of the embedding x, then layer l's
    // x += rmsnorm(W_proj (gelu(W_gate x) * pl[l])) * post_norm.
    void per_layer_inputs(int32_t token);
    void per_layer_embd_step(uint32_t l);
    // y[count] = rows [first, first + count) of W times x.
    void matvec_rows(const TensorInfo* w, uint64_t first, uint64_t count, const float* x, float* y) const;
    // x[E] += residual_scale * y.
    void add_residual(const float* y);
    // x[E] += rmsnorm(y) * w: a post-norm ahead of the residual (sandwich block).
    void add_post_norm(const float* y, const TensorInfo* w);
    void matvec(const TensorInfo* w, const float* x, float* y) const;  // y[rows] = W x
    void proj(const TensorInfo* w, const TensorInfo* b, const float* x, float* y) const;  // y = W x (+ b)
    std::vector<float> vec(const TensorInfo* t) const;                 // small tensor as f32

    HParams hp_;
    ModelWeights w_;
    std::span<const uint8_t> file_;
    uint32_t n_ctx_;
    std::vector<float> k_cache_, v_cache_;  // per layer [kv_rows][kv_dim], layer l from kv_offset_[l]
    std::vector<uint32_t> kv_rows_;         // [layer]: n_ctx, or a sliding-window layer's ring
    std::vector<size_t> kv_offset_;         // [layer]: first float of its cache (a shared-KV layer: its source's)
    KvReach reach_;
    std::vector<float> kv_window_;          // [2][window][kv_dim]: a ring's visible rows in order
    std::vector<float> ones_;               // [head_dim] of 1: the weightless V norm (gemma4)
    std::vector<float> rope_freqs_;         // [rope_dim / 2], 1 when the model has none (weights.h rope_factors)
    Acts a_;
    // DeltaNet layers: per layer [conv_dim][d_conv - 1] last inputs (oldest first) and
    // [n_v_heads][head_dim (v)][head_dim (k)] delta-rule state, from rec_offset_[l] of each;
    // rec_pos_: the positions both have absorbed.
    std::vector<float> conv_state_, delta_state_;
    std::vector<size_t> conv_offset_, delta_offset_;
    uint32_t rec_pos_ = 0;
    bool log_routing_ = false;
    std::vector<uint32_t> routing_log_;
    std::vector<float> routing_margins_;
};

// Building blocks shared with the tests of the individual shaders.
namespace ref {
void rmsnorm(const float* x, const float* w, float* out, uint32_t n, float eps);
// (x - mean) / sqrt(var + eps) * w + b (ggml_norm, then the weight and bias).
void layernorm(const float* x, const float* w, const float* b, float* out, uint32_t n, float eps);
// How a head is rotated (hparams.h LayerAttention: ggml_rope_ext's arguments).
struct Rope {
    uint32_t rope_dim = 0;
    RopeMode mode = RopeMode::Normal;
    float base = 10000.f;
    float freq_scale = 1.f;
    float ext_factor = 0.f, corr_low = 0.f, corr_high = 0.f, mscale = 1.f;
    const float* factors = nullptr;  // [rope_dim / 2] or null
};
void rope(float* v, uint32_t n_heads, uint32_t head_dim, const Rope& r, float pos);
void rope(float* v, uint32_t n_heads, uint32_t head_dim, uint32_t rope_dim, RopeMode mode, float pos,
          float base, const float* freq_factors);
float silu(float x);
float gelu_tanh(float x);             // ggml's gelu: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
float softcap(float x, float cap);    // cap * tanh(x / cap); x when cap is 0
// First cached position a query at `pos` sees: pos + 1 - window with a sliding window, else 0.
uint32_t first_visible(uint32_t pos, uint32_t window);
// One query against cached positions [first, end) of one KV head: out[head_dim]. Scores are
// q . k * scale, soft-capped when softcap > 0.
void attend(const float* q, const float* k, const float* v, uint32_t first, uint32_t end, uint32_t head_dim, uint32_t kv_stride,
            float scale, float softcap, float* out);
// With ALiBi: each score gets slope * (t - p), p = end - 1 the query's position. With a sink
// (gpt-oss, null for none): the logit *sink joins the softmax's max and denominator, no value.
void attend(const float* q, const float* k, const float* v, uint32_t first, uint32_t end, uint32_t head_dim, uint32_t kv_stride,
            float scale, float softcap, float slope, float* out, const float* sink = nullptr);
// gpt-oss's clamped SwiGLU (hparams.h ExpertActivation::SwigluOai).
float swiglu_oai(float gate, float up, float alpha, float limit);
// Attention temperature (mistral3) of a query at pos: log(floor(pos / floor_) + 1) * scale + 1.
float attn_temperature(uint32_t pos, float scale, uint32_t floor_);
// The router's choice for one token (hparams.h MoeParams): ids[n_used] of the largest logits
// in descending order (ties: the lower index first), weights[n_used] as the gating says.
void moe_route(const float* logits, const MoeParams& m, uint32_t* ids, float* weights);
// The same over [0, n_kv) with scale 1 / sqrt(head_dim), no cap.
void attend(const float* q, const float* k, const float* v, uint32_t n_kv, uint32_t head_dim, uint32_t kv_stride, float* out);
}  // namespace ref

}  // namespace causerie
