// The tensors of a mixture-of-experts layer, as llama.cpp names them (ffn_gate_inp,
// ffn_{gate,up,down}_exps, and their .bias where the architecture has them; the shared expert
// ffn_gate_inp_shexp, ffn_{gate,up,down}_shexp (qwen2moe, qwen35moe); gemma4's own set), checked against the
// hyperparameters.
#include "model/weights.h"

namespace causerie {
namespace {

// gemma4 (src/models/gemma4.cpp load_arch_tensors): a layer has experts when it has a router,
// ffn_gate_inp [embd, n_expert] (else only its dense FFN); then required: the router's input
// scale ffn_gate_inp.scale [embd], the norms pre_ffw_norm_2 (the experts' input),
// post_ffw_norm_1 (the dense branch's output) and post_ffw_norm_2 (the experts' output) [embd],
// the experts' gate and up fused, ffn_gate_up_exps [embd, 2 ff_exp, n_expert] (gate rows
// first), or else ffn_gate_exps and ffn_up_exps, and ffn_down_exps [ff_exp, embd, n_expert];
// optional: ffn_down_exps.scale [n_expert] (llama-model.cpp's per-expert scales, where the
// converters put router.per_expert_scale). The per-expert scales of the gate and up llama.cpp
// would also apply (ffn_gate_exps.scale, ffn_up_exps.scale: NVFP4 conversions) are refused.
Result<MoeWeights> find_gemma4_experts(const Gguf& g, const HParams& hp, const std::string& p) {
    const uint64_t E = hp.n_embd, X = hp.moe.n_expert, F = hp.moe.n_ff_exp;
    MoeWeights m;
    TRY_ASSIGN(m.gate_inp, find_tensor(g, p + "ffn_gate_inp.weight", {E, X}, true, true));
    if (!m.gate_inp) return m;
    TRY_ASSIGN(m.gate_inp_s, find_tensor(g, p + "ffn_gate_inp.scale", {E}, false));
    TRY_ASSIGN(m.pre_norm_2, find_tensor(g, p + "pre_ffw_norm_2.weight", {E}, false));
    TRY_ASSIGN(m.post_norm_1, find_tensor(g, p + "post_ffw_norm_1.weight", {E}, false));
    TRY_ASSIGN(m.post_norm_2, find_tensor(g, p + "post_ffw_norm_2.weight", {E}, false));
    TRY_ASSIGN(m.gate_up_exps, find_tensor(g, p + "ffn_gate_up_exps.weight", {E, 2 * F, X}, true, true));
    if (!m.gate_up_exps) {
        TRY_ASSIGN(m.gate_exps, find_tensor(g, p + "ffn_gate_exps.weight", {E, F, X}, true));
        TRY_ASSIGN(m.up_exps, find_tensor(g, p + "ffn_up_exps.weight", {E, F, X}, true));
    }
    TRY_ASSIGN(m.down_exps, find_tensor(g, p + "ffn_down_exps.weight", {F, E, X}, true));
    TRY_ASSIGN(m.down_exps_s, find_tensor(g, p + "ffn_down_exps.scale", {X}, false, true));
    for (const char* name : {"ffn_gate_exps.scale", "ffn_up_exps.scale"})
        if (g.tensor(p + name)) return make_error("tensor '" + p + name + "': per-expert scales of the gate and up projections are not supported");
    return m;
}

}  // namespace

Result<MoeWeights> find_moe_weights(const Gguf& g, const HParams& hp, const std::string& p) {
    if (hp.arch == Arch::Gemma4) return find_gemma4_experts(g, hp, p);
    const uint64_t E = hp.n_embd, X = hp.moe.n_expert, F = hp.moe.n_ff_exp;
    MoeWeights m;
    TRY_ASSIGN(m.gate_inp, find_tensor(g, p + "ffn_gate_inp.weight", {E, X}, true));
    if (g.tensor(p + "ffn_gate_up_exps.weight"))
        return make_error("tensor '" + p + "ffn_gate_up_exps.weight': experts with gate and up fused are not supported for " + hp.arch_name);
    TRY_ASSIGN(m.gate_exps, find_tensor(g, p + "ffn_gate_exps.weight", {E, F, X}, true));
    TRY_ASSIGN(m.up_exps, find_tensor(g, p + "ffn_up_exps.weight", {E, F, X}, true));
    TRY_ASSIGN(m.down_exps, find_tensor(g, p + "ffn_down_exps.weight", {F, E, X}, true));
    if (hp.moe.biases) {
        TRY_ASSIGN(m.gate_inp_b, find_tensor(g, p + "ffn_gate_inp.bias", {X}, false));
        TRY_ASSIGN(m.gate_exps_b, find_tensor(g, p + "ffn_gate_exps.bias", {F, X}, false));
        TRY_ASSIGN(m.up_exps_b, find_tensor(g, p + "ffn_up_exps.bias", {F, X}, false));
        TRY_ASSIGN(m.down_exps_b, find_tensor(g, p + "ffn_down_exps.bias", {E, X}, false));
    }
    if (hp.moe.n_ff_shexp > 0) {
        const uint64_t S = hp.moe.n_ff_shexp;
        TRY_ASSIGN(m.gate_inp_shexp, find_tensor(g, p + "ffn_gate_inp_shexp.weight", {E}, false));
        TRY_ASSIGN(m.gate_shexp, find_tensor(g, p + "ffn_gate_shexp.weight", {E, S}, true));
        TRY_ASSIGN(m.up_shexp, find_tensor(g, p + "ffn_up_shexp.weight", {E, S}, true));
        TRY_ASSIGN(m.down_shexp, find_tensor(g, p + "ffn_down_shexp.weight", {S, E}, true));
    }
    return m;
}

}  // namespace causerie
