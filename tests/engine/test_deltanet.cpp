// qwen35 (Gated DeltaNet hybrid) on the CPU: the metadata and tensors of tiny random files
// from make-model, the load-time shape checks, the conv1d and delta-rule steps against their
// sequence forms, and the recurrent state's rules (a forward continues where the state is, or
// starts again at 0).
#include "model/cpu_model.h"
#include "model/deltanet.h"
#include "model/model_file.h"
#include "model/random_model.h"
#include "vk/tiny_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <random>

using namespace causerie;
using test::TinyFile;
using test::write_tiny;

namespace {

RandomModelSpec tiny_qwen35() {
    RandomModelSpec s;
    s.arch = "qwen35";
    s.n_embd = 64;
    s.n_layer = 5;  // DeltaNet, DeltaNet, DeltaNet, attention, DeltaNet
    s.n_head = 4;
    s.n_head_kv = 2;
    s.head_dim = 16;
    s.n_ff = 96;
    s.n_vocab = 300;
    s.rope_dim = 12;  // partial rotary, 6 pairs in sections 2, 2, 2
    s.ssm_state = 8;
    s.ssm_k_heads = 2;
    s.ssm_v_heads = 6;  // v heads 0..5 read q/k heads 0, 1, 0, 1, 0, 1
    return s;
}

const std::vector<int32_t> kTokens = {1, 17, 250, 3, 99, 99, 42, 7, 8, 200, 5};

}  // namespace

TEST(Qwen35, HyperparametersAndLayerKinds) {
    TinyFile tf;
    ASSERT_NO_FATAL_FAILURE(write_tiny("qwen35_hp", tiny_qwen35(), tf));
    const HParams& h = tf.file->hp;
    EXPECT_EQ(h.arch, Arch::Qwen35);
    EXPECT_EQ(h.block, BlockKind::Hybrid);
    EXPECT_TRUE(h.attn_gate && h.qk_norm);
    EXPECT_EQ(h.rope_mode, RopeMode::Neox);
    EXPECT_EQ(h.rope_dim, 12u);
    ASSERT_EQ(h.layer_kind.size(), 5u);
    for (uint32_t l = 0; l < 5; ++l) EXPECT_EQ(h.is_recurrent(l), l != 3) << l;
    EXPECT_EQ(h.dn.d_conv, 4u);
    EXPECT_EQ(h.dn.head_dim, 8u);
    EXPECT_EQ(h.dn.n_k_heads, 2u);
    EXPECT_EQ(h.dn.n_v_heads, 6u);
    EXPECT_EQ(h.dn.conv_dim(), 2u * 16 + 48);
    const LayerWeights& l0 = tf.file->weights.layers[0];
    const LayerWeights& l3 = tf.file->weights.layers[3];
    EXPECT_TRUE(l0.dn.present() && !l0.wq);
    EXPECT_TRUE(!l3.dn.present() && l3.wq && l3.q_norm);
    EXPECT_EQ(l3.wq->dims, (std::vector<uint64_t>{64, 2 * 4 * 16}));
    EXPECT_EQ(l0.ffn_norm->name, "blk.0.post_attention_norm.weight");
}

TEST(Qwen35, ShapeChecksNameTheTensor) {
    TinyFile tf;
    ASSERT_NO_FATAL_FAILURE(write_tiny("qwen35_shapes", tiny_qwen35(), tf));
    HParams h = tf.file->hp;
    h.dn.d_conv = 5;
    auto l = find_hybrid_layer(tf.file->gguf, h, 0);
    ASSERT_FALSE(l);
    EXPECT_NE(l.error().message.find("blk.0.ssm_conv1d.weight"), std::string::npos) << l.error().message;
    EXPECT_NE(l.error().message.find("[5, 80]"), std::string::npos) << l.error().message;
    h = tf.file->hp;
    h.n_head = 2;  // the gated query's rows: 2 * 2 * 16
    auto a = find_hybrid_layer(tf.file->gguf, h, 3);
    ASSERT_FALSE(a);
    EXPECT_NE(a.error().message.find("blk.3.attn_q.weight"), std::string::npos) << a.error().message;
    EXPECT_NE(a.error().message.find("[64, 64]"), std::string::npos) << a.error().message;
}

TEST(Qwen35, ConvStepsEqualTheCausalConvolution) {
    // Token by token with the state equals the convolution of the whole sequence, zero-padded
    // on the left, through silu.
    const uint32_t C = 5, K = 4, T = 9;
    std::mt19937 rng(3);
    std::normal_distribution<float> n(0.f, 1.f);
    std::vector<float> w(C * K), x(C * T), state(C * (K - 1), 0.f), y(C);
    for (auto& v : w) v = n(rng);
    for (auto& v : x) v = n(rng);
    for (uint32_t t = 0; t < T; ++t) {
        std::vector<float> in(C);
        for (uint32_t c = 0; c < C; ++c) in[c] = x[t * C + c];
        ref::conv1d_step(in.data(), state.data(), w.data(), C, K, y.data());
        for (uint32_t c = 0; c < C; ++c) {
            float s = 0;
            for (uint32_t k = 0; k < K; ++k) {
                const int src = int(t) - int(K - 1) + int(k);
                if (src >= 0) s += x[size_t(src) * C + c] * w[c * K + k];
            }
            EXPECT_NEAR(y[c], ref::silu(s), 1e-5f) << "t " << t << " c " << c;
        }
    }
}

TEST(Qwen35, DeltaRuleStepEqualsItsMatrixForm) {
    // S' = e^g S (I - beta k k^T) + beta v k^T, o = scale S' q (S as [value][key]).
    const uint32_t d = 6;
    std::mt19937 rng(5);
    std::normal_distribution<float> n(0.f, 1.f);
    std::vector<float> S(d * d), q(d), k(d), v(d), out(d);
    for (auto& e : S) e = n(rng);
    for (auto& e : q) e = n(rng);
    for (auto& e : k) e = n(rng);
    for (auto& e : v) e = n(rng);
    const float g = -0.7f, beta = 0.6f, scale = 0.4f;
    std::vector<double> want(d * d);
    for (uint32_t j = 0; j < d; ++j)
        for (uint32_t i = 0; i < d; ++i) {
            double sum = 0;  // (S (I - beta k k^T))[j][i]
            for (uint32_t m = 0; m < d; ++m) sum += double(S[j * d + m]) * ((m == i ? 1.0 : 0.0) - beta * k[m] * k[i]);
            want[j * d + i] = std::exp(double(g)) * sum + beta * double(v[j]) * k[i];
        }
    ref::delta_rule_step(S.data(), q.data(), k.data(), v.data(), g, beta, d, scale, out.data());
    for (uint32_t j = 0; j < d; ++j) {
        double o = 0;
        for (uint32_t i = 0; i < d; ++i) {
            EXPECT_NEAR(S[j * d + i], want[j * d + i], 1e-4) << j << "," << i;
            o += want[j * d + i] * q[i];
        }
        EXPECT_NEAR(out[j], scale * o, 1e-4) << j;
    }
}

TEST(Qwen35, RecurrentStateContinuesOrRestarts) {
    TinyFile tf;
    ASSERT_NO_FATAL_FAILURE(write_tiny("qwen35_state", tiny_qwen35(), tf));
    const HParams& h = tf.file->hp;
    CpuModel cpu(h, tf.file->weights, tf.file->map.bytes(), 64);
    const DeltaNetParams& d = h.dn;
    // The state's bytes: 4 DeltaNet layers' conv and delta states beside one layer's KV cache
    EXPECT_EQ(cpu.device_bytes(), 4 * (d.conv_state_floats() + d.delta_state_floats()) * 4 + 2ull * 64 * h.kv_dim() * 4);
    EXPECT_EQ(cpu.kv_rows(0), 0u);
    EXPECT_EQ(cpu.kv_rows(3), 64u);
    auto all = cpu.forward(kTokens, 0, true);
    ASSERT_TRUE(all) << all.error().message;
    for (float x : *all) ASSERT_TRUE(std::isfinite(x));
    // The state cannot go back: only the end or 0
    EXPECT_TRUE(cpu.can_resume(uint32_t(kTokens.size())));
    EXPECT_TRUE(cpu.can_resume(0));
    EXPECT_FALSE(cpu.can_resume(5));
    EXPECT_FALSE(cpu.forward(std::span(kTokens).first(1), 5, false));
    // In pieces (6 then 5) equals all at once; a start at 0 clears the state
    auto a = cpu.forward(std::span(kTokens).first(6), 0, true);
    ASSERT_TRUE(a);
    auto b = cpu.forward(std::span(kTokens).subspan(6), 6, true);
    ASSERT_TRUE(b) << b.error().message;
    a->insert(a->end(), b->begin(), b->end());
    ASSERT_EQ(a->size(), all->size());
    for (size_t i = 0; i < a->size(); ++i) ASSERT_EQ((*a)[i], (*all)[i]) << i;
    // Only DeltaNet layers (no full attention): another first token still changes the last
    // logits, through the recurrent state alone
    RandomModelSpec only = tiny_qwen35();
    only.full_attn_interval = 100;
    TinyFile tr;
    ASSERT_NO_FATAL_FAILURE(write_tiny("qwen35_recurrent_only", only, tr));
    ASSERT_FALSE(tr.file->hp.is_recurrent(4) == false);
    CpuModel rec(tr.file->hp, tr.file->weights, tr.file->map.bytes(), 64);
    std::vector<int32_t> other = kTokens;
    other[0] = 2;
    auto x = rec.forward(kTokens, 0, false), y = rec.forward(other, 0, false);
    ASSERT_TRUE(x && y);
    double diff = 0;
    for (uint32_t i = 0; i < h.n_vocab; ++i) diff = std::max(diff, double(std::fabs((*x)[i] - (*y)[i])));
    EXPECT_GT(diff, 1e-4);
}

namespace {

// tiny_qwen35 with 5 blocks, the last a multi-token-prediction block (nextn_predict_layers 1),
// and the recurrent layers given as the per-layer array.
void write_with_recurrent_array(const std::string& name, const std::vector<bool>& recurrent, TinyFile& out) {
    RandomModelSpec s = tiny_qwen35();
    auto w = make_random_model(s);
    ASSERT_TRUE(w) << w.error().message;
    w->set_u32("qwen35.nextn_predict_layers", 1);
    auto arr = std::make_shared<GgufArray>();
    arr->elem = GgufType::BOOL;
    for (bool r : recurrent) {
        GgufValue v;
        v.type = GgufType::BOOL;
        v.u = r ? 1 : 0;
        arr->items.push_back(v);
    }
    GgufValue value;
    value.type = GgufType::ARRAY;
    value.array = arr;
    w->set_value("qwen35.attention.recurrent_layers", value);
    out.path = (std::filesystem::temp_directory_path() / ("causerie-tiny-" + std::to_string(::getpid()) + "-" + name + ".gguf")).string();
    ASSERT_TRUE(w->write(out.path));
    auto mf = ModelFile::open(out.path);
    if (mf) out.file = std::move(*mf);
}

}  // namespace

TEST(Qwen35, RecurrentLayersArrayAndNextnBlocks) {
    // The array says layers 0-2 recurrent, 3 full (as the tensors are); block 4 is the MTP
    // block, not loaded
    TinyFile ok;
    ASSERT_NO_FATAL_FAILURE(write_with_recurrent_array("qwen35_array", {true, true, true, false, false}, ok));
    ASSERT_TRUE(ok.file);
    const HParams& h = ok.file->hp;
    EXPECT_EQ(h.n_layer, 4u);
    EXPECT_EQ(h.n_nextn, 1u);
    EXPECT_EQ(ok.file->weights.layers.size(), 4u);
    for (uint32_t l = 0; l < 4; ++l) EXPECT_EQ(h.is_recurrent(l), l != 3) << l;
    CpuModel cpu(h, ok.file->weights, ok.file->map.bytes(), 32);
    EXPECT_TRUE(cpu.forward(std::span(kTokens).first(3), 0, false));
    // An array that calls layer 0 full attention: its attention tensors are missing
    TinyFile bad;
    ASSERT_NO_FATAL_FAILURE(write_with_recurrent_array("qwen35_array_bad", {false, true, true, false, false}, bad));
    EXPECT_FALSE(bad.file);
    auto mf = ModelFile::open(bad.path);
    ASSERT_FALSE(mf);
    EXPECT_NE(mf.error().message.find("blk.0.attn_q.weight"), std::string::npos) << mf.error().message;
}
