#include "model/random_model.h"

#include "quant/quant.h"

#include <cmath>
#include <cstring>
#include <functional>
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

uint32_t add_wordpiece_vocab(GgufWriter& w, uint32_t n) {
    std::vector<std::string> tokens;
    std::vector<int32_t> types;
    for (uint32_t i = 0; i < 104; ++i) {
        const char* special[] = {"[UNK]", "[CLS]", "[SEP]", "[MASK]"};
        tokens.push_back(i == 0 ? "[PAD]" : i >= 100 ? special[i - 100] : "[unused" + std::to_string(i) + "]");
        types.push_back(3);
    }
    const std::string phantom = "\xE2\x96\x81";
    std::vector<std::string> pieces;
    for (char c = 'a'; c <= 'z'; ++c) pieces.push_back(std::string(1, c));
    for (char c = '0'; c <= '9'; ++c) pieces.push_back(std::string(1, c));
    for (const char* p : {".", ",", ";", ":", "!", "?", "'", "(", ")", "-", "\"", "/"}) pieces.push_back(p);
    for (const std::string& p : pieces) tokens.push_back(phantom + p), tokens.push_back(p);
    for (const char* word : {"the", "of", "and", "to", "in", "is", "it", "that", "for", "on", "with", "as", "file", "system",
                             "package", "update", "de", "la", "le", "les", "et", "des", "un", "une", "du", "en", "est",
                             "pour", "dans", "mise", "mises", "jour", "paquet", "fichier", "systeme", "reseau", "debian"}) {
        tokens.push_back(phantom + word);
        tokens.push_back(word);
    }
    for (char a = 'a'; a <= 'z'; ++a)
        for (char b = 'a'; b <= 'z'; ++b) tokens.push_back(std::string{a, b});
    if (tokens.size() > n) tokens.resize(std::max<size_t>(n, 104));
    types.resize(tokens.size(), 1);
    w.set_string("tokenizer.ggml.model", "bert");
    w.set_strings("tokenizer.ggml.tokens", tokens);
    w.set_i32s("tokenizer.ggml.token_type", types);
    w.set_u32("tokenizer.ggml.token_type_count", 2);
    w.set_u32("tokenizer.ggml.bos_token_id", 101);
    w.set_u32("tokenizer.ggml.unknown_token_id", 100);
    w.set_u32("tokenizer.ggml.seperator_token_id", 102);
    w.set_u32("tokenizer.ggml.padding_token_id", 0);
    return uint32_t(tokens.size());
}

namespace {

// bert and nomic-bert (llama.cpp src/models/bert.cpp): token, token-type and (bert) position
// embeddings with a LayerNorm, post-norm layers with biases on the norms (bert: on every
// projection too), GELU (bert) or SwiGLU (nomic-bert) FFN, no output norm or matrix.
void add_encoder_tensors(const RandomModelSpec& s, uint32_t vocab, const std::function<void(const std::string&, uint32_t, uint32_t)>& matrix,
                           const std::function<void(const std::string&, uint32_t, float, float)>& vector) {
    const bool bert = s.arch == "bert";
    const uint32_t E = s.n_embd, D = s.head_dim ? s.head_dim : E / s.n_head, Q = s.n_head * D, KV = s.n_head_kv * D;
    matrix("token_embd.weight", E, vocab);
    matrix("token_types.weight", E, 2);
    if (bert) matrix("position_embd.weight", E, s.n_ctx);
    auto norm = [&](const std::string& name) {
        vector(name + ".weight", E, 1.f, 0.1f);
        vector(name + ".bias", E, 0.f, 0.1f);
    };
    norm("token_embd_norm");
    for (uint32_t l = 0; l < s.n_layer; ++l) {
        const std::string p = "blk." + std::to_string(l) + ".";
        if (s.fused_qkv) {
            matrix(p + "attn_qkv.weight", E, Q + 2 * KV);
            if (bert) vector(p + "attn_qkv.bias", Q + 2 * KV, 0.f, 0.1f);
        } else {
            matrix(p + "attn_q.weight", E, Q);
            matrix(p + "attn_k.weight", E, KV);
            matrix(p + "attn_v.weight", E, KV);
            if (bert) {
                vector(p + "attn_q.bias", Q, 0.f, 0.1f);
                vector(p + "attn_k.bias", KV, 0.f, 0.1f);
                vector(p + "attn_v.bias", KV, 0.f, 0.1f);
            }
        }
        matrix(p + "attn_output.weight", Q, E);
        if (bert) vector(p + "attn_output.bias", E, 0.f, 0.1f);
        norm(p + "attn_output_norm");
        if (!bert) matrix(p + "ffn_gate.weight", E, s.n_ff);
        matrix(p + "ffn_up.weight", E, s.n_ff);
        if (bert) vector(p + "ffn_up.bias", s.n_ff, 0.f, 0.1f);
        matrix(p + "ffn_down.weight", s.n_ff, E);
        if (bert) vector(p + "ffn_down.bias", E, 0.f, 0.1f);
        norm(p + "layer_output_norm");
    }
}

}  // namespace

Result<GgufWriter> make_random_model(const RandomModelSpec& s) {
    const bool gemma4 = s.arch == "gemma4";
    const bool gemma = s.arch == "gemma2" || s.arch == "gemma3" || gemma4;
    const bool encoder = s.arch == "bert" || s.arch == "nomic-bert";
    const bool layer_norm = s.arch == "falcon" || s.arch == "bloom";  // LayerNorm with biases, fused QKV, GELU FFN
    const bool gpt_oss = s.arch == "gpt-oss";  // sinks, biases everywhere, experts with biases, post_attention_norm
    const bool known = s.arch == "llama" || s.arch == "qwen2" || s.arch == "qwen3" || s.arch == "qwen3moe" || gemma || s.arch == "phi3" || s.arch == "granite" ||
                       s.arch == "smollm3" || s.arch == "mistral3" || layer_norm || gpt_oss || s.arch == "qwen2moe" || encoder ||
                       s.arch == "qwen35" || s.arch == "qwen35moe";
    if (!known)
        return make_error("unsupported architecture '" + s.arch +
                          "' (supported: llama, qwen2, qwen3, qwen3moe, gemma2, gemma3, phi3, granite, smollm3, mistral3, falcon, bloom, gpt-oss, "
                          "qwen2moe, bert, nomic-bert, qwen35, qwen35moe, gemma4)");
    if (s.n_head == 0 || s.n_head_kv == 0 || s.n_head % s.n_head_kv) return make_error("heads must be a multiple of kv heads");
    TRY_ASSIGN(TypePlan plan, plan_types(s.type));
    const bool qwen2moe = s.arch == "qwen2moe";  // qwen2's attention, experts and a shared expert
    const bool qwen35moe = s.arch == "qwen35moe";  // qwen35's layers, experts and a shared expert
    const bool shared_expert = qwen2moe || qwen35moe;
    if ((s.arch == "qwen3moe" || gpt_oss || shared_expert) && s.n_expert == 0) return make_error(s.arch + " needs experts (--experts N)");
    if (s.n_expert > 0 && s.arch != "llama" && s.arch != "qwen3moe" && !gpt_oss && !shared_expert && !gemma4)
        return make_error("experts are only made for llama, qwen3moe, gpt-oss, qwen2moe, qwen35moe and gemma4");
    if (s.n_expert > 0 && (s.n_expert_used == 0 || s.n_expert_used > s.n_expert)) return make_error("experts used must be 1 to the expert count");
    TensorType expert_type = plan.base;
    if (!s.expert_type.empty()) {
        auto t = type_from_name(s.expert_type);
        if (!t || !is_supported_weight_type(*t)) return make_error("unknown or unsupported expert weight type '" + s.expert_type + "'");
        expert_type = *t;
    }
    // The experts' width: given, or as the reader defaults it without the key (qwen2moe,
    // qwen35moe: ff / used).
    const uint32_t FX = s.n_ff_exp ? s.n_ff_exp : shared_expert && s.n_expert_used ? s.n_ff / s.n_expert_used : s.n_ff;
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
    if (encoder) w.set_f32(a + ".attention.layer_norm_epsilon", 1e-12f);  // BERT's
    else if (layer_norm) w.set_f32(a + ".attention.layer_norm_epsilon", 1e-5f);
    else w.set_f32(a + ".attention.layer_norm_rms_epsilon", gemma ? 1e-6f : 1e-5f);
    // gpt-oss requires the window: 128 as the released models when none is given (gemma4: 512).
    if (s.sliding_window > 0 || gpt_oss || gemma4)
        w.set_u32(a + ".attention.sliding_window", s.sliding_window ? s.sliding_window : gemma4 ? 512 : 128);
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
    // qwen35: the DeltaNet sizes, the layer pattern and RoPE sections covering rope_dim / 2
    // pairs in three near-equal parts (t, h, w), as Qwen3.5's [11, 11, 10, 0] covers 32.
    const bool qwen35 = a == "qwen35" || qwen35moe;
    const uint32_t SD = s.ssm_state ? s.ssm_state : D, SK = s.ssm_k_heads ? s.ssm_k_heads : s.n_head_kv;
    const uint32_t SV = s.ssm_v_heads ? s.ssm_v_heads : s.n_head;
    const uint32_t S_KEY = SD * SK, S_VAL = SD * SV, S_CONV = 2 * S_KEY + S_VAL;
    if (qwen35) {
        if (s.ssm_conv < 2 || SV % SK) return make_error("qwen35: conv kernel >= 2 and v heads a multiple of k heads");
        w.set_u32(a + ".ssm.conv_kernel", s.ssm_conv);
        w.set_u32(a + ".ssm.state_size", SD);
        w.set_u32(a + ".ssm.group_count", SK);
        w.set_u32(a + ".ssm.time_step_rank", SV);
        w.set_u32(a + ".ssm.inner_size", S_VAL);
        w.set_u32(a + ".full_attention_interval", s.full_attn_interval);
        const int32_t pairs = int32_t(R / 2), t = (pairs + 2) / 3, h = (pairs - t + 1) / 2;
        w.set_i32s(a + ".rope.dimension_sections", {t, h, pairs - t - h, 0});
    }
    if (s.n_expert > 0) {
        w.set_u32(a + ".expert_count", s.n_expert);
        w.set_u32(a + ".expert_used_count", s.n_expert_used);
        if (s.n_ff_exp || a == "qwen3moe" || gpt_oss || gemma4 || qwen35moe) w.set_u32(a + ".expert_feed_forward_length", FX);
        if (shared_expert && s.n_ff_shexp) w.set_u32(a + ".expert_shared_feed_forward_length", s.n_ff_shexp);
    }
    if (encoder) w.set_bool(a + ".attention.causal", false);
    if (s.pooling >= 0 || encoder) w.set_i32(a + ".pooling_type", s.pooling >= 0 ? s.pooling : 1);
    if (s.vocab) {
        for (const auto& [key, value] : s.vocab->metadata)
            if (key.rfind("tokenizer.", 0) == 0) w.set_value(key, value);
    } else if (encoder) {
        vocab = add_wordpiece_vocab(w, vocab);  // may be smaller than asked
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
    // Rows of n values, one per expert: [n, rows].
    auto rows_f32 = [&](const std::string& name, uint32_t n, uint32_t rows, float spread) {
        std::vector<float> v(size_t(n) * rows);
        for (auto& x : v) x = spread * normal(rng);
        std::vector<uint8_t> bytes(v.size() * 4);
        std::memcpy(bytes.data(), v.data(), bytes.size());
        w.add_tensor(name, {n, rows}, TensorType::F32, std::move(bytes));
    };

    // A norm's weight, and its bias with LayerNorm.
    auto norm = [&](const std::string& name) {
        vector(name + ".weight", s.n_embd, 1.f, 0.1f);
        if (layer_norm) vector(name + ".bias", s.n_embd, 0.f, 0.1f);
    };
    const bool bloom = a == "bloom", fused_qkv = s.fused_qkv || layer_norm, fused_gate_up = a == "phi3";
    if (encoder) {
        add_encoder_tensors(s, vocab, [&](const std::string& name, uint32_t in, uint32_t out) { matrix(name, in, out, plan.base); },
                            vector);
        if (!status) return status.error();
        return w;
    }

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
    // A small f32 2-D tensor [in, out] (qwen35's conv1d taps).
    auto table = [&](const std::string& name, uint32_t in, uint32_t out, float spread) {
        std::vector<float> v(size_t(in) * out);
        for (auto& x : v) x = spread * normal(rng);
        std::vector<uint8_t> bytes(v.size() * 4);
        std::memcpy(bytes.data(), v.data(), bytes.size());
        w.add_tensor(name, {in, out}, TensorType::F32, std::move(bytes));
    };
    // The router (f32, as llama-quantize keeps it), the experts of layer l, their biases (gpt-oss)
    // and the shared expert (qwen2moe, qwen35moe).
    auto experts = [&](const std::string& p, uint32_t l) {
        matrix(p + "ffn_gate_inp.weight", s.n_embd, s.n_expert, TensorType::F32);
        matrix(p + "ffn_gate_exps.weight", s.n_embd, FX, expert_type, s.n_expert);
        matrix(p + "ffn_up_exps.weight", s.n_embd, FX, expert_type, s.n_expert);
        matrix(p + "ffn_down_exps.weight", FX, s.n_embd, plan.more_bits(l, s.n_layer) ? plan.mix : expert_type, s.n_expert);
        if (gpt_oss) {
            // Biases: the router's, and the experts' wide enough (3) for the clamped
            // SwiGLU's limits (7) to be reached now and then
            vector(p + "ffn_gate_inp.bias", s.n_expert, 0.f, 0.5f);
            rows_f32(p + "ffn_gate_exps.bias", FX, s.n_expert, 3.f);
            rows_f32(p + "ffn_up_exps.bias", FX, s.n_expert, 3.f);
            rows_f32(p + "ffn_down_exps.bias", s.n_embd, s.n_expert, 0.1f);
        }
        if (shared_expert) {
            // The shared expert: its gate (a vector, f32) and a SwiGLU FFN
            const uint32_t S = s.n_ff_shexp ? s.n_ff_shexp : s.n_ff;
            vector(p + "ffn_gate_inp_shexp.weight", s.n_embd, 0.f, 2.f / std::sqrt(float(s.n_embd)));
            matrix(p + "ffn_gate_shexp.weight", s.n_embd, S, expert_type);
            matrix(p + "ffn_up_shexp.weight", s.n_embd, S, expert_type);
            matrix(p + "ffn_down_shexp.weight", S, s.n_embd, expert_type);
        }
    };
    for (uint32_t l = 0; qwen35 && l < s.n_layer; ++l) {
        // qwen35: attn_norm, the mixer (DeltaNet, or gated attention every interval-th layer),
        // the FFN's norm post_attention_norm, a SwiGLU FFN.
        std::string p = "blk." + std::to_string(l) + ".";
        norm(p + "attn_norm");
        const bool full = s.full_attn_interval > 0 && (l + 1) % s.full_attn_interval == 0;
        if (full) {
            const uint32_t Q = s.n_head * D, KV = s.n_head_kv * D;
            matrix(p + "attn_q.weight", s.n_embd, 2 * Q, plan.base);
            matrix(p + "attn_k.weight", s.n_embd, KV, plan.base);
            matrix(p + "attn_v.weight", s.n_embd, KV, plan.base);
            vector(p + "attn_q_norm.weight", D, 1.f, 0.1f);
            vector(p + "attn_k_norm.weight", D, 1.f, 0.1f);
            matrix(p + "attn_output.weight", Q, s.n_embd, plan.base);
        } else {
            matrix(p + "attn_qkv.weight", s.n_embd, S_CONV, plan.base);
            matrix(p + "attn_gate.weight", s.n_embd, S_VAL, plan.base);
            table(p + "ssm_conv1d.weight", s.ssm_conv, S_CONV, 0.5f);
            vector(p + "ssm_dt.bias", SV, 0.f, 0.5f);
            vector(p + "ssm_a", SV, -1.f, 0.3f);  // -exp(A_log)
            matrix(p + "ssm_beta.weight", s.n_embd, SV, plan.base);
            matrix(p + "ssm_alpha.weight", s.n_embd, SV, plan.base);
            vector(p + "ssm_norm.weight", SD, 1.f, 0.1f);
            matrix(p + "ssm_out.weight", S_VAL, s.n_embd, plan.base);
        }
        norm(p + "post_attention_norm");
        if (qwen35moe) {
            experts(p, l);
            continue;
        }
        matrix(p + "ffn_gate.weight", s.n_embd, s.n_ff, plan.base);
        matrix(p + "ffn_up.weight", s.n_embd, s.n_ff, plan.base);
        matrix(p + "ffn_down.weight", s.n_ff, s.n_embd, plan.base);
    }
    for (uint32_t l = 0; !qwen35 && l < s.n_layer; ++l) {
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
            if (a == "qwen2" || qwen2moe || gpt_oss || s.qkv_bias) {
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
        if (bloom || gpt_oss) vector(p + "attn_output.bias", s.n_embd, 0.f, 0.1f);
        // gpt-oss's sinks: logits of the order of the scores, so that they take a visible share
        if (gpt_oss) vector(p + "attn_sinks.weight", s.n_head, 0.f, 1.f);
        // gemma's norm weights as converters store them: with the +1 already added.
        if (gemma) vector(p + "post_attention_norm.weight", s.n_embd, 1.f, 0.1f);
        // falcon's FFN reads the attention norm; gpt-oss names the FFN's norm post_attention_norm
        if (a != "falcon") norm(p + (gpt_oss ? "post_attention_norm" : "ffn_norm"));
        if (s.n_expert > 0 && gemma4) {
            // gemma4: the router (f32) and its input scale of about sqrt(embd) (the router reads
            // rmsnorm(x) / sqrt(embd) * scale: logits of order 1), the experts' norms, the
            // experts (gate and up fused unless asked apart) and their output scales
            matrix(p + "ffn_gate_inp.weight", s.n_embd, s.n_expert, TensorType::F32);
            const float root = std::sqrt(float(s.n_embd));
            vector(p + "ffn_gate_inp.scale", s.n_embd, root, 0.2f * root);
            vector(p + "pre_ffw_norm_2.weight", s.n_embd, 1.f, 0.1f);
            vector(p + "post_ffw_norm_1.weight", s.n_embd, 1.f, 0.1f);
            vector(p + "post_ffw_norm_2.weight", s.n_embd, 1.f, 0.1f);
            if (s.experts_gate_up_apart) {
                matrix(p + "ffn_gate_exps.weight", s.n_embd, FX, expert_type, s.n_expert);
                matrix(p + "ffn_up_exps.weight", s.n_embd, FX, expert_type, s.n_expert);
            } else {
                matrix(p + "ffn_gate_up_exps.weight", s.n_embd, 2 * FX, expert_type, s.n_expert);
            }
            matrix(p + "ffn_down_exps.weight", FX, s.n_embd, plan.more_bits(l, s.n_layer) ? plan.mix : expert_type, s.n_expert);
            vector(p + "ffn_down_exps.scale", s.n_expert, 1.f, 0.3f);
        } else if (s.n_expert > 0) {
            experts(p, l);
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
