// The plain f32 CPU reference of the forward pass: the truth every Vulkan kernel is tested against.
#pragma once
#include "core/result.h"
#include "model/backend.h"
#include "model/hparams.h"
#include "model/weights.h"

#include <span>
#include <vector>

namespace causerie {

class CpuModel final : public Backend {
public:
    // `file` is the whole GGUF file (the mmap); weights are read in place, row by row.
    CpuModel(const HParams& hp, const ModelWeights& w, std::span<const uint8_t> file, uint32_t n_ctx);

    // Evaluates `tokens` at positions [pos, pos + n) and returns logits [n][vocab]
    // (only the last row when all_logits is false).
    Result<std::vector<float>> forward(std::span<const int32_t> tokens, uint32_t pos, bool all_logits = true) override;

    uint32_t n_ctx() const override { return n_ctx_; }
    uint64_t device_bytes() const override { return (k_cache_.size() + v_cache_.size()) * 4; }

private:
    void forward_token(int32_t token, uint32_t pos, float* logits);
    void matvec(const TensorInfo* w, const float* x, float* y) const;  // y[rows] = W x
    std::vector<float> vec(const TensorInfo* t) const;                 // small tensor as f32

    HParams hp_;
    ModelWeights w_;
    std::span<const uint8_t> file_;
    uint32_t n_ctx_;
    std::vector<float> k_cache_, v_cache_;  // [layer][ctx][kv_dim]
    std::vector<float> rope_freqs_;         // [rope_dim / 2], 1 when the model has none
};

// Building blocks shared with the tests of the individual shaders.
namespace ref {
void rmsnorm(const float* x, const float* w, float* out, uint32_t n, float eps);
void rope(float* v, uint32_t n_heads, uint32_t head_dim, uint32_t rope_dim, RopeMode mode, float pos,
          float base, const float* freq_factors);
float silu(float x);
// One query against `n_kv` cached positions of one KV head: out[head_dim].
void attend(const float* q, const float* k, const float* v, uint32_t n_kv, uint32_t head_dim, uint32_t kv_stride, float* out);
}  // namespace ref

}  // namespace causerie
