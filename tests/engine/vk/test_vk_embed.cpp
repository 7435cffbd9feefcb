// Embedding models as tiny random files from our GGUF writer: bert (absolute positions, token
// types, biases, GELU), nomic-bert (RoPE, fused QKV, SwiGLU) and a qwen3 with last-token pooling.
// The final hidden states on Vulkan against the CPU reference (max |vk - cpu| <= 2e-3 * max |cpu|:
// the GPU keeps K/V in f16); the encoders' attention seeing the whole sequence (the first
// token's state depends on the last token) and the decoder's not; each pooling against the
// pooled reference rows; and many texts embedded together giving the vectors of one at a time.
#include "embedder.h"
#include "model/cpu_model.h"
#include "model/pooling.h"
#include "model/vk_model.h"
#include "tiny_model.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace causerie;
using test::TinyFile;
using test::write_tiny;

namespace {

struct EmbedCase {
    std::string name;
    RandomModelSpec spec;
};

std::vector<EmbedCase> cases() {
    std::vector<EmbedCase> out;
    RandomModelSpec bert;
    bert.arch = "bert";
    bert.n_embd = 64;
    bert.n_head = 4;
    bert.n_head_kv = 4;
    bert.n_ff = 128;
    bert.n_vocab = 300;
    bert.n_ctx = 64;
    bert.type = "f32";
    out.push_back({"bert_f32", bert});
    bert.type = "q8_0";
    bert.fused_qkv = true;
    bert.n_layer = 3;
    out.push_back({"bert_q8_0_fused_qkv", bert});
    RandomModelSpec nomic = bert;
    nomic.arch = "nomic-bert";
    nomic.type = "f16";
    nomic.fused_qkv = true;
    nomic.n_layer = 2;
    out.push_back({"nomic_bert_f16", nomic});
    RandomModelSpec qwen;
    qwen.arch = "qwen3";
    qwen.n_embd = 64;
    qwen.n_head = 4;
    qwen.n_head_kv = 2;
    qwen.n_ff = 128;
    qwen.n_vocab = 300;
    qwen.n_ctx = 64;
    qwen.type = "q8_0";
    qwen.pooling = 3;  // last, as Qwen3-Embedding
    out.push_back({"qwen3_q8_0_last", qwen});
    return out;
}

std::vector<int32_t> some_tokens(uint32_t n, uint32_t vocab, uint32_t seed) {
    std::vector<int32_t> t;
    for (uint32_t i = 0; i < n; ++i) t.push_back(int32_t((seed * 131 + i * 37 + 7) % vocab));
    return t;
}

double rel_diff(const std::vector<float>& a, const std::vector<float>& b) {
    double max_ref = 0, max_diff = 0;
    for (size_t i = 0; i < b.size(); ++i) {
        max_ref = std::max(max_ref, double(std::fabs(b[i])));
        max_diff = std::max(max_diff, double(std::fabs(a[i] - b[i])));
    }
    return max_diff / max_ref;
}

class EmbedModels : public ::testing::TestWithParam<EmbedCase> {};

TEST_P(EmbedModels, VulkanHiddenStatesMatchCpuReference) {
    const EmbedCase& c = GetParam();
    TinyFile f;
    write_tiny(c.name, c.spec, f);
    if (HasFatalFailure()) return;
    const ModelFile& file = *f.file;
    const bool encoder = c.spec.arch != "qwen3";
    EXPECT_EQ(file.hp.causal, !encoder);
    EXPECT_EQ(file.hp.pooling, encoder ? Pooling::Mean : Pooling::Last);
    CpuModel cpu(file.hp, file.weights, file.map.bytes(), 64);
    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    auto vk = VkModel::create(**dev, file, VkModelOptions{64, 64});
    ASSERT_TRUE(vk) << vk.error().message;
    // A 13-token sequence, then a shorter one (rows left in the cache by the first must not count)
    // and a single token.
    for (uint32_t n : {13u, 5u, 1u}) {
        const auto tokens = some_tokens(n, file.hp.n_vocab, n);
        auto want = cpu.hidden(tokens);
        ASSERT_TRUE(want) << want.error().message;
        auto got = (*vk)->hidden(tokens);
        ASSERT_TRUE(got) << got.error().message;
        ASSERT_EQ(got->size(), size_t(n) * file.hp.n_embd);
        const double rel = rel_diff(*got, *want);
        std::printf("%-22s %2u tokens: max|dh| / max|h| = %.2e\n", c.name.c_str(), n, rel);
        EXPECT_LE(rel, 2e-3) << c.name << " n=" << n;
    }
    // Logits are refused for encoders (no output matrix).
    if (encoder) {
        EXPECT_FALSE(cpu.forward(some_tokens(3, file.hp.n_vocab, 1), 0, false));
    }
}

TEST_P(EmbedModels, AttentionSeesTheWholeSequenceOnlyInEncoders) {
    const EmbedCase& c = GetParam();
    TinyFile f;
    write_tiny(c.name + "_mask", c.spec, f);
    if (HasFatalFailure()) return;
    const ModelFile& file = *f.file;
    const uint32_t E = file.hp.n_embd;
    auto a = some_tokens(9, file.hp.n_vocab, 2), b = a;
    b.back() = (b.back() + 1) % int32_t(file.hp.n_vocab);  // only the last token differs
    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    auto vk = VkModel::create(**dev, file, VkModelOptions{64, 64});
    ASSERT_TRUE(vk) << vk.error().message;
    CpuModel cpu(file.hp, file.weights, file.map.bytes(), 64);
    for (int backend = 0; backend < 2; ++backend) {
        auto ha = backend ? (*vk)->hidden(a) : cpu.hidden(a);
        auto hb = backend ? (*vk)->hidden(b) : cpu.hidden(b);
        ASSERT_TRUE(ha && hb);
        // The first token's state: changed by the last token only when attention is non-causal.
        double first = 0;
        for (uint32_t i = 0; i < E; ++i) first = std::max(first, double(std::fabs((*ha)[i] - (*hb)[i])));
        if (file.hp.causal) {
            EXPECT_EQ(first, 0.0) << c.name << (backend ? " vulkan" : " cpu");
        } else {
            EXPECT_GT(first, 1e-3) << c.name << (backend ? " vulkan" : " cpu");
        }
    }
}

TEST_P(EmbedModels, PoolingVariantsAndBatchingOfManyTexts) {
    const EmbedCase& c = GetParam();
    TinyFile f;
    write_tiny(c.name + "_pool", c.spec, f);
    if (HasFatalFailure()) return;
    const uint32_t E = f.file->hp.n_embd;
    const std::vector<std::string> texts{"the package update", "mise a jour du systeme", "a", "file system, network; debian!",
                                         "de la", "t3 t4 t5 t6 t7 t8 t9 t10 t11"};
    for (bool cpu : {true, false}) {
        for (Pooling p : {Pooling::Mean, Pooling::Cls, Pooling::Last}) {
            EmbedderOptions o;
            o.model_path = f.path;
            o.cpu = cpu;
            o.max_tokens = 64;
            o.pooling = p;
            auto e = Embedder::load(o);
            ASSERT_TRUE(e) << e.error().message;
            EXPECT_EQ((*e)->pooling(), p);
            // Many texts at once, and each alone after them (the cache holds the others' rows)
            auto all = (*e)->embed(texts);
            ASSERT_TRUE(all) << all.error().message;
            ASSERT_EQ(all->size(), texts.size() * E);
            for (size_t t = 0; t < texts.size(); ++t) {
                const std::vector<std::string> one{texts[t]};
                auto alone = (*e)->embed(one);
                ASSERT_TRUE(alone) << alone.error().message;
                const std::vector<float> batched(all->begin() + long(t * E), all->begin() + long((t + 1) * E));
                EXPECT_LE(rel_diff(batched, *alone), 1e-6) << c.name << " text " << t;
                // Pooled by hand from the hidden states, normalized: the same vector, of norm 1
                const auto ids = (*e)->tokens(texts[t]);
                auto h = (*e)->hidden(ids);
                ASSERT_TRUE(h) << h.error().message;
                std::vector<float> want = pool(h->data(), uint32_t(ids.size()), E, p);
                l2_normalize(want.data(), E);
                EXPECT_LE(rel_diff(batched, want), 1e-6) << c.name << " " << pooling_name(p);
                double norm = 0;
                for (float x : batched) norm += double(x) * x;
                EXPECT_NEAR(norm, 1.0, 1e-5);
            }
            // Mean pooling is the average of the rows: check one against the rows themselves.
            if (p == Pooling::Mean) {
                const auto ids = (*e)->tokens(texts[0]);
                auto h = (*e)->hidden(ids);
                ASSERT_TRUE(h);
                std::vector<float> mean(E, 0.f);
                for (size_t r = 0; r < ids.size(); ++r)
                    for (uint32_t i = 0; i < E; ++i) mean[i] += (*h)[r * E + i] / float(ids.size());
                l2_normalize(mean.data(), E);
                const std::vector<float> first(all->begin(), all->begin() + E);
                EXPECT_LE(rel_diff(first, mean), 1e-5);
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Tiny, EmbedModels, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<EmbedCase>& i) { return i.param.name; });

TEST(EmbedPooling, PoolsAsDefined) {
    const std::vector<float> h{1, 2, 3, 4, 5, 6};  // 3 rows of 2
    EXPECT_EQ(pool(h.data(), 3, 2, Pooling::Cls), (std::vector<float>{1, 2}));
    EXPECT_EQ(pool(h.data(), 3, 2, Pooling::Last), (std::vector<float>{5, 6}));
    EXPECT_EQ(pool(h.data(), 3, 2, Pooling::Mean), (std::vector<float>{3, 4}));
    EXPECT_EQ(pool(h.data(), 3, 2, Pooling::None), h);
    std::vector<float> v{3, 4};
    l2_normalize(v.data(), 2);
    EXPECT_FLOAT_EQ(v[0], 0.6f);
    EXPECT_FLOAT_EQ(v[1], 0.8f);
    std::vector<float> z{0, 0};
    l2_normalize(z.data(), 2);
    EXPECT_EQ(z, (std::vector<float>{0, 0}));
}

TEST(EmbedModelFile, EncoderHyperparametersAndTensors) {
    RandomModelSpec s;
    s.arch = "bert";
    s.n_embd = 32;
    s.n_head = 2;
    s.n_head_kv = 2;
    s.n_ff = 64;
    s.n_ctx = 16;
    auto w = make_random_model(s);
    ASSERT_TRUE(w);
    auto bytes = w->bytes();
    auto g = parse_gguf(bytes);
    ASSERT_TRUE(g) << g.error().message;
    auto hp = read_hparams(*g);
    ASSERT_TRUE(hp) << hp.error().message;
    EXPECT_EQ(hp->block, BlockKind::PostNorm);
    EXPECT_EQ(hp->n_token_types, 2u);
    EXPECT_TRUE(hp->abs_positions);
    auto weights = find_weights(*g, *hp);
    ASSERT_TRUE(weights) << weights.error().message;
    EXPECT_EQ(weights->output, nullptr);
    EXPECT_NE(weights->position_embd, nullptr);
    // pooling_type as llama.cpp numbers it: -1 (unspecified) is none, 4 (rank: rerankers) refused
    for (int p : {-1, 0, 1, 2, 3, 4}) {
        RandomModelSpec sp = s;
        sp.arch = "qwen3";
        sp.pooling = p;
        auto wp = make_random_model(sp);
        ASSERT_TRUE(wp);
        auto bp = wp->bytes();
        auto gp = parse_gguf(bp);
        ASSERT_TRUE(gp);
        auto hpp = read_hparams(*gp);
        if (p == 4) {
            ASSERT_FALSE(hpp);
            EXPECT_NE(hpp.error().message.find("pooling type 4"), std::string::npos) << hpp.error().message;
            continue;
        }
        ASSERT_TRUE(hpp) << hpp.error().message;
        EXPECT_EQ(hpp->pooling, p <= 0 ? Pooling::None : Pooling(p));
        EXPECT_TRUE(hpp->causal);
    }
}

}  // namespace
