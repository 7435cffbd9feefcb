#include "model/weights.h"

namespace causerie {
namespace {

std::string shape(std::vector<uint64_t> d) {
    std::string s = "[";
    for (size_t i = 0; i < d.size(); ++i) s += (i ? ", " : "") + std::to_string(d[i]);
    return s + "]";
}

}  // namespace

Result<const TensorInfo*> find_tensor(const Gguf& g, const std::string& name, std::vector<uint64_t> dims, bool matrix, bool optional) {
    const TensorInfo* t = g.tensor(name);
    if (!t) {
        if (optional) return static_cast<const TensorInfo*>(nullptr);
        return make_error("missing tensor '" + name + "' (expected " + shape(dims) + ")");
    }
    if (t->dims != dims)
        return make_error("tensor '" + name + "': expected shape " + shape(dims) + ", found " + t->shape_string());
    if (matrix ? !is_supported_weight_type(t->type) : (t->type != TensorType::F32 && t->type != TensorType::F16))
        return make_error("tensor '" + name + "': type " + std::string(type_name(t->type)) + " is not supported" +
                          (matrix ? "" : " (expected F32)"));
    return t;
}

namespace {
Result<const TensorInfo*> get(const Gguf& g, const std::string& name, std::vector<uint64_t> dims, bool matrix, bool optional = false) {
    return find_tensor(g, name, std::move(dims), matrix, optional);
}
}  // namespace

const TensorInfo* rope_factors(const ModelWeights& w, const HParams& hp, uint32_t n_ctx) {
    if (w.rope_freqs) return w.rope_freqs;
    return n_ctx > hp.n_ctx_orig ? w.rope_long : w.rope_short;
}

Result<ModelWeights> find_weights(const Gguf& g, HParams& hp) {
    ModelWeights w;
    const TensorInfo* emb = g.tensor("token_embd.weight");
    if (!emb) return make_error("missing tensor 'token_embd.weight'");
    if (emb->dims.size() != 2 || emb->dims[0] != hp.n_embd)
        return make_error("tensor 'token_embd.weight': expected shape [" + std::to_string(hp.n_embd) + ", vocab], found " + emb->shape_string());
    hp.n_vocab = uint32_t(emb->dims[1]);
    if (hp.block == BlockKind::PostNorm) return find_encoder_weights(g, hp);
    const uint64_t E = hp.n_embd, V = hp.n_vocab;
    // gemma4: the factors of the global layers' proportional RoPE, one per pair of their heads.
    const bool gemma4 = hp.arch == Arch::Gemma4;
    uint32_t global_head = 0;
    for (const LayerAttention& la : hp.layer_attn)
        if (la.window == 0) global_head = la.head_dim;
    const uint64_t R = gemma4 ? global_head / 2 : hp.rope_dim / 2;
    const bool layer_norm = hp.norm == NormKind::Layer;
    // What llama.cpp requires per architecture: falcon and bloom only have the fused QKV, bloom
    // biases on every projection, phi3 gate and up in one tensor.
    const bool fused_qkv_only = hp.arch == Arch::Falcon || hp.arch == Arch::Bloom;
    const bool all_biases = hp.arch == Arch::Bloom;
    const bool out_bias = all_biases || hp.arch == Arch::GptOss;  // gpt-oss: attn_output.bias required
    // gpt-oss names the FFN's norm after the attention it follows.
    const std::string ffn_norm = hp.arch == Arch::GptOss ? "post_attention_norm" : "ffn_norm";
    w.gate_up_fused = hp.arch == Arch::Phi3;

    TRY_ASSIGN(w.token_embd, get(g, "token_embd.weight", {E, V}, true));
    if (hp.arch == Arch::Bloom) {
        TRY_ASSIGN(w.token_embd_norm, get(g, "token_embd_norm.weight", {E}, false));
        TRY_ASSIGN(w.token_embd_norm_b, get(g, "token_embd_norm.bias", {E}, false));
    }
    TRY_ASSIGN(w.output_norm, get(g, "output_norm.weight", {E}, false));
    if (layer_norm) {
        TRY_ASSIGN(w.output_norm_b, get(g, "output_norm.bias", {E}, false));
    }
    // gemma2 always ties the output to the embedding (llama.cpp does not read output.weight).
    if (hp.arch != Arch::Gemma2) {
        TRY_ASSIGN(w.output, get(g, "output.weight", {E, V}, true, true));
    }
    if (!w.output) w.output = w.token_embd;  // tied embeddings
    TRY_ASSIGN(w.rope_freqs, get(g, "rope_freqs.weight", {R}, false, !gemma4 || global_head == 0));
    if (gemma4 && hp.n_embd_per_layer > 0) {
        const uint64_t P = hp.n_embd_per_layer, PL = P * hp.n_layer;
        TRY_ASSIGN(w.per_layer_token_embd, get(g, "per_layer_token_embd.weight", {PL, V}, true));
        TRY_ASSIGN(w.per_layer_model_proj, get(g, "per_layer_model_proj.weight", {E, PL}, true));
        TRY_ASSIGN(w.per_layer_proj_norm, get(g, "per_layer_proj_norm.weight", {P}, false));
    }
    if (hp.arch == Arch::Phi3 || hp.arch == Arch::Granite || hp.arch == Arch::Mistral3) {  // those llama.cpp reads them for
        TRY_ASSIGN(w.rope_long, get(g, "rope_factors_long.weight", {R}, false, true));
        TRY_ASSIGN(w.rope_short, get(g, "rope_factors_short.weight", {R}, false, true));
    }
    if (!w.rope_long != !w.rope_short) return make_error("rope_factors_long and rope_factors_short come together");

    for (uint32_t i = 0; i < hp.n_layer; ++i) {
        std::string p = "blk." + std::to_string(i) + ".";
        if (hp.block == BlockKind::Hybrid) {
            TRY_ASSIGN(LayerWeights hl, find_hybrid_layer(g, hp, i));
            w.layers.push_back(hl);
            continue;
        }
        LayerWeights l;
        // The layer's own sizes (the model's, except gemma4's per-layer ones).
        const LayerAttention& la = hp.layer_attn[i];
        const uint64_t Q = la.q_dim(), KV = la.kv_dim(), D = la.head_dim, F = hp.layer_n_ff[i];
        // gemma4: a layer reading another's KV cache needs no K/V (llama.cpp loads them when
        // present, unused: they are ignored), and V is optional (then V is K as projected).
        const bool own_kv = hp.owns_kv(i);
        TRY_ASSIGN(l.attn_norm, get(g, p + "attn_norm.weight", {E}, false));
        if (layer_norm) {
            TRY_ASSIGN(l.attn_norm_b, get(g, p + "attn_norm.bias", {E}, false));
        }
        if (hp.block == BlockKind::Parallel) {
            TRY_ASSIGN(l.attn_norm_2, get(g, p + "attn_norm_2.weight", {E}, false, true));
            if (l.attn_norm_2) {
                TRY_ASSIGN(l.attn_norm_2_b, get(g, p + "attn_norm_2.bias", {E}, false));
            }
        }
        // Attention projections: one fused tensor where the file has it, else q, k, v.
        TRY_ASSIGN(l.wqkv, get(g, p + "attn_qkv.weight", {E, Q + 2 * KV}, true, !fused_qkv_only));
        if (l.wqkv) {
            if (hp.qk_norm) return make_error("tensor '" + p + "attn_qkv.weight': a fused QKV with Q/K norms is not supported");
            TRY_ASSIGN(l.bqkv, get(g, p + "attn_qkv.bias", {Q + 2 * KV}, false, !all_biases));
        } else {
            TRY_ASSIGN(l.wq, get(g, p + "attn_q.weight", {E, Q}, true));
            TRY_ASSIGN(l.wk, get(g, p + "attn_k.weight", {E, KV}, true, !own_kv));
            TRY_ASSIGN(l.wv, get(g, p + "attn_v.weight", {E, KV}, true, gemma4));
            if (!own_kv) l.wk = l.wv = nullptr;
            // Biases are required for qwen2 and accepted for the others (some fine-tunes carry them).
            bool need_bias = hp.arch == Arch::Qwen2;
            TRY_ASSIGN(l.bq, get(g, p + "attn_q.bias", {Q}, false, !need_bias));
            TRY_ASSIGN(l.bk, get(g, p + "attn_k.bias", {KV}, false, !need_bias));
            TRY_ASSIGN(l.bv, get(g, p + "attn_v.bias", {KV}, false, !need_bias));
            if (!!l.bq != !!l.bk || !!l.bq != !!l.bv) return make_error("layer " + std::to_string(i) + ": q, k and v biases come together");
        }
        TRY_ASSIGN(l.wo, get(g, p + "attn_output.weight", {Q, E}, true));
        TRY_ASSIGN(l.bo, get(g, p + "attn_output.bias", {E}, false, !out_bias));
        if (hp.attn_sinks) {
            TRY_ASSIGN(l.attn_sinks, get(g, p + "attn_sinks.weight", {uint64_t(hp.n_head)}, false));
        }
        if (hp.block != BlockKind::Parallel) {
            TRY_ASSIGN(l.ffn_norm, get(g, p + ffn_norm + ".weight", {E}, false));
            if (layer_norm) {
                TRY_ASSIGN(l.ffn_norm_b, get(g, p + ffn_norm + ".bias", {E}, false));
            }
        }
        // FFN: experts (a router and 3-D expert tensors), gate and up (phi3: one tensor of both),
        // or up alone without a gate; gemma4 keeps its dense FFN beside the experts.
        if (hp.moe.n_expert > 0) {
            TRY_ASSIGN(l.moe, find_moe_weights(g, hp, p));
        }
        const bool dense = !l.moe.present() || gemma4;
        if (dense && w.gate_up_fused) {
            TRY_ASSIGN(l.w_up, get(g, p + "ffn_up.weight", {E, 2 * F}, true));
        } else if (dense) {
            TRY_ASSIGN(l.w_up, get(g, p + "ffn_up.weight", {E, F}, true));
            TRY_ASSIGN(l.b_up, get(g, p + "ffn_up.bias", {F}, false, !all_biases));
            if (hp.ffn_gated) {
                TRY_ASSIGN(l.w_gate, get(g, p + "ffn_gate.weight", {E, F}, true));
                TRY_ASSIGN(l.b_gate, get(g, p + "ffn_gate.bias", {F}, false, true));
            }
        }
        if (dense) {
            TRY_ASSIGN(l.w_down, get(g, p + "ffn_down.weight", {F, E}, true));
            TRY_ASSIGN(l.b_down, get(g, p + "ffn_down.bias", {E}, false, !all_biases));
        }
        if (hp.block == BlockKind::Sandwich) {
            TRY_ASSIGN(l.post_attn_norm, get(g, p + "post_attention_norm.weight", {E}, false));
            TRY_ASSIGN(l.post_ffn_norm, get(g, p + "post_ffw_norm.weight", {E}, false));
        }
        if (hp.qk_norm) {
            TRY_ASSIGN(l.q_norm, get(g, p + "attn_q_norm.weight", {D}, false));
            TRY_ASSIGN(l.k_norm, get(g, p + "attn_k_norm.weight", {D}, false, !own_kv));
            if (!own_kv) l.k_norm = nullptr;
        }
        if (w.per_layer_token_embd) {
            const uint64_t P = hp.n_embd_per_layer;
            TRY_ASSIGN(l.pl_inp_gate, get(g, p + "inp_gate.weight", {E, P}, true));
            TRY_ASSIGN(l.pl_proj, get(g, p + "proj.weight", {P, E}, true));
            TRY_ASSIGN(l.pl_post_norm, get(g, p + "post_norm.weight", {E}, false));
        }
        if (gemma4) {
            TRY_ASSIGN(l.out_scale, get(g, p + "layer_output_scale.weight", {1}, false, true));
        }
        w.layers.push_back(l);
    }
    return w;
}

}  // namespace causerie
