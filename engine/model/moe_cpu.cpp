// The CPU reference of a mixture-of-experts FFN (llama.cpp's build_moe_ffn for the Mixtral
// layout, qwen3moe and gpt-oss): router logits (+ bias), top-k, the chosen weights as the gating
// says, each chosen expert's gated FFN (SwiGLU or the clamped variant, biases where the file has
// them), their weighted sum, plus a shared expert weighted by its sigmoid gate (qwen2moe);
// gemma4's GELU-gated experts (gate and up fused, each expert's output scaled) beside its dense FFN.
#include "model/cpu_model.h"
#include "quant/quant.h"

#include <algorithm>
#include <cmath>

namespace causerie {

namespace ref {

void moe_route(const float* logits, const MoeParams& m, uint32_t* ids, float* weights) {
    // Top-k by logit (softmax is monotonic): the next choice is the largest logit ranked after
    // the previous one, ranking (logit descending, index ascending).
    float prev = INFINITY;
    uint32_t prev_i = 0;
    for (uint32_t j = 0; j < m.n_used; ++j) {
        uint32_t best = m.n_expert;
        float best_l = -INFINITY;
        for (uint32_t i = 0; i < m.n_expert; ++i) {
            const float l = logits[i];
            const bool after = j == 0 || l < prev || (l == prev && i > prev_i);
            if (after && (best == m.n_expert || l > best_l)) {
                best = i;
                best_l = l;
            }
        }
        ids[j] = best;
        prev = best_l;
        prev_i = best;
    }
    // Weights: softmax over all experts taken at the chosen ones, or over the chosen alone
    const float max = logits[ids[0]];
    double all = 0;
    if (m.gating == ExpertGating::Softmax)
        for (uint32_t i = 0; i < m.n_expert; ++i) all += std::exp(double(logits[i]) - max);
    double chosen = 0;
    for (uint32_t j = 0; j < m.n_used; ++j) chosen += std::exp(double(logits[ids[j]]) - max);
    const double denom = m.gating == ExpertGating::Softmax ? all : chosen;
    for (uint32_t j = 0; j < m.n_used; ++j)
        weights[j] = m.gating == ExpertGating::Sigmoid ? float(1.0 / (1.0 + std::exp(-double(logits[ids[j]]))))
                                                       : float(std::exp(double(logits[ids[j]]) - max) / denom);
    // Normalized to sum 1 (the sum clamped as llama.cpp does), then scaled
    if (m.norm_weights) {
        double sum = 0;
        for (uint32_t j = 0; j < m.n_used; ++j) sum += weights[j];
        sum = std::max(sum, 6.103515625e-5);
        for (uint32_t j = 0; j < m.n_used; ++j) weights[j] = float(weights[j] / sum);
    }
    if (m.weights_scale != 0 && m.weights_scale != 1)
        for (uint32_t j = 0; j < m.n_used; ++j) weights[j] *= m.weights_scale;
}

}  // namespace ref

void CpuModel::matvec_rows(const TensorInfo* w, uint64_t first, uint64_t count, const float* x, float* y) const {
    const uint64_t cols = w->dims[0], rb = *row_bytes(w->type, cols);
    const uint8_t* base = file_.data() + w->file_offset + first * rb;
    for (uint64_t r = 0; r < count; ++r) y[r] = dot_row(w->type, base + r * rb, x, cols);
}

void CpuModel::moe_ffn_step(uint32_t l, const float* in, float* out, const float* router_in) {
    const MoeParams& m = hp_.moe;
    const MoeWeights& W = w_.layers[l].moe;
    const uint32_t E = hp_.n_embd, F = m.n_ff_exp;
    // Router: logits[n_expert] = W_gate_inp in (+ its bias); gemma4: of its own input
    std::vector<float> logits(m.n_expert);
    proj(W.gate_inp, W.gate_inp_b, router_in ? router_in : in, logits.data());
    // Choice: ids[k], weights[k]
    std::vector<uint32_t> ids(m.n_used);
    std::vector<float> weights(m.n_used);
    ref::moe_route(logits.data(), m, ids.data(), weights.data());
    if (log_routing_) {
        routing_log_.insert(routing_log_.end(), ids.begin(), ids.end());
        float margin = INFINITY;
        for (uint32_t j = 0; j + 1 < m.n_used; ++j) margin = std::min(margin, logits[ids[j]] - logits[ids[j + 1]]);
        for (uint32_t i = 0; i < m.n_expert && m.n_used < m.n_expert; ++i)  // the best of the others
            if (std::find(ids.begin(), ids.end(), i) == ids.end()) margin = std::min(margin, logits[ids[m.n_used - 1]] - logits[i]);
        routing_margins_.push_back(margin);
    }
    // The experts' biases (gpt-oss), expert e's being row e
    const std::vector<float> gate_b = W.gate_exps_b ? vec(W.gate_exps_b) : std::vector<float>(size_t(m.n_expert) * F);
    const std::vector<float> up_b = W.up_exps_b ? vec(W.up_exps_b) : std::vector<float>(size_t(m.n_expert) * F);
    const std::vector<float> down_b = W.down_exps_b ? vec(W.down_exps_b) : std::vector<float>(size_t(m.n_expert) * E);
    // Each expert's output multiplier (gemma4's ffn_down_exps.scale), else 1
    const std::vector<float> down_s = W.down_exps_s ? vec(W.down_exps_s) : std::vector<float>(m.n_expert, 1.f);
    auto act = [&](float g, float u) {
        switch (m.act) {
        case ExpertActivation::SwigluOai: return ref::swiglu_oai(g, u, m.act_alpha, m.act_limit);
        case ExpertActivation::Geglu: return ref::gelu_tanh(g) * u;
        case ExpertActivation::Swiglu: break;
        }
        return ref::silu(g) * u;
    };
    // Experts: out[E] = sum_j weights[j] * (W_down[e] act(W_gate[e] in + b_gate[e], W_up[e] in + b_up[e]) * down_s[e] + b_down[e]),
    // e = ids[j]; gate and up the two halves of expert e's rows where they are fused (gemma4)
    std::vector<float> gate(F), up(F), y(E);
    std::fill(out, out + E, 0.f);
    for (uint32_t j = 0; j < m.n_used; ++j) {
        const uint64_t e = ids[j];
        if (W.gate_up_exps) {
            matvec_rows(W.gate_up_exps, e * 2 * F, F, in, gate.data());
            matvec_rows(W.gate_up_exps, e * 2 * F + F, F, in, up.data());
        } else {
            matvec_rows(W.gate_exps, e * F, F, in, gate.data());
            matvec_rows(W.up_exps, e * F, F, in, up.data());
        }
        for (uint32_t i = 0; i < F; ++i) gate[i] = act(gate[i] + gate_b[e * F + i], up[i] + up_b[e * F + i]);
        matvec_rows(W.down_exps, e * E, E, gate.data(), y.data());
        for (uint32_t i = 0; i < E; ++i) out[i] += weights[j] * (y[i] * down_s[e] + down_b[e * E + i]);
    }
    // Shared expert (qwen2moe): out[E] += sigmoid(gate_inp_shexp . in) * W_down_sh (silu(W_gate_sh in) * (W_up_sh in))
    if (W.gate_inp_shexp) {
        const uint32_t S = m.n_ff_shexp;
        const std::vector<float> gw = vec(W.gate_inp_shexp);
        double dot = 0;
        for (uint32_t i = 0; i < E; ++i) dot += double(gw[i]) * in[i];
        const float share = float(1.0 / (1.0 + std::exp(-dot)));
        std::vector<float> sg(S), su(S);
        matvec(W.gate_shexp, in, sg.data());
        matvec(W.up_shexp, in, su.data());
        for (uint32_t i = 0; i < S; ++i) sg[i] = ref::silu(sg[i]) * su[i];
        matvec(W.down_shexp, sg.data(), y.data());
        for (uint32_t i = 0; i < E; ++i) out[i] += share * y[i];
    }
}

// gemma4 (src/models/gemma4.cpp, the MoE layer's FFN): both branches read x, the stream after
// attention; the router reads its own unweighted norm of x, scaled per channel.
void CpuModel::dense_and_experts_step(uint32_t l, float* out) {
    const LayerWeights& L = w_.layers[l];
    const MoeWeights& W = L.moe;
    const uint32_t E = hp_.n_embd;
    std::vector<float> y(E), normed(E), router_in(E), experts_in(E);
    // Dense branch: hb[F] from xb = rmsnorm(x) * ffn_norm; out = rmsnorm(W_down hb) * post_ffw_norm_1
    norm(a_.x.data(), L.ffn_norm, nullptr, a_.xb.data());
    ffn_step(l, a_.xb.data());
    matvec(L.w_down, a_.hb.data(), y.data());
    ref::rmsnorm(y.data(), vec(W.post_norm_1).data(), out, E, hp_.rms_eps);
    // Router input: rmsnorm(x) (no weight), times 1 / sqrt(embd), times ffn_gate_inp.scale
    const std::vector<float> ones(E, 1.f), scale = vec(W.gate_inp_s);
    ref::rmsnorm(a_.x.data(), ones.data(), router_in.data(), E, hp_.rms_eps);
    const float root = 1.0f / std::sqrt(float(E));
    for (uint32_t i = 0; i < E; ++i) router_in[i] = router_in[i] * root * scale[i];
    // Experts' input: rmsnorm(x) * pre_ffw_norm_2; experts: y[E] = the weighted sum of the chosen
    norm(a_.x.data(), W.pre_norm_2, nullptr, experts_in.data());
    moe_ffn_step(l, experts_in.data(), y.data(), router_in.data());
    // Sum: out += rmsnorm(y) * post_ffw_norm_2
    ref::rmsnorm(y.data(), vec(W.post_norm_2).data(), normed.data(), E, hp_.rms_eps);
    for (uint32_t i = 0; i < E; ++i) out[i] += normed[i];
}

}  // namespace causerie
