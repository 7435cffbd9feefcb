// The tensors of a model, looked up by name and checked against the hyperparameters.
// Shapes are written as ggml does: [row length, rows] ([in, out] for a weight matrix).
#pragma once
#include "core/result.h"
#include "gguf/gguf.h"
#include "model/hparams.h"

#include <vector>

namespace causerie {

// A layer's experts (model/moe_weights.cpp): the router and each expert's gate, up and down
// as 3-D tensors, expert e's matrix being rows [e * rows, (e + 1) * rows) of the flattened one.
struct MoeWeights {
    const TensorInfo* gate_inp = nullptr;   // [embd, n_expert] router
    const TensorInfo* gate_exps = nullptr;  // [embd, ff_exp, n_expert]
    const TensorInfo* up_exps = nullptr;    // [embd, ff_exp, n_expert]
    const TensorInfo* down_exps = nullptr;  // [ff_exp, embd, n_expert]
    // Biases (hp.moe.biases, gpt-oss): expert e's are row e
    const TensorInfo* gate_inp_b = nullptr;   // [n_expert]
    const TensorInfo* gate_exps_b = nullptr;  // [ff_exp, n_expert]
    const TensorInfo* up_exps_b = nullptr;    // [ff_exp, n_expert]
    const TensorInfo* down_exps_b = nullptr;  // [embd, n_expert]
    // The shared expert (hp.moe.n_ff_shexp > 0, qwen2moe): its gate's weight, and a SwiGLU FFN
    const TensorInfo* gate_inp_shexp = nullptr;  // [embd]
    const TensorInfo* gate_shexp = nullptr;      // [embd, ff_shexp]
    const TensorInfo* up_shexp = nullptr;        // [embd, ff_shexp]
    const TensorInfo* down_shexp = nullptr;      // [ff_shexp, embd]
    // gemma4 (model/moe_weights.cpp): gate and up in one tensor in place of gate_exps and
    // up_exps, expert e's 2 ff_exp rows its gate rows then its up rows; each expert's output
    // multiplier (the converters' router.per_expert_scale), optional; the router's input scale;
    // the experts' input norm and the post-norms of the dense branch (1) and of the experts (2).
    const TensorInfo* gate_up_exps = nullptr;  // [embd, 2 ff_exp, n_expert] ffn_gate_up_exps
    const TensorInfo* down_exps_s = nullptr;   // [n_expert] ffn_down_exps.scale
    const TensorInfo* gate_inp_s = nullptr;    // [embd] ffn_gate_inp.scale
    const TensorInfo* pre_norm_2 = nullptr;    // [embd] pre_ffw_norm_2
    const TensorInfo* post_norm_1 = nullptr;   // [embd] post_ffw_norm_1
    const TensorInfo* post_norm_2 = nullptr;   // [embd] post_ffw_norm_2
    bool present() const { return gate_inp != nullptr; }
};

// A Gated DeltaNet layer's tensors (qwen35's recurrent layers, model/deltanet_weights.cpp).
struct DeltaNetWeights {
    const TensorInfo* in_qkv = nullptr;   // attn_qkv.weight [embd, conv_dim]: q, k, v channels
    const TensorInfo* in_gate = nullptr;  // attn_gate.weight [embd, value_dim]: the output gate z
    const TensorInfo* conv1d = nullptr;   // ssm_conv1d.weight [d_conv, conv_dim]
    const TensorInfo* dt_bias = nullptr;  // ssm_dt.bias [n_v_heads]
    const TensorInfo* a = nullptr;        // ssm_a [n_v_heads]: -exp(A_log)
    const TensorInfo* beta = nullptr;     // ssm_beta.weight [embd, n_v_heads]
    const TensorInfo* alpha = nullptr;    // ssm_alpha.weight [embd, n_v_heads]
    const TensorInfo* norm = nullptr;     // ssm_norm.weight [head_dim]
    const TensorInfo* out = nullptr;      // ssm_out.weight [value_dim, embd]
    bool present() const { return in_qkv != nullptr; }
};

// Optional tensors are null when the file has none. A fused attn_qkv replaces wq, wk, wv (its
// rows: q, then k, then v); phi3's ffn_up holds gate and up ([embd, 2 ff]: gate rows first) and
// w_gate is null.
struct LayerWeights {
    const TensorInfo* attn_norm = nullptr;  // [embd]
    const TensorInfo* attn_norm_b = nullptr;   // [embd] LayerNorm
    const TensorInfo* attn_norm_2 = nullptr;   // [embd] falcon 40B: the attention's own norm
    const TensorInfo* attn_norm_2_b = nullptr; // [embd]
    const TensorInfo* wqkv = nullptr;       // [embd, q_dim + 2 kv_dim] fused
    const TensorInfo* bqkv = nullptr;       // [q_dim + 2 kv_dim]
    const TensorInfo* wq = nullptr;         // [embd, q_dim]
    const TensorInfo* wk = nullptr;         // [embd, kv_dim]
    const TensorInfo* wv = nullptr;         // [embd, kv_dim]
    const TensorInfo* bq = nullptr;         // [q_dim]   qwen2
    const TensorInfo* bk = nullptr;         // [kv_dim]  qwen2
    const TensorInfo* bv = nullptr;         // [kv_dim]  qwen2
    const TensorInfo* q_norm = nullptr;     // [head_dim] qwen3, gemma3
    const TensorInfo* k_norm = nullptr;     // [head_dim] qwen3, gemma3
    const TensorInfo* wo = nullptr;         // [q_dim, embd]
    const TensorInfo* bo = nullptr;         // [embd]
    const TensorInfo* attn_sinks = nullptr; // [n_head] gpt-oss: a logit per head in the softmax denominator
    const TensorInfo* post_attn_norm = nullptr;  // [embd] sandwich block (gemma); post-norm block: attn_output_norm
    const TensorInfo* post_attn_norm_b = nullptr;  // [embd] post-norm block (LayerNorm)
    const TensorInfo* ffn_norm = nullptr;   // [embd] (none in falcon's parallel block; gpt-oss: post_attention_norm)
    const TensorInfo* ffn_norm_b = nullptr; // [embd] LayerNorm
    const TensorInfo* w_gate = nullptr;     // [embd, ff]; null without a gate or when fused into w_up
    const TensorInfo* w_up = nullptr;       // [embd, ff], or [embd, 2 ff] gate and up fused
    const TensorInfo* w_down = nullptr;     // [ff, embd]
    const TensorInfo* b_gate = nullptr;     // [ff]
    const TensorInfo* b_up = nullptr;       // [ff]
    const TensorInfo* b_down = nullptr;     // [embd]
    const TensorInfo* post_ffn_norm = nullptr;   // [embd] sandwich block (gemma); post-norm block: layer_output_norm
    const TensorInfo* post_ffn_norm_b = nullptr; // [embd] post-norm block (LayerNorm)
    MoeWeights moe;                         // the experts, in place of w_gate/w_up/w_down (hp.moe.n_expert > 0; gemma4: beside them)
    DeltaNetWeights dn;                     // a recurrent layer's mixer, in place of the attention tensors
    // gemma4: the per-layer embedding's gate, projection and norm (model/per_layer_embd_*.cpp),
    // and the layer's output multiplier. Shapes with the layer's own sizes (LayerAttention).
    const TensorInfo* pl_inp_gate = nullptr;   // [embd, per_layer]
    const TensorInfo* pl_proj = nullptr;       // [per_layer, embd]
    const TensorInfo* pl_post_norm = nullptr;  // [embd]
    const TensorInfo* out_scale = nullptr;     // [1] layer_output_scale, optional
};

struct ModelWeights {
    const TensorInfo* token_embd = nullptr;   // [embd, vocab]
    const TensorInfo* token_embd_norm = nullptr;    // [embd] bloom: LayerNorm of the embeddings
    const TensorInfo* token_embd_norm_b = nullptr;  // [embd]
    const TensorInfo* token_types = nullptr;        // [embd, n_token_types] bert-style encoders (row 0 added), optional
    const TensorInfo* position_embd = nullptr;      // [embd, n_ctx_train] bert: absolute positions
    const TensorInfo* output_norm = nullptr;  // [embd]; null for encoders (their blocks end in a norm)
    const TensorInfo* output_norm_b = nullptr;  // [embd] LayerNorm
    const TensorInfo* output = nullptr;       // [embd, vocab]; token_embd when tied (always for gemma2); null for encoders
    const TensorInfo* rope_freqs = nullptr;   // [rope_dim / 2] llama3 frequency factors, optional
    const TensorInfo* rope_long = nullptr;    // [rope_dim / 2] LongRoPE factors (phi3), optional
    const TensorInfo* rope_short = nullptr;   // [rope_dim / 2]
    // gemma4's per-layer embeddings (hp.n_embd_per_layer > 0): P values per layer and token.
    const TensorInfo* per_layer_token_embd = nullptr;  // [P n_layer, vocab]
    const TensorInfo* per_layer_model_proj = nullptr;  // [embd, P n_layer]
    const TensorInfo* per_layer_proj_norm = nullptr;   // [P]
    bool gate_up_fused = false;               // every layer's w_up holds gate and up
    std::vector<LayerWeights> layers;
};

// The frequency factors a context of n_ctx positions rotates with, as llama.cpp chooses them:
// rope_freqs when present, else LongRoPE's long factors past the original context and the
// short ones within it; null for none.
const TensorInfo* rope_factors(const ModelWeights& w, const HParams& hp, uint32_t n_ctx);

// Looks up `name` and checks its shape; matrices must be of a supported weight type, other
// tensors F32 or F16. Errors name the tensor and both shapes.
Result<const TensorInfo*> find_tensor(const Gguf& g, const std::string& name, std::vector<uint64_t> dims, bool matrix,
                                      bool optional = false);

// The experts of layer prefix p ("blk.N."), checked against hp.moe (moe_weights.cpp); gemma4's
// are optional per layer (none: moe.present() false).
Result<MoeWeights> find_moe_weights(const Gguf& g, const HParams& hp, const std::string& p);

// The tensors of a post-norm encoder (bert, nomic-bert: encoder_weights.cpp), as llama.cpp's
// src/models/bert.cpp loads them.
Result<ModelWeights> find_encoder_weights(const Gguf& g, HParams& hp);
// Layer i of a hybrid model (BlockKind::Hybrid, qwen35: deltanet_weights.cpp): its norms and
// FFN, and gated attention (wq [embd, 2 q_dim], Q/K norms) or the DeltaNet tensors.
Result<LayerWeights> find_hybrid_layer(const Gguf& g, const HParams& hp, uint32_t i);

// Finds every tensor the architecture needs; errors name the tensor, expected and actual
// shape and type. Fills hp.n_vocab from token_embd.
Result<ModelWeights> find_weights(const Gguf& g, HParams& hp);

}  // namespace causerie
