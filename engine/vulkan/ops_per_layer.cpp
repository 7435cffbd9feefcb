// gemma4's additions to the ops: attention pipelines for a second head size, and the
// per-layer embeddings' element-wise kernels (per_layer_embd.comp).
#include "vulkan/ops.h"

namespace causerie::vk {

using namespace shader;

Status Ops::prepare_head_dim(uint32_t head_dim) {
    if (head_dim == 0 || head_dim > 512 || head_dim % 2 != 0)
        return make_error("head dimension " + std::to_string(head_dim) + " is not supported on Vulkan (even, at most 512)");
    // The split and plain attention loop over ceil(head_dim / 2 / workgroup) pairs at most: the
    // pipelines of the largest head size (prepare) serve the smaller ones. The lanes kernel is
    // specialized to its head size.
    if (tuning_.matmul_lanes && head_dim % 8 == 0 && dev_.info().subgroup_shuffle) {
        const uint32_t sg = dev_.info().subgroup_size, per_lane = (head_dim / 8 + sg - 1) / sg;
        TRY_ASSIGN(const Pipeline* p, pipes_.get({"attention_lanes" + std::string(tuning_.texel_weights ? "_tex" : ""), 6, sizeof(AttentionPush),
                                                  {sg, head_dim / 4, per_lane}, tuning_.texel_weights ? 0b110u : 0u}));
        by_name_["attention_lanes/" + std::to_string(head_dim)] = p;
    }
    return {};
}

Status Ops::prepare_per_layer() {
    for (const char* name : {"per_layer_combine", "per_layer_gate"}) {
        TRY_ASSIGN(const Pipeline* p, pipes_.get({name, 2, sizeof(PerLayerPush), {}}));
        by_name_[name] = p;
    }
    return {};
}

void Ops::per_layer_combine(Commands& c, const Buffer& tok, const Buffer& pl, uint32_t n, float tok_scale, float scale) const {
    c.dispatch(find("per_layer_combine"), {tok, pl}, PerLayerPush{n, 0, 0, 0, tok_scale, scale}, (n + 255) / 256);
}

void Ops::per_layer_gate(Commands& c, const Buffer& g, const Buffer& pl, uint32_t n_tokens, uint32_t width, uint32_t layers,
                         uint32_t layer) const {
    const uint32_t n = n_tokens * width;
    c.dispatch(find("per_layer_gate"), {g, pl}, PerLayerPush{n, width, layers, layer, 1.0f, 1.0f}, (n + 255) / 256);
}

}  // namespace causerie::vk
