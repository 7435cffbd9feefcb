// qwen35's metadata as llama.cpp reads it (src/models/qwen35.cpp load_arch_hparams): the
// required RMS epsilon, RoPE sections and ssm.* sizes, the recurrent layers (an array, or every
// layer but each full_attention_interval-th, default 4), the multi-token-prediction layers
// counted in block_count.
#include "model/hparams.h"

#include <string>

namespace causerie {
namespace {

Result<uint32_t> required_u32(const Gguf& g, const std::string& key, uint32_t max) {
    TRY_ASSIGN(uint64_t v, g.get_uint(key));
    if (v == 0 || v > max) return make_error("metadata '" + key + "' = " + std::to_string(v) + " is out of range (1 to " + std::to_string(max) + ")");
    return uint32_t(v);
}

// The position a rotated pair i gets for a text token under interleaved M-RoPE (ggml's
// imrope): sections t, h, w interleave as sector % 3, each for 3 * its size sectors; the rest
// take the fourth position, which llama.cpp sets to 0 for text. True when pair i rotates by p.
bool imrope_text_pair_rotates(uint32_t i, const uint32_t s[4]) {
    const uint32_t total = s[0] + s[1] + s[2] + s[3];
    const uint32_t sector = i % total;
    if (sector % 3 == 1 && sector < 3 * s[1]) return true;
    if (sector % 3 == 2 && sector < 3 * s[2]) return true;
    if (sector % 3 == 0 && sector < 3 * s[0]) return true;
    return false;
}

}  // namespace

Status read_qwen35(const Gguf& g, HParams& h) {
    const std::string& a = h.arch_name;
    TRY_ASSIGN(double eps, g.get_float(a + ".attention.layer_norm_rms_epsilon"));
    if (!(eps > 0)) return make_error("metadata '" + a + ".attention.layer_norm_rms_epsilon' must be positive");
    h.rms_eps = float(eps);

    // RoPE sections (required, up to 4). Text positions give the t, h, w sections position p and
    // the fourth 0: the rotation is NeoX's over rope_dim when every pair falls in t, h or w.
    const std::string sect_key = a + ".rope.dimension_sections";
    const GgufArray* sect = g.array(sect_key);
    if (!sect) return make_error("missing metadata '" + sect_key + "'");
    if (sect->size() == 0 || sect->size() > 4) return make_error("metadata '" + sect_key + "' must hold 1 to 4 values");
    uint32_t sections[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < sect->items.size(); ++i) {
        const GgufValue& v = sect->items[i];
        if (!v.is_integer() || v.as_int() < 0 || v.as_int() > 4096) return make_error("metadata '" + sect_key + "' must hold small non-negative integers");
        sections[i] = uint32_t(v.as_int());
    }
    if (sections[0] + sections[1] + sections[2] == 0) return make_error("metadata '" + sect_key + "': the t, h and w sections are all 0");
    for (uint32_t i = 0; i < h.rope_dim / 2; ++i)
        if (!imrope_text_pair_rotates(i, sections))
            return make_error("metadata '" + sect_key + "': rotated pair " + std::to_string(i) +
                              " falls outside the t, h, w sections (not supported)");
    h.rope_mode = RopeMode::Neox;

    // The DeltaNet sizes (all required).
    DeltaNetParams& d = h.dn;
    TRY_ASSIGN(d.d_conv, required_u32(g, a + ".ssm.conv_kernel", 16));
    TRY_ASSIGN(d.head_dim, required_u32(g, a + ".ssm.state_size", 512));
    TRY_ASSIGN(d.n_v_heads, required_u32(g, a + ".ssm.time_step_rank", 1u << 16));
    TRY_ASSIGN(d.n_k_heads, required_u32(g, a + ".ssm.group_count", 1u << 16));
    TRY_ASSIGN(uint32_t d_inner, required_u32(g, a + ".ssm.inner_size", 1u << 30));
    if (d.d_conv < 2) return make_error("ssm.conv_kernel must be at least 2");
    if (d_inner != d.value_dim())
        return make_error("ssm.inner_size " + std::to_string(d_inner) + " is not state_size * time_step_rank = " + std::to_string(d.value_dim()));
    if (d.n_v_heads % d.n_k_heads != 0)
        return make_error("ssm.time_step_rank " + std::to_string(d.n_v_heads) + " is not a multiple of ssm.group_count " + std::to_string(d.n_k_heads));

    // Multi-token-prediction blocks follow the main layers in block_count; they are not loaded.
    h.n_nextn = uint32_t(g.uint_or(a + ".nextn_predict_layers", 0));
    if (h.n_nextn >= h.n_layer) return make_error("nextn_predict_layers must be less than block_count");
    const uint32_t n_all = h.n_layer;
    h.n_layer -= h.n_nextn;
    h.layer_attn.resize(h.n_layer);

    // Recurrent layers: the file's per-layer array, or all but every interval-th.
    h.layer_kind.assign(h.n_layer, LayerKind::Attention);
    const std::string recr_key = a + ".attention.recurrent_layers";
    if (const GgufArray* recr = g.array(recr_key)) {
        if (recr->items.size() != n_all) return make_error("metadata '" + recr_key + "' must have block_count values");
        for (uint32_t i = 0; i < h.n_layer; ++i)
            if (recr->items[i].u != 0) h.layer_kind[i] = LayerKind::DeltaNet;
    } else {
        const uint64_t interval = g.uint_or(a + ".full_attention_interval", 4);
        if (interval == 0) return make_error("full_attention_interval must be positive");
        for (uint32_t i = 0; i < h.n_layer; ++i)
            if ((i + 1) % interval != 0) h.layer_kind[i] = LayerKind::DeltaNet;
    }

    // Full attention: Q/K norms and the gated output.
    h.qk_norm = true;
    h.attn_gate = true;
    h.block = BlockKind::Hybrid;
    return {};
}

}  // namespace causerie
