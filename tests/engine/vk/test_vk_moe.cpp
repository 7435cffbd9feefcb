// Tiny random mixture-of-experts models (llama with Mixtral's experts, qwen3moe, gpt-oss, qwen2moe
// with its shared expert, experts in MXFP4, qwen35moe's hybrid layers with experts): Vulkan logits against the CPU reference (the prompt in batches of 4, then single-token
// decode), the router's choices equal on every position and layer, and batches then decode equal
// to one batch. Tolerance as test_vk_models: max |vk - cpu| <= 2e-3 * max |cpu|.
#include "model/cpu_model.h"
#include "model/model_file.h"
#include "model/random_model.h"
#include "model/vk_model.h"
#include "quant/quant.h"
#include "test_util.h"
#include "tiny_model.h"
#include "vk_fixture.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unistd.h>

using namespace causerie;
using test::Agreement;
using test::compare;
using test::TinyFile;
using test::write_tiny;

namespace {

struct MoeCase {
    std::string name;
    RandomModelSpec spec;
};

std::vector<MoeCase> moe_cases() {
    std::vector<MoeCase> out;
    // Mixtral-style llama: 4 experts, 2 used, experts as wide as feed_forward_length.
    RandomModelSpec mx;
    mx.type = "q4_k";
    mx.n_vocab = 300;
    mx.n_expert = 4;
    mx.n_expert_used = 2;
    out.push_back({"llama_moe_q4_k_4x2", mx});
    // Every expert used (k = n_expert), f16.
    mx.type = "f16";
    mx.n_expert = 3;
    mx.n_expert_used = 3;
    mx.n_ff = 96;
    out.push_back({"llama_moe_f16_3x3", mx});
    // qwen3moe: Q/K norms, 8 small experts, 3 used, the _M mix (some layers' down in Q6_K).
    RandomModelSpec q;
    q.arch = "qwen3moe";
    q.type = "q4_k_m";
    q.n_vocab = 300;
    q.n_layer = 3;
    q.n_expert = 8;
    q.n_expert_used = 3;
    q.n_ff = 768;
    q.n_ff_exp = 256;
    out.push_back({"qwen3moe_q4_k_m_8x3", q});
    // qwen3moe with MXFP4 experts of an awkward width (5 blocks of 32).
    q.type = "q8_0";
    q.expert_type = "mxfp4";
    q.n_ff_exp = 160;
    q.n_expert = 6;
    q.n_expert_used = 2;
    out.push_back({"qwen3moe_mxfp4_experts_6x2", q});
    // gpt-oss: attention sinks, biases on q/k/v/o, the router and the experts, the clamped
    // SwiGLU, softmax of the chosen; every other layer local with a window of 4 (the 11 tokens go
    // well past it), YaRN; MXFP4 experts as the released files.
    RandomModelSpec g;
    g.arch = "gpt-oss";
    g.type = "q8_0";
    g.expert_type = "mxfp4";
    g.n_vocab = 300;
    g.n_layer = 3;
    g.n_head = 8;
    g.n_head_kv = 2;
    g.head_dim = 32;
    g.n_expert = 6;
    g.n_expert_used = 2;
    g.n_ff = 96;
    g.n_ff_exp = 96;
    g.sliding_window = 4;
    g.rope_yarn_factor = 4.f;
    g.n_ctx_orig = 64;
    out.push_back({"gpt_oss_mxfp4_6x2_swa4", g});
    // qwen2moe: q/k/v biases, softmax at the chosen not renormalized, a shared expert wider than
    // the routed ones weighted by its sigmoid gate; Q4_0 experts.
    RandomModelSpec q2;
    q2.arch = "qwen2moe";
    q2.type = "q8_0";
    q2.expert_type = "q4_0";
    q2.n_vocab = 300;
    q2.n_expert = 5;
    q2.n_expert_used = 2;
    q2.n_ff = 128;
    q2.n_ff_exp = 64;
    q2.n_ff_shexp = 160;
    out.push_back({"qwen2moe_q4_0_5x2_shared", q2});
    // qwen35moe: Gated DeltaNet and gated attention layers (every 2nd), each FFN experts
    // (softmax at the chosen, renormalized) and a shared expert; widths from the readers'
    // defaults (experts ff / used = 48, shared expert ff = 96).
    RandomModelSpec q35;
    q35.arch = "qwen35moe";
    q35.n_embd = 64;
    q35.n_layer = 4;
    q35.n_head = 4;
    q35.n_head_kv = 2;
    q35.head_dim = 16;
    q35.n_ff = 96;
    q35.n_vocab = 300;
    q35.ssm_state = 16;
    q35.ssm_k_heads = 2;
    q35.ssm_v_heads = 4;
    q35.full_attn_interval = 2;
    q35.n_expert = 6;
    q35.n_expert_used = 2;
    out.push_back({"qwen35moe_f32_6x2_shared", q35});
    // ... in Q8_0 with Q4_0 experts of their own widths, 3 of 8 used, full attention every 4th.
    q35.type = "q8_0";
    q35.expert_type = "q4_0";
    q35.n_layer = 5;
    q35.full_attn_interval = 4;
    q35.n_expert = 8;
    q35.n_expert_used = 3;
    q35.n_ff_exp = 64;
    q35.n_ff_shexp = 32;
    out.push_back({"qwen35moe_q4_0_8x3_shared", q35});
    return out;
}

void PrintTo(const MoeCase& c, std::ostream* os) { *os << c.name; }

const std::vector<int32_t> kTokens = {1, 17, 250, 3, 99, 99, 42, 7, 8, 200, 5};

}  // namespace

class TinyMoe : public ::testing::TestWithParam<MoeCase> {};

TEST_P(TinyMoe, VulkanMatchesCpuReferenceAndRoutesAlike) {
    const MoeCase& mc = GetParam();
    TinyFile tf;
    ASSERT_NO_FATAL_FAILURE(write_tiny(mc.name, mc.spec, tf));
    const HParams& hp = tf.file->hp;
    ASSERT_GT(hp.moe.n_expert, 0u);
    const uint32_t L = hp.n_layer, k = hp.moe.n_used;

    CpuModel cpu(hp, tf.file->weights, tf.file->map.bytes(), 64);
    cpu.set_log_routing(true);
    auto want = cpu.forward(kTokens, 0, true);
    ASSERT_TRUE(want) << want.error().message;
    const std::vector<uint32_t>& cpu_ids = cpu.routing_log();  // [token][layer][k]
    ASSERT_EQ(cpu_ids.size(), kTokens.size() * L * k);

    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    // The batches grouped by expert (whatever the device would choose), and per (token, slot)
    for (const ExpertGrouping grouping : {ExpertGrouping::Always, ExpertGrouping::Never}) {
        VkModelOptions opts{64, 4};  // batches of 4: 9 tokens -> 4 + 4 + 1
        opts.keep_routing = true;
        opts.expert_grouping = grouping;
        auto vkm = VkModel::create(**dev, *tf.file, opts);
        ASSERT_TRUE(vkm) << vkm.error().message;
        std::vector<float> got;
        std::vector<uint32_t> gpu_ids(cpu_ids.size(), ~0u);  // [token][layer][k]
        auto keep_ids = [&](uint32_t first, uint32_t n) {
            const std::vector<uint32_t> r = (*vkm)->routing();  // [layer][n][k]
            ASSERT_EQ(r.size(), size_t(L) * n * k);
            for (uint32_t l = 0; l < L; ++l)
                for (uint32_t t = 0; t < n; ++t)
                    for (uint32_t j = 0; j < k; ++j) gpu_ids[(size_t(first + t) * L + l) * k + j] = r[(size_t(l) * n + t) * k + j];
        };
        for (uint32_t i = 0; i < 9; i += 4) {
            const uint32_t n = std::min<uint32_t>(4, 9 - i);
            auto pre = (*vkm)->forward(std::span(kTokens).subspan(i, n), i, true);
            ASSERT_TRUE(pre) << pre.error().message;
            got.insert(got.end(), pre->begin(), pre->end());
            ASSERT_NO_FATAL_FAILURE(keep_ids(i, n));
        }
        for (uint32_t i = 9; i < kTokens.size(); ++i) {
            auto step = (*vkm)->forward(std::span(kTokens).subspan(i, 1), i, false);
            ASSERT_TRUE(step) << step.error().message;
            got.insert(got.end(), step->begin(), step->end());
            ASSERT_NO_FATAL_FAILURE(keep_ids(i, 1));
        }
        ASSERT_EQ(got.size(), want->size());
        const Agreement a = compare(got, *want, hp.n_vocab);
        size_t same = 0;
        for (size_t i = 0; i < cpu_ids.size(); ++i) same += cpu_ids[i] == gpu_ids[i];
        std::vector<uint32_t> sorted = cpu_ids, firsts;
        std::sort(sorted.begin(), sorted.end());
        const size_t distinct = size_t(std::unique(sorted.begin(), sorted.end()) - sorted.begin());
        for (size_t i = 0; i < cpu_ids.size(); i += k) firsts.push_back(cpu_ids[i]);  // each token and layer's first choice
        std::sort(firsts.begin(), firsts.end());
        const size_t distinct_first = size_t(std::unique(firsts.begin(), firsts.end()) - firsts.begin());
        std::printf("%-28s max|dlogit| / max|logit| = %.2e, argmax agreement %zu/%zu, routing %zu/%zu equal (%zu experts seen)\n",
                    (mc.name + (grouping == ExpertGrouping::Always ? " grouped" : " per pair")).c_str(), a.rel, a.argmax, a.rows, same, cpu_ids.size(), distinct);
        EXPECT_LE(a.rel, 2e-3) << mc.name;
        EXPECT_EQ(same, cpu_ids.size()) << mc.name << ": the GPU router chose other experts";
        EXPECT_GT(distinct_first, 1u) << mc.name << ": the router always put the same expert first";
        EXPECT_GE(distinct, std::min<size_t>(hp.moe.n_expert, k + 1)) << mc.name << ": the router kept to k experts";
    }
    for (size_t t = 0; t < kTokens.size() * L; ++t)  // k distinct experts per token and layer
        for (uint32_t i = 0; i < k; ++i)
            for (uint32_t j = i + 1; j < k; ++j) ASSERT_NE(cpu_ids[t * k + i], cpu_ids[t * k + j]);
}

TEST_P(TinyMoe, BatchesThenDecodeEqualOneBatch) {
    const MoeCase& mc = GetParam();
    TinyFile tf;
    ASSERT_NO_FATAL_FAILURE(write_tiny(mc.name + "-batch", mc.spec, tf));
    // Grouped batches (the tiny experts would not fill a CPU device's tiles: Auto would not group them)
    VkModelOptions grouped;
    grouped.expert_grouping = ExpertGrouping::Always;
    test::expect_batches_then_decode_equal_one_batch(mc.name, *tf.file, kTokens, grouped);
}

// The experts of the first N layers in system memory (VkModelOptions::experts_in_system_memory):
// only placement, so the logits of a batch (grouped experts) and of decode steps (matvecs by id)
// are those of all experts on the device, bit for bit; the layers past N keep theirs on the device.
TEST_P(TinyMoe, ExpertsInSystemMemoryGiveTheSameLogits) {
    const MoeCase& mc = GetParam();
    TinyFile tf;
    ASSERT_NO_FATAL_FAILURE(write_tiny(mc.name + "-sys", mc.spec, tf));
    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    auto run = [&](uint32_t layers, uint64_t& system, uint64_t& device) {
        VkModelOptions o{64, 16};
        o.experts_in_system_memory = layers;
        o.expert_grouping = ExpertGrouping::Always;
        auto m = VkModel::create(**dev, *tf.file, o);
        EXPECT_TRUE(m) << m.error().message;
        if (!m) return std::vector<float>{};
        system = (*m)->system_bytes();
        device = (*m)->device_bytes();
        auto pre = (*m)->forward(std::span(kTokens).first(8), 0, true);
        EXPECT_TRUE(pre) << pre.error().message;
        std::vector<float> out = pre ? *pre : std::vector<float>{};
        for (uint32_t i = 8; i < kTokens.size(); ++i) {
            auto step = (*m)->forward(std::span(kTokens).subspan(i, 1), i, false);
            EXPECT_TRUE(step) << step.error().message;
            if (step) out.insert(out.end(), step->begin(), step->end());
        }
        return out;
    };
    const uint32_t L = tf.file->hp.n_layer;
    uint64_t sys0 = 0, dev0 = 0;
    const std::vector<float> want = run(0, sys0, dev0);
    ASSERT_FALSE(want.empty());
    EXPECT_EQ(sys0, 0u);
    uint64_t sys_prev = 0;
    for (uint32_t n : {1u, L}) {
        uint64_t sys = 0, devb = 0;
        const std::vector<float> got = run(n, sys, devb);
        ASSERT_EQ(got.size(), want.size()) << mc.name << " N " << n;
        size_t differ = 0;
        for (size_t i = 0; i < got.size(); ++i) differ += got[i] != want[i];
        EXPECT_EQ(differ, 0u) << mc.name << ": " << differ << " logits differ with the experts of " << n << " layers in system memory";
        EXPECT_GT(sys, sys_prev) << mc.name << " N " << n;  // more layers, more bytes off the device
        EXPECT_EQ(devb + sys, dev0) << mc.name << " N " << n;
        sys_prev = sys;
    }
}

INSTANTIATE_TEST_SUITE_P(MoeArchs, TinyMoe, ::testing::ValuesIn(moe_cases()), [](const auto& param_info) { return param_info.param.name; });

// The router's rule on hand-made logits: the largest first, ties to the lower index, weights as
// each gating says (Mixtral/qwen3moe: softmax of all at the chosen, normalized; gpt-oss: softmax
// of the chosen).
TEST(MoeReference, RoutingTiesAndWeights) {
    MoeParams m;
    m.n_expert = 6;
    m.n_used = 3;
    const float logits[6] = {0.5f, 2.0f, -1.0f, 2.0f, 0.5f, 0.5f};
    uint32_t ids[3];
    float w[3];
    ref::moe_route(logits, m, ids, w);
    EXPECT_EQ(ids[0], 1u);
    EXPECT_EQ(ids[1], 3u);
    EXPECT_EQ(ids[2], 0u);
    double all = 0;
    for (float l : logits) all += std::exp(double(l) - 2.0);
    EXPECT_NEAR(w[0], 1.0 / all, 1e-6);
    EXPECT_NEAR(w[2], std::exp(-1.5) / all, 1e-6);
    m.norm_weights = true;
    ref::moe_route(logits, m, ids, w);
    EXPECT_NEAR(w[0] + w[1] + w[2], 1.0, 1e-6);
    EXPECT_NEAR(w[0], 1.0 / (2 + std::exp(-1.5)), 1e-6);
    m.norm_weights = false;
    m.gating = ExpertGating::SoftmaxChosen;
    m.weights_scale = 2.f;
    ref::moe_route(logits, m, ids, w);
    EXPECT_NEAR(w[0] + w[1] + w[2], 2.0, 1e-6);
}

// The kernels on their own: the device's top-k against ref::moe_route on logits with many ties
// (coarse values), every gating; the expert matvec per slot and summed with the weights, with
// bias and residual, for a few weight types on shapes off the tile sizes.
using causerie::test::VkFixture;

TEST_F(VkFixture, MoeTopkMatchesReferenceWithTies) {
    auto ops = make_ops({TensorType::F32}, 64, vk::Tuning::for_device(dev->info()));
    ASSERT_TRUE(ops->prepare_experts({TensorType::F32}));
    const uint32_t n = 37, X = 10;
    std::vector<float> logits = test::random_floats(size_t(n) * X, 3, 2.f);
    for (auto& l : logits) l = std::round(l * 2.f) / 2.f;  // halves: ties in most rows
    auto lb = buffer_with(logits);
    for (uint32_t k : {1u, 3u, 10u})
        for (int mode = 0; mode < 5; ++mode) {
            MoeParams m;
            m.n_expert = X;
            m.n_used = k;
            m.norm_weights = mode == 1 || mode == 4;
            m.gating = mode == 2 ? ExpertGating::SoftmaxChosen : mode >= 3 ? ExpertGating::Sigmoid : ExpertGating::Softmax;
            m.weights_scale = mode == 2 ? 2.5f : 0.f;
            auto ids = buffer_u32(std::vector<uint32_t>(size_t(n) * k, 99));
            auto wts = buffer_with(std::vector<float>(size_t(n) * k, -1.f));
            shader::MoeTopkPush p{};
            p.n_expert = X;
            p.k = k;
            p.gating = mode == 2 ? 1u : mode >= 3 ? 2u : 0u;
            p.norm = m.norm_weights ? 1u : 0u;
            p.scale = m.weights_scale;
            run([&](vk::Commands& c) { ops->moe_topk(c, lb, ids, wts, n, p); });
            std::vector<uint32_t> got(size_t(n) * k);
            ASSERT_TRUE(up->download(ids, 0, got.data(), got.size() * 4));
            auto gw = read(wts, size_t(n) * k);
            for (uint32_t t = 0; t < n; ++t) {
                std::vector<uint32_t> want(k);
                std::vector<float> ww(k);
                ref::moe_route(&logits[size_t(t) * X], m, want.data(), ww.data());
                for (uint32_t j = 0; j < k; ++j) {
                    ASSERT_EQ(got[t * k + j], want[j]) << "token " << t << " slot " << j << " k " << k << " mode " << mode;
                    ASSERT_NEAR(gw[t * k + j], ww[j], 1e-5) << "token " << t << " slot " << j;
                }
            }
        }
}

TEST_F(VkFixture, MoeMatvecMatchesReference) {
    for (TensorType type : {TensorType::Q4_K, TensorType::MXFP4, TensorType::F16, TensorType::Q8_0}) {
        const uint64_t K = type == TensorType::Q4_K ? 512 : 160, M = 67, X = 5;
        const uint32_t k = 2, n = 3;
        auto wf = test::random_floats(K * M * X, 11);
        auto wq = quantize(type, wf, K);
        ASSERT_TRUE(wq) << wq.error().message;
        const uint64_t rb = *row_bytes(type, K);
        const std::vector<uint32_t> ids = {4, 0, 2, 4, 1, 3};  // [n][k]
        const std::vector<float> wts = {0.7f, 0.3f, 0.5f, 0.5f, 0.9f, 0.1f};
        auto x = test::random_floats(size_t(n) * k * K, 5), aux = test::random_floats(size_t(n) * k * K, 6);
        auto bias = test::random_floats(M * X, 7), y0 = test::random_floats(size_t(n) * M, 8);
        for (vk::Tuning tuning : {vk::Tuning::for_device(dev->info()), vk::Tuning{32, 3, 32, 32}}) {
            auto ops = make_ops({type}, 64, tuning);
            ASSERT_TRUE(ops->prepare_experts({type}));
            auto w = upload_matrix("w", type, K, M * X, *wq);
            auto ib = buffer_u32(ids), wb = buffer_with(wts), xb = buffer_with(x), ab = buffer_with(aux), bb = buffer_with(bias);
            const vk::Ops::MoeChoice ch{ib, wb, k, uint32_t(X)};
            // row r of expert e times v
            auto dot = [&](uint64_t e, uint64_t r, const float* v, double& mag) {
                std::vector<float> row(K);
                dequantize_row(type, wq->data() + (e * M + r) * rb, row.data(), K);
                double s = 0;
                for (uint64_t i = 0; i < K; ++i) {
                    s += double(row[i]) * v[i];
                    mag += std::fabs(double(row[i]) * v[i]);
                }
                return s;
            };
            // Per slot, x shared by the slots of a token: y[t][j] = W_e x[t] + bias_e
            auto yb = buffer_with(std::vector<float>(size_t(n) * k * M, 0.f));
            run([&](vk::Commands& c) { ops->moe_matvec(c, w, ch, xb, false, yb, n, false, false, &bb); });
            auto got = read(yb, size_t(n) * k * M);
            for (uint32_t t = 0; t < n; ++t)
                for (uint32_t j = 0; j < k; ++j)
                    for (uint64_t r = 0; r < M; ++r) {
                        double mag = 0;
                        const uint32_t e = ids[t * k + j];
                        const double want = dot(e, r, &x[size_t(t) * K], mag) + bias[e * M + r];
                        ASSERT_NEAR(got[(t * k + j) * M + r], want, 2e-4 * mag + 1e-5) << type_name(type) << " t " << t << " j " << j;
                    }
            // Summed, x per slot with the SwiGLU of aux, onto a residual: y[t] += sum_j w (W_e swiglu(x[t][j]) + bias_e)
            auto ys = buffer_with(y0);
            run([&](vk::Commands& c) { ops->moe_matvec(c, w, ch, xb, true, ys, n, true, true, &bb, vk::XInput{MATVEC_X_SWIGLU, &ab, 0}); });
            auto sum = read(ys, size_t(n) * M);
            for (uint32_t t = 0; t < n; ++t)
                for (uint64_t r = 0; r < M; ++r) {
                    double want = y0[t * M + r], mag = std::fabs(y0[t * M + r]);
                    for (uint32_t j = 0; j < k; ++j) {
                        std::vector<float> v(K);
                        for (uint64_t i = 0; i < K; ++i) {
                            const size_t o = (size_t(t) * k + j) * K + i;
                            v[i] = ref::silu(x[o]) * aux[o];
                        }
                        const uint32_t e = ids[t * k + j];
                        double m = 0;
                        want += wts[t * k + j] * (dot(e, r, v.data(), m) + bias[e * M + r]);
                        mag += wts[t * k + j] * (m + std::fabs(bias[e * M + r]));
                    }
                    ASSERT_NEAR(sum[t * M + r], want, 2e-4 * mag + 1e-5) << type_name(type) << " t " << t << " r " << r;
                }
            // The same with gpt-oss's clamped SwiGLU on inputs wide enough (x5) to reach its limits
            std::vector<float> xw = x, aw = aux;
            for (auto& v : xw) v *= 5.f;
            for (auto& v : aw) v *= 5.f;
            size_t clamped = 0;
            for (size_t i = 0; i < xw.size(); ++i) clamped += xw[i] > 1.f || std::fabs(aw[i]) > 1.f;
            ASSERT_GT(clamped, xw.size() / 20);  // the limit (1 below) is reached often
            auto xwb = buffer_with(xw), awb = buffer_with(aw), yo = buffer_with(y0);
            const float alpha = 1.702f, limit = 1.f;
            run([&](vk::Commands& c) {
                ops->moe_matvec(c, w, ch, xwb, true, yo, n, true, true, &bb, vk::XInput{MATVEC_X_SWIGLU_OAI, &awb, 0, alpha, limit});
            });
            auto oai = read(yo, size_t(n) * M);
            for (uint32_t t = 0; t < n; ++t)
                for (uint64_t r = 0; r < M; ++r) {
                    double want = y0[t * M + r], mag = std::fabs(y0[t * M + r]);
                    for (uint32_t j = 0; j < k; ++j) {
                        std::vector<float> v(K);
                        for (uint64_t i = 0; i < K; ++i) {
                            const size_t o = (size_t(t) * k + j) * K + i;
                            v[i] = ref::swiglu_oai(xw[o], aw[o], alpha, limit);
                        }
                        const uint32_t e = ids[t * k + j];
                        double m = 0;
                        want += wts[t * k + j] * (dot(e, r, v.data(), m) + bias[e * M + r]);
                        mag += wts[t * k + j] * (m + std::fabs(bias[e * M + r]));
                    }
                    ASSERT_NEAR(oai[t * M + r], want, 2e-4 * mag + 1e-5) << type_name(type) << " oai t " << t << " r " << r;
                }
        }
    }
}

// The clamped SwiGLU as ggml's swiglu_oai defines it: the gate clamped above at the limit, the
// up to [-limit, limit], g * sigmoid(alpha g) * (u + 1).
TEST(MoeReference, SwigluOaiClamps) {
    const float a = 1.702f, lim = 7.f;
    EXPECT_NEAR(ref::swiglu_oai(1.f, 2.f, a, lim), 1.f / (1.f + std::exp(-a)) * 3.f, 1e-6);
    EXPECT_NEAR(ref::swiglu_oai(20.f, 0.f, a, lim), 7.f / (1.f + std::exp(-a * 7.f)), 1e-5);   // gate clamped
    EXPECT_NEAR(ref::swiglu_oai(1.f, 50.f, a, lim), 1.f / (1.f + std::exp(-a)) * 8.f, 1e-5);   // up clamped above
    EXPECT_NEAR(ref::swiglu_oai(1.f, -50.f, a, lim), 1.f / (1.f + std::exp(-a)) * -6.f, 1e-5); // and below
    EXPECT_NEAR(ref::swiglu_oai(-30.f, 1.f, a, lim), -30.f / (1.f + std::exp(30.f * a)) * 2.f, 1e-6);  // no lower gate clamp
}

// qwen2moe as llama.cpp reads it: experts ff / used wide by default, the shared expert's width
// from expert_shared_feed_forward_length (default feed_forward_length), its four tensors required.
TEST(MoeWeights, Qwen2MoeSharedExpert) {
    RandomModelSpec s;
    s.arch = "qwen2moe";
    s.n_expert = 4;
    s.n_expert_used = 2;
    s.n_ff = 256;
    for (uint32_t shexp : {0u, 96u}) {
        s.n_ff_shexp = shexp;
        auto w = make_random_model(s);
        ASSERT_TRUE(w) << w.error().message;
        const std::vector<uint8_t> bytes = w->bytes();
        auto g = parse_gguf(bytes);
        ASSERT_TRUE(g);
        auto hp = read_hparams(*g);
        ASSERT_TRUE(hp) << hp.error().message;
        EXPECT_EQ(hp->arch, Arch::Qwen2Moe);
        EXPECT_EQ(hp->moe.n_ff_exp, 128u);
        EXPECT_EQ(hp->moe.n_ff_shexp, shexp ? shexp : 256u);
        EXPECT_FALSE(hp->moe.norm_weights);
        EXPECT_EQ(hp->moe.gating, ExpertGating::Softmax);
        auto wt = find_weights(*g, *hp);
        ASSERT_TRUE(wt) << wt.error().message;
        EXPECT_TRUE(wt->layers[0].moe.gate_inp_shexp && wt->layers[0].moe.down_shexp && wt->layers[0].bq);
        HParams wider = *hp;
        wider.moe.n_ff_shexp += 32;
        auto bad = find_weights(*g, wider);
        ASSERT_FALSE(bad);
        EXPECT_NE(bad.error().message.find("'blk.0.ffn_gate_shexp.weight': expected shape"), std::string::npos) << bad.error().message;
    }
}

// qwen35moe as llama.cpp reads it (src/models/qwen35moe.cpp): the experts' and shared expert's
// widths default to ff / used and ff, feed_forward_length itself may be absent, the chosen
// weights renormalized, expert_weights_scale not read; the shared expert required; experts with
// gate and up fused refused by name.
TEST(MoeWeights, Qwen35MoeLayout) {
    RandomModelSpec s;
    s.arch = "qwen35moe";
    s.n_embd = 64;
    s.n_layer = 4;
    s.head_dim = 16;
    s.n_ff = 96;
    s.n_expert = 4;
    s.n_expert_used = 2;
    auto w = make_random_model(s);
    ASSERT_TRUE(w) << w.error().message;
    w->set_f32("qwen35moe.expert_weights_scale", 2.5f);
    const std::vector<uint8_t> bytes = w->bytes();
    auto g = parse_gguf(bytes);
    ASSERT_TRUE(g);
    auto hp = read_hparams(*g);
    ASSERT_TRUE(hp) << hp.error().message;
    EXPECT_EQ(hp->arch, Arch::Qwen35Moe);
    EXPECT_EQ(hp->block, BlockKind::Hybrid);
    EXPECT_EQ(hp->moe.n_ff_exp, 48u);
    EXPECT_EQ(hp->moe.n_ff_shexp, 96u);
    EXPECT_TRUE(hp->moe.norm_weights);
    EXPECT_EQ(hp->moe.weights_scale, 0.f);
    EXPECT_EQ(hp->moe.gating, ExpertGating::Softmax);
    EXPECT_TRUE(hp->is_recurrent(0) && !hp->is_recurrent(3));
    auto wt = find_weights(*g, *hp);
    ASSERT_TRUE(wt) << wt.error().message;
    for (const LayerWeights& l : wt->layers) {
        EXPECT_TRUE(l.moe.gate_inp && l.moe.gate_exps && l.moe.gate_inp_shexp && l.moe.down_shexp);
        EXPECT_FALSE(l.w_gate || l.w_down);
    }
    // Without feed_forward_length: the widths come from the experts' own keys
    s.n_ff_exp = 40;
    s.n_ff_shexp = 24;
    auto w2 = make_random_model(s);
    ASSERT_TRUE(w2) << w2.error().message;
    w2->erase("qwen35moe.feed_forward_length");
    const std::vector<uint8_t> bytes2 = w2->bytes();
    auto g2 = parse_gguf(bytes2);
    ASSERT_TRUE(g2);
    auto hp2 = read_hparams(*g2);
    ASSERT_TRUE(hp2) << hp2.error().message;
    EXPECT_EQ(hp2->moe.n_ff_exp, 40u);
    EXPECT_EQ(hp2->moe.n_ff_shexp, 24u);
    EXPECT_EQ(hp2->n_ff, 0u);
    EXPECT_TRUE(find_weights(*g2, *hp2));
    // ... and without either key there is no width to default to
    w2->erase("qwen35moe.expert_feed_forward_length");
    const std::vector<uint8_t> bytes3 = w2->bytes();
    auto g3 = parse_gguf(bytes3);
    ASSERT_TRUE(g3);
    auto hp3 = read_hparams(*g3);
    ASSERT_FALSE(hp3);
    EXPECT_NE(hp3.error().message.find("expert feed-forward length"), std::string::npos) << hp3.error().message;
    // Gate and up fused into one expert tensor: refused by name
    auto w4 = make_random_model(s);
    ASSERT_TRUE(w4);
    w4->add_tensor("blk.1.ffn_gate_up_exps.weight", {64, 80, 4}, TensorType::F32, std::vector<uint8_t>(64 * 80 * 4 * 4));
    const std::vector<uint8_t> bytes4 = w4->bytes();
    auto g4 = parse_gguf(bytes4);
    ASSERT_TRUE(g4);
    auto hp4 = read_hparams(*g4);
    ASSERT_TRUE(hp4);
    auto bad = find_weights(*g4, *hp4);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("'blk.1.ffn_gate_up_exps.weight': experts with gate and up fused"), std::string::npos) << bad.error().message;
}

// gpt-oss as llama.cpp reads it: even layers local (period 2) with the window, the FFN's norm
// from post_attention_norm, sinks and every bias present, softmax of the chosen not renormalized,
// the clamped SwiGLU, YaRN on local and global layers; a missing sink is refused by name.
TEST(MoeWeights, GptOssLayout) {
    RandomModelSpec s;
    s.arch = "gpt-oss";
    s.n_layer = 3;
    s.n_expert = 4;
    s.n_expert_used = 2;
    s.n_ff_exp = 64;
    s.sliding_window = 16;
    s.rope_yarn_factor = 8.f;
    s.n_ctx_orig = 512;
    auto w = make_random_model(s);
    ASSERT_TRUE(w) << w.error().message;
    const std::vector<uint8_t> bytes = w->bytes();
    auto g = parse_gguf(bytes);
    ASSERT_TRUE(g) << g.error().message;
    auto hp = read_hparams(*g);
    ASSERT_TRUE(hp) << hp.error().message;
    EXPECT_EQ(hp->arch, Arch::GptOss);
    EXPECT_EQ(hp->layer_attn[0].window, 16u);
    EXPECT_EQ(hp->layer_attn[1].window, 0u);
    EXPECT_EQ(hp->layer_attn[2].window, 16u);
    for (const LayerAttention& la : hp->layer_attn) {
        EXPECT_EQ(la.ext_factor, 1.f);
        EXPECT_NEAR(la.rope_scale, 8.f, 1e-6);
    }
    EXPECT_EQ(hp->rope_mode, RopeMode::Neox);
    EXPECT_TRUE(hp->attn_sinks);
    EXPECT_EQ(hp->moe.gating, ExpertGating::SoftmaxChosen);
    EXPECT_FALSE(hp->moe.norm_weights);
    EXPECT_EQ(hp->moe.act, ExpertActivation::SwigluOai);
    EXPECT_EQ(hp->moe.n_ff_exp, 64u);
    auto wt = find_weights(*g, *hp);
    ASSERT_TRUE(wt) << wt.error().message;
    const LayerWeights& l = wt->layers[1];
    EXPECT_EQ(l.ffn_norm, g->tensor("blk.1.post_attention_norm.weight"));
    EXPECT_TRUE(l.attn_sinks && l.bq && l.bk && l.bv && l.bo);
    EXPECT_TRUE(l.moe.gate_inp_b && l.moe.gate_exps_b && l.moe.up_exps_b && l.moe.down_exps_b);
    // A Mixtral-style file read as if it had gpt-oss's sinks or biases: the first missing tensor named
    RandomModelSpec mx;
    mx.n_expert = 4;
    auto mw = make_random_model(mx);
    ASSERT_TRUE(mw);
    const std::vector<uint8_t> mbytes = mw->bytes();
    auto mg = parse_gguf(mbytes);
    ASSERT_TRUE(mg);
    auto mhp = read_hparams(*mg);
    ASSERT_TRUE(mhp);
    HParams sinks = *mhp, biases = *mhp;
    sinks.attn_sinks = true;
    biases.moe.biases = true;
    auto bad = find_weights(*mg, sinks);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("missing tensor 'blk.0.attn_sinks.weight'"), std::string::npos) << bad.error().message;
    bad = find_weights(*mg, biases);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("missing tensor 'blk.0.ffn_gate_inp.bias'"), std::string::npos) << bad.error().message;
}

// Load-time checks: an expert tensor of another shape than the hyperparameters say is refused
// by name with both shapes; a file without the experts its metadata announces names the missing
// router.
TEST(MoeWeights, ShapeChecksNameTheTensor) {
    RandomModelSpec s;
    s.n_expert = 4;
    s.n_expert_used = 2;
    auto w = make_random_model(s);
    ASSERT_TRUE(w) << w.error().message;
    const std::vector<uint8_t> bytes = w->bytes();
    auto g = parse_gguf(bytes);
    ASSERT_TRUE(g) << g.error().message;
    auto hp = read_hparams(*g);
    ASSERT_TRUE(hp) << hp.error().message;
    EXPECT_EQ(hp->moe.n_expert, 4u);
    EXPECT_EQ(hp->moe.n_used, 2u);
    EXPECT_EQ(hp->moe.n_ff_exp, s.n_ff);  // llama: the experts are feed_forward_length wide
    EXPECT_TRUE(hp->moe.norm_weights);
    ASSERT_TRUE(find_weights(*g, *hp));
    HParams wider = *hp;
    wider.moe.n_ff_exp += 32;
    auto bad = find_weights(*g, wider);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("'blk.0.ffn_gate_exps.weight': expected shape [256, 544, 4], found [256, 512, 4]"),
              std::string::npos)
        << bad.error().message;
    HParams more = *hp;
    more.moe.n_expert = 5;
    bad = find_weights(*g, more);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("blk.0.ffn_gate_inp.weight"), std::string::npos) << bad.error().message;
    // The dense layout's tensors are not what an expert layer reads.
    RandomModelSpec dense;
    auto dw = make_random_model(dense);
    ASSERT_TRUE(dw);
    const std::vector<uint8_t> dbytes = dw->bytes();
    auto dg = parse_gguf(dbytes);
    ASSERT_TRUE(dg);
    auto dhp = read_hparams(*dg);
    ASSERT_TRUE(dhp);
    EXPECT_EQ(dhp->moe.n_expert, 0u);
    dhp->moe = hp->moe;
    bad = find_weights(*dg, *dhp);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("missing tensor 'blk.0.ffn_gate_inp.weight'"), std::string::npos) << bad.error().message;
}

// Prefill's grouped experts against the CPU reference: the pairs grouped by expert
// (moe_group), gate (with bias) and up by the indexed matmul, down from their SwiGLU, and the
// weighted gather onto a residual; for the lanes kernel (small and large tiles, texel and
// storage reads) and the shared-memory tile kernel; batches of 37 tokens (no tile multiple) and
// 2, an expert no token chose, and one expert chosen by every token.
TEST_F(VkFixture, MoeGroupedMatmulMatchesReference) {
    const uint32_t sg = dev->info().subgroup_size;
    // This device's tuning (on lavapipe: the lanes kernel's small tile at these pair counts), the
    // shared-memory tile, the lanes kernel's large tile made sg pairs (storage reads; and this
    // device's reads), which the 37-token batches fill on average.
    vk::Tuning lanes_here = vk::Tuning::for_device(dev->info());
    lanes_here.matmul_lanes = true;
    lanes_here.lanes_tokens = 1;
    const std::vector<vk::Tuning> tunings = {vk::Tuning::for_device(dev->info()), vk::Tuning{32, 3, 32, 32},
                                             vk::Tuning{sg, 4, sg, sg, true, 16, 1, 0, false}, lanes_here};
    struct Shape {
        TensorType type;
        uint64_t E, F;
    };
    for (const Shape sh : {Shape{TensorType::F16, 68, 36}, Shape{TensorType::MXFP4, 96, 160}, Shape{TensorType::Q4_K, 256, 512}}) {
        const uint32_t X = 6, k = 2;
        const uint64_t E = sh.E, F = sh.F;
        auto make = [&](uint64_t K, uint64_t M, uint64_t seed) {
            auto f = test::random_floats(K * M * X, seed);
            auto q = quantize(sh.type, f, K);
            EXPECT_TRUE(q);
            return *q;
        };
        const std::vector<uint8_t> gq = make(E, F, 21), uq = make(E, F, 22), dq = make(F, E, 23);
        auto row = [&](const std::vector<uint8_t>& q, uint64_t K, uint64_t r) {
            std::vector<float> v(K);
            dequantize_row(sh.type, q.data() + r * *row_bytes(sh.type, K), v.data(), K);
            return v;
        };
        auto bias = test::random_floats(F * X, 24);
        for (int layout = 0; layout < 3; ++layout) {
            const uint32_t n = layout == 2 ? 2 : 37;
            // ids[n][k]: distinct per token; expert 5 never chosen (layout 0), expert 3 first for
            // every token (layout 1)
            std::vector<uint32_t> ids(size_t(n) * k);
            for (uint32_t t = 0; t < n; ++t) {
                const uint32_t a = layout == 1 ? 3u : (t * 7 + 1) % 5, b = (a + 1 + t % 4) % 5;
                ids[t * k] = a;
                ids[t * k + 1] = b == a ? (a + 1) % 5 : b;
            }
            auto wts = test::random_floats(size_t(n) * k, 25 + layout);
            auto x = test::random_floats(size_t(n) * E, 30 + layout), y0 = test::random_floats(size_t(n) * E, 40 + layout);
            // The reference: gate (+ bias), up, SwiGLU, down per pair; y[t] = y0[t] + sum_s w down
            std::vector<double> want_gate(size_t(n) * k * F), mag_gate(size_t(n) * k * F), want_y(y0.begin(), y0.end()), mag_y(size_t(n) * E);
            for (uint32_t t = 0; t < n; ++t)
                for (uint32_t s = 0; s < k; ++s) {
                    const uint32_t e = ids[t * k + s];
                    std::vector<float> h(F);
                    for (uint64_t r = 0; r < F; ++r) {
                        auto g = row(gq, E, e * F + r), u = row(uq, E, e * F + r);
                        double gs = 0, us = 0, gm = 0;
                        for (uint64_t i = 0; i < E; ++i) {
                            gs += double(g[i]) * x[t * E + i];
                            gm += std::fabs(double(g[i]) * x[t * E + i]);
                            us += double(u[i]) * x[t * E + i];
                        }
                        want_gate[(t * k + s) * F + r] = gs + bias[e * F + r];
                        mag_gate[(t * k + s) * F + r] = gm + std::fabs(bias[e * F + r]);
                        h[r] = float(ref::silu(float(gs + bias[e * F + r])) * us);
                    }
                    for (uint64_t r = 0; r < E; ++r) {
                        auto d = row(dq, F, e * E + r);
                        double ds = 0, m = 0;
                        for (uint64_t i = 0; i < F; ++i) {
                            ds += double(d[i]) * h[i];
                            m += std::fabs(double(d[i]) * h[i]);
                        }
                        want_y[t * E + r] += wts[t * k + s] * ds;
                        mag_y[t * E + r] += std::fabs(wts[t * k + s]) * m;
                    }
                }
            for (const vk::Tuning& tuning : tunings) {
                auto ops = make_ops({sh.type}, 64, tuning);
                ASSERT_TRUE(ops->prepare_experts({sh.type}));
                auto wg = upload_matrix("gate", sh.type, E, F * X, gq), wu = upload_matrix("up", sh.type, E, F * X, uq);
                auto wd = upload_matrix("down", sh.type, F, E * X, dq);
                const uint32_t tile = ops->moe_tile_pairs(n, k, X);
                auto ib = buffer_u32(ids), wb = buffer_with(wts), xb = buffer_with(x), ys = buffer_with(y0), bb = buffer_with(bias);
                auto list = buffer_u32(std::vector<uint32_t>(size_t(n) * k, ~0u));
                auto tiles = buffer_u32(std::vector<uint32_t>(1 + 3 * size_t(vk::Ops::moe_max_tiles(n, k, X, tile)), ~0u));
                auto gate = buffer_with(std::vector<float>(size_t(n) * k * F, 0.f)), upo = buffer_with(std::vector<float>(size_t(n) * k * F, 0.f));
                auto down = buffer_with(std::vector<float>(size_t(n) * k * E, 0.f));
                const vk::Ops::MoeGroups g{list, tiles, k, X, tile};
                run([&](vk::Commands& c) {
                    ops->moe_group(c, ib, n, g);
                    c.barrier();
                    ops->moe_matmul(c, wg, g, n, xb, false, gate, &bb);
                    ops->moe_matmul(c, wu, g, n, xb, false, upo);
                    c.barrier();
                    ops->moe_matmul(c, wd, g, n, gate, true, down, nullptr, vk::XInput{MATVEC_X_SWIGLU, &upo, 0});
                    c.barrier();
                    ops->moe_gather(c, down, wb, ys, n, k, uint32_t(E), true);
                });
                const std::string what = std::string(type_name(sh.type)) + " layout " + std::to_string(layout) + " tile " + std::to_string(tile) +
                                         (tuning.matmul_lanes ? " lanes" : " shared") + (tuning.texel_weights ? " texel" : "");
                // Each pair listed once, under its expert, in token order
                std::vector<uint32_t> got_list(size_t(n) * k);
                ASSERT_TRUE(up->download(list, 0, got_list.data(), got_list.size() * 4));
                std::vector<uint32_t> sorted = got_list;
                std::sort(sorted.begin(), sorted.end());
                for (uint32_t i = 0; i < n * k; ++i) ASSERT_EQ(sorted[i], i) << what;
                for (uint32_t i = 1; i < n * k; ++i) {
                    const uint32_t ea = ids[got_list[i - 1]], eb = ids[got_list[i]];
                    ASSERT_TRUE(ea < eb || (ea == eb && got_list[i - 1] < got_list[i])) << what << " at " << i;
                }
                auto got_gate = read(gate, size_t(n) * k * F);
                for (size_t i = 0; i < got_gate.size(); ++i)
                    ASSERT_NEAR(got_gate[i], want_gate[i], 2e-4 * mag_gate[i] + 1e-5) << what << " gate " << i;
                auto got_y = read(ys, size_t(n) * E);
                for (size_t i = 0; i < got_y.size(); ++i)
                    ASSERT_NEAR(got_y[i], want_y[i], 2e-4 * mag_y[i] + 1e-4) << what << " y " << i;
            }
        }
    }
}
