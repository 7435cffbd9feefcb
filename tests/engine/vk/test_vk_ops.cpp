// RMSNorm, SwiGLU, GELU-gated, soft-cap, RoPE + KV store and attention against the CPU reference:
// random data, GQA, partial rotary dims, both RoPE modes, frequency factors, contexts past 2048,
// sliding windows and soft-capped scores.
#include "core/fp16.h"
#include "model/cpu_model.h"
#include "test_util.h"
#include "vk_fixture.h"

#include <cmath>

using namespace causerie;
using causerie::test::VkFixture;
using shader::AttentionPush;
using shader::RopeStorePush;

class VkOps : public VkFixture {};

TEST_F(VkOps, RmsNormRowsOfAwkwardLength) {
    for (vk::Tuning t : {vk::Tuning::for_device(dev->info()), vk::Tuning{64, 2, 64, 32}}) {
        auto ops = make_ops({}, 64, t);
        const uint32_t n = 173, rows = 9;
        auto x = test::random_floats(n * rows, 1, 3.f), w = test::random_floats(n, 2);
        auto xb = buffer_with(x), wb = buffer_with(w), out = buffer_with(std::vector<float>(n * rows));
        run([&](vk::Commands& c) { ops->rmsnorm(c, xb, wb, out, n, rows, 1e-5f); });
        auto got = read(out, n * rows);
        std::vector<float> ref(n);
        for (uint32_t r = 0; r < rows; ++r) {
            ref::rmsnorm(&x[r * n], w.data(), ref.data(), n, 1e-5f);
            for (uint32_t i = 0; i < n; ++i) ASSERT_NEAR(got[r * n + i], ref[i], 1e-5f * (1 + std::fabs(ref[i])));
        }
    }
}

TEST_F(VkOps, SwiGlu) {
    auto ops = make_ops({}, 64, vk::Tuning::for_device(dev->info()));
    const uint32_t n = 1000;
    auto g = test::random_floats(n, 3, 4.f), u = test::random_floats(n, 4);
    auto gb = buffer_with(g), ub = buffer_with(u);
    run([&](vk::Commands& c) { ops->swiglu(c, gb, ub, n); });
    auto got = read(gb, n);
    for (uint32_t i = 0; i < n; ++i) ASSERT_NEAR(got[i], ref::silu(g[i]) * u[i], 1e-5f * (1 + std::fabs(g[i] * u[i])));
}

TEST_F(VkOps, RmsNormAddsToTheResidual) {
    for (vk::Tuning t : {vk::Tuning::for_device(dev->info()), vk::Tuning{64, 2, 64, 32}}) {
        auto ops = make_ops({}, 64, t);
        const uint32_t n = 256, rows = 3;
        auto y = test::random_floats(n * rows, 11, 3.f), w = test::random_floats(n, 12), x = test::random_floats(n * rows, 13);
        auto yb = buffer_with(y), wb = buffer_with(w), xb = buffer_with(x);
        run([&](vk::Commands& c) { ops->rmsnorm_add(c, yb, wb, xb, n, rows, 1e-6f); });
        auto got = read(xb, n * rows);
        std::vector<float> ref(n);
        for (uint32_t r = 0; r < rows; ++r) {
            ref::rmsnorm(&y[r * n], w.data(), ref.data(), n, 1e-6f);
            for (uint32_t i = 0; i < n; ++i) ASSERT_NEAR(got[r * n + i], x[r * n + i] + ref[i], 1e-5f * (1 + std::fabs(ref[i])));
        }
    }
}

// GELU-gated (ggml's tanh form), over a range where the tanh saturates too.
TEST_F(VkOps, GeGlu) {
    auto ops = make_ops({}, 64, vk::Tuning::for_device(dev->info()));
    const uint32_t n = 1000;
    auto g = test::random_floats(n, 14, 8.f), u = test::random_floats(n, 15);
    g[0] = 60.f;
    g[1] = -60.f;
    auto gb = buffer_with(g), ub = buffer_with(u);
    run([&](vk::Commands& c) { ops->glu(c, true, gb, ub, n); });
    auto got = read(gb, n);
    for (uint32_t i = 0; i < n; ++i) ASSERT_NEAR(got[i], ref::gelu_tanh(g[i]) * u[i], 1e-5f * (1 + std::fabs(g[i] * u[i]))) << i;
    EXPECT_NEAR(ref::gelu_tanh(1.0f), 0.841192f, 1e-5f);  // the tanh form's value (exact GELU: 0.841345)
}

TEST_F(VkOps, SoftCap) {
    auto ops = make_ops({}, 64, vk::Tuning::for_device(dev->info()));
    const uint32_t n = 777;
    auto x = test::random_floats(n, 16, 100.f);
    x[0] = 1e6f;
    auto xb = buffer_with(x);
    run([&](vk::Commands& c) { ops->softcap(c, xb, n, 30.f); });
    auto got = read(xb, n);
    for (uint32_t i = 0; i < n; ++i) ASSERT_NEAR(got[i], ref::softcap(x[i], 30.f), 2e-5f * 30.f) << i;
    EXPECT_FLOAT_EQ(got[0], 30.f);
}

// Head sizes the attention kernels cannot hold are a load-time error, not a wrong answer.
TEST_F(VkOps, HeadDimensionPast256IsAnError) {
    vk::Ops ops(*dev, *pipes, vk::Tuning::for_device(dev->info()));
    auto st = ops.prepare({}, 288);
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().message.find("head dimension 288"), std::string::npos) << st.error().message;
}

struct RopeCase {
    bool neox;
    uint32_t head_dim, rope_dim;
    bool freqs;
    float scale;
};

class VkRope : public VkFixture, public ::testing::WithParamInterface<RopeCase> {};

TEST_P(VkRope, RotatesQAndStoresKV) {
    const RopeCase rc = GetParam();
    auto ops = make_ops({}, rc.head_dim, vk::Tuning::for_device(dev->info()));
    const uint32_t n_tokens = 3, pos = 2045, n_head = 4, n_kv = 2, D = rc.head_dim, ctx = 2050;
    auto q = test::random_floats(n_tokens * n_head * D, 5), k = test::random_floats(n_tokens * n_kv * D, 6),
         v = test::random_floats(n_tokens * n_kv * D, 7);
    std::vector<float> freqs(rc.rope_dim / 2);
    for (size_t i = 0; i < freqs.size(); ++i) freqs[i] = 1.0f + 0.5f * float(i % 3);
    auto qb = buffer_with(q), kb = buffer_with(k), vb = buffer_with(v), fb = buffer_with(freqs);
    auto kc = set->create(uint64_t(ctx) * n_kv * D * 2, vk::MemoryKind::DeviceLocal);
    auto vc = set->create(uint64_t(ctx) * n_kv * D * 2, vk::MemoryKind::DeviceLocal);
    ASSERT_TRUE(kc && vc);
    RopeStorePush p{n_tokens, n_head, n_kv, D, rc.rope_dim, rc.neox ? 1u : 0u, 10000.f, 1.0f / rc.scale, rc.freqs ? 1u : 0u};
    auto step = buffer_u32({pos});
    run([&](vk::Commands& c) { ops->rope_store(c, p, qb, kb, vb, *kc, *vc, fb, step); });
    auto gq = read(qb, q.size());
    auto gk = read_u16(*kc, size_t(ctx) * n_kv * D), gv = read_u16(*vc, size_t(ctx) * n_kv * D);
    const RopeMode mode = rc.neox ? RopeMode::Neox : RopeMode::Normal;
    for (uint32_t t = 0; t < n_tokens; ++t) {
        float pp = float(pos + t) / rc.scale;
        std::vector<float> rq(q.begin() + t * n_head * D, q.begin() + (t + 1) * n_head * D);
        std::vector<float> rk(k.begin() + t * n_kv * D, k.begin() + (t + 1) * n_kv * D);
        ref::rope(rq.data(), n_head, D, rc.rope_dim, mode, pp, 10000.f, rc.freqs ? freqs.data() : nullptr);
        ref::rope(rk.data(), n_kv, D, rc.rope_dim, mode, pp, 10000.f, rc.freqs ? freqs.data() : nullptr);
        // Large angles (positions past 2048): GPU sin/cos of big arguments are less exact.
        for (size_t i = 0; i < rq.size(); ++i) ASSERT_NEAR(gq[t * n_head * D + i], rq[i], 2e-3f) << "q " << i;
        for (size_t i = 0; i < rk.size(); ++i) {
            size_t at = size_t(pos + t) * n_kv * D + i;
            ASSERT_NEAR(fp16_to_f32(gk[at]), rk[i], 2e-3f + 1e-3f * std::fabs(rk[i])) << "k " << i;
            ASSERT_EQ(gv[at], f32_to_fp16(v[t * n_kv * D + i])) << "v " << i;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Modes, VkRope,
                         ::testing::Values(RopeCase{false, 64, 64, false, 1.f}, RopeCase{true, 64, 64, false, 1.f},
                                           RopeCase{true, 128, 64, true, 4.f}, RopeCase{false, 80, 48, true, 1.f}));

struct AttnCase {
    uint32_t head_dim, n_head, n_kv, pos, n_tokens;
    uint32_t window = 0;  // sliding window, 0: none
    float softcap = 0.f;
};

// A random f16 KV cache of n values each (keys scaled so that softmax is neither flat nor
// one-hot): its f32 values as the reference sees them, and the device buffers.
class VkCacheFixture : public VkFixture {
protected:
    void f16_cache(size_t n, uint32_t seed, std::vector<float>& kf, std::vector<float>& vf, vk::Buffer& kc, vk::Buffer& vc) {
        kf = test::random_floats(n, seed, 0.5f);
        vf = test::random_floats(n, seed + 1);
        std::vector<uint16_t> kh(n), vh(n);
        for (size_t i = 0; i < n; ++i) {
            kh[i] = f32_to_fp16(kf[i]);
            kf[i] = fp16_to_f32(kh[i]);
            vh[i] = f32_to_fp16(vf[i]);
            vf[i] = fp16_to_f32(vh[i]);
        }
        // With the texel views the CPU tuning's attention reads through.
        auto k = set->create(n * 2, vk::MemoryKind::DeviceLocal, VK_FORMAT_R32G32B32A32_UINT);
        auto v = set->create(n * 2, vk::MemoryKind::DeviceLocal, VK_FORMAT_R32G32B32A32_UINT);
        ASSERT_TRUE(k && v);
        ASSERT_TRUE(up->upload(*k, 0, kh.data(), n * 2));
        ASSERT_TRUE(up->upload(*v, 0, vh.data(), n * 2));
        kc = *k;
        vc = *v;
    }
};

class VkAttention : public VkCacheFixture, public ::testing::WithParamInterface<AttnCase> {};

TEST_P(VkAttention, MatchesReferenceOverF16Cache) {
    const AttnCase ac = GetParam();
    const uint32_t D = ac.head_dim, KV = ac.n_kv * D, ctx = ac.pos + ac.n_tokens;
    for (vk::Tuning t : {vk::Tuning::for_device(dev->info()), vk::Tuning{64, 2, 64, 64}, vk::Tuning{8, 2, 8, 8, true, 4, 4}}) {
        auto ops = make_ops({}, D, t);
        auto q = test::random_floats(size_t(ac.n_tokens) * ac.n_head * D, 9);
        std::vector<float> kf, vf;
        vk::Buffer kc, vc;
        ASSERT_NO_FATAL_FAILURE(f16_cache(size_t(ctx) * KV, 10, kf, vf, kc, vc));
        auto qb = buffer_with(q), out = buffer_with(std::vector<float>(q.size()));
        const float scale = ac.softcap > 0 ? 2.0f / std::sqrt(float(D)) : 1.0f / std::sqrt(float(D));
        AttentionPush p{ac.n_tokens, ac.n_head, ac.n_kv, D, scale, ac.window, ac.softcap};
        auto step = buffer_u32({ac.pos});
        run([&](vk::Commands& c) { ops->attention(c, p, qb, kc, vc, out, step); });
        auto got = read(out, q.size());
        const uint32_t group = ac.n_head / ac.n_kv;
        std::vector<float> ref(D), qs(D);
        for (uint32_t n = 0; n < ac.n_tokens; ++n)
            for (uint32_t h = 0; h < ac.n_head; ++h) {
                for (uint32_t i = 0; i < D; ++i) qs[i] = q[(n * ac.n_head + h) * D + i];
                const uint32_t at = ac.pos + n;
                ref::attend(qs.data(), &kf[(h / group) * D], &vf[(h / group) * D], ref::first_visible(at, ac.window), at + 1, D, KV,
                            scale, ac.softcap, ref.data());
                for (uint32_t i = 0; i < D; ++i)
                    ASSERT_NEAR(got[(n * ac.n_head + h) * D + i], ref[i], 2e-4f) << "token " << n << " head " << h << " dim " << i;
            }
    }
}

INSTANTIATE_TEST_SUITE_P(Shapes, VkAttention,
                         ::testing::Values(AttnCase{64, 4, 4, 0, 1}, AttnCase{64, 8, 2, 5, 7}, AttnCase{128, 4, 1, 2100, 3},
                                           AttnCase{80, 6, 2, 37, 1}, AttnCase{64, 8, 2, 700, 1}, AttnCase{64, 12, 1, 9, 1},
                                           AttnCase{80, 6, 3, 37, 33}, AttnCase{256, 2, 1, 300, 2},
                                           // sliding windows (queries past and inside them) and soft-caps
                                           AttnCase{64, 8, 2, 5, 7, 4}, AttnCase{64, 4, 4, 0, 1, 4, 3.f},
                                           AttnCase{128, 4, 1, 300, 3, 50, 1.5f}, AttnCase{64, 8, 2, 700, 1, 100},
                                           AttnCase{80, 6, 3, 37, 33, 8, 1.f}, AttnCase{256, 2, 1, 300, 2, 17, 2.f},
                                           AttnCase{64, 12, 1, 9, 1, 0, 5.f}));

// A reusable recording replays with the position rewritten in its step buffer, as the model's
// decode step does; a one-time recording cannot be replayed.
TEST_F(VkOps, ReplayReadsThePositionAnew) {
    auto ops = make_ops({}, 64, vk::Tuning::for_device(dev->info()));
    const uint32_t D = 64, n_head = 2, n_kv = 1, ctx = 8;
    auto q = test::random_floats(n_head * D, 21), k = test::random_floats(n_kv * D, 22), v = test::random_floats(n_kv * D, 23);
    auto qb = buffer_with(q), kb = buffer_with(k), vb = buffer_with(v), fb = buffer_with({1.0f});
    auto kc = set->create(uint64_t(ctx) * n_kv * D * 2, vk::MemoryKind::DeviceLocal);
    auto vc = set->create(uint64_t(ctx) * n_kv * D * 2, vk::MemoryKind::DeviceLocal);
    ASSERT_TRUE(kc && vc);
    const std::vector<uint16_t> zeros(size_t(ctx) * D, 0);
    ASSERT_TRUE(up->upload(*kc, 0, zeros.data(), zeros.size() * 2));
    ASSERT_TRUE(up->upload(*vc, 0, zeros.data(), zeros.size() * 2));
    auto step = buffer_u32({0});
    EXPECT_FALSE(cmd->replay());  // nothing recorded yet
    RopeStorePush p{1, n_head, n_kv, D, D, 0, 10000.f, 1.0f, 0};
    ASSERT_TRUE(cmd->begin(false, true));
    ops->rope_store(*cmd, p, qb, kb, vb, *kc, *vc, fb, step);
    ASSERT_TRUE(cmd->submit_and_wait());
    ASSERT_TRUE(cmd->can_replay());
    for (uint32_t pos : {5u, 3u}) {
        const uint32_t at = pos;
        ASSERT_TRUE(up->upload(step, 0, &at, 4));
        auto st = cmd->replay();
        ASSERT_TRUE(st) << st.error().message;
    }
    auto gv = read_u16(*vc, size_t(ctx) * D);
    for (uint32_t row : {0u, 3u, 5u})
        for (uint32_t i = 0; i < D; ++i) ASSERT_EQ(gv[row * D + i], f32_to_fp16(v[i])) << "row " << row;
    for (uint32_t row : {1u, 2u, 4u, 6u, 7u})
        for (uint32_t i = 0; i < D; ++i) ASSERT_EQ(gv[row * D + i], 0) << "row " << row;
    // Rows 3 and 5 hold k rotated at their own positions.
    auto gk = read_u16(*kc, size_t(ctx) * D);
    for (uint32_t row : {3u, 5u}) {
        std::vector<float> rk = k;
        ref::rope(rk.data(), n_kv, D, D, RopeMode::Normal, float(row), 10000.f, nullptr);
        for (uint32_t i = 0; i < D; ++i) ASSERT_NEAR(fp16_to_f32(gk[row * D + i]), rk[i], 2e-3f + 1e-3f * std::fabs(rk[i]));
    }
    ASSERT_TRUE(cmd->begin());
    ops->rope_store(*cmd, p, qb, kb, vb, *kc, *vc, fb, step);
    ASSERT_TRUE(cmd->submit_and_wait());
    EXPECT_FALSE(cmd->can_replay());
    EXPECT_FALSE(cmd->replay());
}

struct SplitCase {
    uint32_t head_dim, n_head, n_kv, pos, n_ctx, split_len;
    uint32_t window = 0;
    float softcap = 0.f;
};

class VkAttentionSplit : public VkCacheFixture, public ::testing::WithParamInterface<SplitCase> {};

// Decode attention split over the context (empty splits past the position, a position on a
// split boundary, many splits) against the reference.
TEST_P(VkAttentionSplit, MatchesReference) {
    const SplitCase sc = GetParam();
    const uint32_t D = sc.head_dim, KV = sc.n_kv * D;
    for (bool gpu_like : {false, true}) {
        vk::Tuning t = gpu_like ? vk::Tuning{64, 2, 64, 32} : vk::Tuning::for_device(dev->info());
        t.attn_split_len = sc.split_len;
        auto ops = make_ops({}, D, t);
        ASSERT_GT(ops->attention_splits(sc.n_ctx), 1u);
        auto q = test::random_floats(size_t(sc.n_head) * D, 31);
        std::vector<float> kf, vf;
        vk::Buffer kc, vc;
        ASSERT_NO_FATAL_FAILURE(f16_cache(size_t(sc.n_ctx) * KV, 32, kf, vf, kc, vc));
        auto qb = buffer_with(q), out = buffer_with(std::vector<float>(q.size()));
        auto parts = set->create(ops->attention_partial_floats(sc.n_head, D, sc.n_ctx) * 4, vk::MemoryKind::DeviceLocal);
        ASSERT_TRUE(parts);
        auto step = buffer_u32({sc.pos});
        const float scale = 1.0f / std::sqrt(float(D));
        AttentionPush p{1, sc.n_head, sc.n_kv, D, scale, sc.window, sc.softcap};
        run([&](vk::Commands& c) { ops->attention_split(c, p, qb, kc, vc, out, step, *parts, sc.n_ctx); });
        auto got = read(out, q.size());
        const uint32_t group = sc.n_head / sc.n_kv;
        std::vector<float> ref(D);
        for (uint32_t h = 0; h < sc.n_head; ++h) {
            ref::attend(&q[h * D], &kf[(h / group) * D], &vf[(h / group) * D], ref::first_visible(sc.pos, sc.window), sc.pos + 1, D, KV,
                        scale, sc.softcap, ref.data());
            for (uint32_t i = 0; i < D; ++i) ASSERT_NEAR(got[h * D + i], ref[i], 2e-4f) << "head " << h << " dim " << i;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Shapes, VkAttentionSplit,
                         ::testing::Values(SplitCase{64, 4, 4, 0, 100, 16}, SplitCase{128, 8, 2, 255, 300, 128},
                                           SplitCase{128, 8, 2, 256, 300, 128}, SplitCase{80, 6, 3, 1000, 2100, 256},
                                           SplitCase{256, 2, 1, 47, 48, 5}, SplitCase{64, 4, 1, 2047, 2048, 16},
                                           // windows that leave the first splits empty, start inside a split
                                           SplitCase{128, 8, 2, 256, 300, 128, 100, 1.5f}, SplitCase{64, 4, 1, 2047, 2048, 16, 40},
                                           SplitCase{256, 2, 1, 47, 48, 5, 7, 2.f}));
