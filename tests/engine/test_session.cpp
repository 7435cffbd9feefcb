// The session on the real tiny model: streaming, prefix reuse, the sliding context, cancel,
// stop strings, and clear errors for files that are not usable models.
#include "gguf/gguf_writer.h"
#include "model/model_file.h"
#include "model/random_model.h"
#include "session.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace causerie;

namespace {

std::unique_ptr<Session> open_tiny(uint32_t n_ctx, bool cpu = false) {
    SessionOptions o;
    o.model_path = test::shared_path("models/stories260K.gguf");
    o.n_ctx = n_ctx;
    o.cpu = cpu;
    o.n_keep = 4;
    auto s = Session::load(o);
    EXPECT_TRUE(s) << s.error().message;
    return s ? std::move(*s) : nullptr;
}

GenerateParams greedy(int n) {
    GenerateParams p;
    p.max_tokens = n;
    p.sampling.temperature = 0;
    p.sampling.repeat_penalty = 1;
    return p;
}

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("causerie-" + std::to_string(::getpid()) + "-" + name)).string();
}

}  // namespace

TEST(Session, StreamsTheGreedyStoryAndReusesThePrefix) {
    auto s = open_tiny(512);
    ASSERT_TRUE(s);
    std::vector<int32_t> prompt = {1};
    std::string streamed;
    auto r = s->generate(prompt, greedy(40), [&](const std::string& piece) {
        streamed += piece;
        return true;
    });
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->n_generated, 40);
    EXPECT_EQ(streamed, r->text);
    EXPECT_EQ(r->text.rfind("Once upon a time", 0), 0u) << r->text;

    // A second turn that extends the first: only the new tokens are evaluated.
    std::vector<int32_t> longer = s->tokenizer().encode("Once upon a time, there was a little girl", true, false);
    auto first = s->generate(longer, greedy(10), nullptr);
    ASSERT_TRUE(first);
    std::vector<int32_t> extended = longer;
    auto more = s->tokenizer().encode(" named Lily", false, false);
    extended.insert(extended.end(), more.begin(), more.end());
    auto reused = s->generate(extended, greedy(10), nullptr);
    ASSERT_TRUE(reused);
    EXPECT_GE(reused->n_reused, int32_t(longer.size()) - 1);
    // ... and gives exactly what a fresh evaluation gives.
    s->reset();
    auto fresh = s->generate(extended, greedy(10), nullptr);
    ASSERT_TRUE(fresh);
    EXPECT_EQ(fresh->n_reused, 0);
    EXPECT_EQ(fresh->text, reused->text);
}

TEST(Session, VulkanAndCpuAgreeThroughTheSession) {
    auto gpu = open_tiny(128), cpu = open_tiny(128, true);
    ASSERT_TRUE(gpu && cpu);
    std::vector<int32_t> prompt = gpu->tokenizer().encode("Lily and Ben", true, false);
    auto a = gpu->generate(prompt, greedy(30), nullptr), b = cpu->generate(prompt, greedy(30), nullptr);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->text, b->text);
}

TEST(Session, ContextSlidesInsteadOfFailing) {
    auto s = open_tiny(48);
    ASSERT_TRUE(s);
    std::vector<int32_t> prompt(60, 0);  // longer than the context
    for (size_t i = 0; i < prompt.size(); ++i) prompt[i] = int32_t(3 + i % 200);
    prompt[0] = 1;
    auto r = s->generate(prompt, greedy(100), nullptr);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_LE(r->n_prompt, 48);
    EXPECT_EQ(r->n_generated + 0, r->n_generated);
    EXPECT_GT(r->n_slides + (r->reason == StopReason::EndOfGeneration ? 1 : 0), 0);
    EXPECT_LE(s->n_past(), 48u);
}

TEST(Session, CancelStopStringAndCallbackStop) {
    auto s = open_tiny(256);
    ASSERT_TRUE(s);
    std::vector<int32_t> prompt = {1};
    std::atomic<bool> cancel{true};
    auto c = s->generate(prompt, greedy(50), nullptr, &cancel);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->reason, StopReason::Cancelled);
    EXPECT_EQ(c->n_generated, 0);

    GenerateParams p = greedy(100);
    p.stop = {"girl"};
    auto st = s->generate(prompt, p, nullptr);
    ASSERT_TRUE(st);
    EXPECT_EQ(st->reason, StopReason::StopString);
    EXPECT_EQ(st->text.find("girl"), std::string::npos);
    EXPECT_NE(st->text.find("little"), std::string::npos) << st->text;

    int pieces = 0;
    auto cb = s->generate(prompt, greedy(100), [&](const std::string&) { return ++pieces < 3; });
    ASSERT_TRUE(cb);
    EXPECT_EQ(cb->reason, StopReason::CallbackStopped);
    EXPECT_EQ(pieces, 3);
}

TEST(Session, ChatUsesTheDefaultTemplateWhenTheModelHasNone) {
    auto s = open_tiny(512);
    ASSERT_TRUE(s);
    EXPECT_NE(s->chat_template().name, "model");
    auto ids = s->chat_prompt({{"user", "Hello"}}, true);
    ASSERT_TRUE(ids) << ids.error().message;
    EXPECT_EQ((*ids)[0], 1);  // BOS once
}

TEST(ModelErrors, UnusableFilesGiveClearErrors) {
    auto expect_error = [](const std::string& path, const std::string& needle) {
        auto m = ModelFile::open(path);
        ASSERT_FALSE(m) << path;
        EXPECT_NE(m.error().message.find(needle), std::string::npos) << m.error().message;
    };
    expect_error(temp_path("missing.gguf"), "cannot open");

    RandomModelSpec spec;
    auto w = make_random_model(spec);
    ASSERT_TRUE(w);
    auto bytes = w->bytes();
    std::string p = temp_path("m.gguf");
    // Truncated anywhere: header, metadata, tensor infos, data.
    for (size_t cut : {size_t(3), size_t(20), bytes.size() / 50, bytes.size() / 4, bytes.size() / 2, bytes.size() - 1}) {
        std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(cut));
        auto m = ModelFile::open(p);
        EXPECT_FALSE(m) << "cut at " << cut;
    }
    // An architecture we do not run.
    GgufWriter other;
    other.set_string("general.architecture", "mamba");
    ASSERT_TRUE(other.write(p));
    expect_error(p, "unsupported architecture 'mamba'");
    // A model missing a tensor, and one with a tensor of the wrong shape.
    GgufWriter broken;
    broken.set_string("general.architecture", "llama");
    broken.set_u32("llama.embedding_length", 64);
    broken.set_u32("llama.block_count", 1);
    broken.set_u32("llama.attention.head_count", 2);
    broken.set_u32("llama.feed_forward_length", 128);
    broken.add_tensor("token_embd.weight", {64, 10}, TensorType::F32, std::vector<uint8_t>(64 * 10 * 4));
    broken.add_tensor("output_norm.weight", {64}, TensorType::F32, std::vector<uint8_t>(64 * 4));
    broken.add_tensor("blk.0.attn_norm.weight", {63}, TensorType::F32, std::vector<uint8_t>(63 * 4));
    ASSERT_TRUE(broken.write(p));
    expect_error(p, "tensor 'blk.0.attn_norm.weight': expected shape [64], found [63]");
    std::filesystem::remove(p);
}

// A request may ask for a smaller window than the loaded context: the prompt is fitted to it
// and the reply slides within it.
TEST(Session, RequestWindowSmallerThanTheLoadedContext) {
    auto s = open_tiny(256);
    ASSERT_TRUE(s);
    std::vector<int32_t> prompt(60, 0);
    for (size_t i = 0; i < prompt.size(); ++i) prompt[i] = int32_t(3 + i % 200);
    prompt[0] = 1;
    GenerateParams p = greedy(40);
    p.n_ctx = 48;
    auto r = s->generate(prompt, p, nullptr);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_LE(r->n_prompt, 48 - 24);  // room for half the window
    EXPECT_LE(s->n_past(), 48u);
    // The same request with the whole context keeps the prompt whole.
    p.n_ctx = 0;
    auto whole = s->generate(prompt, p, nullptr);
    ASSERT_TRUE(whole) << whole.error().message;
    EXPECT_EQ(whole->n_prompt, 60);
    // A window larger than the loaded context is the loaded context.
    p.n_ctx = 100000;
    auto big = s->generate(prompt, p, nullptr);
    ASSERT_TRUE(big) << big.error().message;
    EXPECT_EQ(big->n_prompt, 60);
}

namespace {

// A gemma3 model of random weights with stories260K's vocabulary: 7 layers (5 local, 1
// global, 1 local) with a sliding window of 8, so that the Vulkan rings (window + max_batch 16 =
// 24 rows) wrap within a short chat.
struct GemmaModel {
    std::string path = temp_path("gemma3-ring.gguf");
    GemmaModel() {
        auto vocab = ModelFile::open(test::shared_path("models/stories260K.gguf"));
        EXPECT_TRUE(vocab) << vocab.error().message;
        if (!vocab) return;
        RandomModelSpec s;
        s.arch = "gemma3";
        s.type = "q8_0";
        s.n_layer = 7;
        s.sliding_window = 8;
        s.n_ctx = 512;
        s.vocab = &(*vocab)->gguf;
        auto w = make_random_model(s);
        EXPECT_TRUE(w) << w.error().message;
        if (w) {
            EXPECT_TRUE(w->write(path));
        }
    }
    ~GemmaModel() { std::filesystem::remove(path); }
    std::unique_ptr<Session> open(uint32_t n_ctx, bool cpu = false, uint32_t max_checkpoints = 8) const {
        SessionOptions o;
        o.model_path = path;
        o.max_checkpoints = max_checkpoints;
        o.n_ctx = n_ctx;
        o.max_batch = 16;
        o.cpu = cpu;
        o.n_keep = 4;
        auto s = Session::load(o);
        EXPECT_TRUE(s) << s.error().message;
        return s ? std::move(*s) : nullptr;
    }
};

std::vector<int32_t> ring_prompt(size_t n, int32_t salt) {
    std::vector<int32_t> p(n);
    p[0] = 1;
    for (size_t i = 1; i < n; ++i) p[i] = int32_t(3 + (i * 7 + size_t(salt)) % 500);
    return p;
}

}  // namespace

// A reply regenerated from an earlier point of the conversation: the rings have overwritten the
// positions the shared prefix's end attends to, so the prompt is evaluated again from the start
// (nothing reused) and the reply is the one a fresh session gives. A rewind within the rings'
// reach reuses the prefix and still gives the fresh session's reply.
TEST(SessionRing, RewindPastTheRingEvaluatesAgainAndMatchesAFreshSession) {
    GemmaModel m;
    auto s = m.open(512), fresh = m.open(512);
    ASSERT_TRUE(s && fresh);
    const auto prompt = ring_prompt(30, 0);
    auto first = s->generate(prompt, greedy(40), nullptr);
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_GE(s->n_past(), 20u + 8 + 24) << "the reply must take the rings past the prefix's window";

    std::vector<int32_t> edited(prompt.begin(), prompt.begin() + 20);
    for (int32_t t : ring_prompt(10, 5)) edited.push_back(t == 1 ? 7 : t);
    auto again = s->generate(edited, greedy(30), nullptr);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->n_reused, 0) << "positions 13..19 are no longer in the rings";
    auto want = fresh->generate(edited, greedy(30), nullptr);
    ASSERT_TRUE(want) << want.error().message;
    EXPECT_EQ(want->n_reused, 0);
    EXPECT_EQ(again->text, want->text);

    // A short reply (positions up to 31: the rings hold 8..31), then the same prompt again: the
    // first 29 tokens are reused (position 29 sees 22..29).
    ASSERT_TRUE(s->generate(prompt, greedy(3), nullptr));
    auto reused = s->generate(prompt, greedy(30), nullptr);
    ASSERT_TRUE(reused) << reused.error().message;
    EXPECT_EQ(reused->n_reused, 29);
    fresh->reset();
    auto whole = fresh->generate(prompt, greedy(30), nullptr);
    ASSERT_TRUE(whole) << whole.error().message;
    EXPECT_EQ(whole->n_reused, 0);
    EXPECT_EQ(reused->text, whole->text);
}

// A chat of three turns on a model whose replies take the rings past each prompt's window:
// regenerating a reply and editing turn 2 resume from the checkpoint the session took before
// the last token of the prompt they keep, evaluating only the tokens after it, and give a fresh
// session's reply; turns 2 and 3 resume before their own prompt's last token. The checkpoints
// stay within their bound.
TEST(SessionRing, CheckpointsSpareRegenerateAndEditTheWholeConversation) {
    GemmaModel m;
    auto turn = [](std::vector<int32_t> before, int32_t salt) {
        for (int32_t t : ring_prompt(40, salt)) before.push_back(t == 1 ? 9 : t);
        return before;
    };
    const auto turn1 = ring_prompt(30, 0), turn2 = turn(turn1, 1), turn3 = turn(turn2, 2), edited2 = turn(turn1, 7);
    for (bool cpu : {false, true}) {
        SCOPED_TRACE(cpu ? "CPU reference" : "Vulkan");
        auto s = m.open(512, cpu), fresh = m.open(512, cpu, 3);
        ASSERT_TRUE(s && fresh);
        ASSERT_TRUE(s->generate(turn1, greedy(40), nullptr));
        // Regenerate: resumed before the prompt's last token, one token evaluated.
        auto regen = s->generate(turn1, greedy(30), nullptr);
        ASSERT_TRUE(regen) << regen.error().message;
        EXPECT_EQ(regen->n_reused, 29);
        auto want = fresh->generate(turn1, greedy(30), nullptr);
        ASSERT_TRUE(want);
        EXPECT_EQ(regen->text, want->text);
        // Turn 2 shares turn 1 only (its reply is another text): resumed at 29 again.
        auto second = s->generate(turn2, greedy(30), nullptr);
        ASSERT_TRUE(second) << second.error().message;
        EXPECT_EQ(second->n_reused, 29);
        // Turn 3 continues turn 2, whose reply overwrote the rings: resumed before its last token.
        auto third = s->generate(turn3, greedy(30), nullptr);
        ASSERT_TRUE(third) << third.error().message;
        EXPECT_EQ(third->n_reused, 69);
        // Edit turn 2: only what follows turn 1's checkpoint is evaluated.
        auto edit = s->generate(edited2, greedy(30), nullptr);
        ASSERT_TRUE(edit) << edit.error().message;
        EXPECT_EQ(edit->n_prompt - edit->n_reused, 41);
        EXPECT_LE(s->n_checkpoints(), 8u);
        fresh->reset();
        auto want_edit = fresh->generate(edited2, greedy(30), nullptr);
        ASSERT_TRUE(want_edit);
        EXPECT_EQ(want_edit->n_reused, 0);
        EXPECT_EQ(edit->text, want_edit->text);
        EXPECT_LE(fresh->n_checkpoints(), 3u);
    }
}

// The context policy on a sliding-window model: a reply longer than the context slides (the
// kept start and the newest half, evaluated again from position 0 since the rings no longer hold
// what follows the kept start) and gives the CPU reference's reply, whose rings differ in size.
TEST(SessionRing, ContextSlidesOnASlidingWindowModelAsOnTheReference) {
    GemmaModel m;
    auto gpu = m.open(64), cpu = m.open(64, true);
    ASSERT_TRUE(gpu && cpu);
    const auto prompt = ring_prompt(20, 3);
    auto a = gpu->generate(prompt, greedy(100), nullptr), b = cpu->generate(prompt, greedy(100), nullptr);
    ASSERT_TRUE(a && b);
    EXPECT_GT(a->n_slides, 0);
    EXPECT_EQ(a->n_slides, b->n_slides);
    EXPECT_EQ(a->text, b->text);
}
