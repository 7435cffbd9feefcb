#include "model/cpu_model.h"

#include "quant/quant.h"

#include <algorithm>
#include <cmath>

namespace causerie {

namespace ref {

void rmsnorm(const float* x, const float* w, float* out, uint32_t n, float eps) {
    double ss = 0;
    for (uint32_t i = 0; i < n; ++i) ss += double(x[i]) * double(x[i]);
    float scale = float(1.0 / std::sqrt(ss / n + double(eps)));
    for (uint32_t i = 0; i < n; ++i) out[i] = x[i] * scale * w[i];
}

void rope(float* v, uint32_t n_heads, uint32_t head_dim, uint32_t rope_dim, RopeMode mode, float pos, float base,
          const float* freq_factors) {
    for (uint32_t h = 0; h < n_heads; ++h) {
        float* x = v + size_t(h) * head_dim;
        for (uint32_t i = 0; i < rope_dim / 2; ++i) {
            float freq = std::pow(base, -2.0f * float(i) / float(rope_dim));
            float theta = pos * freq / (freq_factors ? freq_factors[i] : 1.0f);
            float c = std::cos(theta), s = std::sin(theta);
            uint32_t a = mode == RopeMode::Normal ? 2 * i : i;
            uint32_t b = mode == RopeMode::Normal ? 2 * i + 1 : i + rope_dim / 2;
            float x0 = x[a], x1 = x[b];
            x[a] = x0 * c - x1 * s;
            x[b] = x0 * s + x1 * c;
        }
    }
}

float silu(float x) { return x / (1.0f + std::exp(-x)); }

float gelu_tanh(float x) {
    const float sqrt_2_over_pi = 0.79788456080286535587989211986876f, coef_a = 0.044715f;
    return 0.5f * x * (1.0f + std::tanh(sqrt_2_over_pi * x * (1.0f + coef_a * x * x)));
}

float softcap(float x, float cap) { return cap > 0 ? cap * std::tanh(x / cap) : x; }

uint32_t first_visible(uint32_t pos, uint32_t window) { return window && pos + 1 > window ? pos + 1 - window : 0; }

void attend(const float* q, const float* k, const float* v, uint32_t first, uint32_t end, uint32_t head_dim, uint32_t kv_stride,
            float scale, float cap, float* out) {
    std::vector<float> att(end - first);
    float max = -INFINITY;
    for (uint32_t t = first; t < end; ++t) {
        double s = 0;
        for (uint32_t i = 0; i < head_dim; ++i) s += double(q[i]) * double(k[size_t(t) * kv_stride + i]);
        float& a = att[t - first];
        a = softcap(float(s) * scale, cap);
        max = std::max(max, a);
    }
    double sum = 0;
    for (float& a : att) {
        a = std::exp(a - max);
        sum += a;
    }
    for (uint32_t i = 0; i < head_dim; ++i) {
        double o = 0;
        for (uint32_t t = first; t < end; ++t) o += double(att[t - first]) * double(v[size_t(t) * kv_stride + i]);
        out[i] = float(o / sum);
    }
}

void attend(const float* q, const float* k, const float* v, uint32_t n_kv, uint32_t head_dim, uint32_t kv_stride, float* out) {
    attend(q, k, v, 0, n_kv, head_dim, kv_stride, 1.0f / std::sqrt(float(head_dim)), 0.f, out);
}

}  // namespace ref

CpuModel::CpuModel(const HParams& hp, const ModelWeights& w, std::span<const uint8_t> file, uint32_t n_ctx)
    : hp_(hp), w_(w), file_(file), n_ctx_(n_ctx) {
    k_cache_.assign(size_t(hp.n_layer) * n_ctx * hp.kv_dim(), 0.f);
    v_cache_.assign(k_cache_.size(), 0.f);
    rope_freqs_ = w.rope_freqs ? vec(w.rope_freqs) : std::vector<float>(hp.rope_dim / 2, 1.f);
    const uint32_t E = hp.n_embd, Q = hp.q_dim(), KV = hp.kv_dim(), F = hp.n_ff;
    a_ = Acts{std::vector<float>(E), std::vector<float>(E), std::vector<float>(E), std::vector<float>(Q), std::vector<float>(Q),
              std::vector<float>(KV), std::vector<float>(KV), std::vector<float>(F), std::vector<float>(F)};
}

std::vector<float> CpuModel::vec(const TensorInfo* t) const {
    std::vector<float> out(t->n_elements);
    dequantize_row(t->type, file_.data() + t->file_offset, out.data(), t->n_elements);
    return out;
}

void CpuModel::matvec(const TensorInfo* w, const float* x, float* y) const {
    uint64_t cols = w->dims[0], rows = w->rows();
    uint64_t rb = *row_bytes(w->type, cols);
    const uint8_t* base = file_.data() + w->file_offset;
    for (uint64_t r = 0; r < rows; ++r) y[r] = dot_row(w->type, base + r * rb, x, cols);
}

Result<std::vector<float>> CpuModel::forward(std::span<const int32_t> tokens, uint32_t pos, bool all_logits) {
    if (tokens.empty()) return make_error("no tokens to evaluate");
    if (uint64_t(pos) + tokens.size() > n_ctx_)
        return make_error("context full: " + std::to_string(pos + tokens.size()) + " tokens > " + std::to_string(n_ctx_));
    for (int32_t t : tokens)
        if (t < 0 || uint32_t(t) >= hp_.n_vocab) return make_error("token id " + std::to_string(t) + " is outside the vocabulary");
    std::vector<float> logits((all_logits ? tokens.size() : 1) * size_t(hp_.n_vocab));
    for (size_t i = 0; i < tokens.size(); ++i) {
        bool keep = all_logits || i + 1 == tokens.size();
        std::vector<float> scratch;
        float* out = keep ? logits.data() + (all_logits ? i : 0) * hp_.n_vocab : nullptr;
        if (!out) { scratch.resize(hp_.n_vocab); out = scratch.data(); }
        forward_token(tokens[i], pos + uint32_t(i), out);
    }
    return logits;
}

void CpuModel::forward_token(int32_t token, uint32_t pos, float* logits) {
    const HParams& h = hp_;
    const uint32_t E = h.n_embd;
    std::vector<float>& x = a_.x;

    // Embedding: x[E] = token_embd[token] * embd_scale
    uint64_t erb = *row_bytes(w_.token_embd->type, E);
    dequantize_row(w_.token_embd->type, file_.data() + w_.token_embd->file_offset + uint64_t(token) * erb, x.data(), E);
    for (float& e : x) e *= h.embd_scale;

    for (uint32_t l = 0; l < h.n_layer; ++l) {
        if (h.block == BlockKind::Sandwich) sandwich_block(l, pos);
        else pre_norm_block(l, pos);
    }
    // Final norm and logits: logits[V] = W_out rmsnorm(x), soft-capped when the model says so
    ref::rmsnorm(x.data(), vec(w_.output_norm).data(), a_.xb.data(), E, h.rms_eps);
    matvec(w_.output, a_.xb.data(), logits);
    if (h.final_softcap > 0)
        for (uint32_t i = 0; i < h.n_vocab; ++i) logits[i] = ref::softcap(logits[i], h.final_softcap);
}

// llama, qwen: x += Wo attention(norm(x)); x += W_down ffn(norm(x)).
void CpuModel::pre_norm_block(uint32_t l, uint32_t pos) {
    const LayerWeights& L = w_.layers[l];
    const uint32_t E = hp_.n_embd;
    // Attention: att[Q]
    attention_step(l, pos);
    // Output projection and residual: x += Wo att
    matvec(L.wo, a_.att.data(), a_.tmp.data());
    for (uint32_t i = 0; i < E; ++i) a_.x[i] += a_.tmp[i];
    // Gated FFN: hb[F]
    ffn_gate_step(l);
    // Down projection and residual: x += W_down hb
    matvec(L.w_down, a_.hb.data(), a_.tmp.data());
    for (uint32_t i = 0; i < E; ++i) a_.x[i] += a_.tmp[i];
}

// gemma: the same steps with a norm after attention and after the FFN, ahead of each residual.
void CpuModel::sandwich_block(uint32_t l, uint32_t pos) {
    const LayerWeights& L = w_.layers[l];
    // Attention: att[Q]
    attention_step(l, pos);
    // Output projection, post-norm and residual: x += rmsnorm(Wo att) * post_attn_norm
    matvec(L.wo, a_.att.data(), a_.tmp.data());
    add_post_norm(a_.tmp.data(), L.post_attn_norm);
    // Gated FFN: hb[F]
    ffn_gate_step(l);
    // Down projection, post-norm and residual: x += rmsnorm(W_down hb) * post_ffn_norm
    matvec(L.w_down, a_.hb.data(), a_.tmp.data());
    add_post_norm(a_.tmp.data(), L.post_ffn_norm);
}

void CpuModel::attention_step(uint32_t l, uint32_t pos) {
    const HParams& h = hp_;
    const LayerWeights& L = w_.layers[l];
    const LayerAttention& la = h.layer_attn[l];
    const uint32_t E = h.n_embd, Q = h.q_dim(), KV = h.kv_dim(), D = h.head_dim;
    std::vector<float>&q = a_.q, &k = a_.k, &v = a_.v, &xb = a_.xb;
    // Attention norm: xb[E] = rmsnorm(x) * attn_norm
    ref::rmsnorm(a_.x.data(), vec(L.attn_norm).data(), xb.data(), E, h.rms_eps);
    // Projections: q[Q], k[KV], v[KV] (+ bias for qwen2)
    matvec(L.wq, xb.data(), q.data());
    matvec(L.wk, xb.data(), k.data());
    matvec(L.wv, xb.data(), v.data());
    if (L.bq) { auto b = vec(L.bq); for (uint32_t i = 0; i < Q; ++i) q[i] += b[i]; }
    if (L.bk) { auto b = vec(L.bk); for (uint32_t i = 0; i < KV; ++i) k[i] += b[i]; }
    if (L.bv) { auto b = vec(L.bv); for (uint32_t i = 0; i < KV; ++i) v[i] += b[i]; }
    // Q/K norm per head (qwen3, gemma3): q_h = rmsnorm(q_h) * q_norm
    if (L.q_norm) {
        auto qn = vec(L.q_norm), kn = vec(L.k_norm);
        for (uint32_t hh = 0; hh < h.n_head; ++hh) ref::rmsnorm(&q[hh * D], qn.data(), &q[hh * D], D, h.rms_eps);
        for (uint32_t hh = 0; hh < h.n_head_kv; ++hh) ref::rmsnorm(&k[hh * D], kn.data(), &k[hh * D], D, h.rms_eps);
    }
    // RoPE on q and k at this position, with the layer's base and scaling
    float p = float(pos) / la.rope_scale;
    ref::rope(q.data(), h.n_head, D, h.rope_dim, h.rope_mode, p, la.rope_base, rope_freqs_.data());
    ref::rope(k.data(), h.n_head_kv, D, h.rope_dim, h.rope_mode, p, la.rope_base, rope_freqs_.data());
    // KV cache write: cache[l][pos] = k, v
    float* kc = &k_cache_[(size_t(l) * n_ctx_) * KV];
    float* vc = &v_cache_[(size_t(l) * n_ctx_) * KV];
    std::copy(k.begin(), k.end(), kc + size_t(pos) * KV);
    std::copy(v.begin(), v.end(), vc + size_t(pos) * KV);
    // Attention: each query head attends to its KV head over the visible positions
    // [first_visible(pos, window), pos]
    const uint32_t group = h.n_head / h.n_head_kv, first = ref::first_visible(pos, la.window);
    for (uint32_t hh = 0; hh < h.n_head; ++hh) {
        uint32_t kvh = hh / group;
        ref::attend(&q[hh * D], kc + kvh * D, vc + kvh * D, first, pos + 1, D, KV, h.attn_scale, h.attn_softcap, &a_.att[hh * D]);
    }
}

void CpuModel::ffn_gate_step(uint32_t l) {
    const HParams& h = hp_;
    const LayerWeights& L = w_.layers[l];
    const uint32_t F = h.n_ff;
    // FFN norm: xb[E] = rmsnorm(x) * ffn_norm
    ref::rmsnorm(a_.x.data(), vec(L.ffn_norm).data(), a_.xb.data(), h.n_embd, h.rms_eps);
    // Gate and up: hb[F] = W_gate xb, hb2[F] = W_up xb
    matvec(L.w_gate, a_.xb.data(), a_.hb.data());
    matvec(L.w_up, a_.xb.data(), a_.hb2.data());
    // Gated activation: hb = act(hb) * hb2 (SwiGLU or GELU-gated)
    for (uint32_t i = 0; i < F; ++i)
        a_.hb[i] = (h.ffn_act == Activation::GeluTanh ? ref::gelu_tanh(a_.hb[i]) : ref::silu(a_.hb[i])) * a_.hb2[i];
}

void CpuModel::add_post_norm(const float* y, const TensorInfo* w) {
    const uint32_t E = hp_.n_embd;
    std::vector<float> normed(E);
    ref::rmsnorm(y, vec(w).data(), normed.data(), E, hp_.rms_eps);
    for (uint32_t i = 0; i < E; ++i) a_.x[i] += normed[i];
}

}  // namespace causerie
