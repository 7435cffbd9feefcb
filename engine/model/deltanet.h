// The Gated DeltaNet's steps for one token (qwen35's recurrent layers, as llama.cpp computes
// them: src/models/qwen35.cpp, delta-net-base.cpp, ggml's ssm_conv and gated_delta_net), shared
// by the CPU reference (deltanet_cpu.cpp) and the tests of the Vulkan shaders.
#pragma once
#include <cstdint>

namespace causerie::ref {

float sigmoid(float x);
float softplus(float x);  // log(1 + e^x), x itself above 20 (ggml)
// x[n] /= max(|x|, eps) (ggml_l2_norm).
void l2norm(float* x, uint32_t n, float eps);
// The causal conv1d of one token over `channels` channels: window = the channel's last
// d_conv - 1 inputs (state[c][d_conv - 1], oldest first) then in[c]; out[c] = silu(sum_k
// window[k] * w[c][k]); the state shifts by one to keep the newest d_conv - 1.
void conv1d_step(const float* in, float* state, const float* w, uint32_t channels, uint32_t d_conv, float* out);
// One head's gated delta rule for one token: S[j][i] (j: value index, i: key index, d x d)
// decays by exp(g), then with delta[j] = (v[j] - sum_i S[j][i] k[i]) * beta, S[j][i] +=
// k[i] delta[j]; out[j] = scale * sum_i S[j][i] q[i].
void delta_rule_step(float* S, const float* q, const float* k, const float* v, float g, float beta, uint32_t d, float scale, float* out);

}  // namespace causerie::ref
