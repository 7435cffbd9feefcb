// Hyperparameters of a transformer (decoders, and the bert-style encoders of embedding models),
// read from GGUF metadata with defaults.
#pragma once
#include "core/result.h"
#include "gguf/gguf.h"

#include <string>
#include <vector>

namespace causerie {

enum class Arch { Llama, Qwen2, Qwen3, Qwen3Moe, Gemma2, Gemma3, Phi3, Granite, Smollm3, Mistral3, Falcon, Bloom, GptOss, Qwen2Moe, Bert, NomicBert, Qwen35, Gemma4, Qwen35Moe };
enum class RopeMode { Normal, Neox };  // adjacent pairs / halves rotated
// How a layer's residual block is built: one norm before attention and before the FFN (llama,
// qwen, phi3, granite, bloom...), gemma's "sandwich": norms before and after each, the post-norm
// ahead of the residual, or falcon's parallel block: attention and FFN both from one norm of x,
// both added to x, or bert's post-norm: x = norm(x + attention(x)), x = norm(x + ffn(x)).
// qwen35's Hybrid: a pre-norm block whose mixer is, per layer (HParams::layer_kind), gated
// attention or a Gated DeltaNet, its FFN norm named post_attention_norm; qwen35moe's FFN is
// experts with a shared expert.
enum class BlockKind { PreNorm, Sandwich, Parallel, PostNorm, Hybrid };
// How an embedding model turns its per-token outputs into one vector (<arch>.pooling_type, as
// llama.cpp numbers it: 0 none, 1 mean, 2 cls, 3 last): none keeps every token's.
enum class Pooling { None, Mean, Cls, Last };
const char* pooling_name(Pooling p);
enum class NormKind { Rms, Layer };  // RMSNorm * w, or LayerNorm (mean removed) * w + b
// Of the FFN: SwiGLU, GELU (tanh form) gated; with ffn_gated false the plain act(W_up x).
enum class Activation { Silu, GeluTanh };

// What a layer's attention sees and how it rotates: local (sliding-window) layers differ from
// global ones in window and RoPE base/scaling (gemma2, gemma3).
// The rotation of pair i at position p, as ggml_rope_ext computes it: theta_e = p * base^(-2i/d)
// / factor[i]; theta = freq_scale * theta_e, blended back towards theta_e by YaRN's ramp between
// corr_low and corr_high when ext_factor != 0; the pair is rotated by theta and scaled by mscale.
struct LayerAttention {
    uint32_t window = 0;      // a query at p sees keys t with p - t < window; 0: all of [0, p]
    bool rope = true;         // false: a NoPE layer (smollm3), or no RoPE at all (bloom's ALiBi)
    float rope_base = 10000.f;
    float rope_scale = 1.f;   // positions divided by this factor (freq_scale = 1 / rope_scale)
    float ext_factor = 0.f;   // YaRN: 1 when the file says yarn
    float corr_low = 0.f, corr_high = 0.f;  // YaRN's correction dimensions
    float mscale = 1.f;       // rotated pairs multiplied by this (YaRN / LongRoPE attention factor)
    // The layer's shape: the model's values, except where the file gives them per layer (gemma4:
    // local and global layers differ in head size and rotated dims; head counts may be arrays).
    uint32_t n_head = 0, n_head_kv = 0, head_dim = 0, rope_dim = 0;
    bool rope_factors = true;  // the model's frequency factors apply (gemma4: only on global layers)
    bool v_norm = false;       // V RMS-normalized without a weight before the cache (gemma4)
    // gemma4's shared KV: the queries read the cache of the earlier layer kv_layer (of the same
    // kind); such a layer has no K/V projections and no cache of its own.
    bool kv_shared = false;
    uint32_t kv_layer = 0;
    uint32_t q_dim() const { return n_head * head_dim; }
    uint32_t kv_dim() const { return n_head_kv * head_dim; }
};

// Mixture of experts (llama.cpp's build_moe_ffn): a router scores n_expert experts per token,
// the n_used best (by router logit, ties to the lowest index) run, and their outputs are summed
// with weights: softmax of all logits taken at the chosen ones (Softmax), or softmax of the
// chosen logits alone (SoftmaxChosen, gpt-oss); then divided by their sum when norm_weights,
// times weights_scale when it is not 0 or 1. n_expert 0: a dense FFN.
// Sigmoid: each chosen expert's weight is the sigmoid of its logit (llama.cpp's SIGMOID gating;
// qwen2moe's shared expert is weighted so, as one expert always chosen).
enum class ExpertGating { Softmax, SoftmaxChosen, Sigmoid };
// An expert's gated activation: SwiGLU, silu(gate) * up; or gpt-oss's clamped variant (ggml's
// swiglu_oai): g = min(gate, limit), u = clamp(up, -limit, limit), g * sigmoid(alpha g) * (u + 1);
// or GELU-gated (gemma4, ggml's geglu): gelu_tanh(gate) * up.
enum class ExpertActivation { Swiglu, SwigluOai, Geglu };
struct MoeParams {
    uint32_t n_expert = 0;
    uint32_t n_used = 0;
    uint32_t n_ff_exp = 0;       // rows of each expert's gate and up (expert_feed_forward_length)
    ExpertGating gating = ExpertGating::Softmax;
    bool norm_weights = false;
    float weights_scale = 0.f;   // expert_weights_scale; 0: none
    ExpertActivation act = ExpertActivation::Swiglu;
    float act_alpha = 1.702f, act_limit = 7.0f;  // SwigluOai's constants (llama.cpp's, fixed)
    // Biases the loader requires (gpt-oss): the router's [n_expert] added to its logits, each
    // expert's gate, up ([ff_exp]) and down ([embd]) added to its products.
    bool biases = false;
    // A shared expert (qwen2moe, qwen35moe) of this width that every token runs besides the chosen ones,
    // its output weighted by the sigmoid of ffn_gate_inp_shexp . x; 0: none.
    uint32_t n_ff_shexp = 0;
    // gemma4's layers with experts keep their dense FFN beside them (BlockKind::Sandwich with
    // experts, weights.h MoeWeights): the router reads its own norm of x, the experts theirs,
    // and the two branches are post-normed and summed (model/moe_cpu.cpp).
};

// What a layer mixes tokens with: attention over its KV cache, or a Gated DeltaNet (linear
// attention with a recurrent state per head: model/deltanet.h).
enum class LayerKind { Attention, DeltaNet };

// The Gated DeltaNet layers of qwen35 (llama.cpp's ssm.* keys): q and k of n_k_heads heads,
// v of n_v_heads heads, all of head_dim (ssm.state_size); v head h reads q/k head h % n_k_heads.
// A causal conv1d of d_conv taps runs over the q, k, v channels (conv_dim of them).
struct DeltaNetParams {
    uint32_t d_conv = 0;     // ssm.conv_kernel
    uint32_t head_dim = 0;   // ssm.state_size: key and value head size
    uint32_t n_k_heads = 0;  // ssm.group_count
    uint32_t n_v_heads = 0;  // ssm.time_step_rank
    uint32_t key_dim() const { return head_dim * n_k_heads; }
    uint32_t value_dim() const { return head_dim * n_v_heads; }  // ssm.inner_size
    uint32_t conv_dim() const { return 2 * key_dim() + value_dim(); }
    // Floats of a layer's recurrent state: the conv's last d_conv - 1 inputs per channel, and
    // the delta rule's [n_v_heads][head_dim][head_dim] matrix.
    uint64_t conv_state_floats() const { return uint64_t(d_conv - 1) * conv_dim(); }
    uint64_t delta_state_floats() const { return uint64_t(n_v_heads) * head_dim * head_dim; }
};

struct HParams {
    Arch arch = Arch::Llama;
    std::string arch_name;
    uint32_t n_vocab = 0;
    uint32_t n_embd = 0;
    uint32_t n_layer = 0;
    uint32_t n_head = 0;
    uint32_t n_head_kv = 0;
    uint32_t head_dim = 0;     // attention.key_length, default n_embd / n_head
    uint32_t n_ff = 0;
    uint32_t n_ctx_train = 0;
    float rms_eps = 1e-5f;
    float rope_base = 10000.f;
    uint32_t rope_dim = 0;     // rotated dims per head (rope.dimension_count, default head_dim)
    RopeMode rope_mode = RopeMode::Normal;
    float rope_scale = 1.f;    // linear scaling: positions divided by this factor
    bool qkv_bias = false;     // qwen2
    bool qk_norm = false;      // qwen3, gemma3
    BlockKind block = BlockKind::PreNorm;
    Activation ffn_act = Activation::Silu;
    float embd_scale = 1.f;    // embeddings multiplied by this (gemma: sqrt(n_embd))
    float attn_scale = 0.f;    // query scale: 1 / sqrt(head_dim) unless the architecture says otherwise
    float attn_softcap = 0.f;  // attention logits s -> cap * tanh(s / cap); 0: none
    float final_softcap = 0.f; // output logits likewise; 0: none
    uint32_t sliding_window = 0;  // of the local layers; 0: none
    std::vector<LayerAttention> layer_attn;  // [n_layer]
    NormKind norm = NormKind::Rms;
    float norm_eps = 1e-5f;    // LayerNorm's epsilon (attention.layer_norm_epsilon)
    bool ffn_gated = true;     // false: h = act(W_up x) without a gate (falcon, bloom)
    float residual_scale = 1.f;  // granite: each block output multiplied before its residual add
    float logit_scale = 1.f;   // output logits multiplied by this (granite: 1 / logit_scale)
    float alibi_max_bias = 0.f;  // > 0: ALiBi slopes from this (bloom: 8)
    // Attention temperature (mistral3): q *= log(floor(p / temp_floor) + 1) * temp_scale + 1.
    float attn_temp_scale = 0.f;
    uint32_t attn_temp_floor = 0;
    uint32_t n_ctx_orig = 0;   // rope.scaling.original_context_length (default context_length)
    MoeParams moe;             // every layer's FFN is a mixture of experts when moe.n_expert > 0
    // Attention sinks (gpt-oss): one learned logit per head (attn_sinks [n_head]) that joins each
    // query's softmax denominator, taking weight from the positions without adding a value.
    bool attn_sinks = false;
    // Embedding models: attention.causal (default true: each token sees those before it; false:
    // the whole sequence, bert), pooling_type, and bert's absolute positions and token types
    // (tokenizer.ggml.token_type_count; row 0 is added to every token, as llama.cpp does).
    bool causal = true;
    Pooling pooling = Pooling::None;
    bool abs_positions = false;   // position_embd.weight [embd, n_ctx_train] added to the embeddings
    uint32_t n_token_types = 0;
    std::vector<LayerKind> layer_kind;  // [n_layer]
    DeltaNetParams dn;         // of the DeltaNet layers (qwen35)
    // qwen35's full attention: the query projection gives per head the query then a gate
    // ([embd, 2 q_dim]); the attention output is multiplied by sigmoid(gate) before wo.
    bool attn_gate = false;
    uint32_t n_nextn = 0;      // nextn_predict_layers: multi-token-prediction blocks after the n_layer (not loaded)
    // gemma4: where the file gives head counts, head sizes or FFN widths per layer (layer_attn,
    // layer_n_ff), n_head, n_head_kv, head_dim and n_ff above are the largest (buffer sizes).
    std::vector<uint32_t> layer_n_ff;  // [n_layer] FFN rows of each layer (feed_forward_length, may be an array)
    uint32_t n_embd_per_layer = 0;     // gemma4: per-layer embedding width (0: none)
    bool owns_kv(uint32_t l) const { return !layer_attn[l].kv_shared; }
    // The layer whose cache layer l reads: its own, or its shared-KV source.
    uint32_t kv_source(uint32_t l) const { return layer_attn[l].kv_shared ? layer_attn[l].kv_layer : l; }

    uint32_t q_dim() const { return n_head * head_dim; }
    uint32_t kv_dim() const { return n_head_kv * head_dim; }
    float eps() const { return norm == NormKind::Rms ? rms_eps : norm_eps; }
    bool is_recurrent(uint32_t l) const { return l < layer_kind.size() && layer_kind[l] == LayerKind::DeltaNet; }
    bool has_recurrent() const {
        for (LayerKind k : layer_kind)
            if (k == LayerKind::DeltaNet) return true;
        return false;
    }
};

// ALiBi slope of head h (ggml's soft_max with max_bias): m0^(h+1) for the first 2^floor(log2 n)
// heads, then the odd powers of m1.
float alibi_slope(uint32_t h, uint32_t n_head, float max_bias);

// The architectures read_hparams accepts, for error messages: "llama, qwen2, ...".
const char* supported_architectures();

// qwen35's and qwen35moe's keys (model/deltanet_hparams.cpp): the DeltaNet sizes, which layers are recurrent,
// the RoPE sections, the multi-token-prediction layers.
Status read_qwen35(const Gguf& g, HParams& h);

// Architecture name -> hyperparameters; an unsupported architecture is a clear error.
Result<HParams> read_hparams(const Gguf& g);

}  // namespace causerie
