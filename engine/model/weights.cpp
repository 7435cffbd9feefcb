#include "model/weights.h"

namespace causerie {
namespace {

std::string shape(std::vector<uint64_t> d) {
    std::string s = "[";
    for (size_t i = 0; i < d.size(); ++i) s += (i ? ", " : "") + std::to_string(d[i]);
    return s + "]";
}

// Looks up `name` and checks its shape; matrices must be of a supported type, norms/biases F32.
Result<const TensorInfo*> get(const Gguf& g, const std::string& name, std::vector<uint64_t> dims, bool matrix, bool optional = false) {
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

}  // namespace

Result<ModelWeights> find_weights(const Gguf& g, HParams& hp) {
    ModelWeights w;
    const TensorInfo* emb = g.tensor("token_embd.weight");
    if (!emb) return make_error("missing tensor 'token_embd.weight'");
    if (emb->dims.size() != 2 || emb->dims[0] != hp.n_embd)
        return make_error("tensor 'token_embd.weight': expected shape [" + std::to_string(hp.n_embd) + ", vocab], found " + emb->shape_string());
    hp.n_vocab = uint32_t(emb->dims[1]);
    const uint64_t E = hp.n_embd, Q = hp.q_dim(), KV = hp.kv_dim(), F = hp.n_ff, V = hp.n_vocab, D = hp.head_dim;

    TRY_ASSIGN(w.token_embd, get(g, "token_embd.weight", {E, V}, true));
    TRY_ASSIGN(w.output_norm, get(g, "output_norm.weight", {E}, false));
    // gemma2 always ties the output to the embedding (llama.cpp does not read output.weight).
    if (hp.arch != Arch::Gemma2) {
        TRY_ASSIGN(w.output, get(g, "output.weight", {E, V}, true, true));
    }
    if (!w.output) w.output = w.token_embd;  // tied embeddings
    TRY_ASSIGN(w.rope_freqs, get(g, "rope_freqs.weight", {hp.rope_dim / 2}, false, true));

    for (uint32_t i = 0; i < hp.n_layer; ++i) {
        std::string p = "blk." + std::to_string(i) + ".";
        LayerWeights l;
        TRY_ASSIGN(l.attn_norm, get(g, p + "attn_norm.weight", {E}, false));
        TRY_ASSIGN(l.wq, get(g, p + "attn_q.weight", {E, Q}, true));
        TRY_ASSIGN(l.wk, get(g, p + "attn_k.weight", {E, KV}, true));
        TRY_ASSIGN(l.wv, get(g, p + "attn_v.weight", {E, KV}, true));
        TRY_ASSIGN(l.wo, get(g, p + "attn_output.weight", {Q, E}, true));
        TRY_ASSIGN(l.ffn_norm, get(g, p + "ffn_norm.weight", {E}, false));
        TRY_ASSIGN(l.w_gate, get(g, p + "ffn_gate.weight", {E, F}, true));
        TRY_ASSIGN(l.w_up, get(g, p + "ffn_up.weight", {E, F}, true));
        TRY_ASSIGN(l.w_down, get(g, p + "ffn_down.weight", {F, E}, true));
        if (hp.block == BlockKind::Sandwich) {
            TRY_ASSIGN(l.post_attn_norm, get(g, p + "post_attention_norm.weight", {E}, false));
            TRY_ASSIGN(l.post_ffn_norm, get(g, p + "post_ffw_norm.weight", {E}, false));
        }
        // Biases are required for qwen2 and accepted for llama (some fine-tunes carry them).
        bool need_bias = hp.arch == Arch::Qwen2;
        TRY_ASSIGN(l.bq, get(g, p + "attn_q.bias", {Q}, false, !need_bias));
        TRY_ASSIGN(l.bk, get(g, p + "attn_k.bias", {KV}, false, !need_bias));
        TRY_ASSIGN(l.bv, get(g, p + "attn_v.bias", {KV}, false, !need_bias));
        if (hp.qk_norm) {
            TRY_ASSIGN(l.q_norm, get(g, p + "attn_q_norm.weight", {D}, false));
            TRY_ASSIGN(l.k_norm, get(g, p + "attn_k_norm.weight", {D}, false));
        }
        w.layers.push_back(l);
    }
    return w;
}

}  // namespace causerie
