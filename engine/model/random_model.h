// Random-weight GGUF models of a given shape and weight type: for tests of every architecture
// and type, and for benchmarks (`causerie-cli make-model`).
#pragma once
#include "core/result.h"
#include "gguf/gguf.h"
#include "gguf/gguf_writer.h"

#include <string>

namespace causerie {

struct RandomModelSpec {
    std::string arch = "llama";   // llama, qwen2, qwen3, qwen3moe, gemma2, gemma3, phi3, granite, smollm3, mistral3, falcon, bloom, gpt-oss, qwen2moe, bert, nomic-bert, qwen35, qwen35moe, gemma4
    uint32_t n_embd = 256;
    uint32_t n_layer = 2;
    uint32_t n_head = 4;
    uint32_t n_head_kv = 2;
    uint32_t head_dim = 0;        // 0: n_embd / n_head
    uint32_t n_ff = 512;
    uint32_t n_vocab = 512;       // ignored when a vocabulary is given
    uint32_t n_ctx = 4096;
    std::string type = "f32";     // a tensor type name, q4_k_m / q5_k_m, or a mix "A+B" (B: more-bits layers)
    uint64_t seed = 1;
    bool tied_embeddings = false;
    float rope_base = 10000.f;
    float rope_linear_scale = 0.f; // > 0: rope.scaling.type = linear with this factor
    bool rope_freq_factors = false; // llama3-style rope_freqs.weight
    // gemma2 / gemma3 (each written only when > 0, else the reader's default applies: gemma2
    // window 4096, caps 50 and 30; gemma3 no window, no caps). gemma2 is always tied.
    uint32_t sliding_window = 0;  // attention.sliding_window
    uint32_t swa_period = 0;      // attention.sliding_window_pattern
    float rope_base_swa = 0.f;    // rope.freq_base_swa
    float attn_softcap = 0.f;     // attn_logit_softcapping
    float final_softcap = 0.f;    // final_logit_softcapping
    // Layouts and the newer architectures' keys (each written only when set).
    bool fused_qkv = false;       // attn_qkv instead of attn_q/k/v (always for falcon, bloom)
    uint32_t rope_dim = 0;        // rope.dimension_count; 0: head_dim
    uint32_t n_ctx_orig = 0;      // rope.scaling.original_context_length
    bool longrope = false;        // rope_factors_long / rope_factors_short (phi3, granite, mistral3)
    float rope_attn_factor = 0.f; // rope.scaling.attn_factor
    float rope_yarn_factor = 0.f; // > 0: rope.scaling.type = yarn with this factor
    float yarn_beta_fast = 0.f, yarn_beta_slow = 0.f;  // mistral3's rope.scaling.yarn_beta_*
    float attn_temp_scale = 0.f;  // mistral3: attention.temperature_scale
    float embedding_scale = 0.f, residual_scale = 0.f, attention_scale = 0.f;  // granite
    float logit_scale = 0.f;      // granite (required there: 1 when 0 is given)
    bool attn_norm_2 = false;     // falcon 40B: the attention's own norm
    bool qkv_bias = false;        // attn_q/k/v (or attn_qkv) biases for any architecture
    // Experts (llama: Mixtral's layout; qwen3moe, gpt-oss and qwen2moe require them; gemma4 below; gpt-oss's
    // come with biases, and its window defaults to 128; qwen2moe's and qwen35moe's with a shared expert): n_expert > 0 gives every layer
    // a router and 3-D expert tensors in place of the dense FFN.
    uint32_t n_expert = 0;
    uint32_t n_expert_used = 2;
    uint32_t n_ff_exp = 0;        // expert_feed_forward_length; 0: n_ff (written for qwen3moe)
    std::string expert_type;      // the experts' weight type; "": as the other matrices
    uint32_t n_ff_shexp = 0;      // the shared expert (qwen2moe, qwen35moe): expert_shared_feed_forward_length; 0: n_ff (not written)
    // Embedding models: <arch>.pooling_type (-1: not written; bert and nomic-bert default to 1,
    // mean) and attention.causal (bert and nomic-bert: written false). bert and nomic-bert get a
    // WordPiece vocabulary (tokenizer.ggml.model "bert") unless one is given.
    int pooling = -1;
    // qwen35 (Gated DeltaNet layers between full-attention ones): each 0 takes the default.
    uint32_t ssm_conv = 4;        // ssm.conv_kernel
    uint32_t ssm_state = 0;       // ssm.state_size (key and value head size); 0: head_dim
    uint32_t ssm_k_heads = 0;     // ssm.group_count; 0: n_head_kv
    uint32_t ssm_v_heads = 0;     // ssm.time_step_rank; 0: n_head
    uint32_t full_attn_interval = 4;  // full_attention_interval: every n-th layer full attention
    // gemma4: local layers' head size and rotated dims (key_length_swa, rope.dimension_count_swa;
    // 0: head_dim, rope_dim); the pattern from swa_period (layer i local when i % period <
    // period - 1, default 3; the last layer made global); the per-layer embedding width; the
    // last layers sharing KV; global layers without attn_v (V = K); layer_output_scale tensors.
    uint32_t head_dim_swa = 0;
    uint32_t rope_dim_swa = 0;
    uint32_t n_embd_per_layer = 0;
    uint32_t shared_kv_layers = 0;
    bool global_k_eq_v = false;
    uint32_t n_head_kv_global = 0;  // > 0: head_count_kv as a per-layer array (31B: fewer on global layers)
    uint32_t n_ff_shared = 0;       // > 0: feed_forward_length as an array, this on shared-KV layers (E2B's double-wide MLP)
    bool layer_out_scale = false;
    // gemma4 with experts (n_expert > 0; 26B-A4B's layout): each layer's dense FFN keeps beside a
    // router (ffn_gate_inp, its input scale ffn_gate_inp.scale), the experts' norms
    // (pre_ffw_norm_2, post_ffw_norm_1, post_ffw_norm_2), GELU-gated experts with gate and up
    // fused (ffn_gate_up_exps; apart: ffn_gate_exps and ffn_up_exps) and each expert's output
    // scale (ffn_down_exps.scale); expert_feed_forward_length always written.
    bool experts_gate_up_apart = false;
    const Gguf* vocab = nullptr;  // copies tokenizer.* metadata from this file
};

// A WordPiece vocabulary as llama.cpp's converter writes BERT's ([PAD] 0, [UNK] 100, [CLS] 101,
// [SEP] 102, [MASK] 103; word starts prefixed with U+2581, continuations bare): letters, digits
// and punctuation in both forms, then frequent English and French words and letter pairs, at most
// n tokens (at least the 104 specials); returns how many.
uint32_t add_wordpiece_vocab(GgufWriter& w, uint32_t n);

// Builds the model in memory (metadata + tensors) ready to write.
Result<GgufWriter> make_random_model(const RandomModelSpec& spec);

}  // namespace causerie
