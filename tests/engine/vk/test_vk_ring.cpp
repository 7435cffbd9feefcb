// The ring-buffer KV cache of sliding-window layers (engine/model/kv_ring.h) on tiny random
// gemma2 / gemma3 models with small windows over more than 2048 positions, so that every ring
// wraps many times:
// - the CPU reference with rings equals the reference with full-context caches, bit for bit;
// - Vulkan, the prompt in batches of awkward sizes (straddling the wrap, larger than the window)
//   then single-token decode past 2048, against that full-cache reference (tolerance of
//   test_vk_models.cpp: 2e-3 of max |logit|), and against one Vulkan batch of everything (whose
//   cache is not a ring: it is as long as the context);
// - a forward that would start where a ring no longer holds the window is refused, one within
//   its reach gives the logits of a fresh evaluation.
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
#include <random>
#include <unistd.h>

using namespace causerie;
using test::Agreement;
using test::compare;
using test::TinyFile;
using test::write_tiny;

namespace {

struct RingCase {
    std::string name;
    RandomModelSpec spec;
};

// gemma3: 7 layers (5 local, 1 global, 1 local), window 8, QK norms, two RoPE bases; gemma2:
// 3 layers (local, global, local), window 16, both soft-caps bending the scores. Narrow (embd
// 128, two heads of 64 on one KV head) so that the CPU reference runs 2200 positions quickly.
RandomModelSpec narrow(const char* arch, const char* type, uint32_t layers) {
    RandomModelSpec s;
    s.arch = arch;
    s.type = type;
    s.n_layer = layers;
    s.n_embd = 128;
    s.n_head = 2;
    s.n_head_kv = 1;
    s.head_dim = 64;
    s.n_ff = 256;
    s.n_vocab = 300;
    return s;
}

std::vector<RingCase> ring_cases() {
    RandomModelSpec g3 = narrow("gemma3", "q8_0", 7);
    g3.sliding_window = 8;
    g3.rope_base = 1e6f;
    g3.rope_base_swa = 10000.f;
    RandomModelSpec g2 = narrow("gemma2", "q4_0", 3);
    g2.sliding_window = 16;
    g2.attn_softcap = 2.f;
    g2.final_softcap = 3.f;
    return {{"gemma3_q8_0_swa8", g3}, {"gemma2_q4_0_swa16_caps", g2}};
}

constexpr uint32_t kCtx = 2304;     // positions 0 .. 2199 evaluated: past 2048
constexpr uint32_t kTokens = 2200;
constexpr uint32_t kDecoded = 24;   // the last ones one at a time (positions 2176 .. 2199)
constexpr uint32_t kBatch = 64;     // Vulkan rings of window + 64 rows

std::vector<int32_t> random_tokens(uint32_t n, uint32_t vocab) {
    std::mt19937 rng(77);
    std::vector<int32_t> t(n);
    for (auto& x : t) x = int32_t(rng() % vocab);
    return t;
}

// The prompt in batches of these sizes (cycled; none above kBatch), then single tokens: with
// rings of window + 64 rows, batches cross the wrap at every multiple of the ring size, and most
// are larger than the window.
std::vector<float> vulkan_logits(VkModel& m, const std::vector<int32_t>& tokens, std::string& error) {
    const uint32_t sizes[] = {5, 64, 3, 40, 64, 17, 1, 33, 64, 9};
    std::vector<float> out;
    uint32_t pos = 0, k = 0;
    const uint32_t prompt = uint32_t(tokens.size()) - kDecoded;
    while (pos < prompt) {
        const uint32_t n = std::min(sizes[k++ % std::size(sizes)], prompt - pos);
        auto r = m.forward(std::span(tokens).subspan(pos, n), pos, true);
        if (!r) return error = r.error().message, out;
        out.insert(out.end(), r->begin(), r->end());
        pos += n;
    }
    for (; pos < tokens.size(); ++pos) {
        auto r = m.forward(std::span(tokens).subspan(pos, 1), pos, false);
        if (!r) return error = r.error().message, out;
        out.insert(out.end(), r->begin(), r->end());
    }
    return out;
}

void PrintTo(const RingCase& c, std::ostream* os) { *os << c.name; }

class RingCache : public ::testing::TestWithParam<RingCase> {};

}  // namespace

TEST_P(RingCache, CpuRingEqualsFullCacheAndVulkanMatchesPastTheWrap) {
    const RingCase& rc = GetParam();
    TinyFile tf;
    ASSERT_NO_FATAL_FAILURE(write_tiny(rc.name, rc.spec, tf));
    const HParams& h = tf.file->hp;
    const size_t V = h.n_vocab;
    const auto tokens = random_tokens(kTokens, h.n_vocab);

    // CPU: rings of window + 1 rows (one token at a time) against full-context caches.
    CpuModel ring(h, tf.file->weights, tf.file->map.bytes(), kCtx), full(h, tf.file->weights, tf.file->map.bytes(), kCtx, false);
    uint32_t n_local = 0;
    for (uint32_t l = 0; l < h.n_layer; ++l) {
        const uint32_t w = h.layer_attn[l].window;
        n_local += w > 0;
        EXPECT_EQ(ring.kv_rows(l), w ? w + 1 : kCtx) << "layer " << l;
        EXPECT_EQ(full.kv_rows(l), kCtx) << "layer " << l;
    }
    ASSERT_GT(n_local, 0u);
    ASSERT_LT(n_local, h.n_layer);
    EXPECT_LT(ring.device_bytes(), full.device_bytes());
    auto want = full.forward(tokens, 0, true);
    ASSERT_TRUE(want) << want.error().message;
    auto cpu_ring = ring.forward(tokens, 0, true);
    ASSERT_TRUE(cpu_ring) << cpu_ring.error().message;
    EXPECT_EQ(*cpu_ring, *want) << "the CPU reference's rings differ from its full caches";

    // Vulkan: rings of window + 64 rows, prompt in batches then decode.
    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    auto vring = VkModel::create(**dev, *tf.file, VkModelOptions{kCtx, kBatch});
    ASSERT_TRUE(vring) << vring.error().message;
    for (uint32_t l = 0; l < h.n_layer; ++l) {
        const uint32_t w = h.layer_attn[l].window;
        EXPECT_EQ((*vring)->kv_rows(l), w ? w + kBatch : kCtx) << "layer " << l;
    }
    const uint64_t row_bytes = 2ull * h.kv_dim() * 2;
    EXPECT_EQ((*vring)->kv_bytes(), row_bytes * (uint64_t(h.n_layer - n_local) * kCtx + uint64_t(n_local) * (h.sliding_window + kBatch)));
    EXPECT_EQ((*vring)->full_context_kv_bytes(), row_bytes * h.n_layer * kCtx);
    std::string err;
    const auto got = vulkan_logits(**vring, tokens, err);
    ASSERT_TRUE(err.empty()) << err;
    ASSERT_EQ(got.size(), want->size());
    const Agreement all = compare(got, *want, V), late = compare(got, *want, V, 2048);
    std::printf("%-24s Vulkan ring vs CPU full cache: max|dlogit| / max|logit| = %.2e, argmax %zu/%zu (past 2048: %.2e, %zu/%zu)\n",
                rc.name.c_str(), all.rel, all.argmax, all.rows, late.rel, late.argmax, late.rows);
    EXPECT_LE(all.rel, 2e-3) << rc.name;
    EXPECT_GE(double(all.argmax), 0.99 * double(all.rows)) << rc.name;

    // The same batches with full-context caches on Vulkan: the ring changes where a row lives,
    // not what is computed.
    vring->reset();
    auto vfull_opts = VkModelOptions{kCtx, kBatch};
    vfull_opts.ring = false;
    auto vfull = VkModel::create(**dev, *tf.file, vfull_opts);
    ASSERT_TRUE(vfull) << vfull.error().message;
    const auto got_full = vulkan_logits(**vfull, tokens, err);
    ASSERT_TRUE(err.empty()) << err;
    const Agreement same = compare(got, got_full, V);
    std::printf("%-24s Vulkan ring vs Vulkan full cache, same batches: max|dlogit| / max|logit| = %.2e, argmax %zu/%zu\n",
                rc.name.c_str(), same.rel, same.argmax, same.rows);
    EXPECT_EQ(got, got_full) << rc.name;
    vfull->reset();

    // One batch of every token (a cache as long as the context: max_batch + window > context).
    auto whole = VkModel::create(**dev, *tf.file, VkModelOptions{kCtx, kCtx});
    ASSERT_TRUE(whole) << whole.error().message;
    EXPECT_EQ((*whole)->kv_bytes(), (*whole)->full_context_kv_bytes());
    auto one = (*whole)->forward(tokens, 0, true);
    ASSERT_TRUE(one) << one.error().message;
    const Agreement ob = compare(got, *one, V);
    std::printf("%-24s Vulkan ring batches+decode vs one batch: max|dlogit| / max|logit| = %.2e, argmax %zu/%zu\n", rc.name.c_str(),
                ob.rel, ob.argmax, ob.rows);
    EXPECT_LE(ob.rel, 2e-3) << rc.name;
    EXPECT_GE(double(ob.argmax), 0.99 * double(ob.rows)) << rc.name;
}

// After positions [0, 300), a ring of window + 64 rows (Vulkan) or window + 1 (CPU) holds
// only the newest: starting again at 150 would attend to positions the ring has overwritten,
// and is refused with an error; a start within its reach gives the logits of a fresh
// evaluation of the same tokens; and position 0 is always a fresh start.
TEST_P(RingCache, RewindPastTheRingIsRefusedWithinItsReachReused) {
    const RingCase& rc = GetParam();
    TinyFile tf;
    ASSERT_NO_FATAL_FAILURE(write_tiny(rc.name + "-rewind", rc.spec, tf));
    const HParams& h = tf.file->hp;
    const size_t V = h.n_vocab;
    const uint32_t n = 300;
    const auto tokens = random_tokens(n, h.n_vocab);
    auto other = random_tokens(n, h.n_vocab);
    std::reverse(other.begin(), other.end());

    CpuModel fresh(h, tf.file->weights, tf.file->map.bytes(), 512, false);
    auto want = fresh.forward(tokens, 0, true);
    ASSERT_TRUE(want) << want.error().message;

    // CPU reference: after 300 positions the rings (W + 1 rows) hold [300 - W - 1, 300).
    CpuModel cpu(h, tf.file->weights, tf.file->map.bytes(), 512);
    ASSERT_TRUE(cpu.forward(other, 0, false));
    EXPECT_TRUE(cpu.can_resume(0));
    EXPECT_FALSE(cpu.can_resume(150));
    EXPECT_FALSE(cpu.can_resume(n + 1));  // past what was evaluated
    auto refused = cpu.forward(std::span(tokens).subspan(150, 1), 150, false);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("sliding-window cache"), std::string::npos) << refused.error().message;
    // Within reach: the rings hold [n - W - 1, n), what a start at n - 2 or later sees (not
    // n - 3: its first visible position n - W - 2 is gone).
    ASSERT_TRUE(cpu.forward(std::span(tokens), 0, false));
    EXPECT_TRUE(cpu.can_resume(n - 1));
    EXPECT_TRUE(cpu.can_resume(n - 2));
    EXPECT_FALSE(cpu.can_resume(n - 3));
    auto again = cpu.forward(std::span(tokens).subspan(n - 1, 1), n - 1, true);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_TRUE(std::equal(again->begin(), again->end(), want->end() - V));

    // Vulkan: rings of W + 64 rows hold [300 - W - 64, 300): a start at p sees [p - W + 1, p),
    // so 300 - 64 - 1 is the earliest one within reach.
    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    auto vm = VkModel::create(**dev, *tf.file, VkModelOptions{512, kBatch});
    ASSERT_TRUE(vm) << vm.error().message;
    ASSERT_TRUE((*vm)->forward(other, 0, false));
    EXPECT_FALSE((*vm)->can_resume(150));
    auto vrefused = (*vm)->forward(std::span(tokens).subspan(150, 1), 150, false);
    ASSERT_FALSE(vrefused);
    EXPECT_NE(vrefused.error().message.find("sliding-window cache"), std::string::npos) << vrefused.error().message;
    ASSERT_TRUE((*vm)->forward(tokens, 0, false));
    EXPECT_TRUE((*vm)->can_resume(n - kBatch - 1));
    EXPECT_FALSE((*vm)->can_resume(n - kBatch - 2));
    const uint32_t from = n - kBatch - 1;  // 65 tokens: batches of 64 and 1
    auto vagain = (*vm)->forward(std::span(tokens).subspan(from), from, true);
    ASSERT_TRUE(vagain) << vagain.error().message;
    const std::vector<float> tail(want->end() - ptrdiff_t(size_t(n - from) * V), want->end());
    const Agreement a = compare(*vagain, tail, V);
    std::printf("%-24s Vulkan resumed within the ring's reach vs fresh CPU: max|dlogit| / max|logit| = %.2e, argmax %zu/%zu\n",
                rc.name.c_str(), a.rel, a.argmax, a.rows);
    EXPECT_LE(a.rel, 2e-3);
    EXPECT_GE(double(a.argmax), 0.95 * double(a.rows));  // f16 keys: a near-tie may flip
}

INSTANTIATE_TEST_SUITE_P(Gemma, RingCache, ::testing::ValuesIn(ring_cases()),
                         [](const auto& param_info) { return param_info.param.name; });
