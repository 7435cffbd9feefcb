// The CPU reference of the post-norm encoders (bert, nomic-bert), layer by layer over the whole
// sequence: every token's keys and values are in the cache before any token attends, so that
// attention can see the whole sequence (non-causal) as well as the tokens before (causal).
#include "model/cpu_model.h"

#include "quant/quant.h"

#include <algorithm>

namespace causerie {

Result<std::vector<float>> CpuModel::encode(std::span<const int32_t> tokens) {
    const HParams& h = hp_;
    const uint32_t n = uint32_t(tokens.size()), E = h.n_embd, Q = h.q_dim();
    std::vector<float> X(size_t(n) * E), Qs(size_t(n) * Q), att(size_t(n) * Q);
    auto row = [&](const TensorInfo* t, uint64_t r, float* out) {
        dequantize_row(t->type, file_.data() + t->file_offset + r * *row_bytes(t->type, E), out, E);
    };

    // Embeddings: X[t][E] = token_embd[token] + token_types[0] + position_embd[t] (bert)
    std::vector<float> extra(E);
    for (uint32_t t = 0; t < n; ++t) {
        float* x = &X[size_t(t) * E];
        row(w_.token_embd, uint64_t(tokens[t]), x);
        if (w_.token_types) {
            row(w_.token_types, 0, extra.data());
            for (uint32_t i = 0; i < E; ++i) x[i] += extra[i];
        }
        if (w_.position_embd) {
            row(w_.position_embd, t, extra.data());
            for (uint32_t i = 0; i < E; ++i) x[i] += extra[i];
        }
        // Embedding norm: x = layernorm(x) * w + b
        norm(x, w_.token_embd_norm, w_.token_embd_norm_b, x);
    }

    for (uint32_t l = 0; l < h.n_layer; ++l) {
        const LayerWeights& L = w_.layers[l];
        // Projections and RoPE of every token, keys and values into the cache: Qs[n][Q]
        for (uint32_t t = 0; t < n; ++t) {
            store_qkv(l, t, &X[size_t(t) * E]);
            std::copy_n(a_.q.begin(), Q, &Qs[size_t(t) * Q]);
        }
        // Attention: att[n][Q], each token over the whole sequence (non-causal) or up to itself
        for (uint32_t t = 0; t < n; ++t) {
            std::copy_n(&Qs[size_t(t) * Q], Q, a_.q.begin());
            attend_cached(l, t, h.causal ? t + 1 : n);
            std::copy_n(a_.att.begin(), Q, &att[size_t(t) * Q]);
        }
        for (uint32_t t = 0; t < n; ++t) {
            float* x = &X[size_t(t) * E];
            // Output projection, residual and norm: x = layernorm(x + Wo att + bo)
            proj(L.wo, L.bo, &att[size_t(t) * Q], a_.tmp.data());
            for (uint32_t i = 0; i < E; ++i) a_.tmp[i] += x[i];
            norm(a_.tmp.data(), L.post_attn_norm, L.post_attn_norm_b, x);
            // FFN: hb[F] = gelu(W_up x + b) (bert) or silu(W_gate x) * W_up x (nomic-bert)
            ffn_step(l, x);
            // Down projection, residual and norm: x = layernorm(x + W_down hb + b_down)
            proj(L.w_down, L.b_down, a_.hb.data(), a_.tmp.data());
            for (uint32_t i = 0; i < E; ++i) a_.tmp[i] += x[i];
            norm(a_.tmp.data(), L.post_ffn_norm, L.post_ffn_norm_b, x);
        }
    }
    return X;
}

}  // namespace causerie
