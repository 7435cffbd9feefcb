// gemma4's per-layer embeddings on Vulkan, step for step as CpuModel's (per_layer_embd_cpu.cpp).
#include "model/vk_model.h"

#include <cmath>

namespace causerie {

using namespace vk;

Status VkModel::load_per_layer(const std::function<Result<GpuTensor>(const TensorInfo*)>& weight,
                               const std::function<Result<Buffer>(const TensorInfo*)>& vec) {
    const HParams& h = file_.hp;
    const ModelWeights& w = file_.weights;
    TRY_ASSIGN(per_layer_token_embd_, weight(w.per_layer_token_embd));
    TRY_ASSIGN(per_layer_model_proj_, weight(w.per_layer_model_proj));
    TRY_ASSIGN(per_layer_proj_norm_, vec(w.per_layer_proj_norm));
    const uint64_t B = opts_.max_batch, P = h.n_embd_per_layer, PL = P * h.n_layer;
    const VkFormat float_view = ops_->tuning().texel_weights ? VK_FORMAT_R32G32B32A32_SFLOAT : VK_FORMAT_UNDEFINED;
    TRY_ASSIGN(pl_, set_->create(B * PL * 4, MemoryKind::DeviceLocal, float_view));
    TRY_ASSIGN(pl_tok_, set_->create(B * PL * 4, MemoryKind::DeviceLocal, float_view));
    TRY_ASSIGN(pg_, set_->create(B * P * 4, MemoryKind::DeviceLocal, float_view));
    return {};
}

void VkModel::per_layer_inputs(Commands& c, uint32_t n) {
    const HParams& h = file_.hp;
    const uint32_t P = h.n_embd_per_layer, PL = P * h.n_layer;
    const Ops& op = *ops_;
    // Token part: pl_tok[n][n_layer][P] = per_layer_token_embd[tokens]; projection of the
    // embedding: pl[n][n_layer][P] = W_model_proj x / sqrt(E)
    op.get_rows(c, per_layer_token_embd_, tokens_, n, pl_tok_);
    proj(c, n, per_layer_model_proj_, x_, pl_, false, nullptr, XInput{}, 1.0f / std::sqrt(float(h.n_embd)));
    c.barrier();
    // Each layer's P values RMS-normed with per_layer_proj_norm
    op.rmsnorm(c, pl_, per_layer_proj_norm_, pl_, P, n * h.n_layer, h.rms_eps);
    c.barrier();
    // Sum: pl = (pl + pl_tok * sqrt(P)) / sqrt(2)
    op.per_layer_combine(c, pl_tok_, pl_, n * PL, std::sqrt(float(P)), 1.0f / std::sqrt(2.0f));
    c.barrier();
}

void VkModel::per_layer_embd_step(Commands& c, uint32_t n, uint32_t l) {
    const HParams& h = file_.hp;
    const Layer& L = layers_[l];
    // Gate: pg[n][P] = gelu(W_inp_gate x) * pl[l]
    proj(c, n, L.pl_inp_gate, x_, pg_, false, nullptr, XInput{});
    c.barrier();
    ops_->per_layer_gate(c, pg_, pl_, n, h.n_embd_per_layer, h.n_layer, l);
    c.barrier();
    // Projection, post-norm and residual: xb[n][E] = W_proj pg; x += rmsnorm(xb) * post_norm
    proj(c, n, L.pl_proj, pg_, xb_, false, nullptr, XInput{});
    c.barrier();
    add_post_norm(c, n, xb_, L.pl_post_norm);
}

}  // namespace causerie
