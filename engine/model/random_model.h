// Random-weight GGUF models of a given shape and weight type: for tests of every architecture
// and type, and for benchmarks (`causerie-cli make-model`).
#pragma once
#include "core/result.h"
#include "gguf/gguf.h"
#include "gguf/gguf_writer.h"

#include <string>

namespace causerie {

struct RandomModelSpec {
    std::string arch = "llama";   // llama, qwen2, qwen3, gemma2, gemma3
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
    const Gguf* vocab = nullptr;  // copies tokenizer.* metadata from this file
};

// Builds the model in memory (metadata + tensors) ready to write.
Result<GgufWriter> make_random_model(const RandomModelSpec& spec);

}  // namespace causerie
