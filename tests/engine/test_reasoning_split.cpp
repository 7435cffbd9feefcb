// The <think> splitter, fed whole and in every split of the text into pieces.
#include "text/reasoning_split.h"

#include <gtest/gtest.h>

namespace causerie {
namespace {

ReasoningSplitter::Parts run(std::string_view text, size_t piece, bool inside = false) {
    ReasoningSplitter s(inside);
    ReasoningSplitter::Parts all;
    for (size_t i = 0; i < text.size(); i += piece) {
        auto p = s.push(text.substr(i, piece));
        all.reasoning += p.reasoning;
        all.content += p.content;
    }
    auto p = s.flush();
    all.reasoning += p.reasoning;
    all.content += p.content;
    return all;
}

TEST(Reasoning, SplitsThinkBlockWhateverThePieces) {
    const std::string text = "<think>\nLet me see: 2 < 3.\n</think>\n\nThe answer is <b>yes</b>.";
    for (size_t piece = 1; piece <= text.size(); ++piece) {
        auto p = run(text, piece);
        EXPECT_EQ(p.reasoning, "\nLet me see: 2 < 3.\n") << piece;
        EXPECT_EQ(p.content, "The answer is <b>yes</b>.") << piece;
    }
}

TEST(Reasoning, PromptThatOpensThinking) {
    const std::string text = "Hmm, </thin then </think>Done";
    for (size_t piece = 1; piece <= text.size(); ++piece) {
        auto p = run(text, piece, true);
        EXPECT_EQ(p.reasoning, "Hmm, </thin then ") << piece;
        EXPECT_EQ(p.content, "Done") << piece;
    }
    EXPECT_TRUE(ReasoningSplitter::prompt_opens_thinking("<|im_start|>assistant\n<think>\n"));
    EXPECT_FALSE(ReasoningSplitter::prompt_opens_thinking("<|im_start|>assistant\n"));
}

TEST(Reasoning, PlainTextAndLateTagsAreContent) {
    for (size_t piece = 1; piece < 8; ++piece) {
        EXPECT_EQ(run("Hello there", piece).content, "Hello there");
        EXPECT_EQ(run("Hello there", piece).reasoning, "");
        // A tag after content is content: the model is talking about tags.
        EXPECT_EQ(run("Use <think> tags", piece).content, "Use <think> tags");
        // An unfinished tag at the end is text after all.
        EXPECT_EQ(run("<thi", piece).content, "<thi");
        // An unclosed block is all reasoning.
        auto p = run("<think>still going", piece);
        EXPECT_EQ(p.reasoning, "still going");
        EXPECT_EQ(p.content, "");
    }
}

TEST(Reasoning, ContentFlowsWithoutWaitingForTheEnd) {
    ReasoningSplitter s;
    EXPECT_EQ(s.push("Hel").content, "Hel");
    EXPECT_EQ(s.push("lo").content, "lo");
    ReasoningSplitter t;
    EXPECT_TRUE(t.push("<thi").empty());  // held: it may be a tag
    auto p = t.push("nk>abc</th");
    EXPECT_EQ(p.reasoning, "abc");
    p = t.push("ink>x");
    EXPECT_EQ(p.content, "x");
}

}  // namespace
}  // namespace causerie
