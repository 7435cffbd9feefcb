// The mixture-of-experts operations: the router's top-k and the chosen experts' products.
#include "vulkan/ops.h"

#include "quant/gpu_pack.h"

namespace causerie::vk {

using namespace shader;

Status Ops::prepare_experts(const std::vector<TensorType>& types) {
    const std::string tex = tuning_.texel_weights ? "tex_" : "";
    const uint32_t texel = tuning_.texel_weights ? 3u : 0u;
    for (TensorType t : types) {
        const std::string s = type_suffix(t);
        const uint32_t g = gpu_layout(t).grid.empty() ? 0u : 1u;
        const uint32_t grid_texel = g && tuning_.texel_weights ? 1u : 0u;
        TRY_ASSIGN(const Pipeline* p, pipes_.get({"moe_matvec_" + tex + s, 8 + g, sizeof(MoeMatvecPush),
                                                  {tuning_.matvec_wg, tuning_.matvec_rows}, texel | grid_texel << 8}));
        by_name_["moe_matvec_" + s] = p;
    }
    TRY_ASSIGN(const Pipeline* topk, pipes_.get({"moe_topk", 3, sizeof(MoeTopkPush), {}}));
    by_name_["moe_topk"] = topk;
    return {};
}

void Ops::moe_topk(Commands& c, const BufferRange& logits, const BufferRange& ids, const BufferRange& weights, uint32_t n,
                   MoeTopkPush p) const {
    p.n_tokens = n;
    c.dispatch(find("moe_topk"), {logits, ids, weights}, p, (n + 63) / 64);
}

void Ops::moe_matvec(Commands& c, const GpuTensor& w, const MoeChoice& ch, const Buffer& x, bool x_per_slot, const Buffer& y,
                     uint32_t n, bool sum_slots, bool accumulate, const Buffer* bias, XInput xin) const {
    if (ch.n_expert == 0 || w.rows % ch.n_expert != 0) return c.fail("moe_matvec: '" + w.name + "' does not hold whole experts");
    if (w.chunks() != 1) return c.fail("moe_matvec: '" + w.name + "' is larger than one binding of this device");
    if (tuning_.texel_weights && !w.has_views()) return c.fail("moe_matvec: '" + w.name + "' was uploaded without texel views");
    const Pipeline* p = find("moe_matvec_" + type_suffix(w.type));
    const uint32_t M = uint32_t(w.rows / ch.n_expert);
    const uint32_t row_groups = (M + tuning_.matvec_rows - 1) / tuning_.matvec_rows;
    MoeMatvecPush push{uint32_t(w.cols), M, ch.k, n, x_per_slot ? 1u : 0u, sum_slots ? 1u : 0u, accumulate ? 1u : 0u,
                       bias ? 1u : 0u, xin.mode, row_groups, xin.alpha, xin.limit};
    const uint32_t groups = row_groups * n * (sum_slots ? 1u : ch.k);
    const Buffer& aux = xin.aux ? *xin.aux : x;
    const Buffer& b = bias ? *bias : y;
    if (w.has_grid())
        c.dispatch(p, {w.body(0), w.scales(0), x, y, ch.ids, ch.weights, aux, b, w.grid()}, push, groups);
    else
        c.dispatch(p, {w.body(0), w.scales(0), x, y, ch.ids, ch.weights, aux, b}, push, groups);
}

}  // namespace causerie::vk
