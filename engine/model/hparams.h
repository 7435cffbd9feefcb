// Hyperparameters of a decoder-only transformer, read from GGUF metadata with defaults.
#pragma once
#include "core/result.h"
#include "gguf/gguf.h"

#include <string>

namespace causerie {

enum class Arch { Llama, Qwen2, Qwen3 };
enum class RopeMode { Normal, Neox };  // adjacent pairs / halves rotated

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
    bool qk_norm = false;      // qwen3

    uint32_t q_dim() const { return n_head * head_dim; }
    uint32_t kv_dim() const { return n_head_kv * head_dim; }
};

// Architecture name -> hyperparameters; an unsupported architecture is a clear error.
Result<HParams> read_hparams(const Gguf& g);

}  // namespace causerie
