// The tensors of a hybrid layer as llama.cpp's qwen35 loads them (load_block_trunk): the
// attention norm, the FFN's norm named post_attention_norm, a SwiGLU FFN (qwen35moe: the router,
// experts and shared expert, model/moe_weights.cpp), and either gated full attention or the Gated
// DeltaNet's projections, conv1d, dt bias, A, beta/alpha and gated norm.
#include "model/weights.h"

namespace causerie {

Result<LayerWeights> find_hybrid_layer(const Gguf& g, const HParams& hp, uint32_t i) {
    const std::string p = "blk." + std::to_string(i) + ".";
    const uint64_t E = hp.n_embd, Q = hp.q_dim(), KV = hp.kv_dim(), F = hp.n_ff, D = hp.head_dim;
    const DeltaNetParams& d = hp.dn;
    LayerWeights l;
    TRY_ASSIGN(l.attn_norm, find_tensor(g, p + "attn_norm.weight", {E}, false));
    TRY_ASSIGN(l.ffn_norm, find_tensor(g, p + "post_attention_norm.weight", {E}, false));
    if (hp.is_recurrent(i)) {
        DeltaNetWeights& n = l.dn;
        TRY_ASSIGN(n.in_qkv, find_tensor(g, p + "attn_qkv.weight", {E, d.conv_dim()}, true));
        TRY_ASSIGN(n.in_gate, find_tensor(g, p + "attn_gate.weight", {E, d.value_dim()}, true));
        TRY_ASSIGN(n.conv1d, find_tensor(g, p + "ssm_conv1d.weight", {d.d_conv, d.conv_dim()}, false));
        TRY_ASSIGN(n.dt_bias, find_tensor(g, p + "ssm_dt.bias", {d.n_v_heads}, false));
        TRY_ASSIGN(n.a, find_tensor(g, p + "ssm_a", {d.n_v_heads}, false));
        TRY_ASSIGN(n.beta, find_tensor(g, p + "ssm_beta.weight", {E, d.n_v_heads}, true));
        TRY_ASSIGN(n.alpha, find_tensor(g, p + "ssm_alpha.weight", {E, d.n_v_heads}, true));
        TRY_ASSIGN(n.norm, find_tensor(g, p + "ssm_norm.weight", {d.head_dim}, false));
        TRY_ASSIGN(n.out, find_tensor(g, p + "ssm_out.weight", {d.value_dim(), E}, true));
    } else {
        // Gated attention: per head the query then its gate in wq's rows
        TRY_ASSIGN(l.wq, find_tensor(g, p + "attn_q.weight", {E, 2 * Q}, true));
        TRY_ASSIGN(l.wk, find_tensor(g, p + "attn_k.weight", {E, KV}, true));
        TRY_ASSIGN(l.wv, find_tensor(g, p + "attn_v.weight", {E, KV}, true));
        TRY_ASSIGN(l.wo, find_tensor(g, p + "attn_output.weight", {Q, E}, true));
        TRY_ASSIGN(l.q_norm, find_tensor(g, p + "attn_q_norm.weight", {D}, false));
        TRY_ASSIGN(l.k_norm, find_tensor(g, p + "attn_k_norm.weight", {D}, false));
    }
    if (hp.moe.n_expert > 0) {
        TRY_ASSIGN(l.moe, find_moe_weights(g, hp, p));
        return l;
    }
    TRY_ASSIGN(l.w_gate, find_tensor(g, p + "ffn_gate.weight", {E, F}, true));
    TRY_ASSIGN(l.w_up, find_tensor(g, p + "ffn_up.weight", {E, F}, true));
    TRY_ASSIGN(l.w_down, find_tensor(g, p + "ffn_down.weight", {F, E}, true));
    return l;
}

}  // namespace causerie
