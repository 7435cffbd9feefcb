// Tiny random models of every architecture and weight type: Vulkan logits (prefill split into
// batches, then single-token decode) against the CPU reference.
// Tolerance: max |vk - cpu| <= 2e-3 * max |cpu| over every position (the GPU keeps K/V in f16;
// observed on lavapipe and an NVIDIA H200: 2.5e-4 to 7e-4).
#include "model/cpu_model.h"
#include "model/model_file.h"
#include "model/random_model.h"
#include "model/vk_model.h"
#include "test_util.h"

#include <gtest/gtest.h>

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
    for (const char* type : {"f32", "f16", "bf16", "q4_0", "q4_1", "q5_0", "q5_1", "q8_0", "q2_k", "q3_k", "q4_k", "q5_k", "q6_k", "q4_k_m"}) {
        RandomModelSpec s;
        s.type = type;
        s.n_vocab = 300;
        out.push_back({std::string("llama_") + type, s});
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
