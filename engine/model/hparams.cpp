#include "model/hparams.h"

#include <cmath>

namespace causerie {
namespace {

// gemma2 and gemma3 as llama.cpp reads them (src/models/gemma2.cpp, gemma3.cpp): sliding-window
// layers in a period of 2 (gemma2: local, global, ...) or 6 (gemma3: 5 local, 1 global), layer i
// local when i % period < period - 1; local layers rotate with their own base (rope.freq_base_swa,
// gemma2 default: the global base, gemma3: 10000) and gemma3's without the global scaling.
Status read_gemma(const Gguf& g, HParams& h) {
    const std::string& a = h.arch_name;
    const bool gemma2 = h.arch == Arch::Gemma2;
    h.block = BlockKind::Sandwich;
    h.ffn_act = Activation::GeluTanh;
    h.rope_mode = RopeMode::Neox;
    h.qk_norm = !gemma2;
    h.embd_scale = std::sqrt(float(h.n_embd));
    // The epsilon is required (llama.cpp reads it without a default for gemma).
    TRY_ASSIGN(double eps, g.get_float(a + ".attention.layer_norm_rms_epsilon"));
    h.rms_eps = float(eps);
    // Query scale (gemma_pytorch's query_pre_attn_scalar): n_embd / n_head for the 27B models
    // (46 layers for gemma2, 62 for gemma3), head_dim otherwise.
    const bool is_27b = h.n_layer == (gemma2 ? 46u : 62u);
    h.attn_scale = 1.0f / std::sqrt(float(is_27b ? h.n_embd / h.n_head : h.head_dim));
    h.attn_softcap = gemma2 ? float(g.float_or(a + ".attn_logit_softcapping", 50.0)) : 0.f;
    h.final_softcap = float(g.float_or(a + ".final_logit_softcapping", gemma2 ? 30.0 : 0.0));
    if (h.attn_softcap < 0 || h.final_softcap < 0) return make_error("soft-capping values must not be negative");

    const std::string window_key = a + ".attention.sliding_window";
    h.sliding_window = gemma2 ? 4096 : 0;  // gemma3 without the key: every layer global
    if (g.find(window_key)) {
        TRY_ASSIGN(uint64_t w, g.get_uint(window_key));
        if (w > (1u << 30)) return make_error("metadata '" + window_key + "' = " + std::to_string(w) + " is out of range");
        h.sliding_window = uint32_t(w);
    }
    uint32_t period = 0;
    if (h.sliding_window > 0) {
        const std::string period_key = a + ".attention.sliding_window_pattern";
        period = gemma2 ? 2 : 6;
        if (g.find(period_key)) {
            TRY_ASSIGN(uint64_t p, g.get_uint(period_key));  // a per-layer array is not supported
            period = uint32_t(p);
        }
    }
    const LayerAttention global{0, h.rope_base, h.rope_scale};
    LayerAttention local{h.sliding_window, float(g.float_or(a + ".rope.freq_base_swa", gemma2 ? h.rope_base : 10000.0)),
                         gemma2 ? h.rope_scale : 1.f};
    if (!(local.rope_base > 0)) return make_error("rope.freq_base_swa must be positive");
    for (uint32_t i = 0; i < h.n_layer; ++i) {
        const bool is_local = h.sliding_window > 0 && (period == 0 || i % period < period - 1);
        h.layer_attn[i] = is_local ? local : global;
    }
    return {};
}

}  // namespace

const char* supported_architectures() { return "llama, qwen2, qwen3, gemma2, gemma3"; }

Result<HParams> read_hparams(const Gguf& g) {
    HParams h;
    TRY_ASSIGN(h.arch_name, g.get_string("general.architecture"));
    const std::string& a = h.arch_name;
    if (a == "llama") h.arch = Arch::Llama;
    else if (a == "qwen2") h.arch = Arch::Qwen2;
    else if (a == "qwen3") h.arch = Arch::Qwen3;
    else if (a == "gemma2") h.arch = Arch::Gemma2;
    else if (a == "gemma3") h.arch = Arch::Gemma3;
    else return make_error("unsupported architecture '" + a + "' (supported: " + supported_architectures() + ")");

    auto u32 = [&](const std::string& key) -> Result<uint32_t> {
        TRY_ASSIGN(uint64_t v, g.get_uint(a + "." + key));
        if (v == 0 || v > (1u << 30)) return make_error("metadata '" + a + "." + key + "' = " + std::to_string(v) + " is out of range");
        return uint32_t(v);
    };
    TRY_ASSIGN(h.n_embd, u32("embedding_length"));
    TRY_ASSIGN(h.n_layer, u32("block_count"));
    TRY_ASSIGN(h.n_head, u32("attention.head_count"));
    TRY_ASSIGN(h.n_ff, u32("feed_forward_length"));
    h.n_head_kv = uint32_t(g.uint_or(a + ".attention.head_count_kv", h.n_head));
    h.n_ctx_train = uint32_t(g.uint_or(a + ".context_length", 2048));
    h.head_dim = uint32_t(g.uint_or(a + ".attention.key_length", h.n_embd / h.n_head));
    uint32_t v_dim = uint32_t(g.uint_or(a + ".attention.value_length", h.head_dim));
    h.rms_eps = float(g.float_or(a + ".attention.layer_norm_rms_epsilon", 1e-5));
    h.rope_base = float(g.float_or(a + ".rope.freq_base", 10000.0));
    h.rope_dim = uint32_t(g.uint_or(a + ".rope.dimension_count", h.head_dim));
    std::string scaling = g.string_or(a + ".rope.scaling.type", "none");
    if (scaling == "linear") h.rope_scale = float(g.float_or(a + ".rope.scaling.factor", 1.0));
    else if (scaling != "none" && scaling != "llama3" && scaling != "")
        return make_error("unsupported rope scaling '" + scaling + "'");
    if (h.rope_scale <= 0) return make_error("rope scaling factor must be positive");

    if (h.n_head_kv == 0 || h.n_head % h.n_head_kv != 0)
        return make_error("head_count " + std::to_string(h.n_head) + " is not a multiple of head_count_kv " + std::to_string(h.n_head_kv));
    if (h.head_dim == 0 || h.head_dim % 2 != 0 || h.head_dim > 512) return make_error("head dimension " + std::to_string(h.head_dim) + " is not supported");
    if (v_dim != h.head_dim) return make_error("key and value head sizes differ; not supported");
    if (h.rope_dim == 0 || h.rope_dim > h.head_dim || h.rope_dim % 2 != 0) return make_error("rope.dimension_count " + std::to_string(h.rope_dim) + " is invalid");
    if (!(h.rms_eps > 0) || !(h.rope_base > 0)) return make_error("rms epsilon and rope base must be positive");

    h.rope_mode = h.arch == Arch::Llama ? RopeMode::Normal : RopeMode::Neox;
    h.qkv_bias = h.arch == Arch::Qwen2;
    h.qk_norm = h.arch == Arch::Qwen3;
    h.attn_scale = 1.0f / std::sqrt(float(h.head_dim));
    h.layer_attn.assign(h.n_layer, LayerAttention{0, h.rope_base, h.rope_scale});
    if (h.arch == Arch::Gemma2 || h.arch == Arch::Gemma3) TRY_STATUS(read_gemma(g, h));
    return h;
}

}  // namespace causerie
