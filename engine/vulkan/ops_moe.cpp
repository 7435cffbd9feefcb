// The mixture-of-experts operations: the router's top-k, the chosen experts' products (one
// token: matvecs by id; a batch: pairs grouped by expert, an indexed matmul), their gathering.
#include "vulkan/ops.h"

#include "quant/gpu_pack.h"

#include <algorithm>

namespace causerie::vk {

using namespace shader;

namespace {
constexpr uint32_t kMoeSmallLaneTokens = 2;  // pairs per lane of the small-tile lanes variant
constexpr uint32_t kMoeTilePairs = 32;       // BN of moe_matmul.comp
constexpr uint32_t kMoeMaxExperts = 512;     // MAX_EXPERTS of moe_group.comp
}  // namespace

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
        // The indexed prefill matmul: the lanes kernel (with a small-tile variant for few pairs
        // per expert) on CPU devices, the shared-memory tile elsewhere; bindings as moe_matvec's
        // (x and aux as texel buffers with the weights).
        if (tuning_.matmul_lanes) {
            const uint32_t sg = dev_.info().subgroup_size, mask = tuning_.texel_weights ? 0b1000111u : 0u;
            TRY_ASSIGN(const Pipeline* big, pipes_.get({"moe_matmul_lanes_" + tex + s, 8 + g, sizeof(MoeMatmulPush),
                                                        {sg, tuning_.lanes_rows, tuning_.lanes_tokens}, mask | grid_texel << 8}));
            TRY_ASSIGN(const Pipeline* small, pipes_.get({"moe_matmul_lanes_" + tex + s, 8 + g, sizeof(MoeMatmulPush),
                                                          {sg, tuning_.lanes_rows, kMoeSmallLaneTokens}, mask | grid_texel << 8}));
            by_name_["moe_matmul_" + s] = big;
            by_name_["moe_matmul_small_" + s] = small;
        } else {
            TRY_ASSIGN(const Pipeline* tile, pipes_.get({"moe_matmul_" + s, 8 + g, sizeof(MoeMatmulPush), {}}));
            by_name_["moe_matmul_" + s] = tile;
        }
    }
    TRY_ASSIGN(const Pipeline* group, pipes_.get({"moe_group", 3, sizeof(MoeGroupPush), {}}));
    by_name_["moe_group"] = group;
    TRY_ASSIGN(const Pipeline* gather, pipes_.get({"moe_gather", 3, sizeof(MoeGatherPush), {}}));
    by_name_["moe_gather"] = gather;
    TRY_ASSIGN(const Pipeline* topk, pipes_.get({"moe_topk", 4, sizeof(MoeTopkPush), {}}));
    by_name_["moe_topk"] = topk;
    return {};
}

void Ops::moe_topk(Commands& c, const BufferRange& logits, const BufferRange& ids, const BufferRange& weights, uint32_t n,
                   MoeTopkPush p, const Buffer* expert_scale) const {
    p.n_tokens = n;
    p.expert_scale = expert_scale ? 1u : 0u;
    const BufferRange scales = expert_scale ? BufferRange(*expert_scale) : logits;  // bound but unread without
    c.dispatch(find("moe_topk"), {logits, ids, weights, scales}, p, (n + 63) / 64);
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

uint32_t Ops::moe_tile_pairs(uint32_t n, uint32_t k, uint32_t n_expert) const {
    if (!tuning_.matmul_lanes) return kMoeTilePairs;
    // Lanes: the large tile only when an expert's list fills it on average.
    const uint32_t sg = dev_.info().subgroup_size, big = sg * tuning_.lanes_tokens;
    return uint64_t(n) * k >= uint64_t(big) * std::max(n_expert, 1u) ? big : sg * kMoeSmallLaneTokens;
}

bool Ops::moe_grouping_pays(uint32_t n, uint32_t k, uint32_t n_expert) const {
    return !tuning_.matmul_lanes || uint64_t(n) * k >= uint64_t(moe_tile_pairs(n, k, n_expert)) * n_expert;
}

uint32_t Ops::moe_max_tiles(uint32_t n, uint32_t k, uint32_t n_expert, uint32_t tile) {
    const uint32_t pairs = n * k;
    return (pairs + tile - 1) / tile + std::min(n_expert, pairs);  // each expert's last tile may be partial
}

void Ops::moe_group(Commands& c, const BufferRange& ids, uint32_t n, const MoeGroups& g) const {
    if (g.n_expert > kMoeMaxExperts) return c.fail("moe_group: more than " + std::to_string(kMoeMaxExperts) + " experts");
    if (g.tiles.range < 4ull * (1 + 3ull * moe_max_tiles(n, g.k, g.n_expert, g.tile))) return c.fail("moe_group: tiles buffer too small");
    c.dispatch(find("moe_group"), {ids, g.list, g.tiles}, MoeGroupPush{n, g.k, g.n_expert, g.tile}, 1);
}

void Ops::moe_matmul(Commands& c, const GpuTensor& w, const MoeGroups& g, uint32_t n, const Buffer& x, bool x_per_slot,
                     const Buffer& y, const Buffer* bias, XInput xin) const {
    if (g.n_expert == 0 || w.rows % g.n_expert != 0) return c.fail("moe_matmul: '" + w.name + "' does not hold whole experts");
    if (w.chunks() != 1) return c.fail("moe_matmul: '" + w.name + "' is larger than one binding of this device");
    const Buffer& aux = xin.aux ? *xin.aux : x;
    if (tuning_.texel_weights && (!w.has_views() || !x.view || !aux.view))
        return c.fail("moe_matmul: '" + w.name + "' or its input has no texel view");
    const uint32_t M = uint32_t(w.rows / g.n_expert);
    const bool small = tuning_.matmul_lanes && g.tile == dev_.info().subgroup_size * kMoeSmallLaneTokens;
    const uint32_t lanes_tile = dev_.info().subgroup_size * tuning_.lanes_tokens;
    if (g.tile != (tuning_.matmul_lanes ? (small ? g.tile : lanes_tile) : kMoeTilePairs))
        return c.fail("moe_matmul: tiles of " + std::to_string(g.tile) + " pairs do not fit this kernel");
    const Pipeline* p = find((small ? "moe_matmul_small_" : "moe_matmul_") + type_suffix(w.type));
    MoeMatmulPush push{uint32_t(w.cols), M, g.k, x_per_slot ? 1u : 0u, bias ? 1u : 0u, xin.mode};
    const uint32_t gx = tuning_.matmul_lanes ? (M + tuning_.lanes_rows - 1) / tuning_.lanes_rows : (M + 63) / 64;
    const uint32_t gy = moe_max_tiles(n, g.k, g.n_expert, g.tile);
    const Buffer& b = bias ? *bias : y;
    if (w.has_grid())
        c.dispatch(p, {w.body(0), w.scales(0), x, y, g.list, g.tiles, aux, b, w.grid()}, push, gx, gy);
    else
        c.dispatch(p, {w.body(0), w.scales(0), x, y, g.list, g.tiles, aux, b}, push, gx, gy);
}

void Ops::moe_gather(Commands& c, const Buffer& down, const BufferRange& weights, const Buffer& y, uint32_t n, uint32_t k,
                     uint32_t width, bool accumulate) const {
    const uint32_t threads = n * width;
    c.dispatch(find("moe_gather"), {down, weights, y}, MoeGatherPush{n, k, width, accumulate ? 1u : 0u}, (threads + 63) / 64);
}

}  // namespace causerie::vk
