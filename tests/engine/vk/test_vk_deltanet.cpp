// Tiny random qwen35 models (Gated DeltaNet layers between gated full-attention ones): Vulkan
// logits against the CPU reference (the prompt in batches of 4, then single-token decode),
// batches then decode equal to one batch, a prompt split by a batch limit of 3, and the
// recurrent state's rules and bytes on the device. Tolerance as test_vk_models: max |vk - cpu|
// <= 2e-3 * max |cpu|.
#include "model/cpu_model.h"
#include "model/deltanet.h"
#include "model/vk_model.h"
#include "tiny_model.h"
#include "vk_fixture.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace causerie;
using test::Agreement;
using test::compare;
using test::TinyFile;
using test::write_tiny;

namespace {

struct Case {
    std::string name;
    RandomModelSpec spec;
    const char* deltanet = nullptr;  // CAUSERIE_DELTANET for the Vulkan model ("rows,chunk"), or the device's tuning
};

// Sets CAUSERIE_DELTANET for a scope (the Vulkan model reads it when it makes its ops).
struct DeltaNetTuning {
    explicit DeltaNetTuning(const char* v) : set(v != nullptr) {
        if (set) setenv("CAUSERIE_DELTANET", v, 1);
    }
    ~DeltaNetTuning() {
        if (set) unsetenv("CAUSERIE_DELTANET");
    }
    bool set;
};

std::vector<Case> cases() {
    std::vector<Case> out;
    // f32: 5 layers (DeltaNet x3, attention, DeltaNet), partial rotary, 2 q/k heads shared by
    // 6 v heads of 8, GQA in the attention layer.
    RandomModelSpec s;
    s.arch = "qwen35";
    s.n_embd = 64;
    s.n_layer = 5;
    s.n_head = 4;
    s.n_head_kv = 2;
    s.head_dim = 16;
    s.n_ff = 96;
    s.n_vocab = 300;
    s.rope_dim = 12;
    s.ssm_state = 8;
    s.ssm_k_heads = 2;
    s.ssm_v_heads = 6;
    out.push_back({"qwen35_f32_2k6v", s});
    // q8_0: heads of 32 (q/k heads = v heads), a 3-tap conv, full attention every 2nd layer.
    s.type = "q8_0";
    s.n_layer = 4;
    s.ssm_state = 32;
    s.ssm_k_heads = 2;
    s.ssm_v_heads = 2;
    s.ssm_conv = 3;
    s.full_attn_interval = 2;
    s.rope_dim = 0;
    out.push_back({"qwen35_q8_0_conv3", s});
    // The same two in chunks of the delta rule: of 3 tokens, 4 rows per thread (batches of 4
    // cut chunks 3 + 1), and of 5 with the state in shared memory (GPUs' kernel)
    out.push_back({"qwen35_q8_0_chunks3", s, "4,3"});
    out.push_back({out[0].name + "_chunks5_shared", out[0].spec, "1,5"});
    return out;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

const std::vector<int32_t> kTokens = {1, 17, 250, 3, 99, 99, 42, 7, 8, 200, 5, 63, 128};

}  // namespace

class TinyQwen35 : public ::testing::TestWithParam<Case> {};

TEST_P(TinyQwen35, VulkanMatchesCpuReference) {
    const Case& tc = GetParam();
    TinyFile tf;
    ASSERT_NO_FATAL_FAILURE(write_tiny(tc.name, tc.spec, tf));
    const HParams& hp = tf.file->hp;
    ASSERT_TRUE(hp.has_recurrent());
    CpuModel cpu(hp, tf.file->weights, tf.file->map.bytes(), 64);
    auto want = cpu.forward(kTokens, 0, true);
    ASSERT_TRUE(want) << want.error().message;

    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    const DeltaNetTuning tuning(tc.deltanet);
    auto vkm = VkModel::create(**dev, *tf.file, VkModelOptions{64, 4});  // batches of 4: 9 tokens -> 4 + 4 + 1
    ASSERT_TRUE(vkm) << vkm.error().message;
    std::vector<float> got;
    for (uint32_t i = 0; i < 9; i += 4) {
        const uint32_t n = std::min<uint32_t>(4, 9 - i);
        auto pre = (*vkm)->forward(std::span(kTokens).subspan(i, n), i, true);
        ASSERT_TRUE(pre) << pre.error().message;
        got.insert(got.end(), pre->begin(), pre->end());
    }
    for (uint32_t i = 9; i < kTokens.size(); ++i) {
        auto step = (*vkm)->forward(std::span(kTokens).subspan(i, 1), i, false);
        ASSERT_TRUE(step) << step.error().message;
        got.insert(got.end(), step->begin(), step->end());
    }
    ASSERT_EQ(got.size(), want->size());
    const Agreement a = compare(got, *want, hp.n_vocab);
    std::printf("%-28s vk vs cpu: max|dlogit| / max|logit| = %.2e, argmax agreement %zu/%zu\n", tc.name.c_str(), a.rel, a.argmax, a.rows);
    EXPECT_LE(a.rel, 2e-3) << tc.name;
    EXPECT_GE(a.argmax + 1, a.rows) << tc.name;

    // Again from 0 (the states cleared) in one forward split by the model into batches of 4
    auto again = (*vkm)->forward(kTokens, 0, true);
    ASSERT_TRUE(again) << again.error().message;
    const Agreement b = compare(*again, *want, hp.n_vocab);
    EXPECT_LE(b.rel, 2e-3) << tc.name << ": a forward from 0 does not start from a cleared state";
}

TEST_P(TinyQwen35, BatchesThenDecodeEqualOneBatch) {
    const Case& tc = GetParam();
    TinyFile tf;
    ASSERT_NO_FATAL_FAILURE(write_tiny(tc.name + "_b", tc.spec, tf));
    const DeltaNetTuning tuning(tc.deltanet);
    test::expect_batches_then_decode_equal_one_batch(tc.name, *tf.file, kTokens);
}

INSTANTIATE_TEST_SUITE_P(Qwen35, TinyQwen35, ::testing::ValuesIn(cases()), [](const auto& param_info) { return param_info.param.name; });

TEST(Qwen35Vk, RecurrentStateOnTheDevice) {
    const Case tc = cases()[0];
    TinyFile tf;
    ASSERT_NO_FATAL_FAILURE(write_tiny("qwen35_state_vk", tc.spec, tf));
    const HParams& hp = tf.file->hp;
    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    auto vkm = VkModel::create(**dev, *tf.file, VkModelOptions{64, 3});
    ASSERT_TRUE(vkm) << vkm.error().message;
    VkModel& m = **vkm;
    // 4 DeltaNet layers' states; one layer's KV cache (f16)
    const uint64_t state = 4 * (hp.dn.conv_state_floats() + hp.dn.delta_state_floats()) * 4;
    EXPECT_EQ(m.recurrent_bytes(), state);
    EXPECT_EQ(m.kv_bytes(), 2ull * 64 * hp.kv_dim() * 2);
    EXPECT_GE(m.device_bytes(), m.weight_bytes() + m.kv_bytes() + state);
    EXPECT_EQ(m.kv_rows(0), 0u);
    // The state continues from its end or restarts at 0, nowhere else
    ASSERT_TRUE(m.forward(std::span(kTokens).first(7), 0, false));
    EXPECT_TRUE(m.can_resume(7));
    EXPECT_TRUE(m.can_resume(0));
    EXPECT_FALSE(m.can_resume(4));
    auto bad = m.forward(std::span(kTokens).subspan(4, 1), 4, false);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("recurrent state"), std::string::npos) << bad.error().message;
    // 13 tokens in batches of 3 (3+3+3+3+1) against the CPU
    CpuModel cpu(hp, tf.file->weights, tf.file->map.bytes(), 64);
    auto want = cpu.forward(kTokens, 0, true);
    auto got = m.forward(kTokens, 0, true);
    ASSERT_TRUE(want && got);
    const Agreement a = compare(*got, *want, hp.n_vocab);
    std::printf("%-28s batches of 3 vs cpu: max|dlogit| / max|logit| = %.2e, argmax %zu/%zu\n", "qwen35_f32_batch3", a.rel, a.argmax, a.rows);
    EXPECT_LE(a.rel, 2e-3);
}

// A checkpoint of the recurrent state: saved after 6 tokens, the rest evaluated, the state put
// back and the rest evaluated again gives the same logits, and those of a forward from scratch
// (on the CPU reference exactly, on Vulkan within the tolerance).
TEST(Qwen35Vk, CheckpointRestoreEqualsEvaluatingFromScratch) {
    const Case tc = cases()[0];
    TinyFile tf;
    ASSERT_NO_FATAL_FAILURE(write_tiny("qwen35_checkpoint", tc.spec, tf));
    const HParams& hp = tf.file->hp;
    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    auto vkm = VkModel::create(**dev, *tf.file, VkModelOptions{64, 4});
    ASSERT_TRUE(vkm) << vkm.error().message;
    CpuModel cpu(hp, tf.file->weights, tf.file->map.bytes(), 64);
    const auto head = std::span(kTokens).first(6), tail = std::span(kTokens).subspan(6);
    for (Backend* b : std::initializer_list<Backend*>{&cpu, vkm->get()}) {
        const bool is_cpu = b == &cpu;
        ASSERT_TRUE(b->forward(head, 0, false));
        auto saved = b->checkpoint();
        ASSERT_TRUE(saved) << saved.error().message;
        ASSERT_EQ(saved->pos, 6u);
        ASSERT_GT(saved->recurrent.size(), 0u);
        ASSERT_TRUE(saved->rings.empty());
        auto first = b->forward(tail, 6, true);
        ASSERT_TRUE(first) << first.error().message;
        EXPECT_FALSE(b->can_resume(6));
        ASSERT_TRUE(b->restore(*saved));
        EXPECT_TRUE(b->can_resume(6));
        auto again = b->forward(tail, 6, true);
        ASSERT_TRUE(again) << again.error().message;
        EXPECT_EQ(*again, *first) << (is_cpu ? "cpu" : "vulkan");
        auto whole = b->forward(kTokens, 0, true);
        ASSERT_TRUE(whole);
        const std::vector<float> whole_tail(whole->begin() + 6 * hp.n_vocab, whole->end());
        const Agreement a = compare(*again, whole_tail, hp.n_vocab);
        std::printf("%-28s restored at 6 vs from scratch: max|dlogit| / max|logit| = %.2e\n", is_cpu ? "qwen35 cpu" : "qwen35 vulkan", a.rel);
        if (is_cpu) EXPECT_EQ(a.rel, 0.0);
        else EXPECT_LE(a.rel, 2e-3);
        // A state of the wrong size is refused
        Checkpoint cut = *saved;
        cut.recurrent.resize(cut.recurrent.size() - 4);
        EXPECT_FALSE(b->restore(cut));
    }
}

// The kernels alone on random data against the reference steps (model/deltanet.h), the batch
// split over two dispatches so that the state carries across: the conv1d, and the delta rule
// with its gated RMSNorm in both layouts (4 rows per thread, one row per thread), token by token
// and in chunks (of 64, 16 and 5 tokens, partial chunks at the ends of both dispatches) at Qwen3.5's
// head size 128 with 3 v heads on 1 q/k head.
class DeltaNetOps : public test::VkFixture {};

TEST_F(DeltaNetOps, ConvMatchesReference) {
    const uint32_t C = 70, K = 4, N1 = 5, N2 = 6;
    std::mt19937 rng(7);
    std::normal_distribution<float> nd(0.f, 1.f);
    std::vector<float> x(size_t(N1 + N2) * C), w(C * K), st(C * (K - 1));
    for (auto* v : {&x, &w, &st})
        for (float& e : *v) e = nd(rng);
    auto ops = make_ops({TensorType::F32}, 16, vk::Tuning::for_device(dev->info()));
    ASSERT_TRUE(ops->prepare_deltanet(16));
    vk::Buffer xb = buffer_with(x), wb = buffer_with(w), sb = buffer_with(st), yb = buffer_with(std::vector<float>(x.size()));
    // Two dispatches over [0, N1) and [N1, N1 + N2): bound at the second batch's rows
    ASSERT_TRUE(cmd->begin());
    ops->deltanet_conv(*cmd, xb, wb, sb, yb, shader::DeltaNetConvPush{C, K, N1});
    cmd->barrier();
    ASSERT_TRUE(cmd->submit_and_wait());
    std::vector<float> got = read(yb, size_t(N1) * C);
    vk::Buffer x2 = buffer_with(std::vector<float>(x.begin() + size_t(N1) * C, x.end()));
    ASSERT_TRUE(cmd->begin());
    ops->deltanet_conv(*cmd, x2, wb, sb, yb, shader::DeltaNetConvPush{C, K, N2});
    cmd->barrier();
    ASSERT_TRUE(cmd->submit_and_wait());
    std::vector<float> got2 = read(yb, size_t(N2) * C);
    got.insert(got.end(), got2.begin(), got2.end());
    std::vector<float> ref_state = st, out(C);
    double max_err = 0;
    for (uint32_t t = 0; t < N1 + N2; ++t) {
        ref::conv1d_step(&x[size_t(t) * C], ref_state.data(), w.data(), C, K, out.data());
        for (uint32_t c = 0; c < C; ++c) max_err = std::max(max_err, double(std::fabs(out[c] - got[size_t(t) * C + c])));
    }
    const std::vector<float> st_got = read(sb, st.size());
    for (size_t i = 0; i < st.size(); ++i) ASSERT_EQ(st_got[i], ref_state[i]) << i;
    EXPECT_LE(max_err, 1e-5);
}

TEST_F(DeltaNetOps, DeltaRuleMatchesReferenceInBothLayoutsAndInChunks) {
    const uint32_t D = 128, HK = 1, HV = 3, N1 = 70, N2 = 13, KD = D * HK, VD = D * HV, CD = 2 * KD + VD;
    const float eps = 1e-6f, scale = 1.0f / std::sqrt(float(D));
    std::mt19937 rng(11);
    std::normal_distribution<float> nd(0.f, 1.f);
    const uint32_t N = N1 + N2;
    std::vector<float> y(size_t(N) * CD), z(size_t(N) * VD), beta(N * HV), alpha(N * HV), dt(HV), a(HV), nw(D), S0(size_t(HV) * D * D);
    for (auto* v : {&y, &z, &beta, &alpha, &dt, &nw, &S0})
        for (float& e : *v) e = nd(rng);
    for (float& e : a) e = -std::fabs(nd(rng)) - 0.1f;
    for (float& e : S0) e *= 0.1f;
    // The reference: S[h][j][i]; the device holds [h][i][j]
    std::vector<float> S = S0, want(size_t(N) * VD);
    for (uint32_t t = 0; t < N; ++t) {
        std::vector<float> yt(y.begin() + size_t(t) * CD, y.begin() + size_t(t + 1) * CD);
        for (uint32_t hk = 0; hk < HK; ++hk) {
            ref::l2norm(&yt[hk * D], D, eps);
            ref::l2norm(&yt[KD + hk * D], D, eps);
        }
        for (uint32_t h = 0; h < HV; ++h) {
            const uint32_t kh = h % HK;
            const float g = ref::softplus(alpha[t * HV + h] + dt[h]) * a[h];
            float* o = &want[size_t(t) * VD + h * D];
            ref::delta_rule_step(&S[size_t(h) * D * D], &yt[kh * D], &yt[KD + kh * D], &yt[2 * KD + h * D], g,
                                 ref::sigmoid(beta[t * HV + h]), D, scale, o);
            ref::rmsnorm(o, nw.data(), o, D, eps);
            for (uint32_t j = 0; j < D; ++j) o[j] *= ref::silu(z[size_t(t) * VD + h * D + j]);
        }
    }
    auto transposed = [&](const std::vector<float>& s) {
        std::vector<float> out(s.size());
        for (uint32_t h = 0; h < HV; ++h)
            for (uint32_t j = 0; j < D; ++j)
                for (uint32_t i = 0; i < D; ++i) out[(size_t(h) * D + i) * D + j] = s[(size_t(h) * D + j) * D + i];
        return out;
    };
    // Sequential (chunk 0), and in chunks: of 64 (one full chunk then a partial one, then a
    // partial one alone), of 16, and of 5 (many chunks, partial ones at the ends)
    for (auto [rows, chunk] : {std::pair<uint32_t, uint32_t>{4, 0}, {1, 0}, {4, 64}, {1, 64}, {4, 16}, {1, 5}}) {
        vk::Tuning t = vk::Tuning::for_device(dev->info());
        t.deltanet_rows = rows;
        t.deltanet_chunk = chunk;
        auto ops = make_ops({TensorType::F32}, 16, t);
        ASSERT_TRUE(ops->prepare_deltanet(D));
        vk::Buffer db = buffer_with(dt), ab = buffer_with(a), nb = buffer_with(nw), sb = buffer_with(transposed(S0));
        // The chunked rule's scratch for the longer part
        const size_t c = std::max<size_t>(chunk, 1), srows = (N1 + c - 1) / c * c * HV;
        vk::Buffer cw = buffer_with(std::vector<float>(srows * D)), cu = buffer_with(std::vector<float>(srows * D)),
                   cq = buffer_with(std::vector<float>(srows * D)), ck = buffer_with(std::vector<float>(srows * D)),
                   cm = buffer_with(std::vector<float>(srows * c)), cg = buffer_with(std::vector<float>(srows));
        std::vector<float> got;
        for (auto [first, n] : {std::pair<uint32_t, uint32_t>{0, N1}, {N1, N2}}) {
            auto part = [&](const std::vector<float>& v, size_t width) {
                return buffer_with(std::vector<float>(v.begin() + first * width, v.begin() + (first + n) * width));
            };
            vk::Buffer yb = part(y, CD), zb = part(z, VD), bb = part(beta, HV), alb = part(alpha, HV);
            vk::Buffer ob = buffer_with(std::vector<float>(size_t(n) * VD));
            ASSERT_TRUE(cmd->begin());
            const shader::DeltaNetRulePush push{n, HK, HV, KD, CD, eps, scale};
            if (chunk == 0)
                ops->deltanet_rule(*cmd, {&yb, &zb, &bb, &alb, &db, &ab, &nb, &sb, &ob}, push);
            else
                ops->deltanet_rule_chunked(*cmd, {&yb, &zb, &bb, &alb, &db, &ab, &nb, &sb, &ob}, {&cw, &cu, &cq, &ck, &cm, &cg}, push);
            cmd->barrier();
            ASSERT_TRUE(cmd->submit_and_wait());
            const std::vector<float> o = read(ob, size_t(n) * VD);
            got.insert(got.end(), o.begin(), o.end());
        }
        double max_ref = 0, max_err = 0, state_err = 0, state_ref = 0;
        for (size_t i = 0; i < want.size(); ++i) {
            max_ref = std::max(max_ref, double(std::fabs(want[i])));
            max_err = std::max(max_err, double(std::fabs(want[i] - got[i])));
        }
        const std::vector<float> s_got = read(sb, S.size()), s_want = transposed(S);
        for (size_t i = 0; i < S.size(); ++i) {
            state_ref = std::max(state_ref, double(std::fabs(s_want[i])));
            state_err = std::max(state_err, double(std::fabs(s_want[i] - s_got[i])));
        }
        std::printf("delta rule, %u row(s) per thread, chunks of %u: output %.2e, state %.2e (relative)\n", rows, chunk, max_err / max_ref,
                    state_err / state_ref);
        EXPECT_LE(max_err / max_ref, 1e-4) << rows << " " << chunk;
        EXPECT_LE(state_err / state_ref, 1e-4) << rows << " " << chunk;
    }
}
