// gemma4 through tiny random models of our GGUF writer: the hyperparameters as llama.cpp reads
// them (per-layer pattern, head sizes, the shared-KV rule), Vulkan against the CPU reference
// (prompt in batches of 4, then decode, past the sliding window of 4 with ring caches), batches
// then decode against one batch, and the caches the shared-KV layers do not have. The MoE
// variant (26B-A4B): its keys and tensors, Vulkan against the CPU reference with the router's
// choices equal, batches then decode.
// Tolerance as test_vk_models: max |vk - cpu| <= 2e-3 * max |cpu|.
#include "gguf/gguf.h"
#include "model/cpu_model.h"
#include "model/model_file.h"
#include "model/random_model.h"
#include "model/vk_model.h"
#include "test_util.h"
#include "tiny_model.h"
#include "vk_fixture.h"
#include "quant/quant.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace causerie;
using test::compare;
using test::TinyFile;
using test::write_tiny;
using test::VkFixture;

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

// ---- The mixture-of-experts variant (26B-A4B) ----

namespace {

// 26B-A4B-like: each layer's dense FFN (192) beside 8 GELU-gated experts of 64, 3 used, gate and
// up fused, each expert's output scaled; 4 layers (local, local, global, global), global heads
// of 64 without V, local ones of 32, window 4; no per-layer embeddings, no shared KV.
RandomModelSpec moe_style(const std::string& type, const std::string& expert_type = "") {
    RandomModelSpec s = e_style(type);
    s.n_layer = 4;
    s.n_ff = 192;
    s.n_ff_shared = 0;
    s.n_embd_per_layer = 0;
    s.shared_kv_layers = 0;
    s.layer_out_scale = false;
    s.final_softcap = 0;  // the reader's default 30
    s.n_expert = 8;
    s.n_expert_used = 3;
    s.n_ff_exp = 64;
    s.expert_type = expert_type;
    return s;
}

struct MoeCase {
    std::string name;
    RandomModelSpec spec;
};
std::vector<MoeCase> moe_cases() {
    std::vector<MoeCase> out{{"gemma4_moe_f16_8x3", moe_style("f16")}, {"gemma4_moe_q8_0_8x3", moe_style("q8_0")}};
    // Gate and up apart (the converters' other layout), Q4_0 experts, 6 experts of which 2 used
    RandomModelSpec apart = moe_style("q8_0", "q4_0");
    apart.experts_gate_up_apart = true;
    apart.n_expert = 6;
    apart.n_expert_used = 2;
    out.push_back({"gemma4_moe_apart_q4_0_6x2", apart});
    // Q4_K experts as the released Q4_K_M file (rows of 256: embd and expert width 256)
    RandomModelSpec k = moe_style("q8_0", "q4_k");
    k.n_embd = 256;
    k.n_ff_exp = 256;
    out.push_back({"gemma4_moe_q4_k_8x3", k});
    return out;
}
void PrintTo(const MoeCase& c, std::ostream* os) { *os << c.name; }

}  // namespace

// The keys and tensors of the MoE variant as llama.cpp reads them: expert_count,
// expert_used_count, expert_feed_forward_length (required), softmax gating of all experts
// normalized over the chosen, GELU-gated experts; every layer's dense FFN beside its router,
// the router's input scale, the three norms, fused gate and up, the per-expert output scale.
TEST(Gemma4Moe, HyperparametersAndTensorsAsLlamaCppReadsThem) {
    TinyFile f;
    ASSERT_NO_FATAL_FAILURE(write_tiny("g4moe-hp", moe_style("f32"), f));
    const HParams& h = f.file->hp;
    EXPECT_EQ(h.block, BlockKind::Sandwich);
    EXPECT_EQ(h.moe.n_expert, 8u);
    EXPECT_EQ(h.moe.n_used, 3u);
    EXPECT_EQ(h.moe.n_ff_exp, 64u);
    EXPECT_EQ(h.n_ff, 192u);  // the dense branch's width
    EXPECT_EQ(h.moe.gating, ExpertGating::Softmax);
    EXPECT_TRUE(h.moe.norm_weights);
    EXPECT_EQ(h.moe.weights_scale, 0.f);
    EXPECT_EQ(h.moe.act, ExpertActivation::Geglu);
    for (const LayerWeights& l : f.file->weights.layers) {
        const MoeWeights& m = l.moe;
        ASSERT_TRUE(m.present());
        EXPECT_TRUE(l.w_gate && l.w_up && l.w_down && l.ffn_norm && l.post_ffn_norm);  // the dense branch stays
        EXPECT_TRUE(m.gate_inp_s && m.pre_norm_2 && m.post_norm_1 && m.post_norm_2 && m.down_exps_s);
        ASSERT_TRUE(m.gate_up_exps);
        EXPECT_EQ(m.gate_up_exps->dims, (std::vector<uint64_t>{128, 128, 8}));  // [embd, 2 ff_exp, n_expert]
        EXPECT_FALSE(m.gate_exps || m.up_exps);
        EXPECT_EQ(m.down_exps_s->dims, (std::vector<uint64_t>{8}));
    }
    // Gate and up apart: ffn_gate_exps and ffn_up_exps
    RandomModelSpec apart = moe_style("f32");
    apart.experts_gate_up_apart = true;
    TinyFile fa;
    ASSERT_NO_FATAL_FAILURE(write_tiny("g4moe-apart", apart, fa));
    EXPECT_TRUE(fa.file->weights.layers[0].moe.gate_exps && fa.file->weights.layers[0].moe.up_exps);
    EXPECT_FALSE(fa.file->weights.layers[0].moe.gate_up_exps);
}

// Load-time checks name what is wrong: the missing expert width key, an expert tensor or the
// router's scale of another shape (with both shapes), a missing norm; a layer without a router
// is a dense layer; the gate's per-expert scales (not supported) are refused by name.
TEST(Gemma4Moe, LoadChecksNameTheProblem) {
    auto w = make_random_model(moe_style("f32"));
    ASSERT_TRUE(w) << w.error().message;
    const std::vector<uint8_t> bytes = w->bytes();
    auto parse = [&]() {
        auto g = parse_gguf(bytes);
        EXPECT_TRUE(g) << g.error().message;
        return std::move(*g);
    };
    Gguf g = parse();
    auto hp = read_hparams(g);
    ASSERT_TRUE(hp) << hp.error().message;
    ASSERT_TRUE(find_weights(g, *hp));

    Gguf no_ff = parse();
    no_ff.key_index.erase("gemma4.expert_feed_forward_length");
    auto bad_hp = read_hparams(no_ff);
    ASSERT_FALSE(bad_hp);
    EXPECT_NE(bad_hp.error().message.find("gemma4.expert_feed_forward_length"), std::string::npos) << bad_hp.error().message;

    HParams wider = *hp;
    wider.moe.n_ff_exp = 96;
    auto bad = find_weights(g, wider);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("'blk.0.ffn_gate_up_exps.weight': expected shape [128, 192, 8], found [128, 128, 8]"),
              std::string::npos)
        << bad.error().message;
    Gguf small_scale = parse();
    small_scale.tensor_index["blk.0.ffn_gate_inp.scale"] = small_scale.tensor_index.at("blk.0.ffn_down_exps.scale");
    bad = find_weights(small_scale, *hp);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("'blk.0.ffn_gate_inp.scale': expected shape [128], found [8]"), std::string::npos)
        << bad.error().message;

    Gguf no_norm = parse();
    no_norm.tensor_index.erase("blk.2.post_ffw_norm_2.weight");
    bad = find_weights(no_norm, *hp);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("missing tensor 'blk.2.post_ffw_norm_2.weight'"), std::string::npos) << bad.error().message;

    Gguf no_router = parse();
    no_router.tensor_index.erase("blk.1.ffn_gate_inp.weight");
    auto dense_layer = find_weights(no_router, *hp);
    ASSERT_TRUE(dense_layer) << dense_layer.error().message;
    EXPECT_FALSE(dense_layer->layers[1].moe.present());
    EXPECT_TRUE(dense_layer->layers[0].moe.present());
    EXPECT_TRUE(dense_layer->layers[1].w_down);

    Gguf gate_scale = parse();
    gate_scale.tensor_index["blk.3.ffn_gate_exps.scale"] = gate_scale.tensor_index.at("blk.3.ffn_down_exps.scale");
    bad = find_weights(gate_scale, *hp);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("'blk.3.ffn_gate_exps.scale': per-expert scales of the gate and up projections are not supported"),
              std::string::npos)
        << bad.error().message;
}

class TinyGemma4Moe : public ::testing::TestWithParam<MoeCase> {};

// Vulkan against the CPU reference, the prompt in batches of 3 (awkward: 3 + 3 + 3) then
// decode, batches grouped by expert and per (token, slot); the router's choices equal on every
// token and layer where the choice is clear (not within 1e-2 of another), and more than k
// experts chosen overall.
TEST_P(TinyGemma4Moe, VulkanMatchesCpuReferenceAndRoutesAlike) {
    const MoeCase& mc = GetParam();
    TinyFile f;
    ASSERT_NO_FATAL_FAILURE(write_tiny(mc.name, mc.spec, f));
    const HParams& hp = f.file->hp;
    const uint32_t L = hp.n_layer, k = hp.moe.n_used;
    CpuModel cpu(hp, f.file->weights, f.file->map.bytes(), 64);
    cpu.set_log_routing(true);
    auto want = cpu.forward(kTokens, 0, true);
    ASSERT_TRUE(want) << want.error().message;
    const std::vector<uint32_t>& cpu_ids = cpu.routing_log();  // [token][layer][k]
    ASSERT_EQ(cpu_ids.size(), kTokens.size() * L * k);
    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    for (const ExpertGrouping grouping : {ExpertGrouping::Always, ExpertGrouping::Never}) {
        VkModelOptions opts{64, 3};
        opts.keep_routing = true;
        opts.expert_grouping = grouping;
        auto vkm = VkModel::create(**dev, *f.file, opts);
        ASSERT_TRUE(vkm) << vkm.error().message;
        std::vector<float> got;
        std::vector<uint32_t> gpu_ids(cpu_ids.size(), ~0u);
        auto run = [&](uint32_t first, uint32_t n, bool all) {
            auto r = (*vkm)->forward(std::span(kTokens).subspan(first, n), first, all);
            ASSERT_TRUE(r) << r.error().message;
            got.insert(got.end(), r->begin(), r->end());
            const std::vector<uint32_t> ids = (*vkm)->routing();  // [layer][n][k]
            ASSERT_EQ(ids.size(), size_t(L) * n * k);
            for (uint32_t l = 0; l < L; ++l)
                for (uint32_t t = 0; t < n; ++t)
                    for (uint32_t j = 0; j < k; ++j) gpu_ids[(size_t(first + t) * L + l) * k + j] = ids[(size_t(l) * n + t) * k + j];
        };
        for (uint32_t i = 0; i < 9; i += 3) ASSERT_NO_FATAL_FAILURE(run(i, 3, true));
        for (uint32_t i = 9; i < kTokens.size(); ++i) ASSERT_NO_FATAL_FAILURE(run(i, 1, false));
        ASSERT_EQ(got.size(), want->size());
        const test::Agreement a = compare(got, *want, hp.n_vocab);
        // Every choice the same, except where the CPU's router logits came within 1e-2 of another
        // choice (the f16 KV cache's rounding moves the GPU's logits by ~1e-3)
        const std::vector<float>& margins = cpu.routing_margins();  // [token][layer]
        ASSERT_EQ(margins.size(), kTokens.size() * L);
        size_t same = 0, near_ties = 0, clear_differ = 0;
        for (size_t t = 0; t < margins.size(); ++t) {
            const bool equal = std::equal(cpu_ids.begin() + t * k, cpu_ids.begin() + (t + 1) * k, gpu_ids.begin() + t * k);
            same += equal;
            near_ties += margins[t] < 1e-2f;
            clear_differ += !equal && margins[t] >= 1e-2f;
        }
        std::vector<uint32_t> sorted = cpu_ids;
        std::sort(sorted.begin(), sorted.end());
        const size_t distinct = size_t(std::unique(sorted.begin(), sorted.end()) - sorted.begin());
        std::printf("%-34s vulkan vs cpu: max|dlogit| / max|logit| = %.2e, argmax %zu/%zu, routing %zu/%zu equal (%zu near ties, %zu experts seen)\n",
                    (mc.name + (grouping == ExpertGrouping::Always ? " grouped" : " per pair")).c_str(), a.rel, a.argmax, a.rows, same,
                    margins.size(), near_ties, distinct);
        EXPECT_LE(a.rel, 2e-3) << mc.name;
        EXPECT_EQ(a.argmax, a.rows) << mc.name;
        EXPECT_EQ(clear_differ, 0u) << mc.name << ": the GPU router chose other experts where the choice was clear";
        EXPECT_LE(near_ties, margins.size() / 10) << mc.name << ": too many near ties for the routing to be tested";
        EXPECT_GT(distinct, size_t(k)) << mc.name << ": the router kept to k experts";
    }
}

// The prompt in batches of 4 then decode against one batch, experts grouped and per pair.
TEST_P(TinyGemma4Moe, BatchesThenDecodeEqualOneBatch) {
    const MoeCase& mc = GetParam();
    TinyFile f;
    ASSERT_NO_FATAL_FAILURE(write_tiny(mc.name + "-batch", mc.spec, f));
    for (const ExpertGrouping grouping : {ExpertGrouping::Always, ExpertGrouping::Never}) {
        VkModelOptions o;
        o.expert_grouping = grouping;
        test::expect_batches_then_decode_equal_one_batch(mc.name + (grouping == ExpertGrouping::Always ? " grouped" : " per pair"), *f.file,
                                                         kTokens, o);
    }
}

INSTANTIATE_TEST_SUITE_P(Gemma4Moe, TinyGemma4Moe, ::testing::ValuesIn(moe_cases()), [](const auto& param_info) { return param_info.param.name; });

// The kernels' new modes against the CPU reference on random data of awkward sizes (rows of 5
// blocks of 32, 67 rows per expert, 3 tokens, 2 slots; Q8_0, Q4_K and F16 experts): the down
// projection's GELU-gated input from aux (gate and up apart) or from the two halves of each
// slot's row (fused), summed with the router's weights onto a residual.
TEST_F(VkFixture, Gemma4MoeMatvecGegluMatchesReference) {
    for (TensorType type : {TensorType::Q8_0, TensorType::Q4_K, TensorType::F16}) {
        const uint64_t K = type == TensorType::Q4_K ? 512 : 160, M = 67, X = 5;
        const uint32_t k = 2, n = 3;
        auto wf = test::random_floats(K * M * X, 21);
        auto wq = quantize(type, wf, K);
        ASSERT_TRUE(wq) << wq.error().message;
        const uint64_t rb = *row_bytes(type, K);
        const std::vector<uint32_t> ids = {3, 1, 0, 4, 2, 3};  // [n][k]
        const std::vector<float> wts = {0.6f, 0.4f, 0.2f, 0.8f, 1.3f, -0.3f};
        // gate[n][k][K], up[n][k][K] and the fused rows gu[n][k][2K] of both
        auto gate = test::random_floats(size_t(n) * k * K, 22, 2.f), upv = test::random_floats(size_t(n) * k * K, 23);
        std::vector<float> gu(size_t(n) * k * 2 * K);
        for (size_t p = 0; p < size_t(n) * k; ++p)
            for (uint64_t i = 0; i < K; ++i) {
                gu[p * 2 * K + i] = gate[p * K + i];
                gu[p * 2 * K + K + i] = upv[p * K + i];
            }
        auto y0 = test::random_floats(size_t(n) * M, 24);
        for (vk::Tuning tuning : {vk::Tuning::for_device(dev->info()), vk::Tuning{32, 3, 32, 32}}) {
            auto ops = make_ops({type}, 64, tuning);
            ASSERT_TRUE(ops->prepare_experts({type}));
            auto w = upload_matrix("w", type, K, M * X, *wq);
            auto ib = buffer_u32(ids), wb = buffer_with(wts);
            const vk::Ops::MoeChoice ch{ib, wb, k, uint32_t(X)};
            auto gb = buffer_with(gate), ub = buffer_with(upv), gub = buffer_with(gu);
            auto apart = buffer_with(y0), fused = buffer_with(y0);
            run([&](vk::Commands& c) {
                ops->moe_matvec(c, w, ch, gb, true, apart, n, true, true, nullptr, vk::XInput{MATVEC_X_GEGLU, &ub, 0});
                ops->moe_matvec(c, w, ch, gub, true, fused, n, true, true, nullptr, vk::XInput{MATVEC_X_GEGLU_SPLIT, nullptr, 0});
            });
            auto got_apart = read(apart, size_t(n) * M), got_fused = read(fused, size_t(n) * M);
            for (uint32_t t = 0; t < n; ++t)
                for (uint64_t r = 0; r < M; ++r) {
                    double want = y0[t * M + r], mag = std::fabs(y0[t * M + r]);
                    for (uint32_t j = 0; j < k; ++j) {
                        std::vector<float> row(K);
                        dequantize_row(type, wq->data() + (ids[t * k + j] * M + r) * rb, row.data(), K);
                        double d = 0, m = 0;
                        for (uint64_t i = 0; i < K; ++i) {
                            const size_t o = (size_t(t) * k + j) * K + i;
                            const double v = double(row[i]) * ref::gelu_tanh(gate[o]) * upv[o];
                            d += v;
                            m += std::fabs(v);
                        }
                        want += wts[t * k + j] * d;
                        mag += std::fabs(wts[t * k + j]) * m;
                    }
                    ASSERT_NEAR(got_apart[t * M + r], want, 2e-4 * mag + 1e-5) << type_name(type) << " apart t " << t << " r " << r;
                    ASSERT_NEAR(got_fused[t * M + r], want, 2e-4 * mag + 1e-5) << type_name(type) << " fused t " << t << " r " << r;
                }
        }
    }
}

// The router's weights times the chosen experts' output multipliers (gemma4's
// ffn_down_exps.scale): softmax of all, normalized over the chosen, then each times its
// expert's scale; without the scales the weights as before.
TEST_F(VkFixture, Gemma4MoeTopkAppliesTheExpertScales) {
    auto ops = make_ops({TensorType::F32}, 64, vk::Tuning::for_device(dev->info()));
    ASSERT_TRUE(ops->prepare_experts({TensorType::F32}));
    const uint32_t n = 29, X = 11, k = 3;
    const std::vector<float> logits = test::random_floats(size_t(n) * X, 31, 2.f), scales = test::random_floats(X, 32);
    MoeParams m;
    m.n_expert = X;
    m.n_used = k;
    m.norm_weights = true;
    auto lb = buffer_with(logits), sb = buffer_with(scales);
    for (const bool scaled : {true, false}) {
        auto ids = buffer_u32(std::vector<uint32_t>(size_t(n) * k, 99));
        auto wts = buffer_with(std::vector<float>(size_t(n) * k, -1.f));
        shader::MoeTopkPush p{};
        p.n_expert = X;
        p.k = k;
        p.norm = 1;
        run([&](vk::Commands& c) { ops->moe_topk(c, lb, ids, wts, n, p, scaled ? &sb : nullptr); });
        std::vector<uint32_t> got(size_t(n) * k);
        ASSERT_TRUE(up->download(ids, 0, got.data(), got.size() * 4));
        const std::vector<float> gw = read(wts, size_t(n) * k);
        for (uint32_t t = 0; t < n; ++t) {
            std::vector<uint32_t> want(k);
            std::vector<float> ww(k);
            ref::moe_route(&logits[size_t(t) * X], m, want.data(), ww.data());
            for (uint32_t j = 0; j < k; ++j) {
                ASSERT_EQ(got[t * k + j], want[j]) << "token " << t << " slot " << j;
                ASSERT_NEAR(gw[t * k + j], ww[j] * (scaled ? scales[want[j]] : 1.f), 1e-5) << "token " << t << " slot " << j;
            }
        }
    }
}

// The batch's activation of fused gate and up rows: out[r][i] = gelu_tanh(gu[r][i]) *
// gu[r][width + i], rows of an awkward width (37), and SwiGLU's the same way.
TEST_F(VkFixture, Gemma4GegluSplitMatchesReference) {
    auto ops = make_ops({TensorType::F32}, 64, vk::Tuning::for_device(dev->info()));
    const uint32_t width = 37, rows = 13;
    const std::vector<float> gu = test::random_floats(size_t(rows) * 2 * width, 41, 3.f);
    for (const bool gelu : {true, false}) {
        auto in = buffer_with(gu), out = buffer_with(std::vector<float>(size_t(rows) * width, 0.f));
        run([&](vk::Commands& c) { ops->glu_split(c, gelu, out, in, width, rows); });
        const std::vector<float> got = read(out, size_t(rows) * width);
        for (uint32_t r = 0; r < rows; ++r)
            for (uint32_t i = 0; i < width; ++i) {
                const float g = gu[r * 2 * width + i], u = gu[r * 2 * width + width + i];
                const float want = (gelu ? ref::gelu_tanh(g) : ref::silu(g)) * u;
                ASSERT_NEAR(got[r * width + i], want, 1e-5f * (1.f + std::fabs(want))) << (gelu ? "geglu" : "swiglu") << " r " << r << " i " << i;
            }
    }
}
