// Hyperparameters of a decoder-only transformer, read from GGUF metadata with defaults.
#pragma once
#include "core/result.h"
#include "gguf/gguf.h"

#include <string>
#include <vector>

namespace causerie {

enum class Arch { Llama, Qwen2, Qwen3, Gemma2, Gemma3 };
enum class RopeMode { Normal, Neox };  // adjacent pairs / halves rotated
// How a layer's residual block is built: one norm before attention and before the FFN (llama,
// qwen), or gemma's "sandwich": norms before and after each, the post-norm ahead of the residual.
enum class BlockKind { PreNorm, Sandwich };
enum class Activation { Silu, GeluTanh };  // of the gated FFN: SwiGLU, or GELU (tanh form) gated

// What a layer's attention sees and how it rotates: local (sliding-window) layers differ from
// global ones in window and RoPE base/scaling (gemma2, gemma3).
struct LayerAttention {
    uint32_t window = 0;      // a query at p sees keys t with p - t < window; 0: all of [0, p]
    float rope_base = 10000.f;
    float rope_scale = 1.f;   // linear scaling: positions divided by this factor
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

    uint32_t q_dim() const { return n_head * head_dim; }
    uint32_t kv_dim() const { return n_head_kv * head_dim; }
};

// The architectures read_hparams accepts, for error messages: "llama, qwen2, ...".
const char* supported_architectures();

// Architecture name -> hyperparameters; an unsupported architecture is a clear error.
Result<HParams> read_hparams(const Gguf& g);

}  // namespace causerie
