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

// Gemma 4's thought channel, as its template's replies are: the channel, a newline, the
// thoughts, the channel's end, the answer; an empty channel (thinking off) leaves only content.
TEST(Reasoning, Gemma4ThoughtChannelWhateverThePieces) {
    const std::string text = "<|channel>thought\nThe user asks 2 < 3; <channel is no tag.<channel|>Yes, 2 < 3.";
    for (size_t piece = 1; piece <= text.size(); ++piece) {
        auto p = run(text, piece);
        EXPECT_EQ(p.reasoning, "The user asks 2 < 3; <channel is no tag.") << piece;
        EXPECT_EQ(p.content, "Yes, 2 < 3.") << piece;
    }
    const std::string empty = "<|channel>thought<channel|>\nBonjour !";
    for (size_t piece = 1; piece <= empty.size(); ++piece) {
        auto p = run(empty, piece);
        EXPECT_EQ(p.reasoning, "") << piece;
        EXPECT_EQ(p.content, "Bonjour !") << piece;
    }
    // Not at the start: text like any other
    auto late = run("Answer first <|channel>thought then<channel|>", 3);
    EXPECT_EQ(late.reasoning, "");
    EXPECT_EQ(late.content, "Answer first <|channel>thought then<channel|>");
    // Cut off inside the thoughts: what came is reasoning
    auto cut = run("<|channel>thought\nStill thinking <chan", 4);
    EXPECT_EQ(cut.reasoning, "Still thinking <chan");
    EXPECT_EQ(cut.content, "");
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

// gpt-oss's harmony reply as llama.cpp renders it (the framing tokens shown, <|return|> not):
// the analysis channel is reasoning, the final channel the answer, headers and framing neither.
TEST(Reasoning, HarmonyChannelsWhateverThePieces) {
    const std::string text =
        "<|channel|>analysis<|message|>User asks 2+2. <b>Easy</b>: 4.<|end|><|start|>assistant<|channel|>final<|message|>"
        "2 + 2 = **4** (<|not a tag|>).";
    for (size_t piece = 1; piece <= text.size(); ++piece) {
        auto p = run(text, piece);
        EXPECT_EQ(p.reasoning, "User asks 2+2. <b>Easy</b>: 4.") << piece;
        EXPECT_EQ(p.content, "2 + 2 = **4** (<|not a tag|>).") << piece;
    }
}

TEST(Reasoning, HarmonyOtherShapes) {
    for (size_t piece = 1; piece < 12; ++piece) {
        // No analysis (low effort), a final channel with a constraint in its header, the
        // <|return|> rendered by a reader that shows control tokens.
        auto p = run("<|channel|>final <|constrain|>json<|message|>{\"a\": 1}<|return|>", piece);
        EXPECT_EQ(p.reasoning, "") << piece;
        EXPECT_EQ(p.content, "{\"a\": 1}") << piece;
        // A reply cut off inside its analysis: all reasoning so far.
        p = run("<|channel|>analysis<|message|>Thinking about <|e", piece);
        EXPECT_EQ(p.reasoning, "Thinking about <|e") << piece;
        EXPECT_EQ(p.content, "") << piece;
        // Cut off in the next header: nothing of the header shows.
        p = run("<|channel|>analysis<|message|>Hm.<|end|><|start|>assistant<|chan", piece);
        EXPECT_EQ(p.reasoning, "Hm.") << piece;
        EXPECT_EQ(p.content, "") << piece;
        // A tool call's commentary shows as content; a second analysis adds to the reasoning.
        p = run("<|channel|>analysis<|message|>A<|end|><|start|>assistant<|channel|>commentary to=functions.f<|message|>{}<|call|>",
                piece);
        EXPECT_EQ(p.reasoning, "A") << piece;
        EXPECT_EQ(p.content, "{}") << piece;
        p = run("<|channel|>analysis<|message|>A<|end|>\n<|start|>assistant<|channel|>analysis<|message|>B<|end|>"
                "<|start|>assistant<|channel|>final<|message|>C",
                piece);
        EXPECT_EQ(p.reasoning, "AB") << piece;
        EXPECT_EQ(p.content, "C") << piece;
        // Harmony's tokens after plain content are content (the model talking about them).
        p = run("Use <|channel|> tokens", piece);
        EXPECT_EQ(p.content, "Use <|channel|> tokens") << piece;
        EXPECT_EQ(p.reasoning, "") << piece;
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
