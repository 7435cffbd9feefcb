#include "model/hparams.h"

#include <algorithm>
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
    const LayerAttention global = h.layer_attn[0];
    LayerAttention local = global;
    local.window = h.sliding_window;
    local.rope_base = float(g.float_or(a + ".rope.freq_base_swa", gemma2 ? h.rope_base : 10000.0));
    if (!gemma2) local.rope_scale = 1.f;
    if (!(local.rope_base > 0)) return make_error("rope.freq_base_swa must be positive");
    for (uint32_t i = 0; i < h.n_layer; ++i) {
        const bool is_local = h.sliding_window > 0 && (period == 0 || i % period < period - 1);
        h.layer_attn[i] = is_local ? local : global;
    }
    return {};
}

// The eps the architecture requires (llama.cpp reads these without a default).
Status required_eps(const Gguf& g, HParams& h, bool layer_norm) {
    const std::string key = h.arch_name + (layer_norm ? ".attention.layer_norm_epsilon" : ".attention.layer_norm_rms_epsilon");
    TRY_ASSIGN(double eps, g.get_float(key));
    if (!(eps > 0)) return make_error("metadata '" + key + "' must be positive");
    (layer_norm ? h.norm_eps : h.rms_eps) = float(eps);
    return {};
}

// gemma4 as llama.cpp reads it (src/models/gemma4.cpp, llama-hparams.cpp, llama-model.cpp):
// gemma3's sandwich block with a per-layer local/global pattern (a bool array), global layers
// with their own head size (key_length; local ones key_length_swa), rotated dims
// (rope.dimension_count, local: rope.dimension_count_swa) and the file's frequency factors
// (proportional RoPE), local layers with rope.freq_base_swa (default 10000) and no scaling;
// queries unscaled (1.0), V RMS-normalized without a weight, a final soft-cap (default 30);
// the last attention.shared_kv_layers layers reuse the cache of the last layer of their kind
// that has one (n_kv_from_start - 2 for local, - 1 for global); per-layer embeddings of
// embedding_length_per_layer_input values.
Status read_gemma4(const Gguf& g, HParams& h) {
    const std::string& a = h.arch_name;
    h.block = BlockKind::Sandwich;
    h.ffn_act = Activation::GeluTanh;
    h.rope_mode = RopeMode::Neox;
    h.qk_norm = true;
    h.embd_scale = std::sqrt(float(h.n_embd));
    TRY_STATUS(required_eps(g, h, false));
    h.attn_scale = 1.0f;
    h.final_softcap = float(g.float_or(a + ".final_logit_softcapping", 30.0));
    if (h.final_softcap < 0) return make_error("final_logit_softcapping must not be negative");
    if (h.layer_attn[0].ext_factor != 0) return make_error("gemma4: YaRN rope scaling is not supported");

    auto required_u32 = [&](const std::string& key, uint32_t max) -> Result<uint32_t> {
        TRY_ASSIGN(uint64_t v, g.get_uint(a + "." + key));
        if (v > max) return make_error("metadata '" + a + "." + key + "' = " + std::to_string(v) + " is out of range");
        return uint32_t(v);
    };
    TRY_ASSIGN(h.sliding_window, required_u32("attention.sliding_window", 1u << 30));
    TRY_ASSIGN(h.n_embd_per_layer, required_u32("embedding_length_per_layer_input", 1u << 20));
    TRY_ASSIGN(uint32_t d_swa, required_u32("attention.key_length_swa", 512));
    TRY_ASSIGN(uint32_t v_swa, required_u32("attention.value_length_swa", 512));
    if (d_swa != v_swa) return make_error("gemma4: key_length_swa and value_length_swa differ");
    const uint32_t d_full = h.head_dim, r_full = h.rope_dim;
    const uint32_t r_swa = uint32_t(g.uint_or(a + ".rope.dimension_count_swa", r_full));
    if (d_swa == 0 || d_swa % 2 != 0) return make_error("gemma4: key_length_swa " + std::to_string(d_swa) + " is not supported");
    if (r_swa == 0 || r_swa % 2 != 0 || r_swa > d_swa) return make_error("gemma4: rope.dimension_count_swa " + std::to_string(r_swa) + " is invalid");

    // The pattern: one flag per layer (true: sliding window), or one value for all.
    const std::string pattern_key = a + ".attention.sliding_window_pattern";
    std::vector<bool> local(h.n_layer);
    if (const GgufArray* arr = g.array(pattern_key)) {
        if (arr->size() != h.n_layer)
            return make_error("metadata '" + pattern_key + "' has " + std::to_string(arr->size()) + " entries, expected " + std::to_string(h.n_layer));
        for (uint32_t i = 0; i < h.n_layer; ++i) local[i] = arr->items[i].u != 0;
    } else {
        TRY_ASSIGN(uint64_t v, g.get_uint(pattern_key));
        local.assign(h.n_layer, v != 0);
    }
    const uint32_t shared = uint32_t(std::min<uint64_t>(g.uint_or(a + ".attention.shared_kv_layers", 0), 1u << 30));
    if (shared >= h.n_layer) return make_error("gemma4: shared_kv_layers " + std::to_string(shared) + " leaves no layer with a KV cache");
    const uint32_t kv_from = h.n_layer - shared;
    if (shared > 0 && kv_from < 2) return make_error("gemma4: shared KV needs at least 2 layers with their own cache");
    const float base_swa = float(g.float_or(a + ".rope.freq_base_swa", 10000.0));
    if (!(base_swa > 0)) return make_error("rope.freq_base_swa must be positive");

    for (uint32_t i = 0; i < h.n_layer; ++i) {
        LayerAttention& la = h.layer_attn[i];
        la.window = local[i] ? h.sliding_window : 0;
        la.head_dim = local[i] ? d_swa : d_full;
        la.rope_dim = local[i] ? r_swa : r_full;
        la.rope_factors = !local[i];
        la.v_norm = true;
        if (local[i]) {
            la.rope_base = base_swa;
            la.rope_scale = 1.f;
        }
        la.kv_shared = i >= kv_from;
        la.kv_layer = la.kv_shared ? kv_from - (local[i] ? 2 : 1) : 0;
        const LayerAttention& src = h.layer_attn[la.kv_layer];
        if (la.kv_shared && (local[la.kv_layer] != local[i] || src.head_dim != la.head_dim || src.n_head_kv != la.n_head_kv))
            return make_error("gemma4: layer " + std::to_string(i) + " shares the KV cache of layer " + std::to_string(la.kv_layer) +
                              ", which is not of the same kind and shape");
    }
    h.head_dim = std::max(d_full, d_swa);
    return {};
}

// granite (src/models/granite.cpp): multipliers on the embedding, each residual branch, the
// query scale and the logits (logits divided by logit_scale, required); RoPE switched off when
// rope.scaling.finetuned is false (default true).
Status read_granite(const Gguf& g, HParams& h) {
    const std::string& a = h.arch_name;
    TRY_STATUS(required_eps(g, h, false));
    TRY_ASSIGN(double logit, g.get_float(a + ".logit_scale"));
    if (logit == 0) return make_error("metadata '" + a + ".logit_scale' must not be 0");
    h.logit_scale = float(1.0 / logit);
    const double residual = g.float_or(a + ".residual_scale", 0.0), embedding = g.float_or(a + ".embedding_scale", 0.0);
    const double attention = g.float_or(a + ".attention.scale", 0.0);
    if (residual != 0) h.residual_scale = float(residual);
    if (embedding != 0) h.embd_scale = float(embedding);
    if (attention != 0) h.attn_scale = float(attention);
    if (!g.bool_or(a + ".rope.scaling.finetuned", true))
        for (auto& la : h.layer_attn) la.rope = false;
    return {};
}

// mistral3 (src/models/mistral3.cpp): YaRN betas and log multiplier from the file, and the
// attention temperature on queries past multiples of the original context.
Status read_mistral3(const Gguf& g, HParams& h) {
    TRY_STATUS(required_eps(g, h, false));
    h.attn_temp_scale = float(g.float_or(h.arch_name + ".attention.temperature_scale", 0.0));
    if (h.attn_temp_scale != 0) {
        h.attn_temp_floor = h.n_ctx_orig;
        if (h.attn_temp_floor == 0) return make_error("invalid original context length for attention temperature scaling");
    }
    return {};
}

// The RoPE scaling as llama.cpp derives it (llama-model.cpp load_hparams, llama-context.cpp's
// yarn_attn_factor, ggml's rope_yarn and ggml_rope_yarn_corr_dims).
struct RopeScaling {
    float freq_scale = 1.f, ext_factor = 0.f, attn_factor = 1.f;
    float beta_fast = 32.f, beta_slow = 1.f;
};

Result<RopeScaling> read_rope_scaling(const Gguf& g, const HParams& h) {
    const std::string& a = h.arch_name;
    RopeScaling r;
    // No type key: llama.cpp's default, linear (scaled only when a factor is given).
    const std::string type = g.string_or(a + ".rope.scaling.type", "linear");
    if (type != "none" && type != "linear" && type != "yarn" && type != "longrope" && type != "llama3" && type != "")
        return make_error("unsupported rope scaling '" + type + "'");
    double factor = g.float_or(a + ".rope.scaling.factor", g.float_or(a + ".rope.scale_linear", 0.0));
    if (factor < 0) return make_error("rope scaling factor must be positive");
    r.freq_scale = factor == 0 ? 1.f : float(1.0 / factor);
    if (type == "none" || type == "llama3") r.freq_scale = 1.f;
    r.ext_factor = type == "yarn" ? 1.f : 0.f;
    float log_mul = 0.f;
    if (h.arch == Arch::Mistral3) {
        r.beta_fast = float(g.float_or(a + ".rope.scaling.yarn_beta_fast", r.beta_fast));
        r.beta_slow = float(g.float_or(a + ".rope.scaling.yarn_beta_slow", r.beta_slow));
        log_mul = float(g.float_or(a + ".rope.scaling.yarn_log_multiplier", 0.0));
    }
    if (r.ext_factor != 0) {
        auto get_mscale = [](float scale, float mscale) { return scale <= 1.0f ? 1.0f : 0.1f * mscale * std::log(scale) + 1.0f; };
        const float f = 1.0f / r.freq_scale;
        r.attn_factor = log_mul != 0 ? get_mscale(f, 1.0f) / get_mscale(f, log_mul) : get_mscale(f, 1.0f);
        r.attn_factor *= 1.0f / (1.0f + 0.1f * std::log(f));  // cancelled by rope_yarn's own factor below
    }
    r.attn_factor *= float(g.float_or(a + ".rope.scaling.attn_factor", 1.0));
    return r;
}

// A layer's rotation with the given base: YaRN's correction dimensions for that base, and the
// magnitude factor rope_yarn applies (attn_factor, times 1 + 0.1 ln(1 / freq_scale) with YaRN).
void set_rope(LayerAttention& la, float base, const RopeScaling& r, const HParams& h) {
    la.rope_base = base;
    la.rope_scale = 1.0f / r.freq_scale;
    la.ext_factor = r.ext_factor;
    la.mscale = r.attn_factor * (r.ext_factor != 0 ? 1.0f + 0.1f * std::log(1.0f / r.freq_scale) : 1.0f);
    auto corr_dim = [&](float n_rot) {
        return float(h.rope_dim) * std::log(float(h.n_ctx_orig) / (n_rot * 2 * float(M_PI))) / (2 * std::log(base));
    };
    la.corr_low = std::max(0.0f, std::floor(corr_dim(r.beta_fast)));
    la.corr_high = std::min(float(h.rope_dim) - 1, std::ceil(corr_dim(r.beta_slow)));
}

// gemma4's experts (src/models/gemma4.cpp load_arch_hparams and its build_moe_ffn call):
// expert_feed_forward_length, which llama.cpp reads with a default of 0 that leaves no expert
// tensor of a valid shape (required here); the softmax over all experts taken at the chosen
// ones, normalized to sum 1, not scaled (the model passes 1.0: expert_weights_scale is not
// read); GELU-gated experts.
Status read_gemma4_moe(const Gguf& g, HParams& h) {
    MoeParams& m = h.moe;
    const std::string ff_key = h.arch_name + ".expert_feed_forward_length";
    TRY_ASSIGN(uint64_t ff, g.get_uint(ff_key));
    if (ff == 0 || ff > (1u << 30)) return make_error("metadata '" + ff_key + "' = " + std::to_string(ff) + " is out of range");
    m.n_ff_exp = uint32_t(ff);
    m.gating = ExpertGating::Softmax;
    m.norm_weights = true;
    m.weights_scale = 0.f;
    m.act = ExpertActivation::Geglu;
    return {};
}

// Experts (llama.cpp: expert_count, expert_used_count, expert_feed_forward_length, default
// feed_forward_length for llama's Mixtral layout and feed_forward_length / used for qwen3moe;
// both normalize the chosen weights to sum 1).
Status read_moe(const Gguf& g, HParams& h) {
    const std::string& a = h.arch_name;
    MoeParams& m = h.moe;
    m.n_expert = uint32_t(std::min<uint64_t>(g.uint_or(a + ".expert_count", 0), 1u << 20));
    if (m.n_expert == 0) return {};
    m.n_used = uint32_t(std::min<uint64_t>(g.uint_or(a + ".expert_used_count", 0), 1u << 20));
    if (m.n_expert > 1024) return make_error("expert_count " + std::to_string(m.n_expert) + " is not supported (at most 1024)");
    if (m.n_used == 0 || m.n_used > m.n_expert || m.n_used > 32)
        return make_error("expert_used_count " + std::to_string(m.n_used) + " is invalid for " + std::to_string(m.n_expert) +
                          " experts (1 to 32, at most expert_count)");
    if (h.arch == Arch::Gemma4) return read_gemma4_moe(g, h);
    const bool split_ff = h.arch == Arch::Qwen3Moe || h.arch == Arch::Qwen2Moe || h.arch == Arch::Qwen35Moe;
    const std::string ff_key = a + ".expert_feed_forward_length";
    if (h.arch == Arch::GptOss && !g.find(ff_key)) return make_error("missing metadata '" + ff_key + "'");  // required there
    m.n_ff_exp = uint32_t(g.uint_or(ff_key, split_ff ? h.n_ff / m.n_used : h.n_ff));
    if (m.n_ff_exp == 0 || m.n_ff_exp > (1u << 30)) return make_error("expert feed-forward length must be positive");
    m.norm_weights = h.arch == Arch::Llama || h.arch == Arch::Qwen3Moe;
    m.weights_scale = float(g.float_or(a + ".expert_weights_scale", 0.0));
    if (h.arch != Arch::Llama && h.arch != Arch::Qwen3Moe && h.arch != Arch::GptOss && h.arch != Arch::Qwen2Moe && h.arch != Arch::Qwen35Moe)
        return make_error(a + ": experts are not supported for this architecture");
    // qwen2moe (src/models/qwen2moe.cpp): the softmax at the chosen, not renormalized; qwen35moe
    // (src/models/qwen35moe.cpp): renormalized, expert_weights_scale not read there (none). Both
    // have the shared expert (expert_shared_feed_forward_length, default feed_forward_length).
    if (h.arch == Arch::Qwen2Moe || h.arch == Arch::Qwen35Moe) {
        m.norm_weights = h.arch == Arch::Qwen35Moe;
        if (h.arch == Arch::Qwen35Moe) m.weights_scale = 0.f;
        m.n_ff_shexp = uint32_t(g.uint_or(a + ".expert_shared_feed_forward_length", h.n_ff));
        if (m.n_ff_shexp == 0 || m.n_ff_shexp > (1u << 30)) return make_error("shared expert feed-forward length must be positive");
    }
    // gpt-oss (src/models/openai-moe.cpp): the softmax of the chosen logits, not normalized
    // again, biases on the router and the experts, the clamped SwiGLU.
    if (h.arch == Arch::GptOss) {
        m.gating = ExpertGating::SoftmaxChosen;
        m.norm_weights = false;
        m.biases = true;
        m.act = ExpertActivation::SwigluOai;
    }
    return {};
}

// gpt-oss (src/models/openai-moe.cpp): sliding-window layers in a period of 2 by default (layer i
// local when i % period < period - 1: even layers local), the window required; local layers
// rotate with rope.freq_base_swa (default the global base) and the same scaling (YaRN from the
// file); attention sinks on every layer; queries scaled by 1 / sqrt(rope dimension).
Status read_gpt_oss(const Gguf& g, HParams& h) {
    const std::string& a = h.arch_name;
    TRY_STATUS(required_eps(g, h, false));
    if (h.moe.n_expert == 0) return make_error("gpt-oss: expert_count must be positive");
    const std::string window_key = a + ".attention.sliding_window";
    TRY_ASSIGN(uint64_t w, g.get_uint(window_key));
    if (w > (1u << 30)) return make_error("metadata '" + window_key + "' = " + std::to_string(w) + " is out of range");
    h.sliding_window = uint32_t(w);
    uint32_t period = 2;
    const std::string period_key = a + ".attention.sliding_window_pattern";
    if (g.find(period_key)) {
        TRY_ASSIGN(uint64_t p, g.get_uint(period_key));  // a per-layer array is not supported
        period = uint32_t(p);
    }
    TRY_ASSIGN(RopeScaling scaling, read_rope_scaling(g, h));
    const LayerAttention global = h.layer_attn[0];
    LayerAttention local = global;
    const float base_swa = float(g.float_or(a + ".rope.freq_base_swa", h.rope_base));
    if (!(base_swa > 0)) return make_error("rope.freq_base_swa must be positive");
    set_rope(local, base_swa, scaling, h);
    local.window = h.sliding_window;
    for (uint32_t i = 0; i < h.n_layer; ++i) {
        const bool is_local = h.sliding_window > 0 && (period == 0 || i % period < period - 1);
        h.layer_attn[i] = is_local ? local : global;
    }
    h.attn_scale = 1.0f / std::sqrt(float(h.rope_dim));
    h.attn_sinks = true;
    return {};
}

// What each architecture changes, as its src/models/<arch>.cpp in llama.cpp reads it.
Status read_arch(const Gguf& g, HParams& h) {
    switch (h.arch) {
    case Arch::Llama:
    case Arch::Qwen2:
    case Arch::Qwen3: return {};
    case Arch::Qwen3Moe:  // qwen3's attention (Q/K norms, neox RoPE) with experts in every layer
        h.qk_norm = true;
        if (h.moe.n_expert == 0) return make_error("qwen3moe: expert_count must be positive");
        return required_eps(g, h, false);
    case Arch::Gemma2:
    case Arch::Gemma3: return read_gemma(g, h);
    case Arch::Phi3:
        // attention.sliding_window is ignored: llama.cpp disables Phi's SWA (its converters do not
        // write a usable pattern). LongRoPE's factors are tensors (weights.h), its attention factor
        // rope.scaling.attn_factor.
        return required_eps(g, h, false);
    case Arch::Granite:
        h.rope_mode = RopeMode::Normal;
        return read_granite(g, h);
    case Arch::Smollm3:
        // NoPE: every 4th layer (llama.cpp's n_no_rope_layer_step, fixed for smollm3) has no RoPE.
        h.rope_mode = RopeMode::Normal;
        for (uint32_t i = 0; i < h.n_layer; ++i) h.layer_attn[i].rope = (i + 1) % 4 != 0;
        return required_eps(g, h, false);
    case Arch::Mistral3:
        h.rope_mode = RopeMode::Normal;
        return read_mistral3(g, h);
    case Arch::Falcon:
        // One LayerNorm (40B: a second one for attention) feeding attention and a plain GELU FFN
        // in parallel.
        if (h.rope_dim != h.head_dim) return make_error("falcon: rope.dimension_count must equal the head size");
        h.norm = NormKind::Layer;
        h.block = BlockKind::Parallel;
        h.ffn_gated = false;
        h.ffn_act = Activation::GeluTanh;
        return required_eps(g, h, true);
    case Arch::GptOss: return read_gpt_oss(g, h);
    case Arch::Qwen2Moe:  // qwen2's attention (optional q/k/v biases, neox RoPE) with experts and a shared one
        if (h.moe.n_expert == 0) return make_error("qwen2moe: expert_count must be positive");
        return required_eps(g, h, false);
    case Arch::Bert:
    case Arch::NomicBert: {
        // Encoders (llama.cpp src/models/bert.cpp): LayerNorm of the embeddings, post-norm blocks
        // with LayerNorms (with biases) after each residual; bert: absolute positions, a plain
        // GELU FFN; nomic-bert: RoPE (neox) and a SwiGLU FFN without biases.
        h.norm = NormKind::Layer;
        h.block = BlockKind::PostNorm;
        h.rope_mode = RopeMode::Neox;
        const bool bert = h.arch == Arch::Bert;
        h.abs_positions = bert;
        h.ffn_gated = !bert;
        h.ffn_act = bert ? Activation::GeluTanh : Activation::Silu;
        if (bert)
            for (auto& la : h.layer_attn) la.rope = false;
        const uint64_t types = g.uint_or("tokenizer.ggml.token_type_count", 0);
        if (types == 0 || types > 1024) return make_error(h.arch_name + " model needs to define token type count (tokenizer.ggml.token_type_count)");
        h.n_token_types = uint32_t(types);
        return required_eps(g, h, true);
    }
    case Arch::Qwen35: return read_qwen35(g, h);
    case Arch::Qwen35Moe:  // qwen35's layers with experts and a shared expert in every FFN
        if (h.moe.n_expert == 0) return make_error("qwen35moe: expert_count must be positive");
        return read_qwen35(g, h);
    case Arch::Gemma4: return read_gemma4(g, h);
    case Arch::Bloom:
        // LayerNorms with biases (also on the embeddings), ALiBi with llama.cpp's max bias 8 and
        // no RoPE, a plain GELU FFN.
        h.norm = NormKind::Layer;
        h.ffn_gated = false;
        h.ffn_act = Activation::GeluTanh;
        h.alibi_max_bias = 8.f;
        for (auto& la : h.layer_attn) la.rope = false;
        return required_eps(g, h, true);
    }
    return {};
}

}  // namespace

float alibi_slope(uint32_t h, uint32_t n_head, float max_bias) {
    if (max_bias <= 0) return 0.f;
    const uint32_t n_log2 = 1u << uint32_t(std::floor(std::log2(double(n_head))));
    const float m0 = std::pow(2.0f, -max_bias / float(n_log2)), m1 = std::pow(2.0f, -(max_bias / 2.0f) / float(n_log2));
    return h < n_log2 ? std::pow(m0, float(h + 1)) : std::pow(m1, float(2 * (h - n_log2) + 1));
}

const char* supported_architectures() {
    return "llama, qwen2, qwen3, qwen3moe, gemma2, gemma3, phi3, granite, smollm3, mistral3, falcon, bloom, gpt-oss, qwen2moe, bert, nomic-bert, qwen35, qwen35moe, gemma4";
}

const char* pooling_name(Pooling p) {
    switch (p) {
    case Pooling::None: return "none";
    case Pooling::Mean: return "mean";
    case Pooling::Cls: return "cls";
    case Pooling::Last: return "last";
    }
    return "?";
}

Result<HParams> read_hparams(const Gguf& g) {
    HParams h;
    TRY_ASSIGN(h.arch_name, g.get_string("general.architecture"));
    const std::string& a = h.arch_name;
    if (a == "llama") h.arch = Arch::Llama;
    else if (a == "qwen2") h.arch = Arch::Qwen2;
    else if (a == "qwen3") h.arch = Arch::Qwen3;
    else if (a == "qwen3moe") h.arch = Arch::Qwen3Moe;
    else if (a == "gemma2") h.arch = Arch::Gemma2;
    else if (a == "gemma3") h.arch = Arch::Gemma3;
    else if (a == "phi3") h.arch = Arch::Phi3;
    else if (a == "granite") h.arch = Arch::Granite;
    else if (a == "smollm3") h.arch = Arch::Smollm3;
    else if (a == "mistral3") h.arch = Arch::Mistral3;
    else if (a == "falcon") h.arch = Arch::Falcon;
    else if (a == "bloom") h.arch = Arch::Bloom;
    else if (a == "gpt-oss") h.arch = Arch::GptOss;
    else if (a == "qwen2moe") h.arch = Arch::Qwen2Moe;
    else if (a == "bert") h.arch = Arch::Bert;
    else if (a == "nomic-bert") h.arch = Arch::NomicBert;
    else if (a == "qwen35") h.arch = Arch::Qwen35;
    else if (a == "gemma4") h.arch = Arch::Gemma4;
    else if (a == "qwen35moe") h.arch = Arch::Qwen35Moe;
    else return make_error("unsupported architecture '" + a + "' (supported: " + supported_architectures() + ")");

    auto u32 = [&](const std::string& key) -> Result<uint32_t> {
        TRY_ASSIGN(uint64_t v, g.get_uint(a + "." + key));
        if (v == 0 || v > (1u << 30)) return make_error("metadata '" + a + "." + key + "' = " + std::to_string(v) + " is out of range");
        return uint32_t(v);
    };
    TRY_ASSIGN(h.n_embd, u32("embedding_length"));
    TRY_ASSIGN(h.n_layer, u32("block_count"));
    // Head counts and FFN widths: one value, or one per layer (llama.cpp's get_key_or_arr; only
    // gemma4 may vary them). The model-wide values are the largest.
    auto per_layer = [&](const std::string& key, const std::vector<uint32_t>* fallback) -> Result<std::vector<uint32_t>> {
        const std::string full = a + "." + key;
        if (const GgufArray* arr = g.array(full)) {
            if (arr->size() != h.n_layer)
                return make_error("metadata '" + full + "' has " + std::to_string(arr->size()) + " entries, expected " + std::to_string(h.n_layer));
            std::vector<uint32_t> v;
            for (const GgufValue& e : arr->items) {
                if (!e.is_integer() || e.u == 0 || e.u > (1u << 30)) return make_error("metadata '" + full + "' has an invalid entry");
                v.push_back(uint32_t(e.u));
            }
            if (h.arch != Arch::Gemma4 && std::any_of(v.begin(), v.end(), [&](uint32_t x) { return x != v[0]; }))
                return make_error("metadata '" + full + "': per-layer values are not supported for " + a);
            return v;
        }
        if (fallback && !g.find(full)) return *fallback;
        TRY_ASSIGN(uint32_t one, u32(key));
        return std::vector<uint32_t>(h.n_layer, one);
    };
    TRY_ASSIGN(std::vector<uint32_t> heads, per_layer("attention.head_count", nullptr));
    // (qwen35moe: optional, as llama.cpp reads it; only the experts' defaults use it)
    const std::vector<uint32_t> no_ff(h.n_layer, 0);
    TRY_ASSIGN(std::vector<uint32_t> ffs, per_layer("feed_forward_length", h.arch == Arch::Qwen35Moe ? &no_ff : nullptr));
    TRY_ASSIGN(std::vector<uint32_t> heads_kv, per_layer("attention.head_count_kv", &heads));
    h.n_head = *std::max_element(heads.begin(), heads.end());
    h.n_ff = *std::max_element(ffs.begin(), ffs.end());
    h.n_head_kv = *std::max_element(heads_kv.begin(), heads_kv.end());
    for (uint32_t i = 0; i < h.n_layer; ++i)
        if (heads[i] % heads_kv[i] != 0)
            return make_error("layer " + std::to_string(i) + ": head_count " + std::to_string(heads[i]) + " is not a multiple of head_count_kv " +
                              std::to_string(heads_kv[i]));
    h.layer_n_ff = ffs;
    h.n_ctx_train = uint32_t(g.uint_or(a + ".context_length", 2048));
    h.n_ctx_orig = uint32_t(g.uint_or(a + ".rope.scaling.original_context_length", h.n_ctx_train));
    h.head_dim = uint32_t(g.uint_or(a + ".attention.key_length", h.n_embd / heads[0]));
    uint32_t v_dim = uint32_t(g.uint_or(a + ".attention.value_length", h.head_dim));
    h.rms_eps = float(g.float_or(a + ".attention.layer_norm_rms_epsilon", 1e-5));
    h.rope_base = float(g.float_or(a + ".rope.freq_base", 10000.0));
    h.rope_dim = uint32_t(g.uint_or(a + ".rope.dimension_count", h.head_dim));
    TRY_ASSIGN(RopeScaling scaling, read_rope_scaling(g, h));
    h.rope_scale = 1.0f / scaling.freq_scale;

    if (h.head_dim == 0 || h.head_dim % 2 != 0 || h.head_dim > 512) return make_error("head dimension " + std::to_string(h.head_dim) + " is not supported");
    if (v_dim != h.head_dim) return make_error("key and value head sizes differ; not supported");
    if (h.rope_dim == 0 || h.rope_dim > h.head_dim || h.rope_dim % 2 != 0) return make_error("rope.dimension_count " + std::to_string(h.rope_dim) + " is invalid");
    if (!(h.rms_eps > 0) || !(h.rope_base > 0)) return make_error("rms epsilon and rope base must be positive");
    if (h.n_ctx_orig == 0) return make_error("rope.scaling.original_context_length must be positive");

    h.rope_mode = h.arch == Arch::Llama ? RopeMode::Normal : RopeMode::Neox;
    h.qkv_bias = h.arch == Arch::Qwen2;
    h.qk_norm = h.arch == Arch::Qwen3;
    h.attn_scale = 1.0f / std::sqrt(float(h.head_dim));
    LayerAttention global;
    set_rope(global, h.rope_base, scaling, h);
    global.head_dim = h.head_dim;
    global.rope_dim = h.rope_dim;
    h.layer_attn.assign(h.n_layer, global);
    h.layer_kind.assign(h.n_layer, LayerKind::Attention);
    for (uint32_t i = 0; i < h.n_layer; ++i) {
        h.layer_attn[i].n_head = heads[i];
        h.layer_attn[i].n_head_kv = heads_kv[i];
    }
    TRY_STATUS(read_moe(g, h));
    // Embedding models' keys, read for every architecture as llama.cpp does (pooling 4, rank,
    // is a reranker's: not supported; -1 is "unspecified": none).
    h.causal = g.bool_or(a + ".attention.causal", true);
    if (const GgufValue* kv = g.find(a + ".pooling_type")) {
        if (!kv->is_integer()) return make_error("metadata '" + a + ".pooling_type' is not an integer");
        const int64_t p = kv->as_int();
        if (p < -1 || p > 3) return make_error("pooling type " + std::to_string(p) + " is not supported (none, mean, cls, last)");
        h.pooling = p <= 0 ? Pooling::None : Pooling(p);
    }
    TRY_STATUS(read_arch(g, h));
    return h;
}

}  // namespace causerie
