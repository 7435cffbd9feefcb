// Tiny random qwen35 models (Gated DeltaNet layers between gated full-attention ones): Vulkan
// logits against the CPU reference (the prompt in batches of 4, then single-token decode),
// batches then decode equal to one batch, a prompt split by a batch limit of 3, and the
// recurrent state's rules and bytes on the device. Tolerance as test_vk_models: max |vk - cpu|
// <= 2e-3 * max |cpu|.
#include "model/cpu_model.h"
#include "model/vk_model.h"
#include "tiny_model.h"

#include <gtest/gtest.h>

using namespace causerie;
using test::Agreement;
using test::compare;
using test::TinyFile;
using test::write_tiny;

namespace {

struct Case {
    std::string name;
    RandomModelSpec spec;
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
        auto saved = b->save_recurrent_state();
        ASSERT_TRUE(saved) << saved.error().message;
        ASSERT_EQ(saved->size(), b->recurrent_state_bytes());
        auto first = b->forward(tail, 6, true);
        ASSERT_TRUE(first) << first.error().message;
        EXPECT_FALSE(b->can_resume(6));
        ASSERT_TRUE(b->restore_recurrent_state(*saved, 6));
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
        EXPECT_FALSE(b->restore_recurrent_state(std::span(*saved).first(saved->size() - 4), 6));
    }
}
