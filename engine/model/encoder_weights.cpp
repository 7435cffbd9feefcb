// The tensors of bert and nomic-bert (llama.cpp src/models/bert.cpp): token, token-type and (bert)
// position embeddings with their LayerNorm, then per layer q, k, v (or one fused attn_qkv) with
// optional biases, the output projection, attn_output_norm, the FFN (nomic-bert: gate and up,
// no biases read) and layer_output_norm. No output norm and no output matrix: the last block's
// norm is the model's output.
#include "model/weights.h"

namespace causerie {

Result<ModelWeights> find_encoder_weights(const Gguf& g, HParams& hp) {
    ModelWeights w;
    const uint64_t E = hp.n_embd, Q = hp.q_dim(), KV = hp.kv_dim(), F = hp.n_ff, V = hp.n_vocab;
    const bool nomic = hp.arch == Arch::NomicBert;
    TRY_ASSIGN(w.token_embd, find_tensor(g, "token_embd.weight", {E, V}, true));
    TRY_ASSIGN(w.token_types, find_tensor(g, "token_types.weight", {E, hp.n_token_types}, true, true));
    if (hp.abs_positions) {
        TRY_ASSIGN(w.position_embd, find_tensor(g, "position_embd.weight", {E, hp.n_ctx_train}, true));
    }
    TRY_ASSIGN(w.token_embd_norm, find_tensor(g, "token_embd_norm.weight", {E}, false));
    TRY_ASSIGN(w.token_embd_norm_b, find_tensor(g, "token_embd_norm.bias", {E}, false));
    for (uint32_t i = 0; i < hp.n_layer; ++i) {
        const std::string p = "blk." + std::to_string(i) + ".";
        LayerWeights l;
        // Attention projections: one fused tensor where the file has it, else q, k, v; biases optional
        TRY_ASSIGN(l.wqkv, find_tensor(g, p + "attn_qkv.weight", {E, Q + 2 * KV}, true, true));
        if (l.wqkv) {
            TRY_ASSIGN(l.bqkv, find_tensor(g, p + "attn_qkv.bias", {Q + 2 * KV}, false, true));
        } else {
            TRY_ASSIGN(l.wq, find_tensor(g, p + "attn_q.weight", {E, Q}, true));
            TRY_ASSIGN(l.wk, find_tensor(g, p + "attn_k.weight", {E, KV}, true));
            TRY_ASSIGN(l.wv, find_tensor(g, p + "attn_v.weight", {E, KV}, true));
            TRY_ASSIGN(l.bq, find_tensor(g, p + "attn_q.bias", {Q}, false, true));
            TRY_ASSIGN(l.bk, find_tensor(g, p + "attn_k.bias", {KV}, false, true));
            TRY_ASSIGN(l.bv, find_tensor(g, p + "attn_v.bias", {KV}, false, true));
            if (!!l.bq != !!l.bk || !!l.bq != !!l.bv) return make_error("layer " + std::to_string(i) + ": q, k and v biases come together");
        }
        TRY_ASSIGN(l.wo, find_tensor(g, p + "attn_output.weight", {Q, E}, true));
        TRY_ASSIGN(l.bo, find_tensor(g, p + "attn_output.bias", {E}, false, true));
        TRY_ASSIGN(l.post_attn_norm, find_tensor(g, p + "attn_output_norm.weight", {E}, false));
        TRY_ASSIGN(l.post_attn_norm_b, find_tensor(g, p + "attn_output_norm.bias", {E}, false));
        // FFN: bert's GELU(W_up x + b) with optional biases; nomic-bert's SwiGLU without biases
        TRY_ASSIGN(l.w_up, find_tensor(g, p + "ffn_up.weight", {E, F}, true));
        TRY_ASSIGN(l.w_down, find_tensor(g, p + "ffn_down.weight", {F, E}, true));
        if (nomic) {
            TRY_ASSIGN(l.w_gate, find_tensor(g, p + "ffn_gate.weight", {E, F}, true));
        } else {
            TRY_ASSIGN(l.b_up, find_tensor(g, p + "ffn_up.bias", {F}, false, true));
            TRY_ASSIGN(l.b_down, find_tensor(g, p + "ffn_down.bias", {E}, false, true));
        }
        TRY_ASSIGN(l.post_ffn_norm, find_tensor(g, p + "layer_output_norm.weight", {E}, false));
        TRY_ASSIGN(l.post_ffn_norm_b, find_tensor(g, p + "layer_output_norm.bias", {E}, false));
        w.layers.push_back(l);
    }
    return w;
}

}  // namespace causerie
