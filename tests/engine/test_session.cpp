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
