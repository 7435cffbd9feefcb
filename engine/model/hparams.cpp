#include "model/hparams.h"

namespace causerie {

Result<HParams> read_hparams(const Gguf& g) {
    HParams h;
    TRY_ASSIGN(h.arch_name, g.get_string("general.architecture"));
    const std::string& a = h.arch_name;
    if (a == "llama") h.arch = Arch::Llama;
    else if (a == "qwen2") h.arch = Arch::Qwen2;
    else if (a == "qwen3") h.arch = Arch::Qwen3;
    else return make_error("unsupported architecture '" + a + "' (supported: llama, qwen2, qwen3)");

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
    return h;
}

}  // namespace causerie
