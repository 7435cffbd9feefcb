// WordPiece (tokenizer.ggml.model = "bert") on vectors derived from its definition (llama.cpp's
// llm_tokenizer_wpm): the normalizer's words, then the greedy longest match of each word with
// its U+2581 prefix, a word with an unmatched part becoming [UNK], [CLS] ... [SEP] around.
#include "gguf/gguf_writer.h"
#include "text/tokenizer.h"
#include "text/unicode.h"
#include "text/wpm.h"

#include <gtest/gtest.h>

namespace causerie::test {
namespace {

using Words = std::vector<std::string>;

TEST(WordPiece, WordsAreLowercasedWithoutAccentsAndCutAtPunctuation) {
    EXPECT_EQ(wordpiece_words("H\xC3\xA9llo, WORLD!", true, true), (Words{"hello", ",", "world", "!"}));
    // CJK ideographs are words of their own; tabs and newlines end words
    EXPECT_EQ(wordpiece_words("\xE4\xB8\xAD\xE6\x96\x87 x\tY\nz", true, true), (Words{"\xE4\xB8\xAD", "\xE6\x96\x87", "x", "y", "z"}));
    // ASCII symbols split; a symbol past ASCII (the euro sign) stays inside its word
    EXPECT_EQ(wordpiece_words("a+b a\xE2\x82\xAC" "b", true, true), (Words{"a", "+", "b", "a\xE2\x82\xAC" "b"}));
    // Control characters and NUL vanish, a combining accent goes with the accents
    EXPECT_EQ(wordpiece_words(std::string("a\x01" "b\0c", 5), true, true), (Words{"abc"}));
    EXPECT_EQ(wordpiece_words("e\xCC\x81t\xC3\xA9", true, true), (Words{"ete"}));
    // Without lowercasing and accent stripping the letters stay as written
    EXPECT_EQ(wordpiece_words("H\xC3\xA9llo", false, false), (Words{"H\xC3\xA9llo"}));
    EXPECT_EQ(wordpiece_words("H\xC3\xA9llo", true, false), (Words{"h\xC3\xA9llo"}));
    EXPECT_TRUE(wordpiece_words("  \t ", true, true).empty());
}

TEST(WordPiece, UnicodeMappingsFromTheGeneratedTables) {
    EXPECT_EQ(unicode::to_lower('A'), uint32_t('a'));
    EXPECT_EQ(unicode::to_lower(0xC9), 0xE9u);   // É -> é
    EXPECT_EQ(unicode::to_lower(0x391), 0x3B1u); // Α -> α
    EXPECT_EQ(unicode::to_lower('a'), uint32_t('a'));
    EXPECT_EQ(unicode::nfd_first(0xE9), uint32_t('e'));    // é -> e (+ U+0301)
    EXPECT_EQ(unicode::nfd_first(0x1E69), uint32_t('s'));  // ṩ: decomposed twice
    EXPECT_EQ(unicode::nfd_first(0xAC00), 0x1100u);        // Hangul syllable: its leading jamo
    EXPECT_EQ(unicode::nfd_first('x'), uint32_t('x'));
}

std::unique_ptr<Tokenizer> tiny_bert(std::vector<std::string> pieces) {
    std::vector<std::string> tokens;
    std::vector<int32_t> types;
    for (int i = 0; i < 104; ++i) {
        const char* special[] = {"[UNK]", "[CLS]", "[SEP]", "[MASK]"};
        tokens.push_back(i == 0 ? "[PAD]" : i >= 100 ? special[i - 100] : "[unused" + std::to_string(i) + "]");
        types.push_back(3);
    }
    for (auto& p : pieces) tokens.push_back(p), types.push_back(1);
    GgufWriter w;
    w.set_string("tokenizer.ggml.model", "bert");
    w.set_strings("tokenizer.ggml.tokens", tokens);
    w.set_i32s("tokenizer.ggml.token_type", types);
    static std::vector<uint8_t> bytes;
    bytes = w.bytes();
    auto g = parse_gguf(bytes);
    EXPECT_TRUE(g) << g.error().message;
    auto t = Tokenizer::from_gguf(*g);
    EXPECT_TRUE(t) << t.error().message;
    return t ? std::move(*t) : nullptr;
}

TEST(WordPiece, GreedyLongestMatchWithUnknownWords) {
    const std::string P = "\xE2\x96\x81";  // U+2581: a word's first piece
    //                          104        105    106     107         108       109     110   111
    auto t = tiny_bert({P + "un", "aff", "able", P + "hello", P + ",", "af", P + "u", "n"});
    ASSERT_TRUE(t);
    EXPECT_EQ(t->bos(), 101);  // llama.cpp's defaults: [CLS], [SEP], [UNK]
    EXPECT_EQ(t->eos(), 102);
    EXPECT_EQ(t->unk(), 100);
    EXPECT_TRUE(t->add_bos());
    EXPECT_TRUE(t->add_eos());
    // "▁unaffable": ▁un (longer than ▁u), aff (longer than af), able
    EXPECT_EQ(t->encode("unaffable", false, false), (std::vector<int32_t>{104, 105, 106}));
    // Punctuation is its own word: "▁,"
    EXPECT_EQ(t->encode("Hello,", false, false), (std::vector<int32_t>{107, 108}));
    // "▁unzzz": ▁un matches, then nothing for "zzz": the whole word is [UNK]
    EXPECT_EQ(t->encode("unzzz", false, false), (std::vector<int32_t>{100}));
    // With specials: [CLS] ... [SEP]
    EXPECT_EQ(t->encode("HELLO, unaffable unzzz", true, false, true), (std::vector<int32_t>{101, 107, 108, 104, 105, 106, 100, 102}));
    // A word that starts with nothing known is [UNK] too, and the next word is matched afresh
    EXPECT_EQ(t->encode("zz un", false, false), (std::vector<int32_t>{100, 104}));
    EXPECT_EQ(t->decode(std::vector<int32_t>{107, 108}), " hello ,");
}

}  // namespace
}  // namespace causerie::test
