#include "vulkan/ops.h"

#include "quant/gpu_pack.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace causerie::vk {

using namespace shader;

constexpr uint32_t kSmallLaneTokens = 2;  // tokens per lane of the small-batch lanes matmul

Tuning Tuning::for_device(const DeviceInfo& info) {
    Tuning t;
    if (info.type == "cpu") {
        // lavapipe: one subgroup per workgroup avoids barriers; threads are SIMD lanes.
        t.matvec_wg = info.subgroup_size;
        t.matvec_rows = 128;  // bench-155M Q4_0 tg: 32 rows 8.5 tok/s, 64 rows 12.1, 128 rows 15.7
        t.matmul_lanes = true;
        // A tile of 16 rows x 8 tokens per lane: with texel reads, larger tiles gain little
        // (bench-155M Q4_0 pp512: 32x16 1.08x of 16x8, ABBA) and llvmpipe compiles them on first
        // use for much longer (first run with an empty Mesa cache: 93 s at 32x16, 14 s at
        // 16x8). Short prompts use 2 tokens per lane.
        t.lanes_rows = 16;
        t.lanes_tokens = 8;
        t.norm_wg = info.subgroup_size;
        t.attn_wg = std::max<uint32_t>(info.subgroup_size, 8);
        // Decode attention runs in attention_lanes.comp; where that kernel is missing (head
        // size not a multiple of 8, no subgroup shuffle) splitting the context only adds
        // workgroups on a few cores (bench-155M Q4_0 at depth 1000: 10.2 tok/s split, 12.9 not).
        t.attn_split_len = 0;
        // A per-lane storage-buffer load is a loop over the lanes there, a texel fetch a gather;
        // unless texel buffers are small (the Vulkan minimum is 65536 texels), which would cut
        // weights into many bindings.
        t.texel_weights = info.max_texel_elements >= (1u << 24);
        t.deltanet_rows = 4;  // qwen35-shaped 128-token prefill on lavapipe: the rule 65% -> 28% of it
        // The sequential rule: a 256-token prefill on lavapipe at 291 tok/s, in chunks of 8 at 267
        // (64: 176), the state in shared memory at 80
        t.deltanet_chunk = 0;
    } else {
        // Measured on an H200 (Llama 8B / 1B shapes): 128 threads x 4 rows beat 64 x 2 by 14% / 6%.
        t.matvec_wg = std::max<uint32_t>(128, info.subgroup_size);
        t.matvec_rows = 4;
        t.norm_wg = std::max<uint32_t>(64, info.subgroup_size);
        t.attn_wg = std::max<uint32_t>(32, info.subgroup_size);
        // The chunked delta rule: chunks of 64 where the prep's shared memory fits, else of 32
        t.deltanet_chunk = info.max_shared_memory >= deltanet_prep_shared_bytes(64) ? 64 : 32;
    }
    // Overrides for tuning experiments: CAUSERIE_TUNING="matvec_wg,matvec_rows,norm_wg,attn_wg
    // [,matmul_lanes,lanes_rows,lanes_tokens[,attn_split_len[,texel_weights]]]".
    if (const char* env = std::getenv("CAUSERIE_TUNING")) {
        unsigned a = 0, b = 0, c = 0, d = 0;
        unsigned e = t.matmul_lanes, f = t.lanes_rows, g = t.lanes_tokens, h = t.attn_split_len, k = t.texel_weights;
        if (std::sscanf(env, "%u,%u,%u,%u,%u,%u,%u,%u,%u", &a, &b, &c, &d, &e, &f, &g, &h, &k) >= 4 && a && b && c && d && f && g) {
            const Tuning kept = t;
            t = Tuning{a, b, c, d, e != 0, f, g, h, k != 0};
            t.deltanet_rows = kept.deltanet_rows;
            t.deltanet_chunk = kept.deltanet_chunk;
        }
    }
    // CAUSERIE_DELTANET="rows,chunk": the delta rule's rows per thread (1 or 4) and chunk (0 to 64)
    if (const char* env = std::getenv("CAUSERIE_DELTANET")) {
        unsigned rows = 0, chunk = 0;
        if (std::sscanf(env, "%u,%u", &rows, &chunk) == 2 && (rows == 1 || rows == 4) && chunk <= 64) {
            t.deltanet_rows = rows;
            t.deltanet_chunk = chunk;
        }
    }
    return t;
}

std::string type_suffix(TensorType t) {
    std::string s(type_name(t));
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

Status Ops::prepare(const std::vector<TensorType>& types, uint32_t head_dim) {
    auto add = [&](const std::string& key, PipelineDesc d) -> Status {
        TRY_ASSIGN(const Pipeline* p, pipes_.get(d));
        by_name_[key] = p;
        return {};
    };
    // Weight bindings 0 and 1 as texel buffers (and the lanes matmul's input, binding 2), or
    // storage buffers.
    const std::string tex = tuning_.texel_weights ? "tex_" : "";
    const uint32_t texel = tuning_.texel_weights ? 3u : 0u, lanes_texel = tuning_.texel_weights ? 7u : 0u;
    for (TensorType t : types) {
        std::string s = type_suffix(t);
        // The grid i-quants read their grid from one more binding, after the others (GRID_BINDING
        // in the shaders), a texel buffer where the weights are.
        const uint32_t g = gpu_layout(t).grid.empty() ? 0u : 1u;
        const uint32_t grid_texel = g && tuning_.texel_weights ? 1u : 0u;
        TRY_STATUS(add("matvec_" + s, {"matvec_" + tex + s, 6 + g, sizeof(MatvecPush), {tuning_.matvec_wg, tuning_.matvec_rows},
                                       texel | grid_texel << 6}));
        if (tuning_.matmul_lanes) {
            TRY_STATUS(add("matmul_" + s, {"matmul_lanes_" + tex + s, 5 + g, sizeof(MatmulPush),
                                           {dev_.info().subgroup_size, tuning_.lanes_rows, tuning_.lanes_tokens}, lanes_texel | grid_texel << 5}));
            TRY_STATUS(add("matmul_small_" + s, {"matmul_lanes_" + tex + s, 5 + g, sizeof(MatmulPush),
                                                 {dev_.info().subgroup_size, tuning_.lanes_rows, kSmallLaneTokens}, lanes_texel | grid_texel << 5}));
        } else
            TRY_STATUS(add("matmul_" + s, {"matmul_" + s, 5 + g, sizeof(MatmulPush), {}}));
        TRY_STATUS(add("get_rows_" + s, {"get_rows_" + s, 4 + g, sizeof(GetRowsPush), {}}));
    }
    TRY_STATUS(add("rmsnorm", {"rmsnorm", 3, sizeof(RmsNormPush), {tuning_.norm_wg}}));
    TRY_STATUS(add("rmsnorm_add", {"rmsnorm_add", 3, sizeof(RmsNormPush), {tuning_.norm_wg}}));
    TRY_STATUS(add("layernorm", {"layernorm", 4, sizeof(RmsNormPush), {tuning_.norm_wg}}));
    TRY_STATUS(add("rope_store", {"rope_store", 8, sizeof(RopeStorePush), {}}));
    // attention.comp keeps a query in shared memory of 512 floats (MAX_D).
    if (head_dim == 0 || head_dim > 512 || head_dim % 2 != 0)
        return make_error("head dimension " + std::to_string(head_dim) + " is not supported on Vulkan (even, at most 512)");
    uint32_t max_pairs = std::max<uint32_t>(1, (head_dim / 2 + tuning_.attn_wg - 1) / tuning_.attn_wg);
    TRY_STATUS(add("attention", {"attention", 6, sizeof(AttentionPush), {tuning_.attn_wg, max_pairs}}));
    TRY_STATUS(add("attention_split", {"attention_split", 5, sizeof(AttentionSplitPush), {tuning_.attn_wg, max_pairs}}));
    TRY_STATUS(add("attention_combine", {"attention_combine", 3, sizeof(AttentionSplitPush), {}}));
    if (tuning_.matmul_lanes && head_dim % 8 == 0 && dev_.info().subgroup_shuffle) {
        const uint32_t sg = dev_.info().subgroup_size, per_lane = (head_dim / 8 + sg - 1) / sg;
        TRY_STATUS(add("attention_lanes", {"attention_lanes" + std::string(tuning_.texel_weights ? "_tex" : ""), 6, sizeof(AttentionPush),
                                           {sg, head_dim / 4, per_lane}, tuning_.texel_weights ? 0b110u : 0u}));
    }
    TRY_STATUS(add("swiglu", {"swiglu", 2, sizeof(SwigluPush), {}}));
    TRY_STATUS(add("geglu", {"geglu", 2, sizeof(SwigluPush), {}}));
    TRY_STATUS(add("gelu", {"gelu", 1, sizeof(SwigluPush), {}}));
    TRY_STATUS(add("swiglu_split", {"swiglu_split", 2, sizeof(SwigluPush), {}}));
    TRY_STATUS(add("geglu_split", {"geglu_split", 2, sizeof(SwigluPush), {}}));
    TRY_STATUS(add("scale", {"scale", 2, sizeof(ScalePush), {}}));
    TRY_STATUS(add("softcap", {"softcap", 1, sizeof(SoftcapPush), {}}));
    return {};
}

const Pipeline* Ops::find(const std::string& name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
}

void Ops::matvec(Commands& c, const GpuTensor& w, const Buffer& x, uint32_t x_offset, const Buffer& y, uint32_t y_offset,
                 bool accumulate, const Buffer* bias, XInput xin, float y_scale) const {
    const Pipeline* p = find("matvec_" + type_suffix(w.type));
    if (tuning_.texel_weights && !w.has_views()) return c.fail("matvec: '" + w.name + "' was uploaded without texel views");
    for (uint32_t ch = 0; ch < w.chunks(); ++ch) {
        MatvecPush push{uint32_t(w.cols), uint32_t(w.chunk_size(ch)), uint32_t(w.chunk_begin(ch)), x_offset, y_offset,
                        accumulate ? 1u : 0u, bias ? 1u : 0u, xin.mode, xin.eps, y_scale};
        uint32_t groups = uint32_t((w.chunk_size(ch) + tuning_.matvec_rows - 1) / tuning_.matvec_rows);
        if (w.has_grid())
            c.dispatch(p, {w.body(ch), w.scales(ch), x, y, bias ? *bias : y, xin.aux ? *xin.aux : x, w.grid()}, push, groups);
        else
            c.dispatch(p, {w.body(ch), w.scales(ch), x, y, bias ? *bias : y, xin.aux ? *xin.aux : x}, push, groups);
    }
}

void Ops::matmul(Commands& c, const GpuTensor& w, const Buffer& x, uint32_t n, const Buffer& y, bool accumulate,
                 const Buffer* bias, float y_scale) const {
    // Lanes matmul: a short batch would waste most of a large tile, it gets the small variant.
    const uint32_t sg = dev_.info().subgroup_size;
    const bool small = n <= small_batch_tokens();
    const uint32_t lane_tokens = small ? kSmallLaneTokens : tuning_.lanes_tokens;
    const Pipeline* p = find((small ? "matmul_small_" : "matmul_") + type_suffix(w.type));
    if (tuning_.texel_weights && tuning_.matmul_lanes && (!w.has_views() || !x.view))
        return c.fail("matmul: '" + w.name + "' or its input has no texel view");
    for (uint32_t ch = 0; ch < w.chunks(); ++ch) {
        MatmulPush push{uint32_t(w.cols), uint32_t(w.chunk_size(ch)), n, uint32_t(w.chunk_begin(ch)), uint32_t(w.cols),
                        uint32_t(w.rows), accumulate ? 1u : 0u, bias ? 1u : 0u, y_scale};
        uint32_t gx, gy;
        if (tuning_.matmul_lanes) {
            uint32_t per_group = sg * lane_tokens;
            gx = uint32_t((w.chunk_size(ch) + tuning_.lanes_rows - 1) / tuning_.lanes_rows);
            gy = (n + per_group - 1) / per_group;
        } else {
            gx = uint32_t((w.chunk_size(ch) + 63) / 64);
            gy = (n + 31) / 32;
        }
        if (w.has_grid()) c.dispatch(p, {w.body(ch), w.scales(ch), x, y, bias ? *bias : y, w.grid()}, push, gx, gy);
        else c.dispatch(p, {w.body(ch), w.scales(ch), x, y, bias ? *bias : y}, push, gx, gy);
    }
}

void Ops::get_rows(Commands& c, const GpuTensor& w, const Buffer& tokens, uint32_t n, const Buffer& out, float scale) const {
    const Pipeline* p = find("get_rows_" + type_suffix(w.type));
    const uint32_t unit = w.type == TensorType::F32 || w.type == TensorType::F16 || w.type == TensorType::BF16 ? 4 : 16;
    uint32_t threads = uint32_t(w.cols / unit) * n;
    for (uint32_t ch = 0; ch < w.chunks(); ++ch) {
        GetRowsPush push{uint32_t(w.cols), n, uint32_t(w.chunk_begin(ch)), uint32_t(w.chunk_begin(ch) + w.chunk_size(ch)), scale};
        if (w.has_grid()) c.dispatch(p, {w.body(ch), w.scales(ch), tokens, out, w.grid()}, push, (threads + 63) / 64);
        else c.dispatch(p, {w.body(ch), w.scales(ch), tokens, out}, push, (threads + 63) / 64);
    }
}

void Ops::rmsnorm(Commands& c, const Buffer& x, const Buffer& w, const Buffer& out, uint32_t n, uint32_t rows, float eps) const {
    c.dispatch(find("rmsnorm"), {x, w, out}, RmsNormPush{n, rows, eps}, rows);
}

void Ops::rmsnorm_add(Commands& c, const Buffer& x, const Buffer& w, const Buffer& out, uint32_t n, uint32_t rows, float eps) const {
    c.dispatch(find("rmsnorm_add"), {x, w, out}, RmsNormPush{n, rows, eps}, rows);
}

void Ops::layernorm(Commands& c, const Buffer& x, const Buffer& w, const Buffer& b, const Buffer& out, uint32_t n, uint32_t rows,
                    float eps) const {
    c.dispatch(find("layernorm"), {x, w, out, b}, RmsNormPush{n, rows, eps}, rows);
}

void Ops::rope_store(Commands& c, const RopeStorePush& p, const Buffer& q, const Buffer& k, const Buffer& v, const Buffer& k_cache,
                     const Buffer& v_cache, const Buffer& freqs, const Buffer& step, const Buffer& q_out) const {
    uint32_t threads = p.n_tokens * (p.n_head + 2 * p.n_head_kv) * (p.head_dim / 2);
    c.dispatch(find("rope_store"), {q, k, v, k_cache, v_cache, freqs, step, q_out}, p, (threads + 63) / 64);
}

void Ops::attention(Commands& c, const AttentionPush& p, const Buffer& q, const Buffer& k_cache, const Buffer& v_cache,
                    const Buffer& out, const Buffer& step, const Buffer* sinks) const {
    if (p.has_sinks && !sinks) return c.fail("attention: sinks announced but not given");
    const Buffer& sk = sinks ? *sinks : q;  // bound but unread without sinks
    // CPU devices: one lane per query of a KV head (see attention_lanes.comp).
    const Pipeline* lanes = find("attention_lanes/" + std::to_string(p.head_dim));  // another head size's (prepare_head_dim)
    if (!lanes) lanes = find("attention_lanes");
    if (lanes) {
        if (tuning_.texel_weights && (!k_cache.view || !v_cache.view)) return c.fail("attention: the KV cache has no texel views");
        uint32_t items = p.n_tokens * (p.n_head / p.n_head_kv);
        uint32_t tiles = (items + lanes->workgroup - 1) / lanes->workgroup;
        c.dispatch(lanes, {q, k_cache, v_cache, out, step, sk}, p, tiles * p.n_head_kv);
        return;
    }
    c.dispatch(find("attention"), {q, k_cache, v_cache, out, step, sk}, p, p.n_tokens * p.n_head);
}

void Ops::attention_split(Commands& c, const AttentionPush& p, const Buffer& q, const Buffer& k_cache, const Buffer& v_cache,
                          const Buffer& out, const Buffer& step, const Buffer& partials, uint32_t n_ctx, const Buffer* sinks) const {
    const uint32_t splits = attention_splits(n_ctx);
    if (splits <= 1 || p.n_tokens != 1) return attention(c, p, q, k_cache, v_cache, out, step, sinks);
    if (partials.size < attention_partial_floats(p.n_head, p.head_dim, n_ctx) * 4) return c.fail("attention_split: partials buffer too small");
    if (p.has_sinks && !sinks) return c.fail("attention_split: sinks announced but not given");
    const AttentionSplitPush sp{p.n_head, p.n_head_kv, p.head_dim,       p.scale,   tuning_.attn_split_len, splits,
                                p.window, p.softcap,   p.alibi_max_bias, p.kv_rows, p.has_sinks};
    c.dispatch(find("attention_split"), {q, k_cache, v_cache, partials, step}, sp, p.n_head * splits);
    c.barrier();
    c.dispatch(find("attention_combine"), {partials, out, sinks ? *sinks : out}, sp, p.n_head);
}

uint32_t Ops::small_batch_tokens() const {
    return tuning_.matmul_lanes ? dev_.info().subgroup_size * kSmallLaneTokens * 2 : 0;
}

void Ops::glu(Commands& c, bool gelu, const Buffer& gate, const Buffer& up, uint32_t n) const {
    c.dispatch(find(gelu ? "geglu" : "swiglu"), {gate, up}, SwigluPush{n, 0}, (n + 255) / 256);
}

void Ops::gelu(Commands& c, const Buffer& x, uint32_t n) const {
    c.dispatch(find("gelu"), {x}, SwigluPush{n, 0}, (n + 255) / 256);
}

void Ops::glu_split(Commands& c, bool gelu, const Buffer& out, const Buffer& gu, uint32_t width, uint32_t rows) const {
    const uint32_t n = width * rows;
    c.dispatch(find(gelu ? "geglu_split" : "swiglu_split"), {out, gu}, SwigluPush{n, width}, (n + 255) / 256);
}

void Ops::scale(Commands& c, const Buffer& x, const Buffer& y, uint32_t n, float a, bool accumulate) const {
    c.dispatch(find("scale"), {x, y}, ScalePush{n, a, accumulate ? 1u : 0u}, (n + 255) / 256);
}

void Ops::softcap(Commands& c, const Buffer& x, uint32_t n, float cap) const {
    c.dispatch(find("softcap"), {x}, SoftcapPush{n, cap}, (n + 255) / 256);
}

}  // namespace causerie::vk
