// Tiny random models of every architecture and weight type: Vulkan logits (prefill split into
// batches, then single-token decode) against the CPU reference; for gemma also against one
// Vulkan batch, and the sliding window's effect on the reference.
// Tolerance: max |vk - cpu| <= 2e-3 * max |cpu| over every position (the GPU keeps K/V in f16;
// observed on lavapipe and an NVIDIA H200: 2.5e-4 to 7e-4).
#include "model/cpu_model.h"
#include "model/model_file.h"
#include "model/random_model.h"
#include "model/vk_model.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unistd.h>

using namespace causerie;

namespace {

struct ModelCase {
    std::string name;
    RandomModelSpec spec;
};

std::vector<ModelCase> cases() {
    std::vector<ModelCase> out;
    for (const char* type : {"f32", "f16", "bf16", "q4_0", "q4_1", "q5_0", "q5_1", "q8_0", "q2_k", "q3_k", "q4_k", "q5_k", "q6_k", "q4_k_m",
                             "iq4_nl", "iq4_xs", "iq4_xs+q5_k", "iq3_xxs", "iq3_s", "iq2_xxs+q4_k", "iq2_xs", "iq2_s",
                             "iq1_s+iq3_s", "iq1_m+q2_k"}) {
        RandomModelSpec s;
        s.type = type;
        s.n_vocab = 300;
        std::string name = std::string("llama_") + type;
        std::replace(name.begin(), name.end(), '+', '_');  // gtest names: letters, digits, '_'
        out.push_back({name, s});
    }
    RandomModelSpec q2;
    q2.arch = "qwen2";
    q2.type = "q8_0";
    q2.tied_embeddings = true;
    out.push_back({"qwen2_q8_0_tied", q2});
    q2.type = "q4_k_m";
    q2.tied_embeddings = false;
    out.push_back({"qwen2_q4_k_m", q2});
    RandomModelSpec q3;
    q3.arch = "qwen3";
    q3.type = "q6_k";
    q3.head_dim = 96;  // key_length != embd / heads
    q3.n_head = 8;  // q_dim 768: a multiple of the K-quant block
    q3.n_head_kv = 2;
    out.push_back({"qwen3_q6_k_hd96", q3});
    q3.type = "bf16";
    out.push_back({"qwen3_bf16_hd96", q3});
    RandomModelSpec l3;
    l3.type = "q5_k";
    l3.rope_freq_factors = true;
    l3.rope_linear_scale = 2.0f;
    l3.n_head_kv = 1;
    out.push_back({"llama_q5_k_ropefreqs_linear", l3});
    // gemma2: layers local, global, local with a window of 4 (11 tokens: positions past it),
    // caps small enough to bend the scores and logits.
    RandomModelSpec g2;
    g2.arch = "gemma2";
    g2.type = "q8_0";
    g2.n_layer = 3;
    g2.sliding_window = 4;
    g2.attn_softcap = 2.f;
    g2.final_softcap = 3.f;
    out.push_back({"gemma2_q8_0_swa4_caps", g2});
    // gemma2 with the reader's defaults (window 4096, caps 50 / 30) and head_dim 256.
    RandomModelSpec g2d;
    g2d.arch = "gemma2";
    g2d.type = "q4_k_m";
    g2d.n_head = 2;
    g2d.n_head_kv = 1;
    g2d.head_dim = 256;
    out.push_back({"gemma2_q4_k_m_hd256_defaults", g2d});
    // gemma3: 7 layers (5 local, 1 global, 1 local), window 3, local RoPE base 10000 against a
    // global 1e6 with linear scaling 8 on global layers only.
    RandomModelSpec g3;
    g3.arch = "gemma3";
    g3.type = "q6_k";
    g3.n_layer = 7;
    g3.n_head = 4;
    g3.n_head_kv = 2;
    g3.head_dim = 128;
    g3.sliding_window = 3;
    g3.rope_base = 1e6f;
    g3.rope_base_swa = 10000.f;
    g3.rope_linear_scale = 8.f;
    out.push_back({"gemma3_q6_k_swa3_hd128", g3});
    // gemma3 without a window key: every layer global; untied output, a final cap.
    RandomModelSpec g3g;
    g3g.arch = "gemma3";
    g3g.type = "f16";
    g3g.final_softcap = 5.f;
    out.push_back({"gemma3_f16_global_cap", g3g});
    return out;
}

struct TinyFile {
    std::string path;
    std::unique_ptr<ModelFile> file;
    ~TinyFile() {
        file.reset();
        if (!path.empty()) std::filesystem::remove(path);
    }
};

void write_tiny(const std::string& name, const RandomModelSpec& spec, TinyFile& out) {
    auto w = make_random_model(spec);
    ASSERT_TRUE(w) << w.error().message;
    out.path = (std::filesystem::temp_directory_path() / ("causerie-tiny-" + std::to_string(::getpid()) + "-" + name + ".gguf")).string();
    ASSERT_TRUE(w->write(out.path));
    auto mf = ModelFile::open(out.path);
    ASSERT_TRUE(mf) << mf.error().message;
    out.file = std::move(*mf);
}

// Largest |a - b| over the largest |b|, and on how many rows of V the argmax agrees.
struct Agreement {
    double rel = 0;
    size_t argmax = 0, rows = 0;
};
Agreement compare(const std::vector<float>& a, const std::vector<float>& b, size_t V) {
    double max_ref = 0, max_diff = 0;
    Agreement r;
    r.rows = b.size() / V;
    for (size_t t = 0; t < r.rows; ++t) {
        std::span<const float> x(a.data() + t * V, V), y(b.data() + t * V, V);
        for (size_t i = 0; i < V; ++i) {
            max_ref = std::max(max_ref, double(std::fabs(y[i])));
            max_diff = std::max(max_diff, double(std::fabs(x[i] - y[i])));
        }
        r.argmax += test::argmax(x) == test::argmax(y);
    }
    r.rel = max_diff / max_ref;
    return r;
}

void PrintTo(const ModelCase& c, std::ostream* os) { *os << c.name; }

}  // namespace

class TinyModels : public ::testing::TestWithParam<ModelCase> {};

TEST_P(TinyModels, VulkanMatchesCpuReference) {
    const ModelCase& mc = GetParam();
    auto w = make_random_model(mc.spec);
    ASSERT_TRUE(w) << w.error().message;
    std::string path = (std::filesystem::temp_directory_path() / ("causerie-tiny-" + std::to_string(::getpid()) + "-" + mc.name + ".gguf")).string();
    ASSERT_TRUE(w->write(path));
    auto mf = ModelFile::open(path);
    ASSERT_TRUE(mf) << mf.error().message;

    std::vector<int32_t> tokens = {1, 17, 250, 3, 99, 99, 42, 7, 8, 200, 5};
    CpuModel cpu((*mf)->hp, (*mf)->weights, (*mf)->map.bytes(), 64);
    auto want = cpu.forward(tokens, 0, true);
    ASSERT_TRUE(want) << want.error().message;

    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    auto vkm = VkModel::create(**dev, **mf, VkModelOptions{64, 4});  // batches of 4: 9 tokens -> 4 + 4 + 1
    ASSERT_TRUE(vkm) << vkm.error().message;
    const size_t V = (*mf)->hp.n_vocab;
    std::vector<float> got;
    auto pre = (*vkm)->forward(std::span(tokens).first(9), 0, true);
    ASSERT_TRUE(pre) << pre.error().message;
    got = *pre;
    for (uint32_t i = 9; i < tokens.size(); ++i) {
        auto step = (*vkm)->forward(std::span(tokens).subspan(i, 1), i, false);
        ASSERT_TRUE(step) << step.error().message;
        got.insert(got.end(), step->begin(), step->end());
    }
    ASSERT_EQ(got.size(), want->size());
    double max_ref = 0, max_diff = 0;
    size_t argmax_agree = 0;
    for (size_t t = 0; t < tokens.size(); ++t) {
        std::span<const float> a(got.data() + t * V, V), b(want->data() + t * V, V);
        for (size_t i = 0; i < V; ++i) {
            max_ref = std::max(max_ref, double(std::fabs(b[i])));
            max_diff = std::max(max_diff, double(std::fabs(a[i] - b[i])));
        }
        argmax_agree += test::argmax(a) == test::argmax(b);
    }
    RecordProperty("max_rel_diff", std::to_string(max_diff / max_ref));
    std::printf("%-28s max|dlogit| / max|logit| = %.2e, argmax agreement %zu/%zu\n", mc.name.c_str(), max_diff / max_ref, argmax_agree,
                tokens.size());
    EXPECT_LE(max_diff, 2e-3 * max_ref) << mc.name;
    std::filesystem::remove(path);
}

INSTANTIATE_TEST_SUITE_P(ArchsAndTypes, TinyModels, ::testing::ValuesIn(cases()),
                         [](const auto& param_info) { return param_info.param.name; });

// gemma: the prompt in batches of 4 then single-token decode gives the logits of one batch of
// every token (different kernels: matvec and split attention against matmul and batch attention).
class TinyGemma : public ::testing::TestWithParam<ModelCase> {};

TEST_P(TinyGemma, BatchesThenDecodeEqualOneBatch) {
    const ModelCase& mc = GetParam();
    TinyFile tf;
    ASSERT_NO_FATAL_FAILURE(write_tiny(mc.name + "-batch", mc.spec, tf));
    const std::vector<int32_t> tokens = {1, 17, 250, 3, 99, 99, 42, 7, 8, 200, 5};
    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    auto split = VkModel::create(**dev, *tf.file, VkModelOptions{64, 4});
    ASSERT_TRUE(split) << split.error().message;
    auto got = (*split)->forward(std::span(tokens).first(9), 0, true);
    ASSERT_TRUE(got) << got.error().message;
    for (uint32_t i = 9; i < tokens.size(); ++i) {
        auto step = (*split)->forward(std::span(tokens).subspan(i, 1), i, false);
        ASSERT_TRUE(step) << step.error().message;
        got->insert(got->end(), step->begin(), step->end());
    }
    split->reset();
    auto whole = VkModel::create(**dev, *tf.file, VkModelOptions{64, 64});
    ASSERT_TRUE(whole) << whole.error().message;
    auto want = (*whole)->forward(tokens, 0, true);
    ASSERT_TRUE(want) << want.error().message;
    ASSERT_EQ(got->size(), want->size());
    const Agreement a = compare(*got, *want, tf.file->hp.n_vocab);
    std::printf("%-28s batches+decode vs one batch: max|dlogit| / max|logit| = %.2e, argmax %zu/%zu\n", mc.name.c_str(), a.rel,
                a.argmax, a.rows);
    EXPECT_LE(a.rel, 2e-3) << mc.name;
    EXPECT_EQ(a.argmax, a.rows) << mc.name;
}

std::vector<ModelCase> gemma_cases() {
    std::vector<ModelCase> out;
    for (auto& c : cases())
        if (c.name.rfind("gemma", 0) == 0) out.push_back(c);
    return out;
}

INSTANTIATE_TEST_SUITE_P(Gemma, TinyGemma, ::testing::ValuesIn(gemma_cases()),
                         [](const auto& param_info) { return param_info.param.name; });

// The reference's sliding window as llama.cpp masks it (a query at p sees t with p - t < window):
// with a window of W, positions 0 .. W-1 see the whole prefix and match the same weights without
// a window exactly; from position W on they differ. And the layer pattern is llama.cpp's.
TEST(GemmaReference, SlidingWindowMasksExactlyPastTheWindow) {
    for (const char* arch : {"gemma2", "gemma3"}) {
        RandomModelSpec s;
        s.arch = arch;
        s.type = "f32";
        s.n_layer = 2;
        s.sliding_window = 4;
        s.swa_period = 2;  // layer 0 local, layer 1 global
        TinyFile windowed, open;
        ASSERT_NO_FATAL_FAILURE(write_tiny(std::string(arch) + "-w4", s, windowed));
        s.sliding_window = 64;  // >= every position here: never masks
        ASSERT_NO_FATAL_FAILURE(write_tiny(std::string(arch) + "-w64", s, open));
        const HParams& h = windowed.file->hp;
        ASSERT_EQ(h.layer_attn.size(), 2u);
        EXPECT_EQ(h.layer_attn[0].window, 4u) << arch;
        EXPECT_EQ(h.layer_attn[1].window, 0u) << arch;
        const std::vector<int32_t> tokens = {1, 17, 250, 3, 99, 42, 7};
        CpuModel a(h, windowed.file->weights, windowed.file->map.bytes(), 16);
        CpuModel b(open.file->hp, open.file->weights, open.file->map.bytes(), 16);
        auto la = a.forward(tokens, 0, true), lb = b.forward(tokens, 0, true);
        ASSERT_TRUE(la && lb);
        const size_t V = h.n_vocab;
        for (size_t t = 0; t < tokens.size(); ++t) {
            bool same = std::equal(la->begin() + t * V, la->begin() + (t + 1) * V, lb->begin() + t * V);
            EXPECT_EQ(same, t < 4) << arch << " position " << t;
        }
    }
}

// The layer patterns and per-layer RoPE as llama.cpp reads them: gemma2 alternates local and
// global layers (local first) with one base; gemma3 has 5 local : 1 global, local layers with
// base 10000 (rope.freq_base_swa when given) and no scaling, global ones with the file's.
TEST(GemmaReference, HyperparametersAsLlamaCppReadsThem) {
    RandomModelSpec s;
    s.arch = "gemma2";
    s.n_layer = 4;
    TinyFile f2;
    ASSERT_NO_FATAL_FAILURE(write_tiny("hp-gemma2", s, f2));
    const HParams& h2 = f2.file->hp;
    EXPECT_EQ(h2.sliding_window, 4096u);
    EXPECT_FLOAT_EQ(h2.attn_softcap, 50.f);
    EXPECT_FLOAT_EQ(h2.final_softcap, 30.f);
    EXPECT_FLOAT_EQ(h2.embd_scale, 16.f);  // sqrt(256)
    EXPECT_FLOAT_EQ(h2.attn_scale, 1.f / 8.f);  // 1 / sqrt(head_dim 64)
    EXPECT_TRUE(h2.block == BlockKind::Sandwich && h2.ffn_act == Activation::GeluTanh && h2.rope_mode == RopeMode::Neox);
    EXPECT_FALSE(h2.qk_norm);
    for (uint32_t l = 0; l < 4; ++l) EXPECT_EQ(h2.layer_attn[l].window, l % 2 == 0 ? 4096u : 0u) << l;
    EXPECT_EQ(f2.file->weights.output, f2.file->weights.token_embd);

    s.arch = "gemma3";
    s.n_layer = 8;
    s.sliding_window = 512;
    s.rope_base = 1e6f;
    s.rope_linear_scale = 8.f;
    TinyFile f3;
    ASSERT_NO_FATAL_FAILURE(write_tiny("hp-gemma3", s, f3));
    const HParams& h3 = f3.file->hp;
    EXPECT_FLOAT_EQ(h3.attn_softcap, 0.f);
    EXPECT_FLOAT_EQ(h3.final_softcap, 0.f);
    EXPECT_TRUE(h3.qk_norm);
    for (uint32_t l = 0; l < 8; ++l) {
        const bool local = l % 6 < 5;
        EXPECT_EQ(h3.layer_attn[l].window, local ? 512u : 0u) << l;
        EXPECT_FLOAT_EQ(h3.layer_attn[l].rope_base, local ? 10000.f : 1e6f) << l;
        EXPECT_FLOAT_EQ(h3.layer_attn[l].rope_scale, local ? 1.f : 8.f) << l;
    }
    // The 27B layer counts (gemma2 46, gemma3 62) scale queries by n_embd / n_head instead.
    for (auto [arch, layers] : {std::pair{"gemma2", 46u}, std::pair{"gemma3", 62u}, std::pair{"gemma3", 61u}}) {
        RandomModelSpec b;
        b.arch = arch;
        b.n_layer = layers;
        b.n_embd = 64;
        b.n_head = 2;
        b.n_head_kv = 1;
        b.head_dim = 64;  // n_embd / n_head = 32
        b.n_ff = 64;
        b.n_vocab = 16;
        TinyFile fb;
        ASSERT_NO_FATAL_FAILURE(write_tiny("hp-" + std::string(arch) + "-" + std::to_string(layers), b, fb));
        EXPECT_FLOAT_EQ(fb.file->hp.attn_scale, layers == 61 ? 1.f / 8.f : 1.f / std::sqrt(32.f)) << arch << " " << layers;
    }
    s.rope_base_swa = 5000.f;
    s.sliding_window = 0;  // no key: no local layers at all
    TinyFile f3g;
    ASSERT_NO_FATAL_FAILURE(write_tiny("hp-gemma3-global", s, f3g));
    for (uint32_t l = 0; l < 8; ++l) {
        EXPECT_EQ(f3g.file->hp.layer_attn[l].window, 0u) << l;
        EXPECT_FLOAT_EQ(f3g.file->hp.layer_attn[l].rope_base, 1e6f) << l;
    }
}

TEST(GemmaReference, UnsupportedArchitectureNamesTheSupportedList) {
    GgufWriter w;
    w.set_string("general.architecture", "gemma4");
    std::string path = (std::filesystem::temp_directory_path() / ("causerie-arch-" + std::to_string(::getpid()) + ".gguf")).string();
    ASSERT_TRUE(w.write(path));
    auto mf = ModelFile::open(path);
    ASSERT_FALSE(mf);
    EXPECT_NE(mf.error().message.find("unsupported architecture 'gemma4' (supported: llama, qwen2, qwen3, gemma2, gemma3)"),
              std::string::npos)
        << mf.error().message;
    std::filesystem::remove(path);
}
