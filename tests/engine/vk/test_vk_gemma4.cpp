// gemma4 through tiny random models of our GGUF writer: the hyperparameters as llama.cpp reads
// them (per-layer pattern, head sizes, the shared-KV rule), Vulkan against the CPU reference
// (prompt in batches of 4, then decode, past the sliding window of 4 with ring caches), batches
// then decode against one batch, and the caches the shared-KV layers do not have.
// Tolerance as test_vk_models: max |vk - cpu| <= 2e-3 * max |cpu|.
#include "model/cpu_model.h"
#include "model/model_file.h"
#include "model/random_model.h"
#include "model/vk_model.h"
#include "test_util.h"
#include "tiny_model.h"

#include <gtest/gtest.h>

#include <functional>

using namespace causerie;
using test::compare;
using test::TinyFile;
using test::write_tiny;

namespace {

const std::vector<int32_t> kTokens = {1, 17, 250, 3, 99, 99, 42, 7, 8, 200, 5};

// E2B/E4B-like: 8 layers (local, local, global, ... the last global), global heads of 64 and
// local of 32, per-layer embeddings of 32, the last 2 layers sharing the KV of layers 4
// (local) and 5 (global) with FFNs twice as wide, global layers without V (V = K), output
// multipliers, window 4.
RandomModelSpec e_style(const std::string& type) {
    RandomModelSpec s;
    s.arch = "gemma4";
    s.type = type;
    s.n_embd = 128;
    s.n_layer = 8;
    s.n_head = 4;
    s.n_head_kv = 2;
    s.head_dim = 64;
    s.head_dim_swa = 32;
    s.n_ff = 256;
    s.n_vocab = 300;
    s.sliding_window = 4;
    s.swa_period = 3;
    s.rope_base = 1000000.f;
    s.rope_base_swa = 10000.f;
    s.n_embd_per_layer = 32;
    s.shared_kv_layers = 2;
    s.global_k_eq_v = true;
    s.layer_out_scale = true;
    s.final_softcap = 3.f;
    s.n_ff_shared = 512;  // feed_forward_length as an array: twice as wide on the shared-KV layers
    return s;
}

// 31B-like: no per-layer embeddings, no shared KV, partial rotation of local heads, 4 KV heads
// on local layers and 1 on global ones, 5 layers.
RandomModelSpec dense_style(const std::string& type) {
    RandomModelSpec s = e_style(type);
    s.n_layer = 5;
    s.n_ff_shared = 0;
    s.n_embd_per_layer = 0;
    s.shared_kv_layers = 0;
    s.layer_out_scale = false;
    s.rope_dim_swa = 16;
    s.n_head = 8;
    s.n_head_kv = 4;
    s.n_head_kv_global = 1;  // head_count_kv as an array: 4 on local layers, 1 on global ones
    s.final_softcap = 0;  // the reader's default 30
    return s;
}

// Gemma 4's real head sizes: 512 on global layers, 256 on local ones (3 layers, 2 heads).
RandomModelSpec big_heads(const std::string& type) {
    RandomModelSpec s = e_style(type);
    s.n_layer = 3;
    s.n_head = 2;
    s.n_head_kv = 1;
    s.head_dim = 512;
    s.head_dim_swa = 256;
    s.n_embd_per_layer = 0;
    s.shared_kv_layers = 0;
    return s;
}

struct Case {
    std::string name;
    RandomModelSpec spec;
};
std::vector<Case> cases() {
    return {{"gemma4_e_f16", e_style("f16")}, {"gemma4_e_q8_0", e_style("q8_0")}, {"gemma4_dense_f16", dense_style("f16")},
            {"gemma4_dense_q8_0", dense_style("q8_0")}, {"gemma4_hd512_q8_0", big_heads("q8_0")}};
}
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

}  // namespace

TEST(Gemma4Reference, HyperparametersAsLlamaCppReadsThem) {
    TinyFile f;
    ASSERT_NO_FATAL_FAILURE(write_tiny("g4-hp", e_style("f32"), f));
    const HParams& h = f.file->hp;
    EXPECT_EQ(h.arch, Arch::Gemma4);
    EXPECT_EQ(h.block, BlockKind::Sandwich);
    EXPECT_FLOAT_EQ(h.attn_scale, 1.0f);
    EXPECT_FLOAT_EQ(h.final_softcap, 3.0f);
    EXPECT_EQ(h.head_dim, 64u);  // the largest: buffer sizes
    EXPECT_EQ(h.n_embd_per_layer, 32u);
    ASSERT_EQ(h.layer_attn.size(), 8u);
    const bool local[8] = {true, true, false, true, true, false, true, false};
    const uint32_t kv_layer[8] = {0, 1, 2, 3, 4, 5, 4, 5};  // from layer 6: 6 - 2 (local), 6 - 1 (global)
    for (uint32_t i = 0; i < 8; ++i) {
        const LayerAttention& la = h.layer_attn[i];
        EXPECT_EQ(la.window, local[i] ? 4u : 0u) << i;
        EXPECT_EQ(la.head_dim, local[i] ? 32u : 64u) << i;
        EXPECT_EQ(la.rope_dim, la.head_dim) << i;
        EXPECT_FLOAT_EQ(la.rope_base, local[i] ? 10000.f : 1000000.f) << i;
        EXPECT_EQ(la.rope_factors, !local[i]) << i;
        EXPECT_TRUE(la.v_norm) << i;
        EXPECT_EQ(h.kv_source(i), kv_layer[i]) << i;
        EXPECT_EQ(h.owns_kv(i), i < 6) << i;
        EXPECT_EQ(h.layer_n_ff[i], i < 6 ? 256u : 512u) << i;
    }
    EXPECT_EQ(h.n_ff, 512u);  // the largest
    const ModelWeights& w = f.file->weights;
    EXPECT_TRUE(w.per_layer_token_embd && w.per_layer_model_proj && w.per_layer_proj_norm);
    ASSERT_TRUE(w.rope_freqs);
    EXPECT_EQ(w.rope_freqs->dims, (std::vector<uint64_t>{32}));  // the global heads' pairs
    EXPECT_FALSE(w.layers[2].wv);   // global, V = K
    EXPECT_TRUE(w.layers[3].wv);
    EXPECT_FALSE(w.layers[6].wk);   // shared KV
    EXPECT_TRUE(w.layers[7].out_scale);

    // The defaults: final cap 30 without the key, local base 10000, local rotation from
    // rope.dimension_count_swa.
    RandomModelSpec d = dense_style("f32");
    d.rope_base_swa = 0;
    TinyFile fd;
    ASSERT_NO_FATAL_FAILURE(write_tiny("g4-hp-dense", d, fd));
    EXPECT_FLOAT_EQ(fd.file->hp.final_softcap, 30.0f);
    EXPECT_FLOAT_EQ(fd.file->hp.layer_attn[0].rope_base, 10000.f);
    EXPECT_EQ(fd.file->hp.layer_attn[0].rope_dim, 16u);
    EXPECT_EQ(fd.file->hp.layer_attn[2].rope_dim, 64u);
    EXPECT_EQ(fd.file->hp.n_embd_per_layer, 0u);
    EXPECT_EQ(fd.file->hp.layer_attn[0].n_head_kv, 4u);
    EXPECT_EQ(fd.file->hp.layer_attn[2].n_head_kv, 1u);
    EXPECT_EQ(fd.file->hp.n_head_kv, 4u);
}

// A shared-KV layer must read a layer of its own kind: a rule pointing at the other kind is an
// error naming the layers.
TEST(Gemma4Reference, LoadChecksNameTheProblem) {
    RandomModelSpec s = e_style("f32");
    s.shared_kv_layers = 3;  // layer 5 (global) would read layer 4 (local)
    auto w = make_random_model(s);
    ASSERT_TRUE(w) << w.error().message;
    const std::string path = (std::filesystem::temp_directory_path() / ("causerie-g4-bad-" + std::to_string(::getpid()) + ".gguf")).string();
    ASSERT_TRUE(w->write(path));
    auto mf = ModelFile::open(path);
    ASSERT_FALSE(mf);
    EXPECT_NE(mf.error().message.find("layer 5 shares the KV cache of layer 4"), std::string::npos) << mf.error().message;
    std::filesystem::remove(path);

}

class TinyGemma4 : public ::testing::TestWithParam<Case> {};

TEST_P(TinyGemma4, VulkanMatchesCpuReference) {
    const Case& c = GetParam();
    TinyFile f;
    ASSERT_NO_FATAL_FAILURE(write_tiny(c.name, c.spec, f));
    CpuModel cpu(f.file->hp, f.file->weights, f.file->map.bytes(), 64);
    auto want = cpu.forward(kTokens, 0, true);
    ASSERT_TRUE(want) << want.error().message;
    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    auto vkm = VkModel::create(**dev, *f.file, VkModelOptions{64, 4});  // rings of 4 + 4 rows: 11 positions wrap
    ASSERT_TRUE(vkm) << vkm.error().message;
    auto got = (*vkm)->forward(std::span(kTokens).first(9), 0, true);
    ASSERT_TRUE(got) << got.error().message;
    for (uint32_t i = 9; i < kTokens.size(); ++i) {
        auto step = (*vkm)->forward(std::span(kTokens).subspan(i, 1), i, false);
        ASSERT_TRUE(step) << step.error().message;
        got->insert(got->end(), step->begin(), step->end());
    }
    const test::Agreement a = compare(*got, *want, f.file->hp.n_vocab);
    std::printf("%-28s vulkan vs cpu: max|dlogit| / max|logit| = %.2e, argmax %zu/%zu\n", c.name.c_str(), a.rel, a.argmax, a.rows);
    EXPECT_LE(a.rel, 2e-3) << c.name;
    // The shared-KV layers have no cache: the bytes are those of the layers that own one.
    const HParams& h = f.file->hp;
    uint64_t own = 0;
    for (uint32_t l = 0; l < h.n_layer; ++l)
        if (h.owns_kv(l)) own += 2ull * h.layer_attn[l].kv_dim() * 2 * (*vkm)->kv_rows(l);
    EXPECT_EQ((*vkm)->kv_bytes(), own);
}

TEST_P(TinyGemma4, BatchesThenDecodeEqualOneBatch) {
    const Case& c = GetParam();
    TinyFile f;
    ASSERT_NO_FATAL_FAILURE(write_tiny(c.name + "-batch", c.spec, f));
    test::expect_batches_then_decode_equal_one_batch(c.name, *f.file, kTokens);
}

INSTANTIATE_TEST_SUITE_P(Gemma4, TinyGemma4, ::testing::ValuesIn(cases()), [](const auto& param_info) { return param_info.param.name; });

// The window matters from position 4 on: the same weights with a window of 64 give the same
// logits before it and different ones after.
TEST(Gemma4Reference, SlidingWindowMasksPastTheWindow) {
    RandomModelSpec s = e_style("f32");
    TinyFile a, b;
    ASSERT_NO_FATAL_FAILURE(write_tiny("g4-win4", s, a));
    s.sliding_window = 64;
    ASSERT_NO_FATAL_FAILURE(write_tiny("g4-win64", s, b));
    CpuModel ca(a.file->hp, a.file->weights, a.file->map.bytes(), 64), cb(b.file->hp, b.file->weights, b.file->map.bytes(), 64);
    auto la = ca.forward(kTokens, 0, true), lb = cb.forward(kTokens, 0, true);
    ASSERT_TRUE(la && lb);
    const size_t V = a.file->hp.n_vocab;
    // Positions 0..3 see their whole prefix either way; position 4 on, the window cuts.
    std::vector<float> ha(la->begin(), la->begin() + 4 * V), hb(lb->begin(), lb->begin() + 4 * V);
    EXPECT_LE(compare(ha, hb, V).rel, 1e-6);
    EXPECT_GT(compare(*la, *lb, V, 4).rel, 1e-3);

}

// Ring checkpoints with shared-KV layers (which have no ring of their own to save): after a
// detour of other tokens, restoring the checkpoint taken at position 7 gives the logits of
// continuing from there directly, on both backends; the checkpoint holds the owning layers'
// rings only.
TEST(Gemma4Reference, CheckpointRestoreGivesTheSameLogits) {
    TinyFile f;
    ASSERT_NO_FATAL_FAILURE(write_tiny("g4-ckpt", e_style("f16"), f));
    const HParams& h = f.file->hp;
    const std::vector<int32_t> head(kTokens.begin(), kTokens.begin() + 7), tail(kTokens.begin() + 7, kTokens.end());
    const std::vector<int32_t> detour = {9, 10, 11, 12, 13, 14};
    auto check = [&](Backend& m, const std::function<uint32_t(uint32_t)>& rows, const char* what) {
        ASSERT_TRUE(m.forward(head, 0, false));
        auto c = m.checkpoint();
        ASSERT_TRUE(c) << c.error().message;
        uint64_t ring_bytes = 0;
        for (uint32_t l = 0; l < h.n_layer; ++l)
            if (h.owns_kv(l) && h.layer_attn[l].window) ring_bytes += 2ull * rows(l) * h.layer_attn[l].kv_dim();
        EXPECT_EQ(c->bytes() % ring_bytes, 0u) << what;  // f32 on the CPU, f16 on the device
        EXPECT_EQ(c->bytes() / ring_bytes, std::string(what) == "cpu" ? 4u : 2u) << what;
        auto want = m.forward(tail, 7, true);
        ASSERT_TRUE(want) << want.error().message;
        // (the CPU's rings of window + 1 rows no longer hold the window of position 7: the detour
        // starts from the checkpoint too)
        if (std::string(what) == "cpu") {
            EXPECT_FALSE(m.can_resume(7));
        }
        ASSERT_TRUE(m.restore(*c));
        ASSERT_TRUE(m.forward(detour, 7, false));
        ASSERT_TRUE(m.restore(*c));
        auto got = m.forward(tail, 7, true);
        ASSERT_TRUE(got) << got.error().message;
        EXPECT_EQ(*got, *want) << what;
    };
    CpuModel cpu(h, f.file->weights, f.file->map.bytes(), 64);
    check(cpu, [&](uint32_t l) { return cpu.kv_rows(l); }, "cpu");
    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    auto vkm = VkModel::create(**dev, *f.file, VkModelOptions{64, 4});
    ASSERT_TRUE(vkm) << vkm.error().message;
    check(**vkm, [&](uint32_t l) { return (*vkm)->kv_rows(l); }, "vulkan");
}
