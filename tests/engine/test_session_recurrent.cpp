// The session on a model with a recurrent state (qwen35, and qwen35moe with its experts: Gated
// DeltaNet layers), on the CPU
// reference and on Vulkan: a three-turn chat continues without re-evaluating, an edit of turn 2
// resumes from the checkpoint at the end of turn 1's reply and a regenerate from the one before
// the prompt's last token (the evaluated tokens counted), each giving a fresh session's reply;
// the checkpoints stay within their bound.
#include "model/model_file.h"
#include "model/random_model.h"
#include "session.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <tuple>
#include <unistd.h>

using namespace causerie;

namespace {

// qwen35 of random weights with stories260K's vocabulary: 3 DeltaNet layers and 1 full; with
// moe, qwen35moe: each FFN 6 experts (2 used) and a shared expert.
struct Qwen35Model {
    std::string path;
    explicit Qwen35Model(bool moe = false) {
        path = (std::filesystem::temp_directory_path() / ("causerie-" + std::to_string(::getpid()) + (moe ? "-qwen35moe.gguf" : "-qwen35.gguf"))).string();
        auto vocab = ModelFile::open(test::shared_path("models/stories260K.gguf"));
        EXPECT_TRUE(vocab) << vocab.error().message;
        if (!vocab) return;
        RandomModelSpec s;
        s.arch = moe ? "qwen35moe" : "qwen35";
        s.type = "q8_0";
        if (moe) {
            s.n_expert = 6;
            s.n_expert_used = 2;
            s.n_ff_exp = 64;
        }
        s.n_embd = 64;
        s.n_layer = 4;
        s.n_head = 4;
        s.n_head_kv = 2;
        s.head_dim = 16;
        s.n_ff = 96;
        s.ssm_state = 16;
        s.ssm_k_heads = 2;
        s.ssm_v_heads = 4;
        s.n_ctx = 512;
        s.vocab = &(*vocab)->gguf;
        auto w = make_random_model(s);
        EXPECT_TRUE(w) << w.error().message;
        if (w) {
            EXPECT_TRUE(w->write(path));
        }
    }
    ~Qwen35Model() { std::filesystem::remove(path); }
    std::unique_ptr<Session> open(bool cpu, uint32_t max_checkpoints = 8) const {
        SessionOptions o;
        o.model_path = path;
        o.n_ctx = 256;
        o.max_batch = 16;
        o.cpu = cpu;
        o.n_keep = 4;
        o.max_checkpoints = max_checkpoints;
        auto s = Session::load(o);
        EXPECT_TRUE(s) << s.error().message;
        return s ? std::move(*s) : nullptr;
    }
};

GenerateParams greedy(int n) {
    GenerateParams p;
    p.max_tokens = n;
    p.sampling.temperature = 0;
    p.sampling.repeat_penalty = 1;
    return p;
}

std::vector<int32_t> words(size_t n, int32_t salt) {
    std::vector<int32_t> p(n);
    for (size_t i = 0; i < n; ++i) p[i] = int32_t(3 + (i * 7 + size_t(salt) * 13) % 500);
    return p;
}

std::vector<int32_t> cat(std::vector<int32_t> a, const std::vector<int32_t>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

}  // namespace

// (on the CPU reference or Vulkan, qwen35 or qwen35moe)
class SessionRecurrent : public ::testing::TestWithParam<std::tuple<bool, bool>> {};

TEST_P(SessionRecurrent, EditAndRegenerateResumeFromCheckpoints) {
    const auto [cpu, moe] = GetParam();
    Qwen35Model m(moe);
    auto s = m.open(cpu), fresh = m.open(cpu);
    ASSERT_TRUE(s && fresh);
    // Three turns: each prompt continues the cache's end, only the new message is evaluated
    std::vector<int32_t> a = words(20, 1);
    a[0] = 1;
    const std::vector<int32_t> b = words(8, 2), c = words(8, 3);
    auto r1 = s->generate(a, greedy(6), nullptr);
    ASSERT_TRUE(r1) << r1.error().message;
    EXPECT_EQ(r1->n_prompt - r1->n_reused, 20);
    const std::vector<int32_t> h1 = s->past();
    auto r2 = s->generate(cat(h1, b), greedy(6), nullptr);
    ASSERT_TRUE(r2) << r2.error().message;
    EXPECT_EQ(r2->n_reused, int32_t(h1.size()));
    EXPECT_EQ(r2->n_prompt - r2->n_reused, 8);
    auto r3 = s->generate(cat(s->past(), c), greedy(6), nullptr);
    ASSERT_TRUE(r3) << r3.error().message;
    EXPECT_EQ(r3->n_prompt - r3->n_reused, 8);
    EXPECT_EQ(s->n_checkpoints(), 6u);  // before each prompt's last token, at each reply's end

    // Edit of turn 2: resumes at the end of turn 1's reply, evaluates the edited message only
    std::vector<int32_t> b2 = b;
    b2[0] = 77;
    const std::vector<int32_t> edited = cat(h1, b2);
    auto e = s->generate(edited, greedy(6), nullptr);
    ASSERT_TRUE(e) << e.error().message;
    EXPECT_EQ(e->n_reused, int32_t(h1.size()));
    EXPECT_EQ(e->n_prompt - e->n_reused, 8);
    auto want = fresh->generate(edited, greedy(6), nullptr);
    ASSERT_TRUE(want) << want.error().message;
    EXPECT_EQ(want->n_reused, 0);
    EXPECT_GT(want->n_generated, 0);
    EXPECT_EQ(e->text, want->text);

    // Regenerate: resumes before the prompt's last token, evaluates 1 token, the same reply
    auto g = s->generate(edited, greedy(6), nullptr);
    ASSERT_TRUE(g) << g.error().message;
    EXPECT_EQ(g->n_prompt - g->n_reused, 1);
    EXPECT_EQ(g->text, want->text);

    // A branch that no checkpoint begins is evaluated from the start
    std::vector<int32_t> other = a;
    other[1] = 5;
    auto o = s->generate(other, greedy(2), nullptr);
    ASSERT_TRUE(o) << o.error().message;
    EXPECT_EQ(o->n_reused, 0);
}

TEST_P(SessionRecurrent, CheckpointsStayWithinTheirBound) {
    const auto [cpu, moe] = GetParam();
    Qwen35Model m(moe);
    auto s = m.open(cpu, 3);
    ASSERT_TRUE(s);
    std::vector<int32_t> p = words(12, 4);
    p[0] = 1;
    for (int turn = 0; turn < 4; ++turn) {
        auto r = s->generate(p, greedy(4), nullptr);
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_LE(s->n_checkpoints(), 3u);
        p = cat(s->past(), words(6, 10 + turn));
    }
    // The newest (the last reply's end) is kept
    const auto pos = s->checkpoint_positions();
    ASSERT_FALSE(pos.empty());
    EXPECT_EQ(pos.back(), s->n_past());
}

// The context policy: a reply longer than the context slides (the kept start and the newest
// half evaluated again from position 0) and gives the CPU reference's reply.
TEST(SessionRecurrentSlide, ContextSlidesAsOnTheReference) {
    Qwen35Model m;
    auto gpu = m.open(false), cpu = m.open(true);
    ASSERT_TRUE(gpu && cpu);
    GenerateParams g = greedy(100);
    g.n_ctx = 64;
    // A prompt whose greedy reply does not end before it slides (the random model may stop)
    std::vector<int32_t> p;
    Result<GenerateResult> b = make_error("no prompt found");
    for (int32_t salt = 6; salt < 40; ++salt) {
        p = words(20, salt);
        p[0] = 1;
        b = cpu->generate(p, g, nullptr);
        ASSERT_TRUE(b) << b.error().message;
        if (b->n_generated > 64) break;
    }
    ASSERT_GT(b->n_generated, 64);
    auto a = gpu->generate(p, g, nullptr);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_GT(a->n_slides, 0);
    EXPECT_EQ(a->n_slides, b->n_slides);
    EXPECT_EQ(a->text, b->text);
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionRecurrent, ::testing::Combine(::testing::Bool(), ::testing::Bool()), [](const auto& param_info) {
    return std::string(std::get<0>(param_info.param) ? "Cpu" : "Vulkan") + (std::get<1>(param_info.param) ? "Qwen35Moe" : "Qwen35");
});
