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

// LayerNorm with weight and bias, rows of awkward length, in place and not; values far from 0
// (the mean matters).
TEST_F(VkOps, LayerNormRowsOfAwkwardLength) {
    for (vk::Tuning t : {vk::Tuning::for_device(dev->info()), vk::Tuning{64, 2, 64, 32}}) {
        auto ops = make_ops({}, 64, t);
        for (bool in_place : {false, true}) {
            const uint32_t n = 173, rows = 9;
            auto x = test::random_floats(n * rows, 41, 3.f), w = test::random_floats(n, 42), b = test::random_floats(n, 43);
            for (float& v : x) v += 5.f;
            auto xb = buffer_with(x), wb = buffer_with(w), bb = buffer_with(b), out = buffer_with(std::vector<float>(n * rows));
            run([&](vk::Commands& c) { ops->layernorm(c, xb, wb, bb, in_place ? xb : out, n, rows, 1e-5f); });
            auto got = read(in_place ? xb : out, n * rows);
            std::vector<float> ref(n);
            for (uint32_t r = 0; r < rows; ++r) {
                ref::layernorm(&x[r * n], w.data(), b.data(), ref.data(), n, 1e-5f);
                for (uint32_t i = 0; i < n; ++i) ASSERT_NEAR(got[r * n + i], ref[i], 2e-5f * (1 + std::fabs(ref[i]))) << r << " " << i;
            }
        }
    }
}

// A plain GELU (no gate), SwiGLU of rows holding gate then up, and y (+)= a x.
TEST_F(VkOps, GeluSplitSwigluAndScale) {
    auto ops = make_ops({}, 64, vk::Tuning::for_device(dev->info()));
    const uint32_t width = 333, rows = 5, n = width * rows;
    auto g = test::random_floats(n, 44, 8.f);
    auto gb = buffer_with(g);
    run([&](vk::Commands& c) { ops->gelu(c, gb, n); });
    auto got = read(gb, n);
    for (uint32_t i = 0; i < n; ++i) ASSERT_NEAR(got[i], ref::gelu_tanh(g[i]), 1e-5f * (1 + std::fabs(g[i]))) << i;

    auto gu = test::random_floats(2 * n, 45, 4.f);
    auto gub = buffer_with(gu), out = buffer_with(std::vector<float>(n));
    run([&](vk::Commands& c) { ops->swiglu_split(c, out, gub, width, rows); });
    got = read(out, n);
    for (uint32_t r = 0; r < rows; ++r)
        for (uint32_t i = 0; i < width; ++i) {
            const float want = ref::silu(gu[r * 2 * width + i]) * gu[r * 2 * width + width + i];
            ASSERT_NEAR(got[r * width + i], want, 1e-5f * (1 + std::fabs(want))) << r << " " << i;
        }

    auto x = test::random_floats(n, 46), y = test::random_floats(n, 47);
    auto xb = buffer_with(x), yb = buffer_with(y);
    run([&](vk::Commands& c) { ops->scale(c, xb, yb, n, 0.22f, true); });
    got = read(yb, n);
    for (uint32_t i = 0; i < n; ++i) ASSERT_NEAR(got[i], y[i] + 0.22f * x[i], 1e-6f) << i;
    run([&](vk::Commands& c) { ops->scale(c, xb, xb, n, 0.125f, false); });
    got = read(xb, n);
    for (uint32_t i = 0; i < n; ++i) ASSERT_FLOAT_EQ(got[i], 0.125f * x[i]) << i;
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
TEST_F(VkOps, HeadDimensionPast512IsAnError) {
    vk::Ops ops(*dev, *pipes, vk::Tuning::for_device(dev->info()));
    auto st = ops.prepare({}, 544);
    ASSERT_FALSE(st);
    EXPECT_NE(st.error().message.find("head dimension 544"), std::string::npos) << st.error().message;
    auto more = ops.prepare_head_dim(520);
    ASSERT_FALSE(more);
    EXPECT_NE(more.error().message.find("head dimension 520"), std::string::npos) << more.error().message;
}

struct RopeCase {
    bool neox;
    uint32_t head_dim, rope_dim;
    bool freqs;
    float scale;
    bool yarn = false;   // YaRN ramp and a magnitude scale
    bool fused = false;  // q, k, v read from one fused QKV row through strides and offsets
    bool temp = false;   // attention temperature on q
    bool nope = false;   // rope_dim 0: no rotation
    uint32_t ring = 0;   // cache rows (a sliding-window ring), 0: one per position
};

// A push for plain RoPE of separate q, k, v buffers.
RopeStorePush rope_push(uint32_t n_tokens, uint32_t n_head, uint32_t n_kv, uint32_t D, uint32_t rope_dim, bool neox, uint32_t kv_rows) {
    RopeStorePush p{};
    p.kv_rows = kv_rows;
    p.n_tokens = n_tokens;
    p.n_head = n_head;
    p.n_head_kv = n_kv;
    p.head_dim = D;
    p.rope_dim = rope_dim;
    p.neox = neox ? 1u : 0u;
    p.base = 10000.f;
    p.pos_scale = 1.f;
    p.mscale = 1.f;
    p.q_stride = n_head * D;
    p.kv_stride = n_kv * D;
    return p;
}

class VkRope : public VkFixture, public ::testing::WithParamInterface<RopeCase> {};

TEST_P(VkRope, RotatesQAndStoresKV) {
    const RopeCase rc = GetParam();
    auto ops = make_ops({}, rc.head_dim, vk::Tuning::for_device(dev->info()));
    const uint32_t n_tokens = 3, pos = 2045, n_head = 4, n_kv = 2, D = rc.head_dim, ctx = 2050;
    const uint32_t Q = n_head * D, KV = n_kv * D;
    auto q = test::random_floats(n_tokens * Q, 5), k = test::random_floats(n_tokens * KV, 6), v = test::random_floats(n_tokens * KV, 7);
    std::vector<float> freqs(std::max<uint32_t>(1, rc.rope_dim / 2));
    for (size_t i = 0; i < freqs.size(); ++i) freqs[i] = 1.0f + 0.5f * float(i % 3);
    auto qb = buffer_with(q), kb = buffer_with(k), vb = buffer_with(v), fb = buffer_with(freqs);
    // The fused layout: rows [q | k | v] per token.
    std::vector<float> qkv;
    for (uint32_t t = 0; t < n_tokens; ++t) {
        qkv.insert(qkv.end(), q.begin() + t * Q, q.begin() + (t + 1) * Q);
        qkv.insert(qkv.end(), k.begin() + t * KV, k.begin() + (t + 1) * KV);
        qkv.insert(qkv.end(), v.begin() + t * KV, v.begin() + (t + 1) * KV);
    }
    auto qkvb = buffer_with(qkv), qout = buffer_with(std::vector<float>(q.size(), 0.f));
    auto kc = set->create(uint64_t(ctx) * n_kv * D * 2, vk::MemoryKind::DeviceLocal);
    auto vc = set->create(uint64_t(ctx) * n_kv * D * 2, vk::MemoryKind::DeviceLocal);
    ASSERT_TRUE(kc && vc);
    const uint32_t rope_dim = rc.nope ? 0 : rc.rope_dim;
    RopeStorePush p = rope_push(n_tokens, n_head, n_kv, D, rope_dim, rc.neox, rc.ring ? rc.ring : ctx);
    p.pos_scale = 1.0f / rc.scale;
    p.has_freqs = rc.freqs ? 1u : 0u;
    if (rc.yarn) {
        p.ext_factor = 1.f;
        p.corr_low = 3.f;
        p.corr_high = 17.f;
        p.mscale = 1.2f;
    }
    if (rc.temp) {
        p.temp_scale = 0.3f;
        p.temp_floor = 1000;  // floor(2045 / 1000) + 1 = 3
    }
    if (rc.fused) {
        p.q_stride = p.kv_stride = Q + 2 * KV;
        p.k_offset = Q;
        p.v_offset = Q + KV;
    }
    auto step = buffer_u32({pos});
    run([&](vk::Commands& c) {
        if (rc.fused) ops->rope_store(c, p, qkvb, qkvb, qkvb, *kc, *vc, fb, step, qout);
        else ops->rope_store(c, p, qb, kb, vb, *kc, *vc, fb, step, qb);
    });
    auto gq = read(rc.fused ? qout : qb, q.size());
    auto gk = read_u16(*kc, size_t(ctx) * n_kv * D), gv = read_u16(*vc, size_t(ctx) * n_kv * D);
    ref::Rope r;
    r.rope_dim = rope_dim;
    r.mode = rc.neox ? RopeMode::Neox : RopeMode::Normal;
    r.freq_scale = p.pos_scale;
    r.ext_factor = p.ext_factor;
    r.corr_low = p.corr_low;
    r.corr_high = p.corr_high;
    r.mscale = p.mscale;
    r.factors = rc.freqs ? freqs.data() : nullptr;
    for (uint32_t t = 0; t < n_tokens; ++t) {
        std::vector<float> rq(q.begin() + t * Q, q.begin() + (t + 1) * Q);
        std::vector<float> rk(k.begin() + t * KV, k.begin() + (t + 1) * KV);
        ref::rope(rq.data(), n_head, D, r, float(pos + t));
        ref::rope(rk.data(), n_kv, D, r, float(pos + t));
        const float temp = ref::attn_temperature(pos + t, p.temp_scale, p.temp_floor);
        // Large angles (positions past 2048): GPU sin/cos of big arguments are less exact.
        for (size_t i = 0; i < rq.size(); ++i) ASSERT_NEAR(gq[t * Q + i], rq[i] * temp, 2e-3f) << "q " << i;
        for (size_t i = 0; i < rk.size(); ++i) {
            size_t at = size_t((pos + t) % p.kv_rows) * KV + i;
            ASSERT_NEAR(fp16_to_f32(gk[at]), rk[i], 2e-3f + 1e-3f * std::fabs(rk[i])) << "k " << i;
            ASSERT_EQ(gv[at], f32_to_fp16(v[t * KV + i])) << "v " << i;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Modes, VkRope,
                         ::testing::Values(RopeCase{false, 64, 64, false, 1.f}, RopeCase{true, 64, 64, false, 1.f},
                                           RopeCase{true, 128, 64, true, 4.f}, RopeCase{false, 80, 48, true, 1.f},
                                           RopeCase{false, 64, 64, false, 4.f, true}, RopeCase{true, 96, 64, true, 8.f, true},
                                           RopeCase{true, 128, 96, true, 1.f, false, true},
                                           RopeCase{false, 64, 64, false, 1.f, true, true, true},
                                           RopeCase{true, 64, 64, false, 1.f, false, true, false, true},
                                           RopeCase{false, 80, 80, false, 1.f, false, false, true, true},
                                           // a ring of 2046 rows: positions 2045, 2046, 2047 in rows 2045, 0, 1
                                           RopeCase{true, 64, 64, false, 1.f, false, true, false, false, 2046}));

struct AttnCase {
    uint32_t head_dim, n_head, n_kv, pos, n_tokens;
    uint32_t window = 0;  // sliding window, 0: none
    float softcap = 0.f;
    float alibi = 0.f;    // ALiBi max bias, 0: none
    uint32_t ring = 0;    // cache rows (a sliding-window ring), 0: one per position
    bool sinks = false;   // a sink logit per head (gpt-oss)
    bool non_causal = false;  // every query sees the whole batch (encoders)
    uint32_t prepared = 0;  // pipelines prepared for this larger head size, the case's own added (gemma4)
};

// Sink logits per head around the scores' scale: some above them, some below.
std::vector<float> sink_logits(uint32_t n_head, uint32_t seed) { return test::random_floats(n_head, seed, 3.f); }

// A random f16 KV cache of n values each (keys scaled so that softmax is neither flat nor
// one-hot): its f32 values as the reference sees them, and the device buffers.
class VkCacheFixture : public VkFixture {
protected:
    // With ring_rows (and rows of `row` values), the device holds only ring_rows rows: row r the
    // newest position t with t % ring_rows == r, as a sliding-window layer's ring does.
    void f16_cache(size_t n, uint32_t seed, std::vector<float>& kf, std::vector<float>& vf, vk::Buffer& kc, vk::Buffer& vc,
                   uint32_t ring_rows = 0, size_t row = 0) {
        kf = test::random_floats(n, seed, 0.5f);
        vf = test::random_floats(n, seed + 1);
        std::vector<uint16_t> kh(n), vh(n);
        for (size_t i = 0; i < n; ++i) {
            kh[i] = f32_to_fp16(kf[i]);
            kf[i] = fp16_to_f32(kh[i]);
            vh[i] = f32_to_fp16(vf[i]);
            vf[i] = fp16_to_f32(vh[i]);
        }
        if (ring_rows) {
            const size_t positions = n / row;
            std::vector<uint16_t> kr(size_t(ring_rows) * row), vr(kr.size());
            for (size_t t = positions > ring_rows ? positions - ring_rows : 0; t < positions; ++t) {
                std::copy_n(kh.begin() + t * row, row, kr.begin() + (t % ring_rows) * row);
                std::copy_n(vh.begin() + t * row, row, vr.begin() + (t % ring_rows) * row);
            }
            kh = std::move(kr);
            vh = std::move(vr);
            n = kh.size();
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
        auto ops = make_ops({}, ac.prepared ? ac.prepared : D, t);
        if (ac.prepared) {
            ASSERT_TRUE(ops->prepare_head_dim(D));
        }
        auto q = test::random_floats(size_t(ac.n_tokens) * ac.n_head * D, 9);
        std::vector<float> kf, vf;
        vk::Buffer kc, vc;
        ASSERT_NO_FATAL_FAILURE(f16_cache(size_t(ctx) * KV, 10, kf, vf, kc, vc, ac.ring, KV));
        auto qb = buffer_with(q), out = buffer_with(std::vector<float>(q.size()));
        const float scale = ac.softcap > 0 ? 2.0f / std::sqrt(float(D)) : 1.0f / std::sqrt(float(D));
        const std::vector<float> sinks = sink_logits(ac.n_head, 12);
        auto sb = buffer_with(sinks);
        AttentionPush p{ac.n_tokens, ac.n_head, ac.n_kv, D, scale, ac.window, ac.softcap, ac.alibi, ac.ring ? ac.ring : ctx,
                        ac.sinks ? 1u : 0u, ac.non_causal ? 1u : 0u};
        auto step = buffer_u32({ac.pos});
        run([&](vk::Commands& c) { ops->attention(c, p, qb, kc, vc, out, step, ac.sinks ? &sb : nullptr); });
        auto got = read(out, q.size());
        const uint32_t group = ac.n_head / ac.n_kv;
        std::vector<float> ref(D), qs(D);
        for (uint32_t n = 0; n < ac.n_tokens; ++n)
            for (uint32_t h = 0; h < ac.n_head; ++h) {
                for (uint32_t i = 0; i < D; ++i) qs[i] = q[(n * ac.n_head + h) * D + i];
                const uint32_t at = ac.pos + n;
                const uint32_t end = ac.non_causal ? ctx : at + 1;  // non-causal: up to the batch's last position
                ref::attend(qs.data(), &kf[(h / group) * D], &vf[(h / group) * D], ref::first_visible(at, ac.window), end, D, KV,
                            scale, ac.softcap, alibi_slope(h, ac.n_head, ac.alibi), ref.data(), ac.sinks ? &sinks[h] : nullptr);
                for (uint32_t i = 0; i < D; ++i)
                    ASSERT_NEAR(got[(n * ac.n_head + h) * D + i], ref[i], 2e-4f) << "token " << n << " head " << h << " dim " << i;
            }
    }
}

INSTANTIATE_TEST_SUITE_P(Shapes, VkAttention,
                         ::testing::Values(AttnCase{64, 4, 4, 0, 1}, AttnCase{64, 8, 2, 5, 7}, AttnCase{128, 4, 1, 2100, 3},
                                           // gemma4: global heads of 512, local heads of 256 beside them
                                           AttnCase{512, 2, 1, 40, 3}, AttnCase{512, 4, 2, 9, 2, 4},
                                           AttnCase{256, 4, 2, 30, 3, 8, 0.f, 0.f, 0, false, false, 512},
                                           AttnCase{80, 6, 2, 37, 1}, AttnCase{64, 8, 2, 700, 1}, AttnCase{64, 12, 1, 9, 1},
                                           AttnCase{80, 6, 3, 37, 33}, AttnCase{256, 2, 1, 300, 2},
                                           // sliding windows (queries past and inside them) and soft-caps
                                           AttnCase{64, 8, 2, 5, 7, 4}, AttnCase{64, 4, 4, 0, 1, 4, 3.f},
                                           AttnCase{128, 4, 1, 300, 3, 50, 1.5f}, AttnCase{64, 8, 2, 700, 1, 100},
                                           AttnCase{80, 6, 3, 37, 33, 8, 1.f}, AttnCase{256, 2, 1, 300, 2, 17, 2.f},
                                           AttnCase{64, 12, 1, 9, 1, 0, 5.f},
                                           // ALiBi: a power-of-two head count and 6, 12 heads (the second slope series)
                                           AttnCase{64, 8, 8, 5, 7, 0, 0.f, 8.f}, AttnCase{80, 6, 6, 37, 33, 0, 0.f, 8.f},
                                           AttnCase{64, 12, 12, 300, 1, 0, 0.f, 8.f}, AttnCase{64, 12, 4, 20, 5, 0, 0.f, 4.f},
                                           // rings of window + tokens rows: a batch that wraps round the ring, one
                                           // larger than the window, a decode step; past 2048 with ALiBi
                                           AttnCase{64, 8, 2, 37, 7, 8, 0.f, 0.f, 15}, AttnCase{80, 6, 3, 100, 33, 8, 1.f, 0.f, 41},
                                           AttnCase{128, 4, 1, 2100, 1, 16, 0.f, 0.f, 17},
                                           AttnCase{64, 12, 4, 2060, 5, 9, 0.f, 4.f, 16},
                                           // sinks (gpt-oss): a prefill over a window and a ring, a decode step, all positions
                                           AttnCase{64, 8, 2, 37, 7, 8, 0.f, 0.f, 15, true}, AttnCase{64, 4, 4, 0, 1, 0, 0.f, 0.f, 0, true},
                                           AttnCase{80, 6, 3, 37, 33, 0, 0.f, 0.f, 0, true},
                                           // non-causal (encoders): a sequence from 0, an awkward one with a cap, a
                                           // batch after cached positions, one token
                                           AttnCase{64, 8, 2, 0, 13, 0, 0.f, 0.f, 0, false, true},
                                           AttnCase{80, 6, 3, 0, 33, 0, 1.f, 0.f, 0, false, true},
                                           AttnCase{64, 4, 4, 5, 7, 0, 0.f, 0.f, 0, false, true},
                                           AttnCase{64, 4, 1, 0, 1, 0, 0.f, 0.f, 0, false, true}));

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
    RopeStorePush p = rope_push(1, n_head, n_kv, D, D, false, ctx);
    ASSERT_TRUE(cmd->begin(false, true));
    ops->rope_store(*cmd, p, qb, kb, vb, *kc, *vc, fb, step, qb);
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
    ops->rope_store(*cmd, p, qb, kb, vb, *kc, *vc, fb, step, qb);
    ASSERT_TRUE(cmd->submit_and_wait());
    EXPECT_FALSE(cmd->can_replay());
    EXPECT_FALSE(cmd->replay());
}

struct SplitCase {
    uint32_t head_dim, n_head, n_kv, pos, n_ctx, split_len;
    uint32_t window = 0;
    float softcap = 0.f;
    float alibi = 0.f;
    uint32_t ring = 0;  // cache rows (a ring), 0: n_ctx
    bool sinks = false; // a sink logit per head, merged by attention_combine
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
        ASSERT_GT(ops->attention_splits(sc.window ? std::min(sc.window, sc.n_ctx) : sc.n_ctx), 1u);
        auto q = test::random_floats(size_t(sc.n_head) * D, 31);
        std::vector<float> kf, vf;
        vk::Buffer kc, vc;
        ASSERT_NO_FATAL_FAILURE(f16_cache(size_t(sc.pos + 1) * KV, 32, kf, vf, kc, vc, sc.ring, KV));
        auto qb = buffer_with(q), out = buffer_with(std::vector<float>(q.size()));
        auto parts = set->create(ops->attention_partial_floats(sc.n_head, D, sc.n_ctx) * 4, vk::MemoryKind::DeviceLocal);
        ASSERT_TRUE(parts);
        auto step = buffer_u32({sc.pos});
        const float scale = 1.0f / std::sqrt(float(D));
        const std::vector<float> sinks = sink_logits(sc.n_head, 33);
        auto sb = buffer_with(sinks);
        AttentionPush p{1, sc.n_head, sc.n_kv, D, scale, sc.window, sc.softcap, sc.alibi, sc.ring ? sc.ring : sc.n_ctx, sc.sinks ? 1u : 0u};
        // The splits cover the visible positions: the window (counted from its first), or the context.
        const uint32_t bound = sc.window ? std::min(sc.window, sc.n_ctx) : sc.n_ctx;
        run([&](vk::Commands& c) { ops->attention_split(c, p, qb, kc, vc, out, step, *parts, bound, sc.sinks ? &sb : nullptr); });
        auto got = read(out, q.size());
        const uint32_t group = sc.n_head / sc.n_kv;
        std::vector<float> ref(D);
        for (uint32_t h = 0; h < sc.n_head; ++h) {
            ref::attend(&q[h * D], &kf[(h / group) * D], &vf[(h / group) * D], ref::first_visible(sc.pos, sc.window), sc.pos + 1, D, KV,
                        scale, sc.softcap, alibi_slope(h, sc.n_head, sc.alibi), ref.data(), sc.sinks ? &sinks[h] : nullptr);
            for (uint32_t i = 0; i < D; ++i) ASSERT_NEAR(got[h * D + i], ref[i], 2e-4f) << "head " << h << " dim " << i;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Shapes, VkAttentionSplit,
                         ::testing::Values(SplitCase{64, 4, 4, 0, 100, 16}, SplitCase{128, 8, 2, 255, 300, 128},
                                           SplitCase{128, 8, 2, 256, 300, 128}, SplitCase{80, 6, 3, 1000, 2100, 256},
                                           SplitCase{256, 2, 1, 47, 48, 5}, SplitCase{64, 4, 1, 2047, 2048, 16},
                                           SplitCase{512, 2, 1, 47, 48, 5},
                                           // windows: the splits counted from the first visible position
                                           SplitCase{128, 8, 2, 256, 300, 32, 100, 1.5f}, SplitCase{64, 4, 1, 2047, 2048, 16, 40},
                                           SplitCase{256, 2, 1, 47, 48, 5, 7, 2.f},
                                           // a ring of window + 1 rows, the visible range wrapping round it
                                           SplitCase{64, 4, 1, 2100, 4096, 16, 40, 0.f, 0.f, 41},
                                           SplitCase{128, 8, 2, 300, 512, 8, 20, 1.f, 0.f, 27},
                                           // ALiBi over splits
                                           SplitCase{64, 6, 6, 1000, 2100, 256, 0, 0.f, 8.f}, SplitCase{128, 12, 12, 255, 300, 128, 0, 0.f, 8.f},
                                           // sinks merged with the splits' partials (empty splits too), in a window's ring
                                           SplitCase{64, 4, 4, 0, 100, 16, 0, 0.f, 0.f, 0, true},
                                           SplitCase{64, 8, 2, 300, 512, 8, 20, 0.f, 0.f, 27, true}));
