// The tensors of a mixture-of-experts layer, as llama.cpp names them (ffn_gate_inp,
// ffn_{gate,up,down}_exps, and their .bias where the architecture has them; the shared expert
// ffn_gate_inp_shexp, ffn_{gate,up,down}_shexp), checked against the hyperparameters.
#include "model/weights.h"

namespace causerie {

Result<MoeWeights> find_moe_weights(const Gguf& g, const HParams& hp, const std::string& p) {
    const uint64_t E = hp.n_embd, X = hp.moe.n_expert, F = hp.moe.n_ff_exp;
    MoeWeights m;
    TRY_ASSIGN(m.gate_inp, find_tensor(g, p + "ffn_gate_inp.weight", {E, X}, true));
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
