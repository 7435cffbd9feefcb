// The CPU reference of qwen35's hybrid block: gated full attention on every n-th layer, a
// Gated DeltaNet with its conv and delta states on the others, then a SwiGLU FFN (qwen35moe: experts and a shared expert).
#include "model/deltanet.h"
#include "model/cpu_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace causerie {

namespace ref {

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

float softplus(float x) { return x > 20.0f ? x : std::log(1.0f + std::exp(x)); }

void l2norm(float* x, uint32_t n, float eps) {
    double ss = 0;
    for (uint32_t i = 0; i < n; ++i) ss += double(x[i]) * double(x[i]);
    const float scale = 1.0f / std::max(float(std::sqrt(ss)), eps);
    for (uint32_t i = 0; i < n; ++i) x[i] *= scale;
}

void conv1d_step(const float* in, float* state, const float* w, uint32_t channels, uint32_t d_conv, float* out) {
    const uint32_t S = d_conv - 1;
    for (uint32_t c = 0; c < channels; ++c) {
        float* st = state + size_t(c) * S;
        const float* wc = w + size_t(c) * d_conv;
        float sum = 0;
        for (uint32_t k = 0; k < S; ++k) sum += st[k] * wc[k];
        sum += in[c] * wc[S];
        for (uint32_t k = 0; k + 1 < S; ++k) st[k] = st[k + 1];
        st[S - 1] = in[c];
        out[c] = silu(sum);
    }
}

void delta_rule_step(float* S, const float* q, const float* k, const float* v, float g, float beta, uint32_t d, float scale, float* out) {
    const float decay = std::exp(g);
    for (uint32_t j = 0; j < d; ++j) {
        float* row = S + size_t(j) * d;
        double sk = 0;
        for (uint32_t i = 0; i < d; ++i) {
            row[i] *= decay;
            sk += double(row[i]) * double(k[i]);
        }
        const float delta = (v[j] - float(sk)) * beta;
        double o = 0;
        for (uint32_t i = 0; i < d; ++i) {
            row[i] += k[i] * delta;
            o += double(row[i]) * double(q[i]);
        }
        out[j] = float(o) * scale;
    }
}

}  // namespace ref

void CpuModel::init_recurrent() {
    const DeltaNetParams& d = hp_.dn;
    size_t conv = 0, delta = 0;
    for (uint32_t l = 0; l < hp_.n_layer; ++l) {
        conv_offset_.push_back(conv);
        delta_offset_.push_back(delta);
        if (!hp_.is_recurrent(l)) continue;
        conv += d.conv_state_floats();
        delta += d.delta_state_floats();
    }
    conv_state_.assign(conv, 0.f);
    delta_state_.assign(delta, 0.f);
}

bool CpuModel::recurrent_can_start(uint32_t pos) const { return conv_state_.empty() || pos == 0 || pos == rec_pos_; }

Status CpuModel::begin_recurrent(uint32_t pos) {
    if (!recurrent_can_start(pos))
        return make_error("the recurrent state holds " + std::to_string(rec_pos_) + " positions; a forward cannot start at " +
                          std::to_string(pos) + " (only there or at 0)");
    if (pos == 0) {
        std::fill(conv_state_.begin(), conv_state_.end(), 0.f);
        std::fill(delta_state_.begin(), delta_state_.end(), 0.f);
    }
    return {};
}

Result<std::vector<uint8_t>> CpuModel::save_recurrent_state() {
    std::vector<uint8_t> out(recurrent_state_bytes());
    std::memcpy(out.data(), conv_state_.data(), conv_state_.size() * 4);
    std::memcpy(out.data() + conv_state_.size() * 4, delta_state_.data(), delta_state_.size() * 4);
    return out;
}

Status CpuModel::restore_recurrent_state(std::span<const uint8_t> state, uint32_t pos) {
    if (state.size() != recurrent_state_bytes() || state.empty())
        return make_error("a recurrent state of " + std::to_string(state.size()) + " bytes does not fit this model (" +
                          std::to_string(recurrent_state_bytes()) + ")");
    if (pos > n_ctx_) return make_error("recurrent state position " + std::to_string(pos) + " is past the context");
    std::memcpy(conv_state_.data(), state.data(), conv_state_.size() * 4);
    std::memcpy(delta_state_.data(), state.data() + conv_state_.size() * 4, delta_state_.size() * 4);
    rec_pos_ = pos;
    return {};
}

// qwen35: x += mixer(rmsnorm(x) * attn_norm); x += W_down ffn(rmsnorm(x) * post_attention_norm)
// (qwen35moe: x += experts(rmsnorm(x) * post_attention_norm)).
void CpuModel::hybrid_block(uint32_t l, uint32_t pos) {
    const LayerWeights& L = w_.layers[l];
    // Mixer norm: xb[E] = rmsnorm(x) * attn_norm
    norm(a_.x.data(), L.attn_norm, nullptr, a_.xb.data());
    if (hp_.is_recurrent(l)) {
        // Gated DeltaNet: tmp[E]
        deltanet_step(l, a_.xb.data(), a_.tmp.data());
    } else {
        // Gated attention and its output projection: tmp[E] = Wo (sigmoid(gate) * attention)
        gated_attention_step(l, pos, a_.xb.data());
        matvec(L.wo, a_.att.data(), a_.tmp.data());
    }
    // Residual: x += tmp
    add_residual(a_.tmp.data());
    // FFN norm (post_attention_norm): xb[E]
    norm(a_.x.data(), L.ffn_norm, nullptr, a_.xb.data());
    if (L.moe.present()) {
        // Experts and the shared expert (qwen35moe): tmp[E]
        moe_ffn_step(l, a_.xb.data(), a_.tmp.data());
    } else {
        // SwiGLU and down projection: tmp[E] = W_down hb
        ffn_step(l, a_.xb.data());
        matvec(L.w_down, a_.hb.data(), a_.tmp.data());
    }
    // Residual: x += tmp
    add_residual(a_.tmp.data());
}

void CpuModel::gated_attention_step(uint32_t l, uint32_t pos, const float* in) {
    const HParams& h = hp_;
    const LayerWeights& L = w_.layers[l];
    const LayerAttention& la = h.layer_attn[l];
    const uint32_t Q = h.q_dim(), KV = h.kv_dim(), D = h.head_dim;
    std::vector<float>&q = a_.q, &k = a_.k, &v = a_.v;
    // Query and gate: qg[2Q], per head D query values then D gate values
    std::vector<float> qg(2 * size_t(Q)), gate(Q);
    matvec(L.wq, in, qg.data());
    for (uint32_t hh = 0; hh < h.n_head; ++hh) {
        std::copy_n(qg.begin() + size_t(hh) * 2 * D, D, q.begin() + size_t(hh) * D);
        std::copy_n(qg.begin() + size_t(hh) * 2 * D + D, D, gate.begin() + size_t(hh) * D);
    }
    // Keys and values: k[KV], v[KV]
    matvec(L.wk, in, k.data());
    matvec(L.wv, in, v.data());
    // Q/K norm per head: q_h = rmsnorm(q_h) * q_norm, k likewise
    auto qn = vec(L.q_norm), kn = vec(L.k_norm);
    for (uint32_t hh = 0; hh < h.n_head; ++hh) ref::rmsnorm(&q[hh * D], qn.data(), &q[hh * D], D, h.rms_eps);
    for (uint32_t hh = 0; hh < h.n_head_kv; ++hh) ref::rmsnorm(&k[hh * D], kn.data(), &k[hh * D], D, h.rms_eps);
    // RoPE (NeoX pairs over rope_dim: the text positions of the file's M-RoPE sections)
    const ref::Rope r{h.rope_dim, h.rope_mode, la.rope_base, 1.0f / la.rope_scale, la.ext_factor, la.corr_low, la.corr_high,
                      la.mscale, rope_freqs_.data()};
    ref::rope(q.data(), h.n_head, D, r, float(pos));
    ref::rope(k.data(), h.n_head_kv, D, r, float(pos));
    // KV cache write at pos (a full layer keeps the whole context)
    float* kc = &k_cache_[kv_offset_[l]];
    float* vc = &v_cache_[kv_offset_[l]];
    std::copy(k.begin(), k.end(), kc + size_t(pos) * KV);
    std::copy(v.begin(), v.end(), vc + size_t(pos) * KV);
    // Attention over [0, pos], then att *= sigmoid(gate)
    const uint32_t group = h.n_head / h.n_head_kv;
    for (uint32_t hh = 0; hh < h.n_head; ++hh) {
        const uint32_t kvh = hh / group;
        ref::attend(&q[hh * D], kc + kvh * D, vc + kvh * D, 0, pos + 1, D, KV, h.attn_scale, 0.f, &a_.att[hh * D]);
    }
    for (uint32_t i = 0; i < Q; ++i) a_.att[i] *= ref::sigmoid(gate[i]);
}

void CpuModel::deltanet_step(uint32_t l, const float* in, float* out) {
    const DeltaNetParams& d = hp_.dn;
    const DeltaNetWeights& W = w_.layers[l].dn;
    const uint32_t C = d.conv_dim(), KD = d.key_dim(), D = d.head_dim;
    // Projections: qkv[C] (q, k, v channels), z[value_dim] gate, beta and alpha [n_v_heads]
    std::vector<float> qkv(C), z(d.value_dim()), beta(d.n_v_heads), alpha(d.n_v_heads);
    matvec(W.in_qkv, in, qkv.data());
    matvec(W.in_gate, in, z.data());
    matvec(W.beta, in, beta.data());
    matvec(W.alpha, in, alpha.data());
    // Causal conv1d over the channels with the layer's conv state, then silu: y[C]
    std::vector<float> y(C);
    ref::conv1d_step(qkv.data(), &conv_state_[conv_offset_[l]], vec(W.conv1d).data(), C, d.d_conv, y.data());
    // q and k heads L2-normalized (eps: the RMS epsilon)
    float* q = y.data();
    float* k = y.data() + KD;
    const float* v = y.data() + 2 * KD;
    for (uint32_t hh = 0; hh < d.n_k_heads; ++hh) {
        ref::l2norm(q + size_t(hh) * D, D, hp_.rms_eps);
        ref::l2norm(k + size_t(hh) * D, D, hp_.rms_eps);
    }
    // Per v head h (q/k head h % n_k_heads): decay g = softplus(alpha + dt_bias) * A, beta =
    // sigmoid(beta); the delta rule on the head's state gives o[h][D]
    const auto dt = vec(W.dt_bias), A = vec(W.a), nw = vec(W.norm);
    std::vector<float> o(d.value_dim());
    const float scale = 1.0f / std::sqrt(float(D));
    for (uint32_t hh = 0; hh < d.n_v_heads; ++hh) {
        const uint32_t kh = hh % d.n_k_heads;
        const float g = ref::softplus(alpha[hh] + dt[hh]) * A[hh];
        float* S = &delta_state_[delta_offset_[l] + size_t(hh) * D * D];
        ref::delta_rule_step(S, q + size_t(kh) * D, k + size_t(kh) * D, v + size_t(hh) * D, g, ref::sigmoid(beta[hh]), D, scale,
                             o.data() + size_t(hh) * D);
    }
    // Gated RMSNorm per head: o_h = rmsnorm(o_h) * ssm_norm * silu(z_h)
    for (uint32_t hh = 0; hh < d.n_v_heads; ++hh) {
        float* oh = o.data() + size_t(hh) * D;
        ref::rmsnorm(oh, nw.data(), oh, D, hp_.rms_eps);
        for (uint32_t i = 0; i < D; ++i) oh[i] *= ref::silu(z[size_t(hh) * D + i]);
    }
    // Output projection: out[E] = W_out o
    matvec(W.out, o.data(), out);
}

}  // namespace causerie
