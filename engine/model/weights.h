// The tensors of a model, looked up by name and checked against the hyperparameters.
// Shapes are written as ggml does: [row length, rows] ([in, out] for a weight matrix).
#pragma once
#include "core/result.h"
#include "gguf/gguf.h"
#include "model/hparams.h"

#include <vector>

namespace causerie {

struct LayerWeights {
    const TensorInfo* attn_norm = nullptr;  // [embd]
    const TensorInfo* wq = nullptr;         // [embd, q_dim]
    const TensorInfo* wk = nullptr;         // [embd, kv_dim]
    const TensorInfo* wv = nullptr;         // [embd, kv_dim]
    const TensorInfo* bq = nullptr;         // [q_dim]   qwen2
    const TensorInfo* bk = nullptr;         // [kv_dim]  qwen2
    const TensorInfo* bv = nullptr;         // [kv_dim]  qwen2
    const TensorInfo* q_norm = nullptr;     // [head_dim] qwen3, gemma3
    const TensorInfo* k_norm = nullptr;     // [head_dim] qwen3, gemma3
    const TensorInfo* wo = nullptr;         // [q_dim, embd]
    const TensorInfo* post_attn_norm = nullptr;  // [embd] sandwich block (gemma)
    const TensorInfo* ffn_norm = nullptr;   // [embd]
    const TensorInfo* w_gate = nullptr;     // [embd, ff]
    const TensorInfo* w_up = nullptr;       // [embd, ff]
    const TensorInfo* w_down = nullptr;     // [ff, embd]
    const TensorInfo* post_ffn_norm = nullptr;   // [embd] sandwich block (gemma)
};

struct ModelWeights {
    const TensorInfo* token_embd = nullptr;   // [embd, vocab]
    const TensorInfo* output_norm = nullptr;  // [embd]
    const TensorInfo* output = nullptr;       // [embd, vocab]; token_embd when tied (always for gemma2)
    const TensorInfo* rope_freqs = nullptr;   // [rope_dim / 2] llama3 frequency factors, optional
    std::vector<LayerWeights> layers;
};

// Finds every tensor the architecture needs; errors name the tensor, expected and actual
// shape and type. Fills hp.n_vocab from token_embd.
Result<ModelWeights> find_weights(const Gguf& g, HParams& hp);

}  // namespace causerie
