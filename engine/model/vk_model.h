// The forward pass on Vulkan: weights on the device in their quantized form, the KV cache in
// f16, and one command buffer per forward pass (one submit, one wait). The single-token decode
// step is recorded once and replayed for every token: only the token id and the position
// (host-visible buffers) change between submissions.
#pragma once
#include "core/result.h"
#include "model/backend.h"
#include "model/kv_ring.h"
#include "model/model_file.h"
#include "vulkan/commands.h"
#include "vulkan/device.h"
#include "vulkan/memory.h"
#include "vulkan/ops.h"
#include "vulkan/tensor.h"

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace causerie {

// How a batch's experts run (VkModelOptions::expert_grouping): grouped by expert and multiplied
// by tiles (moe_ffn_batch), or each (token, slot) its own matrix-vector products as one token does.
enum class ExpertGrouping {
    Auto,    // grouped where the device's kernel gains by it (Ops::moe_grouping_pays)
    Always,
    Never,   // the baseline of `bench --expert-grouping never`
};

struct VkModelOptions {
    uint32_t n_ctx = 2048;          // KV cache length
    uint32_t max_batch = 256;       // tokens per forward pass (prefill is split into batches)
    bool ring = true;               // sliding-window layers cache window + max_batch rows (kv_ring.h)
    uint64_t staging_bytes = 32ull << 20;
    std::function<void(float)> progress;  // load progress in [0, 1]
    std::string pipeline_cache;           // file for compiled pipelines ("" = none)
    bool keep_routing = false;            // experts: copy the router's choices back (routing())
    // Experts: the expert tensors of the first N layers (0 .. N-1, the layers llama.cpp's
    // --n-cpu-moe N keeps off the GPU) live in system memory that the device reads in place.
    uint32_t experts_in_system_memory = 0;
    ExpertGrouping expert_grouping = ExpertGrouping::Auto;
};

class VkModel final : public Backend {
public:
    static Result<std::unique_ptr<VkModel>> create(vk::Device& dev, const ModelFile& file, const VkModelOptions& opts);
    ~VkModel();

    // Evaluates `tokens` at positions [pos, pos + n); logits [n][vocab] or only the last row.
    Result<std::vector<float>> forward(std::span<const int32_t> tokens, uint32_t pos, bool all_logits = true) override;

    // The final hidden states [n][embd] of a sequence evaluated from position 0 (cpu_model.h
    // hidden()); an encoder's sequence must fit one batch (max_batch).
    Result<std::vector<float>> hidden(std::span<const int32_t> tokens);

    uint32_t n_ctx() const override { return opts_.n_ctx; }
    // A recurrent state (DeltaNet layers) only continues from where it is, or starts afresh at 0.
    bool can_resume(uint32_t pos) const override {
        return reach_ && reach_->can_start(pos) && (state_bytes_ == 0 || pos == 0 || pos == rec_pos_);
    }
    bool needs_checkpoints() const override { return (reach_ && reach_->has_rings()) || state_bytes_ > 0; }
    Result<Checkpoint> checkpoint() override;
    Status restore(const Checkpoint& c) override;
    uint64_t device_bytes() const override { return set_->device_bytes(); }
    // Weights held in system memory (experts_in_system_memory), not counted in device_bytes().
    uint64_t system_bytes() const { return set_->system_bytes(); }
    uint64_t weight_bytes() const { return weight_bytes_; }
    uint64_t kv_bytes() const { return kv_bytes_; }
    uint64_t recurrent_bytes() const { return state_bytes_; }  // the DeltaNet layers' conv and delta states
    // Copies of the states through host-visible staging (deltanet_vk.cpp), made when first needed.
    // (checkpoint() and restore() carry them with the rings)
    Result<std::vector<uint8_t>> save_recurrent_state();
    Status restore_recurrent_state(std::span<const uint8_t> state, uint32_t pos);
    // The KV cache if every layer kept the whole context (what the rings save: this - kv_bytes).
    uint64_t full_context_kv_bytes() const { return full_kv_bytes_; }
    uint32_t kv_rows(uint32_t layer) const { return layers_[layer].kv_rows; }
    // Per-shader time of the last forward when timing is on.
    void set_timing(bool on) { timing_ = on; }
    std::vector<vk::TimedSpan> last_timings() const { return last_cmd_ ? last_cmd_->timings() : std::vector<vk::TimedSpan>{}; }
    const vk::Device& device() const { return dev_; }
    // With keep_routing: the expert ids the router chose in the last forward batch,
    // [n_layer][tokens of that batch][n_used] (a test and debug path).
    std::vector<uint32_t> routing() const;

private:
    // A layer's tensors as in LayerWeights (f32 vectors; a missing one has no buffer).
    struct Layer {
        vk::Buffer attn_norm, attn_norm_b, attn_norm_2, attn_norm_2_b, ffn_norm, ffn_norm_b, q_norm, k_norm;
        vk::Buffer post_attn_norm, post_ffn_norm;  // [embd], sandwich and post-norm blocks
        vk::Buffer post_attn_norm_b, post_ffn_norm_b;  // [embd], post-norm block (LayerNorm)
        vk::Buffer bqkv, bq, bk, bv, bo, b_gate, b_up, b_down;
        vk::GpuTensor wqkv, wq, wk, wv, wo, w_gate, w_up, w_down;
        bool fused_qkv = false;
        vk::Buffer k_cache, v_cache;  // [kv_rows][kv_dim] f16, position p in row p % kv_rows
        uint32_t kv_rows = 0;         // n_ctx, or a sliding-window layer's ring (kv_ring.h)
        // Experts (moe_vk.cpp): the router [embd, n_expert] and the experts' gate, up, down
        bool moe = false;
        vk::GpuTensor moe_gate_inp, moe_gate, moe_up, moe_down;
        vk::Buffer moe_gate_inp_b, moe_gate_b, moe_up_b, moe_down_b;  // biases (gpt-oss): [n_expert], [n_expert][ff_exp], .., [n_expert][embd]
        // gemma4: gate and up fused in moe_gate ([embd, 2 ff_exp, n_expert]; moe_up empty); the
        // router's input norm weight ffn_gate_inp.scale / sqrt(embd), the experts' input norm,
        // the post-norms of the dense branch and of the experts [embd]; the experts' output
        // multipliers [n_expert] (ffn_down_exps.scale, folded into the router's weights)
        bool moe_gate_up = false;
        vk::Buffer moe_router_norm, moe_pre_norm, moe_post_norm_1, moe_post_norm_2, moe_down_scale;
        vk::Buffer attn_sinks;        // [n_head] gpt-oss
        // The shared expert (qwen2moe): its gate [embd, 1], and gate, up, down as one expert each
        bool moe_shared = false;
        vk::GpuTensor moe_sh_gate_inp, moe_sh_gate, moe_sh_up, moe_sh_down;
        // A Gated DeltaNet layer (deltanet_vk.cpp) in place of attention and its KV cache: the
        // projections to q/k/v channels, z, beta, alpha and out; conv taps [conv_dim][d_conv],
        // dt bias and A [n_v_heads], the gated norm [head_dim]; its recurrent state (f32):
        // conv [conv_dim][d_conv - 1] and delta [n_v_heads][head_dim][head_dim].
        bool recurrent = false;
        vk::GpuTensor dn_qkv, dn_gate, dn_beta, dn_alpha, dn_out;
        vk::Buffer dn_conv_w, dn_dt, dn_a, dn_norm, conv_state, delta_state;
        // gemma4: false when the layer reads an earlier layer's cache (k_cache, v_cache are that
        // layer's, kv_rows too); the per-layer embedding's gate [embd, P], projection [P, embd]
        // and post-norm [embd]; the layer's output multiplier (layer_output_scale, else 1)
        bool own_kv = true;
        vk::GpuTensor pl_inp_gate, pl_proj;
        vk::Buffer pl_post_norm;
        float out_scale = 1.f;
    };
    // What a projection reads: a buffer and the pre-op its matvec fuses (one token only).
    struct Input {
        const vk::Buffer* buf;
        vk::XInput xin;
    };
    VkModel(vk::Device& dev, const ModelFile& file, const VkModelOptions& opts) : dev_(dev), file_(file), opts_(opts) {}
    Status load();
    Status warm_up();
    // Runs one batch of n <= max_batch tokens at pos; writes its logits rows to logits_out.
    Status forward_batch(std::span<const int32_t> tokens, uint32_t pos, bool all_logits, float* logits_out);
    Status check_tokens(std::span<const int32_t> tokens, uint32_t pos) const;
    // Records the forward pass of n tokens (position and ids read from step_ and tokens_); with
    // want_hidden, the final norm's rows are copied to hidden_readback_.
    void record(vk::Commands& c, uint32_t n, bool all_logits, bool want_logits, bool want_hidden);
    // The residual blocks (HParams::block), built from the steps below; as in CpuModel.
    void pre_norm_block(vk::Commands& c, uint32_t n, uint32_t l);
    void sandwich_block(vk::Commands& c, uint32_t n, uint32_t l);
    void parallel_block(vk::Commands& c, uint32_t n, uint32_t l);
    void post_norm_block(vk::Commands& c, uint32_t n, uint32_t l);
    // qwen35 (deltanet_vk.cpp): x += mixer(norm(x)), gated attention or a Gated DeltaNet by
    // layer kind; x += W_down ffn(norm(x)).
    void hybrid_block(vk::Commands& c, uint32_t n, uint32_t l);
    // att_[n][Q] = sigmoid(gate) * attention, query and gate from one projection into qg_.
    void gated_attention_step(vk::Commands& c, uint32_t n, uint32_t l, Input in);
    // dn_o_[n][value_dim] = the DeltaNet's gated-normed output, its states advanced.
    void deltanet_step(vk::Commands& c, uint32_t n, uint32_t l, Input in);
    Status load_deltanet(const LayerWeights& lw, Layer& L, const std::function<Result<vk::GpuTensor>(const TensorInfo*)>& weight,
                         const std::function<Result<vk::Buffer>(const TensorInfo*)>& vec);
    Status create_deltanet_buffers();
    // Zeroes every recurrent state (a forward from position 0), one submission.
    Status reset_recurrent();
    // norm(x_) * w (+ b) into out[n][E], or for one token with RMSNorm (when fusable) the norm
    // fused into the projections that read x_.
    Input norm_input(vk::Commands& c, uint32_t n, const vk::Buffer& w, const vk::Buffer& b, const vk::Buffer& out, bool fusable = true);
    // att_[n][Q] = attention over the cache from the normed input (k, v stored at pos).
    void attention_step(vk::Commands& c, uint32_t n, uint32_t l, Input in);
    // Its part after the projections into q_, k_, v_: Q/K norms, RoPE and cache store, attention.
    void attention_core(vk::Commands& c, uint32_t n, uint32_t l);
    // The FFN up to its down projection, whose input it returns: gate and up (or up alone), and
    // for a batch the activation into hb_ (one token: fused into the down projection).
    Input ffn_step(vk::Commands& c, uint32_t n, uint32_t l, Input in);
    // Experts (moe_vk.cpp): uploads layer l's, and the buffers they need.
    Status load_moe(const LayerWeights& lw, Layer& L, uint32_t l,
                    const std::function<Result<vk::GpuTensor>(const TensorInfo*, vk::MemoryKind)>& weight);
    Status create_moe_buffers();
    // x_ += residual_scale * the weighted sum of the chosen experts' FFNs of norm(x_): router,
    // top-k, gate and up of each chosen expert, the down projections gathered with the weights.
    void moe_ffn_step(vk::Commands& c, uint32_t n, uint32_t l);
    // The experts after the router's logits (moe_logits_): the choice, then out[n][E] (+)= the
    // weighted sum of the chosen experts' FFNs of in.
    void experts_step(vk::Commands& c, uint32_t n, uint32_t l, const vk::Buffer& in, const vk::Buffer& out, bool accumulate);
    // Its experts for a batch of n > 1 tokens, after the router's choice: grouped by expert.
    void moe_ffn_batch(vk::Commands& c, uint32_t n, const Layer& L, const vk::Buffer& in, const vk::Ops::MoeChoice& choice,
                       const vk::Buffer& out, bool accumulate);
    // gemma4's FFN of a layer with experts: xb_[n][E] = rmsnorm(W_down ffn(norm(x_))) *
    // post_ffw_norm_1 + rmsnorm(experts(rmsnorm(x_) * pre_ffw_norm_2)) * post_ffw_norm_2, the
    // router scoring rmsnorm(x_) * ffn_gate_inp.scale / sqrt(embd).
    void dense_and_experts_step(vk::Commands& c, uint32_t n, uint32_t l);
    // x_ += sigmoid(gate_inp_shexp . in) * the shared expert's SwiGLU FFN of in (qwen2moe).
    void shared_expert_step(vk::Commands& c, uint32_t n, uint32_t l, const vk::Buffer& in);
    // gemma4's per-layer embeddings (per_layer_embd_vk.cpp): uploads them and their buffers;
    // pl_[n][n_layer][P] from the tokens and x_; layer l's
    // x_ += rmsnorm(W_proj (gelu(W_gate x_) * pl_[l])) * post_norm.
    Status load_per_layer(const std::function<Result<vk::GpuTensor>(const TensorInfo*)>& weight,
                          const std::function<Result<vk::Buffer>(const TensorInfo*)>& vec);
    void per_layer_inputs(vk::Commands& c, uint32_t n);
    void per_layer_embd_step(vk::Commands& c, uint32_t n, uint32_t l);
    // x_ += residual_scale * (W in + bias).
    void residual(vk::Commands& c, uint32_t n, const vk::GpuTensor& w, Input in, const vk::Buffer& bias);
    // x_ += rmsnorm(y) * w, n rows: the post-norm ahead of the residual (sandwich block).
    void add_post_norm(vk::Commands& c, uint32_t n, const vk::Buffer& y, const vk::Buffer& w);
    // One projection: matrix-vector for a single token (with its fused pre-op), matrix-matrix
    // for a batch (the pre-op ran as its own dispatch); the result times y_scale.
    void proj(vk::Commands& c, uint32_t n, const vk::GpuTensor& w, const vk::Buffer& in, const vk::Buffer& out, bool accumulate,
              const vk::Buffer* bias, vk::XInput xin, float y_scale = 1.0f) const;

    vk::Device& dev_;
    const ModelFile& file_;
    VkModelOptions opts_;
    std::unique_ptr<vk::BufferSet> set_;
    std::unique_ptr<vk::Pipelines> pipes_;
    std::unique_ptr<vk::Ops> ops_;
    std::unique_ptr<vk::Commands> cmd_;         // batches, recorded for each
    std::unique_ptr<vk::Commands> decode_cmd_;  // one token, recorded once and replayed
    bool decode_timed_ = false;                 // whether decode_cmd_ was recorded with timestamps
    const vk::Commands* last_cmd_ = nullptr;

    vk::GpuTensor token_embd_, output_;
    vk::GpuTensor token_types_, position_embd_;  // encoders (bert): [embd, types], [embd, n_ctx_train]
    vk::Buffer output_norm_, output_norm_b_, token_embd_norm_, token_embd_norm_b_, rope_freqs_;
    bool has_rope_factors_ = false;
    std::vector<Layer> layers_;
    // Activations for max_batch tokens (rows of the given width).
    vk::Buffer tokens_;            // [B] u32, host-visible
    vk::Buffer step_host_, step_;  // shader::StepData: host-visible, and its device copy
    vk::Buffer x_, xb_;            // [B][embd]: residual stream, normed input
    vk::Buffer xb2_;               // [B][embd] falcon 40B's second norm (only then)
    vk::Buffer qkv_;               // [B][q_dim + 2 kv_dim] fused projections (when a layer has them)
    vk::Buffer q_, k_, v_, att_;   // [B][q_dim], [B][kv_dim], [B][kv_dim], [B][q_dim]
    vk::Buffer hb_, hb2_;          // [B][ff] activation; [B][ff] up, or [B][2 ff] gate and up fused
    vk::Buffer attn_parts_;        // split decode attention partials [head][split][D + 2]
    vk::Buffer logits_;            // [logit_rows][vocab]
    vk::Buffer readback_;          // host copy of logits_
    vk::Buffer hidden_readback_;   // [B][embd] host copy of the final hidden states (embeddings)
    vk::Buffer positions_, zeros_; // [B] u32 host-visible: rows of position_embd and token_types (encoders)
    uint32_t logit_rows_ = 1;
    std::unique_ptr<KvReach> reach_;  // which positions the rings still hold
    std::unique_ptr<vk::Uploader> ring_io_;  // checkpoints: rings to host memory and back
    // Experts: router logits [B][n_expert]; the choice per layer (ids, weights: [n_layer][B][k]
    // at moe_layer_stride_ bytes per layer); gate and up outputs [B][k][ff_exp]; the ids' host copy.
    vk::Buffer moe_logits_, moe_ids_, moe_weights_, moe_gate_out_, moe_up_out_, moe_ids_host_;
    // Batches: the pairs grouped by expert [B * k], their tiles, the down projections [B][k][embd].
    vk::Buffer moe_list_, moe_tiles_, moe_down_out_;
    // gemma4: the experts' input and their weighted sum [B][embd] (the dense branch in xb_).
    vk::Buffer moe_x_, moe_y_;
    uint64_t moe_layer_stride_ = 0;
    // The shared expert: its gate's logit [B], the choice of it (id 0, weight the sigmoid) [B],
    // its gate and up outputs [B][ff_shexp].
    vk::Buffer moe_sh_logits_, moe_sh_ids_, moe_sh_weights_, moe_sh_gate_out_, moe_sh_up_out_;
    // DeltaNet activations [B][width]: projected q/k/v channels, conv output, z, beta, alpha,
    // the rule's output; qg_ [B][2 q_dim] gated attention's query and gate.
    vk::Buffer dn_qkv_, dn_y_, dn_z_, dn_beta_, dn_alpha_, dn_o_, qg_;
    // The chunked delta rule's scratch (Ops::DeltaNetChunkScratch), when chunks are on
    vk::Buffer dn_cw_, dn_cu_, dn_cq_, dn_ck_, dn_cm_, dn_cg_;
    uint64_t state_bytes_ = 0;  // recurrent states on the device
    vk::Buffer state_readback_, state_upload_;  // [state_bytes_] host copies' staging, made on first use
    uint32_t rec_pos_ = 0;      // positions the recurrent states have absorbed
    // gemma4: per-layer embeddings [P n_layer, vocab], their projection [embd, P n_layer] and
    // norm [P]; the per-layer inputs pl_ and token rows pl_tok_ [B][n_layer][P], a layer's
    // gate pg_ [B][P]; ones_ [head_dim] the weightless V norm's weight.
    vk::GpuTensor per_layer_token_embd_, per_layer_model_proj_;
    vk::Buffer per_layer_proj_norm_, pl_, pl_tok_, pg_, ones_;
    uint32_t last_batch_ = 0;
    uint64_t weight_bytes_ = 0, kv_bytes_ = 0, full_kv_bytes_ = 0;
    bool timing_ = false;
};

}  // namespace causerie
