// Random-weight GGUF models of a given shape and weight type: for tests of every architecture
// and type, and for benchmarks (`causerie-cli make-model`).
#pragma once
#include "core/result.h"
#include "gguf/gguf.h"
#include "gguf/gguf_writer.h"

#include <string>

namespace causerie {

struct RandomModelSpec {
    std::string arch = "llama";   // llama, qwen2, qwen3
    uint32_t n_embd = 256;
    uint32_t n_layer = 2;
    uint32_t n_head = 4;
    uint32_t n_head_kv = 2;
    uint32_t head_dim = 0;        // 0: n_embd / n_head
    uint32_t n_ff = 512;
    uint32_t n_vocab = 512;       // ignored when a vocabulary is given
    uint32_t n_ctx = 4096;
    std::string type = "f32";     // a tensor type name, or q4_k_m / q5_k_m mixes
    uint64_t seed = 1;
    bool tied_embeddings = false;
    float rope_base = 10000.f;
    float rope_linear_scale = 0.f; // > 0: rope.scaling.type = linear with this factor
    bool rope_freq_factors = false; // llama3-style rope_freqs.weight
    const Gguf* vocab = nullptr;  // copies tokenizer.* metadata from this file
};

// Builds the model in memory (metadata + tensors) ready to write.
Result<GgufWriter> make_random_model(const RandomModelSpec& spec);

}  // namespace causerie
