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
#include "tiny_model.h"

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

struct ModelCase {
    std::string name;
    RandomModelSpec spec;
};

std::vector<ModelCase> cases() {
    std::vector<ModelCase> out;
    for (const char* type : {"f32", "f16", "bf16", "q4_0", "q4_1", "q5_0", "q5_1", "q8_0", "q2_k", "q3_k", "q4_k", "q5_k", "q6_k", "q4_k_m",
                             "iq4_nl", "iq4_xs", "iq4_xs+q5_k", "iq3_xxs", "iq3_s", "iq2_xxs+q4_k", "iq2_xs", "iq2_s",
                             "iq1_s+iq3_s", "iq1_m+q2_k", "mxfp4"}) {
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
    // phi3: fused QKV and gate+up, partial rotary (48 of 64), LongRoPE's long factors (the
    // context of 64 is past the original 32) with an attention factor; and the unfused layout
    // with the short factors.
    RandomModelSpec p3;
    p3.arch = "phi3";
    p3.type = "q4_k";
    p3.fused_qkv = true;
    p3.rope_dim = 48;
    p3.longrope = true;
    p3.n_ctx_orig = 32;
    p3.rope_attn_factor = 1.19f;
    out.push_back({"phi3_q4_k_fused_longrope_long", p3});
    p3.type = "q8_0";
    p3.fused_qkv = false;
    p3.rope_dim = 0;
    p3.n_ctx_orig = 4096;
    p3.rope_attn_factor = 0;
    p3.n_head_kv = 4;
    out.push_back({"phi3_q8_0_unfused_short", p3});
    // granite: every multiplier away from 1.
    RandomModelSpec gr;
    gr.arch = "granite";
    gr.type = "q5_k";
    gr.embedding_scale = 12.f;
    gr.residual_scale = 0.22f;
    gr.attention_scale = 0.03f;
    gr.logit_scale = 8.f;
    out.push_back({"granite_q5_k_multipliers", gr});
    // smollm3: 4 layers, the 4th without RoPE.
    RandomModelSpec sm;
    sm.arch = "smollm3";
    sm.type = "q4_k_m";
    sm.n_layer = 4;
    out.push_back({"smollm3_q4_k_m_nope", sm});
    // YaRN on llama (normal RoPE) and qwen2 (neox): factor 4 over an original 4096 (the ramp
    // between correction dims 10 and 23 of 64).
    RandomModelSpec ly;
    ly.type = "q8_0";
    ly.rope_yarn_factor = 4.f;
    ly.n_ctx_orig = 4096;
    out.push_back({"llama_q8_0_yarn", ly});
    ly.arch = "qwen2";
    ly.type = "q6_k";
    ly.rope_attn_factor = 1.1f;
    out.push_back({"qwen2_q6_k_yarn_attn_factor", ly});
    // mistral3: YaRN factor 16 with its betas, the temperature from position 4 on (original
    // context 4: queries at 4..10 get log(floor(p / 4) + 1) * 0.1 + 1).
    RandomModelSpec m3;
    m3.arch = "mistral3";
    m3.type = "q6_k";
    m3.rope_yarn_factor = 16.f;
    m3.n_ctx_orig = 4;
    m3.yarn_beta_fast = 16.f;
    m3.yarn_beta_slow = 2.f;
    m3.attn_temp_scale = 0.1f;
    out.push_back({"mistral3_q6_k_yarn_temp", m3});
    // falcon: 7B-like multi-query (one KV head), and 40B-like with attn_norm_2 and 2 KV heads.
    RandomModelSpec fa;
    fa.arch = "falcon";
    fa.type = "q8_0";
    fa.n_head_kv = 1;
    out.push_back({"falcon_q8_0_mqa", fa});
    fa.type = "q4_k";
    fa.n_head_kv = 2;
    fa.attn_norm_2 = true;
    out.push_back({"falcon_q4_k_norm2_gqa", fa});
    // bloom: ALiBi over 6 heads (not a power of two: both slope series), biases everywhere.
    RandomModelSpec bl;
    bl.arch = "bloom";
    bl.type = "q8_0";
    bl.n_embd = 384;
    bl.n_head = 6;
    bl.n_head_kv = 6;
    bl.n_ff = 1024;
    out.push_back({"bloom_q8_0_alibi6", bl});
    bl.type = "f16";
    bl.n_embd = 256;
    bl.n_head = 4;
    bl.n_head_kv = 4;
    bl.tied_embeddings = true;
    out.push_back({"bloom_f16_tied", bl});
    return out;
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

// gemma and the newer architectures: the prompt in batches of 4 then single-token decode gives the logits of one batch of
// every token (different kernels: matvec and split attention against matmul and batch attention).
class TinyGemma : public ::testing::TestWithParam<ModelCase> {};

TEST_P(TinyGemma, BatchesThenDecodeEqualOneBatch) {
    const ModelCase& mc = GetParam();
    TinyFile tf;
    ASSERT_NO_FATAL_FAILURE(write_tiny(mc.name + "-batch", mc.spec, tf));
    test::expect_batches_then_decode_equal_one_batch(mc.name, *tf.file, std::vector<int32_t>{1, 17, 250, 3, 99, 99, 42, 7, 8, 200, 5});
}

std::vector<ModelCase> gemma_cases() {
    std::vector<ModelCase> out;
    for (auto& c : cases())
        if (c.name.rfind("llama_f32", 0) != 0 && c.spec.arch != "llama" && c.spec.arch != "qwen3" &&
            (c.spec.arch != "qwen2" || c.spec.rope_yarn_factor > 0))
            out.push_back(c);
    for (auto& c : cases())
        if (c.name == "llama_q8_0_yarn") out.push_back(c);
    return out;
}

INSTANTIATE_TEST_SUITE_P(NewArchs, TinyGemma, ::testing::ValuesIn(gemma_cases()),
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
    w.set_string("general.architecture", "gemma9");
    std::string path = (std::filesystem::temp_directory_path() / ("causerie-arch-" + std::to_string(::getpid()) + ".gguf")).string();
    ASSERT_TRUE(w.write(path));
    auto mf = ModelFile::open(path);
    ASSERT_FALSE(mf);
    EXPECT_NE(mf.error().message.find("unsupported architecture 'gemma9' (supported: llama, qwen2, qwen3, qwen3moe, gemma2, gemma3, phi3, granite, smollm3, mistral3, falcon, bloom, gpt-oss, qwen2moe, bert, nomic-bert, qwen35, qwen35moe, gemma4)"),
              std::string::npos)
        << mf.error().message;
    std::filesystem::remove(path);
}

// The newer architectures' hyperparameters as llama.cpp reads them (src/models/<arch>.cpp,
// llama-context.cpp's YaRN factor), the expected values written from those formulas.
TEST(NewArchReference, HyperparametersAsLlamaCppReadsThem) {
    // llama + YaRN factor 4 over 4096 positions, base 10000, 64 rotated dims, betas 32 / 1:
    // corr(b) = 64 ln(4096 / (2 pi b)) / (2 ln 10000): 10.45 -> 10, 22.53 -> 23; the magnitude
    // (0.1 ln 4 + 1) / (1 + 0.1 ln 4) * (1 + 0.1 ln 4) = 1.1386.
    RandomModelSpec s;
    s.rope_yarn_factor = 4.f;
    s.n_ctx_orig = 4096;
    TinyFile fy;
    ASSERT_NO_FATAL_FAILURE(write_tiny("hp-yarn", s, fy));
    const LayerAttention& y = fy.file->hp.layer_attn[0];
    EXPECT_FLOAT_EQ(y.rope_scale, 4.f);
    EXPECT_FLOAT_EQ(y.ext_factor, 1.f);
    EXPECT_FLOAT_EQ(y.corr_low, 10.f);
    EXPECT_FLOAT_EQ(y.corr_high, 23.f);
    EXPECT_NEAR(y.mscale, 1.0f + 0.1f * std::log(4.0f), 1e-6);
    // The file's attention factor multiplies it; no scaling type: no YaRN, linear factor only.
    s.rope_attn_factor = 1.5f;
    s.rope_yarn_factor = 0.f;
    TinyFile fa;
    ASSERT_NO_FATAL_FAILURE(write_tiny("hp-attn-factor", s, fa));
    EXPECT_FLOAT_EQ(fa.file->hp.layer_attn[0].ext_factor, 0.f);
    EXPECT_FLOAT_EQ(fa.file->hp.layer_attn[0].mscale, 1.5f);

    // phi3: neox, LongRoPE long factors past the original context, short ones within it.
    RandomModelSpec p;
    p.arch = "phi3";
    p.longrope = true;
    p.n_ctx_orig = 32;
    TinyFile fp;
    ASSERT_NO_FATAL_FAILURE(write_tiny("hp-phi3", p, fp));
    const ModelWeights& pw = fp.file->weights;
    EXPECT_EQ(fp.file->hp.rope_mode, RopeMode::Neox);
    EXPECT_TRUE(pw.gate_up_fused);
    EXPECT_EQ(rope_factors(pw, fp.file->hp, 33), pw.rope_long);
    EXPECT_EQ(rope_factors(pw, fp.file->hp, 32), pw.rope_short);
    ASSERT_TRUE(pw.rope_long && pw.rope_short);
    // ... and the reference really rotates with them: 64 vs 16 positions of context give other logits.
    const std::vector<int32_t> tokens = {1, 17, 250, 3, 99};
    CpuModel long_ctx(fp.file->hp, pw, fp.file->map.bytes(), 64), short_ctx(fp.file->hp, pw, fp.file->map.bytes(), 16);
    auto ll = long_ctx.forward(tokens, 0, false), ls = short_ctx.forward(tokens, 0, false);
    ASSERT_TRUE(ll && ls);
    EXPECT_NE(*ll, *ls);

    // granite: the four multipliers (logits divided by logit_scale), RoPE normal.
    RandomModelSpec g;
    g.arch = "granite";
    g.embedding_scale = 12.f;
    g.residual_scale = 0.22f;
    g.attention_scale = 0.0078125f;
    g.logit_scale = 8.f;
    TinyFile fg;
    ASSERT_NO_FATAL_FAILURE(write_tiny("hp-granite", g, fg));
    const HParams& hg = fg.file->hp;
    EXPECT_FLOAT_EQ(hg.embd_scale, 12.f);
    EXPECT_FLOAT_EQ(hg.residual_scale, 0.22f);
    EXPECT_FLOAT_EQ(hg.attn_scale, 0.0078125f);
    EXPECT_FLOAT_EQ(hg.logit_scale, 1.f / 8.f);
    EXPECT_EQ(hg.rope_mode, RopeMode::Normal);

    // smollm3: layers 3, 7, 11 without RoPE.
    RandomModelSpec m;
    m.arch = "smollm3";
    m.n_layer = 12;
    m.n_embd = 64;
    m.n_ff = 64;
    m.n_vocab = 16;
    TinyFile fm;
    ASSERT_NO_FATAL_FAILURE(write_tiny("hp-smollm3", m, fm));
    for (uint32_t l = 0; l < 12; ++l) EXPECT_EQ(fm.file->hp.layer_attn[l].rope, (l + 1) % 4 != 0) << l;

    // mistral3: the temperature floor is the original context; YaRN betas from the file.
    RandomModelSpec m3;
    m3.arch = "mistral3";
    m3.rope_yarn_factor = 16.f;
    m3.n_ctx_orig = 16384;
    m3.yarn_beta_fast = 16.f;
    m3.attn_temp_scale = 0.1f;
    TinyFile f3;
    ASSERT_NO_FATAL_FAILURE(write_tiny("hp-mistral3", m3, f3));
    const HParams& h3 = f3.file->hp;
    EXPECT_EQ(h3.attn_temp_floor, 16384u);
    EXPECT_FLOAT_EQ(h3.attn_temp_scale, 0.1f);
    // corr(16) = 64 ln(16384 / (32 pi)) / (2 ln 10000) = 17.84 -> 17
    EXPECT_FLOAT_EQ(h3.layer_attn[0].corr_low, 17.f);
    EXPECT_NEAR(ref::attn_temperature(40000, 0.1f, 16384), std::log(3.0f) * 0.1f + 1, 1e-6);
    EXPECT_FLOAT_EQ(ref::attn_temperature(16383, 0.1f, 16384), 1.f);

    // falcon: parallel block of LayerNorms, plain GELU; bloom: LayerNorm, no RoPE, ALiBi 8.
    RandomModelSpec f;
    f.arch = "falcon";
    TinyFile ff;
    ASSERT_NO_FATAL_FAILURE(write_tiny("hp-falcon", f, ff));
    const HParams& hf = ff.file->hp;
    EXPECT_TRUE(hf.block == BlockKind::Parallel && hf.norm == NormKind::Layer && !hf.ffn_gated && hf.rope_mode == RopeMode::Neox);
    EXPECT_FLOAT_EQ(hf.norm_eps, 1e-5f);
    f.arch = "bloom";
    TinyFile fb;
    ASSERT_NO_FATAL_FAILURE(write_tiny("hp-bloom", f, fb));
    const HParams& hb = fb.file->hp;
    EXPECT_TRUE(hb.block == BlockKind::PreNorm && hb.norm == NormKind::Layer && !hb.ffn_gated);
    EXPECT_FLOAT_EQ(hb.alibi_max_bias, 8.f);
    for (const auto& la : hb.layer_attn) EXPECT_FALSE(la.rope);
    EXPECT_TRUE(fb.file->weights.token_embd_norm && fb.file->weights.layers[0].wqkv && fb.file->weights.layers[0].bqkv);
}

// ALiBi slopes as ggml computes them: 6 heads -> 2^floor(log2 6) = 4, m0 = 2^(-8/4), m1 = 2^(-4/4):
// 0.25, 0.0625, 0.015625, 0.00390625, then m1^1, m1^3.
TEST(NewArchReference, AlibiSlopesForNonPowerOfTwoHeads) {
    const float want6[] = {0.25f, 0.0625f, 0.015625f, 0.00390625f, 0.5f, 0.125f};
    for (uint32_t h = 0; h < 6; ++h) EXPECT_FLOAT_EQ(alibi_slope(h, 6, 8.f), want6[h]) << h;
    // 8 heads: all of the first series, m0 = 2^-1.
    for (uint32_t h = 0; h < 8; ++h) EXPECT_FLOAT_EQ(alibi_slope(h, 8, 8.f), std::pow(0.5f, float(h + 1))) << h;
    EXPECT_FLOAT_EQ(alibi_slope(3, 8, 0.f), 0.f);
}

// The fused QKV is used as stored: a model with attn_qkv and the same model with it cut into
// attn_q, attn_k, attn_v (rows q, then k, then v, as llama.cpp's views read it) give the same
// logits: bit for bit on the CPU reference (the same products), within the tolerance between the
// two Vulkan recordings (one matvec and strided reads against three).
TEST(NewArchReference, FusedQkvEqualsTheSplitTensors) {
    RandomModelSpec s;
    s.type = "q8_0";  // rows of whole blocks: the cut is a byte range
    s.fused_qkv = true;
    s.qkv_bias = true;
    s.n_head_kv = 1;
    TinyFile fused;
    ASSERT_NO_FATAL_FAILURE(write_tiny("fused-qkv", s, fused));
    const Gguf& g = fused.file->gguf;
    const uint64_t E = s.n_embd, D = E / s.n_head, Q = D * s.n_head, KV = D * s.n_head_kv;
    GgufWriter w;
    for (const auto& [key, value] : g.metadata) w.set_value(key, value);
    auto bytes_of = [&](const TensorInfo& t, uint64_t begin, uint64_t n) {
        const uint8_t* p = fused.file->map.bytes().data() + t.file_offset + begin;
        return std::vector<uint8_t>(p, p + n);
    };
    for (const TensorInfo& t : g.tensors) {
        const size_t at = t.name.find("attn_qkv.");
        if (at == std::string::npos) {
            w.add_tensor(t.name, t.dims, t.type, bytes_of(t, 0, t.n_bytes));
            continue;
        }
        const std::string prefix = t.name.substr(0, at), suffix = t.name.substr(at + 9);  // "weight" / "bias"
        const bool matrix = t.dims.size() == 2;
        const uint64_t row = matrix ? *row_bytes(t.type, t.dims[0]) : 4;
        uint64_t first = 0;
        for (auto [part, rows] : {std::pair{"attn_q.", Q}, std::pair{"attn_k.", KV}, std::pair{"attn_v.", KV}}) {
            std::vector<uint64_t> dims = matrix ? std::vector<uint64_t>{E, rows} : std::vector<uint64_t>{rows};
            w.add_tensor(prefix + part + suffix, dims, t.type, bytes_of(t, first * row, rows * row));
            first += rows;
        }
    }
    TinyFile split;
    split.path = fused.path + ".split.gguf";
    ASSERT_TRUE(w.write(split.path));
    auto mf = ModelFile::open(split.path);
    ASSERT_TRUE(mf) << mf.error().message;
    split.file = std::move(*mf);
    ASSERT_TRUE(fused.file->weights.layers[0].wqkv && !split.file->weights.layers[0].wqkv && split.file->weights.layers[0].bq);

    const std::vector<int32_t> tokens = {1, 17, 250, 3, 99, 42, 7, 8, 200};
    CpuModel a(fused.file->hp, fused.file->weights, fused.file->map.bytes(), 32);
    CpuModel b(split.file->hp, split.file->weights, split.file->map.bytes(), 32);
    auto la = a.forward(tokens, 0, true), lb = b.forward(tokens, 0, true);
    ASSERT_TRUE(la && lb);
    EXPECT_EQ(*la, *lb);

    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    std::vector<float> got[2];
    int i = 0;
    for (const TinyFile* f : {&fused, &split}) {
        auto m = VkModel::create(**dev, *f->file, VkModelOptions{32, 4});
        ASSERT_TRUE(m) << m.error().message;
        auto pre = (*m)->forward(std::span(tokens).first(6), 0, true);
        ASSERT_TRUE(pre) << pre.error().message;
        got[i] = *pre;
        for (uint32_t t = 6; t < tokens.size(); ++t) {
            auto step = (*m)->forward(std::span(tokens).subspan(t, 1), t, false);
            ASSERT_TRUE(step) << step.error().message;
            got[i].insert(got[i].end(), step->begin(), step->end());
        }
        ++i;
    }
    const Agreement ag = compare(got[0], got[1], fused.file->hp.n_vocab);
    std::printf("fused vs split QKV on Vulkan: max|dlogit| / max|logit| = %.2e, argmax %zu/%zu\n", ag.rel, ag.argmax, ag.rows);
    EXPECT_LE(ag.rel, 2e-3);
    EXPECT_EQ(ag.argmax, ag.rows);
}
