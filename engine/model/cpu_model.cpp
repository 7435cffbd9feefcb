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

void layernorm(const float* x, const float* w, const float* b, float* out, uint32_t n, float eps) {
    double sum = 0;
    for (uint32_t i = 0; i < n; ++i) sum += x[i];
    const double mean = sum / n;
    double var = 0;
    for (uint32_t i = 0; i < n; ++i) var += (x[i] - mean) * (x[i] - mean);
    const float scale = float(1.0 / std::sqrt(var / n + double(eps)));
    for (uint32_t i = 0; i < n; ++i) out[i] = float(x[i] - mean) * scale * w[i] + b[i];
}

void rope(float* v, uint32_t n_heads, uint32_t head_dim, const Rope& r, float pos) {
    const uint32_t half = r.rope_dim / 2;
    for (uint32_t h = 0; h < n_heads; ++h) {
        float* x = v + size_t(h) * head_dim;
        for (uint32_t i = 0; i < half; ++i) {
            // theta_extrap as unscaled, theta_interp = freq_scale * theta_extrap, blended by YaRN's ramp
            float freq = std::pow(r.base, -2.0f * float(i) / float(r.rope_dim));
            float theta_e = pos * freq / (r.factors ? r.factors[i] : 1.0f);
            float theta = r.freq_scale * theta_e;
            if (r.ext_factor != 0) {
                float y = (float(i) - r.corr_low) / std::max(0.001f, r.corr_high - r.corr_low);
                float ramp = (1 - std::min(1.0f, std::max(0.0f, y))) * r.ext_factor;
                theta = theta * (1 - ramp) + theta_e * ramp;
            }
            float c = std::cos(theta) * r.mscale, s = std::sin(theta) * r.mscale;
            uint32_t a = r.mode == RopeMode::Normal ? 2 * i : i;
            uint32_t b = r.mode == RopeMode::Normal ? 2 * i + 1 : i + half;
            float x0 = x[a], x1 = x[b];
            x[a] = x0 * c - x1 * s;
            x[b] = x0 * s + x1 * c;
        }
    }
}

void rope(float* v, uint32_t n_heads, uint32_t head_dim, uint32_t rope_dim, RopeMode mode, float pos, float base,
          const float* freq_factors) {
    Rope r;
    r.rope_dim = rope_dim;
    r.mode = mode;
    r.base = base;
    r.factors = freq_factors;
    rope(v, n_heads, head_dim, r, pos);
}

float attn_temperature(uint32_t pos, float scale, uint32_t floor_) {
    return scale == 0 ? 1.0f : std::log(std::floor(float(pos) / float(floor_)) + 1.0f) * scale + 1.0f;
}

float silu(float x) { return x / (1.0f + std::exp(-x)); }

float gelu_tanh(float x) {
    const float sqrt_2_over_pi = 0.79788456080286535587989211986876f, coef_a = 0.044715f;
    return 0.5f * x * (1.0f + std::tanh(sqrt_2_over_pi * x * (1.0f + coef_a * x * x)));
}

float softcap(float x, float cap) { return cap > 0 ? cap * std::tanh(x / cap) : x; }

float swiglu_oai(float gate, float up, float alpha, float limit) {
    const float g = std::min(gate, limit), u = std::clamp(up, -limit, limit);
    return g / (1.0f + std::exp(-alpha * g)) * (u + 1.0f);
}

uint32_t first_visible(uint32_t pos, uint32_t window) { return window && pos + 1 > window ? pos + 1 - window : 0; }

void attend(const float* q, const float* k, const float* v, uint32_t first, uint32_t end, uint32_t head_dim, uint32_t kv_stride,
            float scale, float cap, float* out) {
    attend(q, k, v, first, end, head_dim, kv_stride, scale, cap, 0.f, out);
}

void attend(const float* q, const float* k, const float* v, uint32_t first, uint32_t end, uint32_t head_dim, uint32_t kv_stride,
            float scale, float cap, float slope, float* out, const float* sink) {
    std::vector<float> att(end - first);
    float max = -INFINITY;
    for (uint32_t t = first; t < end; ++t) {
        double s = 0;
        for (uint32_t i = 0; i < head_dim; ++i) s += double(q[i]) * double(k[size_t(t) * kv_stride + i]);
        float& a = att[t - first];
        a = softcap(float(s) * scale, cap) + slope * (float(t) - float(end - 1));
        max = std::max(max, a);
    }
    if (sink) max = std::max(max, *sink);
    double sum = sink ? std::exp(double(*sink) - max) : 0.0;
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

namespace {
// A layer reading another's cache (gemma4's shared KV) has that cache's rows.
std::vector<uint32_t> layer_rows(const HParams& hp, uint32_t n_ctx, bool ring) {
    std::vector<uint32_t> rows;
    for (uint32_t l = 0; l < hp.n_layer; ++l) rows.push_back(kv_cache_rows(hp.layer_attn[hp.kv_source(l)], n_ctx, 1, ring));
    return rows;
}
}  // namespace

CpuModel::CpuModel(const HParams& hp, const ModelWeights& w, std::span<const uint8_t> file, uint32_t n_ctx, bool ring)
    : hp_(hp), w_(w), file_(file), n_ctx_(n_ctx), kv_rows_(layer_rows(hp, n_ctx, ring)), reach_(hp.layer_attn, kv_rows_, n_ctx) {
    size_t floats = 0;
    uint32_t widest = 0;
    for (uint32_t l = 0; l < hp.n_layer; ++l) {
        // A shared-KV layer has no cache of its own: it reads its source's rows.
        if (!hp.owns_kv(l)) {
            kv_offset_.push_back(kv_offset_[hp.kv_source(l)]);
            continue;
        }
        kv_offset_.push_back(floats);
        if (hp.is_recurrent(l)) kv_rows_[l] = 0;  // a DeltaNet layer keeps a recurrent state instead
        floats += size_t(kv_rows_[l]) * hp.layer_attn[l].kv_dim();
        if (kv_rows_[l] < n_ctx) widest = std::max(widest, hp.layer_attn[l].window);
    }
    ones_.assign(hp.head_dim, 1.f);
    k_cache_.assign(floats, 0.f);
    v_cache_.assign(floats, 0.f);
    kv_window_.assign(2 * size_t(widest) * hp.kv_dim(), 0.f);
    const TensorInfo* factors = rope_factors(w, hp, n_ctx);
    rope_freqs_ = factors ? vec(factors) : std::vector<float>(hp.rope_dim / 2, 1.f);
    const uint32_t E = hp.n_embd, Q = hp.q_dim(), KV = hp.kv_dim(), F = hp.n_ff;
    auto z = [](uint32_t n) { return std::vector<float>(n); };
    a_ = Acts{z(E), z(E), z(E), z(E), z(E), z(Q + 2 * KV), z(Q), z(Q), z(KV), z(KV), z(F), z(2 * F),
              z(hp.n_embd_per_layer * hp.n_layer), z(hp.n_embd_per_layer)};
    init_recurrent();
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

void CpuModel::proj(const TensorInfo* w, const TensorInfo* b, const float* x, float* y) const {
    matvec(w, x, y);
    if (b) {
        auto bias = vec(b);
        for (size_t i = 0; i < bias.size(); ++i) y[i] += bias[i];
    }
}

Result<std::vector<float>> CpuModel::forward(std::span<const int32_t> tokens, uint32_t pos, bool all_logits) {
    if (!w_.output) return make_error("an encoder (embedding) model has no logits");
    TRY_STATUS(check_tokens(tokens, pos));
    TRY_STATUS(begin_recurrent(pos));
    std::vector<float> logits((all_logits ? tokens.size() : 1) * size_t(hp_.n_vocab));
    for (size_t i = 0; i < tokens.size(); ++i) {
        reach_.stored(pos + uint32_t(i), 1);
        bool keep = all_logits || i + 1 == tokens.size();
        std::vector<float> scratch;
        float* out = keep ? logits.data() + (all_logits ? i : 0) * hp_.n_vocab : nullptr;
        if (!out) { scratch.resize(hp_.n_vocab); out = scratch.data(); }
        forward_token(tokens[i], pos + uint32_t(i), out);
        rec_pos_ = pos + uint32_t(i) + 1;
    }
    return logits;
}

Status CpuModel::check_tokens(std::span<const int32_t> tokens, uint32_t pos) const {
    if (tokens.empty()) return make_error("no tokens to evaluate");
    if (uint64_t(pos) + tokens.size() > n_ctx_)
        return make_error("context full: " + std::to_string(pos + tokens.size()) + " tokens > " + std::to_string(n_ctx_));
    for (int32_t t : tokens)
        if (t < 0 || uint32_t(t) >= hp_.n_vocab) return make_error("token id " + std::to_string(t) + " is outside the vocabulary");
    // A start whose window a ring has overwritten would attend to newer positions' keys.
    if (std::string why = reach_.why_not(pos); !why.empty()) return make_error(why);
    return {};
}

Result<std::vector<float>> CpuModel::hidden(std::span<const int32_t> tokens) {
    TRY_STATUS(check_tokens(tokens, 0));
    if (hp_.block == BlockKind::PostNorm) return encode(tokens);
    // Decoders: token by token from position 0, each row the final norm's output
    std::vector<float> out(tokens.size() * size_t(hp_.n_embd));
    for (size_t i = 0; i < tokens.size(); ++i) {
        reach_.stored(uint32_t(i), 1);
        forward_token(tokens[i], uint32_t(i), nullptr, out.data() + i * hp_.n_embd);
    }
    return out;
}

void CpuModel::forward_token(int32_t token, uint32_t pos, float* logits, float* hidden) {
    const HParams& h = hp_;
    const uint32_t E = h.n_embd;
    std::vector<float>& x = a_.x;

    // Embedding: x[E] = token_embd[token] * embd_scale
    uint64_t erb = *row_bytes(w_.token_embd->type, E);
    dequantize_row(w_.token_embd->type, file_.data() + w_.token_embd->file_offset + uint64_t(token) * erb, x.data(), E);
    for (float& e : x) e *= h.embd_scale;
    // Embedding norm (bloom): x = layernorm(x) * w + b
    if (w_.token_embd_norm) norm(x.data(), w_.token_embd_norm, w_.token_embd_norm_b, x.data());
    // Per-layer inputs (gemma4): pl[n_layer][P] from the token and x
    if (w_.per_layer_token_embd) per_layer_inputs(token);

    for (uint32_t l = 0; l < h.n_layer; ++l) {
        switch (h.block) {
        case BlockKind::PreNorm: pre_norm_block(l, pos); break;
        case BlockKind::Sandwich: sandwich_block(l, pos); break;
        case BlockKind::Parallel: parallel_block(l, pos); break;
        case BlockKind::PostNorm: break;  // encoders run layer by layer (encode())
        case BlockKind::Hybrid: hybrid_block(l, pos); break;
        }
    }
    // Final norm and logits: logits[V] = W_out norm(x) * logit_scale, soft-capped when the model says so
    norm(x.data(), w_.output_norm, w_.output_norm_b, a_.xb.data());
    if (hidden) std::copy_n(a_.xb.begin(), E, hidden);
    if (!logits) return;
    matvec(w_.output, a_.xb.data(), logits);
    if (h.logit_scale != 1)
        for (uint32_t i = 0; i < h.n_vocab; ++i) logits[i] *= h.logit_scale;
    if (h.final_softcap > 0)
        for (uint32_t i = 0; i < h.n_vocab; ++i) logits[i] = ref::softcap(logits[i], h.final_softcap);
}

// llama, qwen, phi3, granite, bloom...: x += Wo attention(norm(x)); x += W_down ffn(norm(x)).
void CpuModel::pre_norm_block(uint32_t l, uint32_t pos) {
    const LayerWeights& L = w_.layers[l];
    // Attention norm: xb[E] = norm(x) * attn_norm (+ bias)
    norm(a_.x.data(), L.attn_norm, L.attn_norm_b, a_.xb.data());
    // Attention: att[Q]
    attention_step(l, pos, a_.xb.data());
    // Output projection and residual: x += residual_scale * (Wo att + bo)
    proj(L.wo, L.bo, a_.att.data(), a_.tmp.data());
    add_residual(a_.tmp.data());
    // FFN norm: xb[E] = norm(x) * ffn_norm (+ bias)
    norm(a_.x.data(), L.ffn_norm, L.ffn_norm_b, a_.xb.data());
    if (L.moe.present()) {
        // Experts: tmp[E] = the router's weighted sum of the chosen experts' FFNs
        moe_ffn_step(l, a_.xb.data(), a_.tmp.data());
    } else {
        // FFN: hb[F]; down projection: tmp[E] = W_down hb + b_down
        ffn_step(l, a_.xb.data());
        proj(L.w_down, L.b_down, a_.hb.data(), a_.tmp.data());
    }
    // Residual: x += residual_scale * tmp
    add_residual(a_.tmp.data());
}

// gemma: the same steps with a norm after attention and after the FFN, ahead of each residual.
void CpuModel::sandwich_block(uint32_t l, uint32_t pos) {
    const LayerWeights& L = w_.layers[l];
    // Attention norm and attention: att[Q] from xb = rmsnorm(x) * attn_norm
    norm(a_.x.data(), L.attn_norm, nullptr, a_.xb.data());
    attention_step(l, pos, a_.xb.data());
    // Output projection, post-norm and residual: x += rmsnorm(Wo att) * post_attn_norm
    matvec(L.wo, a_.att.data(), a_.tmp.data());
    add_post_norm(a_.tmp.data(), L.post_attn_norm);
    if (L.moe.present()) {
        // Dense FFN and experts (gemma4): tmp[E] = rmsnorm(W_down ffn) * post_ffw_norm_1 + rmsnorm(experts) * post_ffw_norm_2
        dense_and_experts_step(l, a_.tmp.data());
    } else {
        // FFN norm and gated FFN: hb[F] from xb = rmsnorm(x) * ffn_norm; down projection: tmp[E] = W_down hb
        norm(a_.x.data(), L.ffn_norm, nullptr, a_.xb.data());
        ffn_step(l, a_.xb.data());
        matvec(L.w_down, a_.hb.data(), a_.tmp.data());
    }
    // Post-norm and residual: x += rmsnorm(tmp) * post_ffn_norm
    add_post_norm(a_.tmp.data(), L.post_ffn_norm);
    // Per-layer embedding (gemma4): x += rmsnorm(W_proj (gelu(W_gate x) * pl[l])) * post_norm
    if (L.pl_inp_gate) per_layer_embd_step(l);
    // Layer output multiplier (gemma4): x *= out_scale
    if (L.out_scale) {
        const float s = vec(L.out_scale)[0];
        for (float& e : a_.x) e *= s;
    }
}

// falcon: attention and FFN in parallel from one norm of x (40B: attention from its own norm),
// x += Wo attention + W_down ffn.
void CpuModel::parallel_block(uint32_t l, uint32_t pos) {
    const LayerWeights& L = w_.layers[l];
    // Norm: xb[E] = layernorm(x) * attn_norm + b; falcon 40B: xb2[E] from attn_norm_2 for attention
    norm(a_.x.data(), L.attn_norm, L.attn_norm_b, a_.xb.data());
    if (L.attn_norm_2) norm(a_.x.data(), L.attn_norm_2, L.attn_norm_2_b, a_.xb2.data());
    // Attention: att[Q]
    attention_step(l, pos, L.attn_norm_2 ? a_.xb2.data() : a_.xb.data());
    // Output projection and residual: x += Wo att (+ bo)
    proj(L.wo, L.bo, a_.att.data(), a_.tmp.data());
    add_residual(a_.tmp.data());
    // FFN from the same norm: hb[F]
    ffn_step(l, a_.xb.data());
    // Down projection and residual: x += W_down hb (+ b_down)
    proj(L.w_down, L.b_down, a_.hb.data(), a_.tmp.data());
    add_residual(a_.tmp.data());
}

void CpuModel::norm(const float* x, const TensorInfo* w, const TensorInfo* b, float* out) const {
    if (hp_.norm == NormKind::Layer) ref::layernorm(x, vec(w).data(), vec(b).data(), out, hp_.n_embd, hp_.norm_eps);
    else ref::rmsnorm(x, vec(w).data(), out, hp_.n_embd, hp_.rms_eps);
}

void CpuModel::attention_step(uint32_t l, uint32_t pos, const float* in) {
    // Projections, RoPE and the cache write of this token; attention over [.., pos] (causal)
    store_qkv(l, pos, in);
    attend_cached(l, pos, pos + 1);
}

void CpuModel::store_qkv(uint32_t l, uint32_t pos, const float* in) {
    const HParams& h = hp_;
    const LayerWeights& L = w_.layers[l];
    const LayerAttention& la = h.layer_attn[l];
    const uint32_t Q = la.q_dim(), KV = la.kv_dim(), D = la.head_dim, n_head = la.n_head, n_head_kv = la.n_head_kv;
    const bool own_kv = h.owns_kv(l);  // false: the queries read an earlier layer's cache (gemma4)
    std::vector<float>&q = a_.q, &k = a_.k, &v = a_.v;
    // Projections: q[Q], k[KV], v[KV] (+ biases): one fused matrix, or three
    if (L.wqkv) {
        proj(L.wqkv, L.bqkv, in, a_.qkv.data());
        std::copy_n(a_.qkv.begin(), Q, q.begin());
        std::copy_n(a_.qkv.begin() + Q, KV, k.begin());
        std::copy_n(a_.qkv.begin() + Q + KV, KV, v.begin());
    } else {
        // (no k, v on a shared-KV layer; v is k as projected when the layer has no V (gemma4))
        proj(L.wq, L.bq, in, q.data());
        if (own_kv) {
            proj(L.wk, L.bk, in, k.data());
            if (L.wv) proj(L.wv, L.bv, in, v.data());
            else std::copy_n(k.begin(), KV, v.begin());
        }
    }
    // V norm per head without a weight (gemma4): v_h = rmsnorm(v_h)
    if (la.v_norm && own_kv)
        for (uint32_t hh = 0; hh < n_head_kv; ++hh) ref::rmsnorm(&v[hh * D], ones_.data(), &v[hh * D], D, h.rms_eps);
    // Q/K norm per head (qwen3, gemma3): q_h = rmsnorm(q_h) * q_norm
    if (L.q_norm) {
        auto qn = vec(L.q_norm);
        for (uint32_t hh = 0; hh < n_head; ++hh) ref::rmsnorm(&q[hh * D], qn.data(), &q[hh * D], D, h.rms_eps);
    }
    if (L.k_norm) {
        auto kn = vec(L.k_norm);
        for (uint32_t hh = 0; hh < n_head_kv; ++hh) ref::rmsnorm(&k[hh * D], kn.data(), &k[hh * D], D, h.rms_eps);
    }
    // RoPE on q and k at this position with the layer's base, scaling and rotated dims (none on
    // NoPE layers), the frequency factors where the layer takes them
    if (la.rope) {
        const ref::Rope r{la.rope_dim, h.rope_mode, la.rope_base, 1.0f / la.rope_scale, la.ext_factor, la.corr_low, la.corr_high,
                          la.mscale, la.rope_factors ? rope_freqs_.data() : nullptr};
        ref::rope(q.data(), n_head, D, r, float(pos));
        if (own_kv) ref::rope(k.data(), n_head_kv, D, r, float(pos));
    }
    // Attention temperature (mistral3): q *= log(floor(pos / floor) + 1) * scale + 1
    const float temp = ref::attn_temperature(pos, h.attn_temp_scale, h.attn_temp_floor);
    if (temp != 1.0f)
        for (float& e : q) e *= temp;
    // KV cache write: cache[l][pos % rows] = k, v (rows = n_ctx, or a sliding-window ring); a
    // shared-KV layer reads its source layer's cache, written there at this position
    const uint32_t rows = kv_rows_[l];
    float* kc = &k_cache_[kv_offset_[l]];
    float* vc = &v_cache_[kv_offset_[l]];
    if (own_kv) {
        std::copy_n(k.begin(), KV, kc + size_t(pos % rows) * KV);
        std::copy_n(v.begin(), KV, vc + size_t(pos % rows) * KV);
    }
}

void CpuModel::attend_cached(uint32_t l, uint32_t pos, uint32_t end) {
    const HParams& h = hp_;
    const LayerAttention& la = h.layer_attn[l];
    const uint32_t KV = la.kv_dim(), D = la.head_dim, n_head = la.n_head, n_head_kv = la.n_head_kv;
    const std::vector<float>& q = a_.q;
    const uint32_t rows = kv_rows_[l];
    float* kc = &k_cache_[kv_offset_[l]];
    float* vc = &v_cache_[kv_offset_[l]];
    // The visible positions [first_visible(pos, window), end) (end: pos + 1 when causal): the
    // cache rows themselves, or a ring's rows of them copied out in position order (positions renumbered from 0: the ALiBi
    // offsets t - pos stay the same)
    uint32_t first = ref::first_visible(pos, la.window);
    if (rows < n_ctx_) {
        float* kw = kv_window_.data();
        float* vw = kv_window_.data() + kv_window_.size() / 2;
        for (uint32_t t = first; t < end; ++t) {
            std::copy_n(kc + size_t(t % rows) * KV, KV, kw + size_t(t - first) * KV);
            std::copy_n(vc + size_t(t % rows) * KV, KV, vw + size_t(t - first) * KV);
        }
        kc = kw;
        vc = vw;
        end -= first;
        first = 0;
    }
    // Attention: each query head attends to its KV head over the visible positions, with its
    // ALiBi slope where the model has ALiBi and its sink where the model has sinks
    const uint32_t group = n_head / n_head_kv;
    const TensorInfo* sink_t = w_.layers[l].attn_sinks;
    const std::vector<float> sinks = sink_t ? vec(sink_t) : std::vector<float>();
    for (uint32_t hh = 0; hh < n_head; ++hh) {
        uint32_t kvh = hh / group;
        ref::attend(&q[hh * D], kc + kvh * D, vc + kvh * D, first, end, D, KV, h.attn_scale, h.attn_softcap,
                    alibi_slope(hh, n_head, h.alibi_max_bias), &a_.att[hh * D], sinks.empty() ? nullptr : &sinks[hh]);
    }
}

void CpuModel::ffn_step(uint32_t l, const float* in) {
    const HParams& h = hp_;
    const LayerWeights& L = w_.layers[l];
    const uint32_t F = h.layer_n_ff[l];
    float* gate = a_.gu.data();
    float* up = a_.gu.data() + F;
    auto act = [&](float g) { return h.ffn_act == Activation::GeluTanh ? ref::gelu_tanh(g) : ref::silu(g); };
    if (!h.ffn_gated) {
        // Plain FFN (falcon, bloom): hb = act(W_up in + b_up)
        proj(L.w_up, L.b_up, in, a_.hb.data());
        for (uint32_t i = 0; i < F; ++i) a_.hb[i] = act(a_.hb[i]);
        return;
    }
    // Gate and up: gu[2F] = [W_gate in; W_up in] (phi3: one fused matrix of both)
    if (L.w_gate) {
        proj(L.w_gate, L.b_gate, in, gate);
        proj(L.w_up, L.b_up, in, up);
    } else {
        proj(L.w_up, nullptr, in, a_.gu.data());
    }
    // Gated activation: hb = act(gate) * up (SwiGLU or GELU-gated)
    for (uint32_t i = 0; i < F; ++i) a_.hb[i] = act(gate[i]) * up[i];
}

void CpuModel::add_residual(const float* y) {
    for (uint32_t i = 0; i < hp_.n_embd; ++i) a_.x[i] += hp_.residual_scale * y[i];
}

void CpuModel::add_post_norm(const float* y, const TensorInfo* w) {
    const uint32_t E = hp_.n_embd;
    std::vector<float> normed(E);
    ref::rmsnorm(y, vec(w).data(), normed.data(), E, hp_.rms_eps);
    for (uint32_t i = 0; i < E; ++i) a_.x[i] += normed[i];
}

}  // namespace causerie
