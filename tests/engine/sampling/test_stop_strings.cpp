// Streaming stop strings: split across pieces, overlapping prefixes, stop at the start, no false stop.
#include "sampling/stop_strings.h"

#include <gtest/gtest.h>

#include <vector>

using namespace causerie;

namespace {

struct Run {
    std::string text;  // everything emitted, flush included when not stopped
    bool stopped = false;
};

Run feed(StopMatcher& m, const std::vector<std::string>& pieces) {
    Run r;
    for (const std::string& p : pieces) {
        auto out = m.push(p);
        r.text += out.emit;
        if (out.stopped) {
            r.stopped = true;
            return r;
        }
    }
    r.text += m.flush();
    return r;
}

}  // namespace

TEST(StopStrings, NoStopsPassesEverythingThrough) {
    StopMatcher m({});
    auto out = m.push("hello");
    EXPECT_EQ(out.emit, "hello");
    EXPECT_FALSE(out.stopped);
    EXPECT_EQ(m.flush(), "");
}

TEST(StopStrings, EmptyStopStringIsIgnored) {
    StopMatcher m({""});
    auto r = feed(m, {"abc", "def"});
    EXPECT_FALSE(r.stopped);
    EXPECT_EQ(r.text, "abcdef");
}

TEST(StopStrings, StopInsideOnePiece) {
    StopMatcher m({"</s>"});
    auto out = m.push("Hello</s>world");
    EXPECT_TRUE(out.stopped);
    EXPECT_EQ(out.emit, "Hello");
    EXPECT_EQ(m.matched(), "</s>");
    // Later pushes and the flush give nothing more.
    auto more = m.push("again");
    EXPECT_TRUE(more.stopped);
    EXPECT_EQ(more.emit, "");
    EXPECT_EQ(m.flush(), "");
}

TEST(StopStrings, StopSplitAcrossPieces) {
    StopMatcher m({"<|im_end|>"});
    auto a = m.push("Hi there<|im");
    EXPECT_EQ(a.emit, "Hi there");  // "<|im" is held back
    EXPECT_FALSE(a.stopped);
    EXPECT_EQ(m.pending(), "<|im");
    auto b = m.push("_en");
    EXPECT_EQ(b.emit, "");
    EXPECT_FALSE(b.stopped);
    auto c = m.push("d|>tail");
    EXPECT_TRUE(c.stopped);
    EXPECT_EQ(c.emit, "");
}

TEST(StopStrings, OneByteAtATime) {
    const std::string text = "The answer is 42.\nUser: next";
    StopMatcher m({"\nUser:"});
    std::vector<std::string> pieces;
    for (char ch : text) pieces.emplace_back(1, ch);
    auto r = feed(m, pieces);
    EXPECT_TRUE(r.stopped);
    EXPECT_EQ(r.text, "The answer is 42.");
}

TEST(StopStrings, StopAtTheVeryStart) {
    StopMatcher m({"STOP"});
    auto out = m.push("STOP and more");
    EXPECT_TRUE(out.stopped);
    EXPECT_EQ(out.emit, "");

    StopMatcher split({"STOP"});
    EXPECT_EQ(split.push("ST").emit, "");
    auto out2 = split.push("OP");
    EXPECT_TRUE(out2.stopped);
    EXPECT_EQ(out2.emit, "");
}

TEST(StopStrings, OverlappingPrefixRestartsCorrectly) {
    // "ababc": the first "ab" is not the start of the stop, the second one is.
    StopMatcher m({"abc"});
    auto r = feed(m, {"ab", "ab", "c", "zzz"});
    EXPECT_TRUE(r.stopped);
    EXPECT_EQ(r.text, "ab");

    // Self-overlapping stop string: "aab" inside "aaab".
    StopMatcher m2({"aab"});
    auto r2 = feed(m2, {"x", "a", "a", "a", "b"});
    EXPECT_TRUE(r2.stopped);
    EXPECT_EQ(r2.text, "xa");
}

TEST(StopStrings, NoFalseStop) {
    StopMatcher m({"<|im_end|>"});
    auto r = feed(m, {"a <|im", "_start|> b <", "|", "im_en", "x"});
    EXPECT_FALSE(r.stopped);
    EXPECT_EQ(r.text, "a <|im_start|> b <|im_enx");
}

TEST(StopStrings, HeldBackTextComesOutOnFlush) {
    StopMatcher m({"###"});
    auto out = m.push("done ##");
    EXPECT_EQ(out.emit, "done ");
    EXPECT_FALSE(out.stopped);
    EXPECT_EQ(m.flush(), "##");
    EXPECT_EQ(m.flush(), "");
}

TEST(StopStrings, EarliestOfSeveralStopsWins) {
    StopMatcher m({"World", "lo W", "xyz"});
    auto r = feed(m, {"Hel", "lo Wor", "ld"});
    EXPECT_TRUE(r.stopped);
    EXPECT_EQ(r.text, "Hel");
    EXPECT_EQ(m.matched(), "lo W");

    // One stop string a prefix of another: the shorter one completes first.
    StopMatcher m2({"\n\n", "\n"});
    auto r2 = feed(m2, {"line", "\n", "\n"});
    EXPECT_TRUE(r2.stopped);
    EXPECT_EQ(r2.text, "line");
}

TEST(StopStrings, Utf8StopStrings) {
    StopMatcher m({"——"});  // two em dashes, 6 bytes
    auto r = feed(m, {"café \xE2\x80", "\x94\xE2", "\x80\x94 rest"});
    EXPECT_TRUE(r.stopped);
    EXPECT_EQ(r.text, "café ");
}

TEST(StopStrings, ResetStartsOver) {
    StopMatcher m({"end"});
    EXPECT_TRUE(m.push("the end").stopped);
    m.reset();
    EXPECT_FALSE(m.stopped());
    auto out = m.push("again e");
    EXPECT_EQ(out.emit, "again ");
    EXPECT_FALSE(out.stopped);
    EXPECT_EQ(m.flush(), "e");
}

TEST(StopStrings, RandomPieceSplitsAgreeWithWholeText) {
    // Whatever the split, the output equals the text before the first stop occurrence.
    const std::string text = "abcab<stop>ab<st<stop>xyz";
    const std::vector<std::string> stops = {"<stop>", "ab<st>"};
    const std::string expected = "abcab";
    uint32_t state = 12345;
    for (int trial = 0; trial < 500; ++trial) {
        std::vector<std::string> pieces;
        size_t i = 0;
        while (i < text.size()) {
            state = state * 1664525u + 1013904223u;
            const size_t len = std::min<size_t>(1 + (state >> 24) % 5, text.size() - i);
            pieces.push_back(text.substr(i, len));
            i += len;
        }
        StopMatcher m(stops);
        auto r = feed(m, pieces);
        ASSERT_TRUE(r.stopped);
        ASSERT_EQ(r.text, expected);
    }
}
