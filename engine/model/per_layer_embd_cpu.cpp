// gemma4's per-layer embeddings on the CPU reference (llama.cpp: build_inp_per_layer and
// project_per_layer_inputs in src/models/gemma4.cpp). Each token carries n_layer extra vectors
// of P values: its row of per_layer_token_embd scaled by sqrt(P), plus the RMS-normed projection
// of its (scaled) embedding, both summed and scaled by 1/sqrt(2). Layer l gates its output with
// its vector and adds the projection back to the residual stream.
#include "model/cpu_model.h"

#include "quant/quant.h"

#include <cmath>

namespace causerie {

void CpuModel::per_layer_inputs(int32_t token) {
    const HParams& h = hp_;
    const uint32_t P = h.n_embd_per_layer, PL = P * h.n_layer;
    std::vector<float>& pl = a_.pl;
    // Token part: tok[n_layer][P] = per_layer_token_embd[token] * sqrt(P)
    const TensorInfo* te = w_.per_layer_token_embd;
    std::vector<float> tok(PL);
    dequantize_row(te->type, file_.data() + te->file_offset + uint64_t(token) * *row_bytes(te->type, PL), tok.data(), PL);
    const float tok_scale = std::sqrt(float(P));
    // Projection of the embedding: pl[n_layer][P] = W_model_proj x / sqrt(E), each layer's P
    // values RMS-normed with per_layer_proj_norm
    matvec(w_.per_layer_model_proj, a_.x.data(), pl.data());
    const float proj_scale = 1.0f / std::sqrt(float(h.n_embd));
    for (float& e : pl) e *= proj_scale;
    const std::vector<float> norm_w = vec(w_.per_layer_proj_norm);
    for (uint32_t l = 0; l < h.n_layer; ++l) ref::rmsnorm(&pl[l * P], norm_w.data(), &pl[l * P], P, h.rms_eps);
    // Sum: pl = (pl + tok * sqrt(P)) / sqrt(2)
    const float input_scale = 1.0f / std::sqrt(2.0f);
    for (uint32_t i = 0; i < PL; ++i) pl[i] = (pl[i] + tok[i] * tok_scale) * input_scale;
}

void CpuModel::per_layer_embd_step(uint32_t l) {
    const LayerWeights& L = w_.layers[l];
    const uint32_t P = hp_.n_embd_per_layer;
    // Gate: pg[P] = gelu(W_inp_gate x) * pl[l]
    matvec(L.pl_inp_gate, a_.x.data(), a_.pg.data());
    for (uint32_t i = 0; i < P; ++i) a_.pg[i] = ref::gelu_tanh(a_.pg[i]) * a_.pl[l * P + i];
    // Projection, post-norm and residual: x += rmsnorm(W_proj pg) * post_norm
    matvec(L.pl_proj, a_.pg.data(), a_.tmp.data());
    add_post_norm(a_.tmp.data(), L.pl_post_norm);
}

}  // namespace causerie
