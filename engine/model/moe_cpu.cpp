// The CPU reference of a mixture-of-experts FFN (llama.cpp's build_moe_ffn for the Mixtral
// layout, qwen3moe and gpt-oss): router logits (+ bias), top-k, the chosen weights as the gating
// says, each chosen expert's gated FFN (SwiGLU or the clamped variant, biases where the file has
// them), their weighted sum, plus a shared expert weighted by its sigmoid gate (qwen2moe).
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

void CpuModel::moe_ffn_step(uint32_t l, const float* in, float* out) {
    const MoeParams& m = hp_.moe;
    const MoeWeights& W = w_.layers[l].moe;
    const uint32_t E = hp_.n_embd, F = m.n_ff_exp;
    // Router: logits[n_expert] = W_gate_inp in (+ its bias)
    std::vector<float> logits(m.n_expert);
    proj(W.gate_inp, W.gate_inp_b, in, logits.data());
    // Choice: ids[k], weights[k]
    std::vector<uint32_t> ids(m.n_used);
    std::vector<float> weights(m.n_used);
    ref::moe_route(logits.data(), m, ids.data(), weights.data());
    if (log_routing_) routing_log_.insert(routing_log_.end(), ids.begin(), ids.end());
    // The experts' biases (gpt-oss), expert e's being row e
    const std::vector<float> gate_b = W.gate_exps_b ? vec(W.gate_exps_b) : std::vector<float>(size_t(m.n_expert) * F);
    const std::vector<float> up_b = W.up_exps_b ? vec(W.up_exps_b) : std::vector<float>(size_t(m.n_expert) * F);
    const std::vector<float> down_b = W.down_exps_b ? vec(W.down_exps_b) : std::vector<float>(size_t(m.n_expert) * E);
    auto act = [&](float g, float u) {
        return m.act == ExpertActivation::SwigluOai ? ref::swiglu_oai(g, u, m.act_alpha, m.act_limit) : ref::silu(g) * u;
    };
    // Experts: out[E] = sum_j weights[j] * (W_down[e] act(W_gate[e] in + b_gate[e], W_up[e] in + b_up[e]) + b_down[e]), e = ids[j]
    std::vector<float> gate(F), up(F), y(E);
    std::fill(out, out + E, 0.f);
    for (uint32_t j = 0; j < m.n_used; ++j) {
        const uint64_t e = ids[j];
        matvec_rows(W.gate_exps, e * F, F, in, gate.data());
        matvec_rows(W.up_exps, e * F, F, in, up.data());
        for (uint32_t i = 0; i < F; ++i) gate[i] = act(gate[i] + gate_b[e * F + i], up[i] + up_b[e * F + i]);
        matvec_rows(W.down_exps, e * E, E, gate.data(), y.data());
        for (uint32_t i = 0; i < E; ++i) out[i] += weights[j] * (y[i] + down_b[e * E + i]);
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

}  // namespace causerie
