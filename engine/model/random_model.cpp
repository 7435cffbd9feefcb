#include "model/random_model.h"

#include "quant/quant.h"

#include <cmath>
#include <cstring>
#include <random>

namespace causerie {
namespace {

// Types per tensor as llama-quantize chooses them: the output matrix in Q6_K for the 4/5-bit
// formats, and in the _M mixes attn_v and ffn_down in Q6_K for the layers that "use more bits".
struct TypePlan {
    TensorType base;    // most matrices
    TensorType mix;     // attn_v, ffn_down of the layers that use more bits
    TensorType output;  // output.weight
    bool more_bits(uint32_t layer, uint32_t n_layer) const {
        return mix != base && (layer < n_layer / 8 || layer >= 7 * n_layer / 8 || (layer - n_layer / 8) % 3 == 2);
    }
};

Result<TypePlan> plan_types(const std::string& name) {
    // "A+B": A for most matrices, B for the layers that use more bits, as the "dynamic" mixes of
    // i-quants and K-quants are (e.g. iq2_xxs+q4_k).
    if (auto plus = name.find('+'); plus != std::string::npos) {
        auto base = type_from_name(name.substr(0, plus)), mix = type_from_name(name.substr(plus + 1));
        if (!base || !mix || !is_supported_weight_type(*base) || !is_supported_weight_type(*mix))
            return make_error("unknown or unsupported weight types in the mix '" + name + "'");
        return TypePlan{*base, *mix, TensorType::Q6_K};
    }
    if (name == "q4_k_m" || name == "Q4_K_M") return TypePlan{TensorType::Q4_K, TensorType::Q6_K, TensorType::Q6_K};
    if (name == "q5_k_m" || name == "Q5_K_M") return TypePlan{TensorType::Q5_K, TensorType::Q6_K, TensorType::Q6_K};
    auto t = type_from_name(name);
    if (!t || !is_supported_weight_type(*t)) return make_error("unknown or unsupported weight type '" + name + "'");
    bool plain = *t == TensorType::F32 || *t == TensorType::F16 || *t == TensorType::BF16 || *t == TensorType::Q8_0;
    return TypePlan{*t, *t, plain ? *t : TensorType::Q6_K};
}

}  // namespace

Result<GgufWriter> make_random_model(const RandomModelSpec& s) {
    const bool gemma4 = s.arch == "gemma4";
    const bool gemma = s.arch == "gemma2" || s.arch == "gemma3" || gemma4;
    const bool layer_norm = s.arch == "falcon" || s.arch == "bloom";  // LayerNorm with biases, fused QKV, GELU FFN
    const bool known = s.arch == "llama" || s.arch == "qwen2" || s.arch == "qwen3" || s.arch == "qwen3moe" || gemma || s.arch == "phi3" || s.arch == "granite" ||
                       s.arch == "smollm3" || s.arch == "mistral3" || layer_norm;
    if (!known)
        return make_error("unsupported architecture '" + s.arch +
                          "' (supported: llama, qwen2, qwen3, qwen3moe, gemma2, gemma3, phi3, granite, smollm3, mistral3, falcon, bloom, gemma4)");
    if (s.n_head == 0 || s.n_head_kv == 0 || s.n_head % s.n_head_kv) return make_error("heads must be a multiple of kv heads");
    TRY_ASSIGN(TypePlan plan, plan_types(s.type));
    if (s.arch == "qwen3moe" && s.n_expert == 0) return make_error("qwen3moe needs experts (--experts N)");
    if (s.n_expert > 0 && s.arch != "llama" && s.arch != "qwen3moe") return make_error("experts are only made for llama and qwen3moe");
    if (s.n_expert > 0 && (s.n_expert_used == 0 || s.n_expert_used > s.n_expert)) return make_error("experts used must be 1 to the expert count");
    TensorType expert_type = plan.base;
    if (!s.expert_type.empty()) {
        auto t = type_from_name(s.expert_type);
        if (!t || !is_supported_weight_type(*t)) return make_error("unknown or unsupported expert weight type '" + s.expert_type + "'");
        expert_type = *t;
    }
    const uint32_t FX = s.n_ff_exp ? s.n_ff_exp : s.n_ff;
    const uint32_t D = s.head_dim ? s.head_dim : s.n_embd / s.n_head;
    // gemma4's layers: local or global (the last one global), own KV or shared, their head size
    const uint32_t D_swa = s.head_dim_swa ? s.head_dim_swa : D;
    const uint32_t period = s.swa_period ? s.swa_period : 3;
    std::vector<bool> local(s.n_layer, false);
    for (uint32_t l = 0; gemma4 && l + 1 < s.n_layer; ++l) local[l] = l % period < period - 1;
    if (gemma4 && s.shared_kv_layers >= s.n_layer) return make_error("gemma4: shared KV layers must be fewer than the layers");
    auto head_of = [&](uint32_t l) { return gemma4 && local[l] ? D_swa : D; };
    // gemma4's per-layer arrays: KV heads of global layers, FFN width of shared-KV layers
    auto kv_heads_of = [&](uint32_t l) { return gemma4 && !local[l] && s.n_head_kv_global ? s.n_head_kv_global : s.n_head_kv; };
    auto ff_of = [&](uint32_t l) { return gemma4 && s.n_ff_shared && l >= s.n_layer - s.shared_kv_layers ? s.n_ff_shared : s.n_ff; };
    uint32_t vocab = s.n_vocab;
    if (s.vocab) {
        const GgufArray* toks = s.vocab->array("tokenizer.ggml.tokens");
        if (!toks) return make_error("vocabulary file has no tokenizer.ggml.tokens");
        vocab = uint32_t(toks->size());
    }

    GgufWriter w;
    const std::string a = s.arch;
    w.set_string("general.architecture", a);
    w.set_string("general.name", "causerie-random-" + a);
    w.set_u32(a + ".context_length", s.n_ctx);
    w.set_u32(a + ".embedding_length", s.n_embd);
    w.set_u32(a + ".block_count", s.n_layer);
    if (gemma4 && s.n_ff_shared) {
        std::vector<int32_t> ff;
        for (uint32_t l = 0; l < s.n_layer; ++l) ff.push_back(int32_t(ff_of(l)));
        w.set_i32s(a + ".feed_forward_length", ff);
    } else {
        w.set_u32(a + ".feed_forward_length", s.n_ff);
    }
    w.set_u32(a + ".attention.head_count", s.n_head);
    if (gemma4 && s.n_head_kv_global) {
        std::vector<int32_t> kv;
        for (uint32_t l = 0; l < s.n_layer; ++l) kv.push_back(int32_t(kv_heads_of(l)));
        w.set_i32s(a + ".attention.head_count_kv", kv);
    } else {
        w.set_u32(a + ".attention.head_count_kv", s.n_head_kv);
    }
    if (s.head_dim) {
        w.set_u32(a + ".attention.key_length", D);
        w.set_u32(a + ".attention.value_length", D);
    }
    if (layer_norm) w.set_f32(a + ".attention.layer_norm_epsilon", 1e-5f);
    else w.set_f32(a + ".attention.layer_norm_rms_epsilon", gemma ? 1e-6f : 1e-5f);
    if (s.sliding_window > 0 || gemma4) w.set_u32(a + ".attention.sliding_window", s.sliding_window ? s.sliding_window : 512);
    if (gemma4) {
        auto pattern = std::make_shared<GgufArray>();
        pattern->elem = GgufType::BOOL;
        for (bool b : local) {
            GgufValue e;
            e.type = GgufType::BOOL;
            e.u = b ? 1 : 0;
            pattern->items.push_back(e);
        }
        GgufValue v;
        v.type = GgufType::ARRAY;
        v.array = pattern;
        w.set_value(a + ".attention.sliding_window_pattern", v);
        if (!s.head_dim) {
            w.set_u32(a + ".attention.key_length", D);
            w.set_u32(a + ".attention.value_length", D);
        }
        w.set_u32(a + ".attention.key_length_swa", D_swa);
        w.set_u32(a + ".attention.value_length_swa", D_swa);
        w.set_u32(a + ".rope.dimension_count_swa", s.rope_dim_swa ? s.rope_dim_swa : D_swa);
        w.set_u32(a + ".embedding_length_per_layer_input", s.n_embd_per_layer);
        if (s.shared_kv_layers) w.set_u32(a + ".attention.shared_kv_layers", s.shared_kv_layers);
    } else if (s.swa_period > 0) {
        w.set_u32(a + ".attention.sliding_window_pattern", s.swa_period);
    }
    if (s.rope_base_swa > 0) w.set_f32(a + ".rope.freq_base_swa", s.rope_base_swa);
    if (s.attn_softcap > 0) w.set_f32(a + ".attn_logit_softcapping", s.attn_softcap);
    if (s.final_softcap > 0) w.set_f32(a + ".final_logit_softcapping", s.final_softcap);
    w.set_f32(a + ".rope.freq_base", s.rope_base);
    const uint32_t R = s.rope_dim ? s.rope_dim : D;
    if (s.arch != "bloom") w.set_u32(a + ".rope.dimension_count", R);
    if (s.rope_linear_scale > 0) {
        w.set_string(a + ".rope.scaling.type", "linear");
        w.set_f32(a + ".rope.scaling.factor", s.rope_linear_scale);
    }
    if (s.rope_yarn_factor > 0) {
        w.set_string(a + ".rope.scaling.type", "yarn");
        w.set_f32(a + ".rope.scaling.factor", s.rope_yarn_factor);
    }
    if (s.n_ctx_orig > 0) w.set_u32(a + ".rope.scaling.original_context_length", s.n_ctx_orig);
    if (s.rope_attn_factor > 0) w.set_f32(a + ".rope.scaling.attn_factor", s.rope_attn_factor);
    if (s.yarn_beta_fast > 0) w.set_f32(a + ".rope.scaling.yarn_beta_fast", s.yarn_beta_fast);
    if (s.yarn_beta_slow > 0) w.set_f32(a + ".rope.scaling.yarn_beta_slow", s.yarn_beta_slow);
    if (s.attn_temp_scale != 0) w.set_f32(a + ".attention.temperature_scale", s.attn_temp_scale);
    if (a == "granite") w.set_f32(a + ".logit_scale", s.logit_scale != 0 ? s.logit_scale : 1.f);
    if (s.embedding_scale != 0) w.set_f32(a + ".embedding_scale", s.embedding_scale);
    if (s.residual_scale != 0) w.set_f32(a + ".residual_scale", s.residual_scale);
    if (s.attention_scale != 0) w.set_f32(a + ".attention.scale", s.attention_scale);
    if (s.n_expert > 0) {
        w.set_u32(a + ".expert_count", s.n_expert);
        w.set_u32(a + ".expert_used_count", s.n_expert_used);
        if (s.n_ff_exp || a == "qwen3moe") w.set_u32(a + ".expert_feed_forward_length", FX);
    }
    if (s.vocab) {
        for (const auto& [key, value] : s.vocab->metadata)
            if (key.rfind("tokenizer.", 0) == 0) w.set_value(key, value);
    } else {
        std::vector<std::string> tokens;
        std::vector<float> scores;
        std::vector<int32_t> types;
        for (uint32_t i = 0; i < vocab; ++i) {
            tokens.push_back(i == 0 ? "<unk>" : i == 1 ? "<s>" : i == 2 ? "</s>" : "t" + std::to_string(i));
            scores.push_back(-float(i));
            types.push_back(i == 0 ? 2 : i < 3 ? 3 : 1);
        }
        w.set_string("tokenizer.ggml.model", "llama");
        w.set_strings("tokenizer.ggml.tokens", tokens);
        w.set_f32s("tokenizer.ggml.scores", scores);
        w.set_i32s("tokenizer.ggml.token_type", types);
        w.set_u32("tokenizer.ggml.bos_token_id", 1);
        w.set_u32("tokenizer.ggml.eos_token_id", 2);
    }

    std::mt19937_64 rng(s.seed);
    std::normal_distribution<float> normal(0.f, 1.f);
    Status status;
    // Large matrices (benchmark shapes) repeat a pool of quantized random rows in a random
    // order: quantizing billions of values would take minutes and changes nothing for speed.
    const uint32_t pool_rows = 64;
    // A matrix of `experts` x `out` rows (experts > 1: a 3-D expert tensor [in, out, experts]).
    auto matrix = [&](const std::string& name, uint32_t in, uint32_t out1, TensorType t, uint32_t experts = 1) {
        const uint32_t out = out1 * experts;
        uint32_t distinct = uint64_t(in) * out > (4u << 20) ? std::min(out, pool_rows) : out;
        std::vector<float> v(size_t(in) * distinct);
        float scale = 1.0f / std::sqrt(float(in));
        for (auto& x : v) x = normal(rng) * scale;
        auto q = quantize(t, v, in);
        if (!q) {
            if (status) status = make_error(name + ": " + q.error().message);
            return;
        }
        if (distinct < out) {
            const size_t rb = q->size() / distinct;
            std::vector<uint8_t> full(rb * out);
            for (uint32_t r = 0; r < out; ++r) std::memcpy(full.data() + r * rb, q->data() + (rng() % distinct) * rb, rb);
            *q = std::move(full);
        }
        if (experts > 1) w.add_tensor(name, {in, out1, experts}, t, std::move(*q));
        else w.add_tensor(name, {in, out}, t, std::move(*q));
    };
    auto vector = [&](const std::string& name, uint32_t n, float center, float spread) {
        std::vector<float> v(n);
        for (auto& x : v) x = center + spread * normal(rng);
        std::vector<uint8_t> bytes(n * 4);
        std::memcpy(bytes.data(), v.data(), bytes.size());
        w.add_tensor(name, {n}, TensorType::F32, std::move(bytes));
    };

    // A norm's weight, and its bias with LayerNorm.
    auto norm = [&](const std::string& name) {
        vector(name + ".weight", s.n_embd, 1.f, 0.1f);
        if (layer_norm) vector(name + ".bias", s.n_embd, 0.f, 0.1f);
    };
    const bool bloom = a == "bloom", fused_qkv = s.fused_qkv || layer_norm, fused_gate_up = a == "phi3";

    matrix("token_embd.weight", s.n_embd, vocab, plan.base);
    if (bloom) norm("token_embd_norm");
    norm("output_norm");
    if (!s.tied_embeddings && a != "gemma2") matrix("output.weight", s.n_embd, vocab, plan.output);
    if (s.rope_freq_factors && !gemma4) vector("rope_freqs.weight", R / 2, 2.f, 0.5f);
    if (gemma4) {
        // Proportional RoPE as the converters write it: factor 1 on the rotated pairs, 1e30
        // (no rotation) on the last quarter; per-layer embeddings when asked for.
        std::vector<float> f(D / 2, 1.f);
        for (uint32_t i = D / 2 - D / 8; i < D / 2; ++i) f[i] = 1e30f;
        std::vector<uint8_t> bytes(f.size() * 4);
        std::memcpy(bytes.data(), f.data(), bytes.size());
        w.add_tensor("rope_freqs.weight", {D / 2}, TensorType::F32, std::move(bytes));
        if (s.n_embd_per_layer) {
            const uint32_t PL = s.n_embd_per_layer * s.n_layer;
            matrix("per_layer_token_embd.weight", PL, vocab, plan.base);
            matrix("per_layer_model_proj.weight", s.n_embd, PL, plan.base);
            vector("per_layer_proj_norm.weight", s.n_embd_per_layer, 1.f, 0.1f);
        }
    }
    if (s.longrope) {
        vector("rope_factors_long.weight", R / 2, 3.f, 1.f);
        vector("rope_factors_short.weight", R / 2, 1.2f, 0.1f);
    }
    for (uint32_t l = 0; l < s.n_layer; ++l) {
        std::string p = "blk." + std::to_string(l) + ".";
        norm(p + "attn_norm");
        if (s.attn_norm_2) norm(p + "attn_norm_2");
        const TensorType mixed = plan.more_bits(l, s.n_layer) ? plan.mix : plan.base;
        // The layer's sizes (gemma4: its head size; no K/V when it shares an earlier layer's)
        const uint32_t Dl = head_of(l), Q = s.n_head * Dl, KV = kv_heads_of(l) * Dl, F = ff_of(l);
        const bool own_kv = !gemma4 || l < s.n_layer - s.shared_kv_layers;
        const bool has_v = own_kv && !(gemma4 && !local[l] && s.global_k_eq_v);
        if (fused_qkv) {
            matrix(p + "attn_qkv.weight", s.n_embd, Q + 2 * KV, mixed);
            if (bloom || s.qkv_bias) vector(p + "attn_qkv.bias", Q + 2 * KV, 0.f, 0.1f);
        } else {
            matrix(p + "attn_q.weight", s.n_embd, Q, plan.base);
            if (own_kv) matrix(p + "attn_k.weight", s.n_embd, KV, plan.base);
            if (has_v) matrix(p + "attn_v.weight", s.n_embd, KV, mixed);
            if (a == "qwen2" || s.qkv_bias) {
                vector(p + "attn_q.bias", Q, 0.f, 0.1f);
                vector(p + "attn_k.bias", KV, 0.f, 0.1f);
                vector(p + "attn_v.bias", KV, 0.f, 0.1f);
            }
        }
        if (a == "qwen3" || a == "qwen3moe" || a == "gemma3" || gemma4) {
            // gemma4 leaves queries unscaled: its norms carry the scale, D^(-1/4) on each side
            // gives scores of the usual size (q . k / sqrt(D) for unit-RMS heads).
            const float qk = gemma4 ? std::pow(float(Dl), -0.25f) : 1.f;
            vector(p + "attn_q_norm.weight", Dl, qk, 0.1f * qk);
            if (own_kv) vector(p + "attn_k_norm.weight", Dl, qk, 0.1f * qk);
        }
        matrix(p + "attn_output.weight", Q, s.n_embd, plan.base);
        if (bloom) vector(p + "attn_output.bias", s.n_embd, 0.f, 0.1f);
        // gemma's norm weights as converters store them: with the +1 already added.
        if (gemma) vector(p + "post_attention_norm.weight", s.n_embd, 1.f, 0.1f);
        if (a != "falcon") norm(p + "ffn_norm");  // falcon's FFN reads the attention norm
        if (s.n_expert > 0) {
            // The router (f32, as llama-quantize keeps it) and the experts
            matrix(p + "ffn_gate_inp.weight", s.n_embd, s.n_expert, TensorType::F32);
            matrix(p + "ffn_gate_exps.weight", s.n_embd, FX, expert_type, s.n_expert);
            matrix(p + "ffn_up_exps.weight", s.n_embd, FX, expert_type, s.n_expert);
            matrix(p + "ffn_down_exps.weight", FX, s.n_embd, plan.more_bits(l, s.n_layer) ? plan.mix : expert_type, s.n_expert);
            continue;
        }
        if (fused_gate_up) {
            matrix(p + "ffn_up.weight", s.n_embd, 2 * s.n_ff, plan.base);
        } else {
            if (!layer_norm) matrix(p + "ffn_gate.weight", s.n_embd, F, plan.base);
            matrix(p + "ffn_up.weight", s.n_embd, F, plan.base);
            if (bloom) vector(p + "ffn_up.bias", s.n_ff, 0.f, 0.1f);
        }
        matrix(p + "ffn_down.weight", F, s.n_embd, mixed);
        if (bloom) vector(p + "ffn_down.bias", s.n_embd, 0.f, 0.1f);
        if (gemma) vector(p + "post_ffw_norm.weight", s.n_embd, 1.f, 0.1f);
        if (gemma4 && s.n_embd_per_layer) {
            matrix(p + "inp_gate.weight", s.n_embd, s.n_embd_per_layer, plan.base);
            matrix(p + "proj.weight", s.n_embd_per_layer, s.n_embd, plan.base);
            vector(p + "post_norm.weight", s.n_embd, 1.f, 0.1f);
        }
        if (gemma4 && s.layer_out_scale) vector(p + "layer_output_scale.weight", 1, 0.8f, 0.1f);
    }
    if (!status) return status.error();
    return w;
}

}  // namespace causerie
