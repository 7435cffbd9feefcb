// The generated Unicode tables and the UTF-8 helpers.
#include "text/pretokenize.h"
#include "text/unicode.h"

#include <gtest/gtest.h>

namespace causerie::test {
namespace {

using namespace unicode;

TEST(Unicode, CategoriesFromGeneratedTables) {
    EXPECT_EQ(category('A'), Gc::Lu);
    EXPECT_EQ(category('a'), Gc::Ll);
    EXPECT_EQ(category('7'), Gc::Nd);
    EXPECT_EQ(category(0x00E9), Gc::Ll);   // é
    EXPECT_EQ(category(0x4E2D), Gc::Lo);   // 中 (inside a First/Last range)
    EXPECT_EQ(category(0xAC01), Gc::Lo);   // Hangul syllable range
    EXPECT_EQ(category(0x0301), Gc::Mn);   // combining acute
    EXPECT_EQ(category(0x1F999), Gc::So);  // 🦙
    EXPECT_EQ(category(0x0378), Gc::Cn);   // unassigned
    EXPECT_EQ(category(0x10FFFF), Gc::Cn);
    EXPECT_TRUE(flags(0x3000) & kWhitespace);
    EXPECT_TRUE(flags(0x85) & kWhitespace);
    EXPECT_FALSE(flags(0x200B) & kWhitespace);  // zero width space is Cf, not White_Space
    EXPECT_TRUE(flags(0x0660) & kNumber);        // Arabic-Indic zero
    EXPECT_TRUE(flags(0x00BD) & kNumber);        // ½
    EXPECT_TRUE(flags(0x2014) & kPunct);         // em dash
    EXPECT_STRNE(unicode_version(), "?");
}

TEST(Unicode, DecodeKeepsMalformedBytes) {
    const std::string s = "a\xC3\xA9\xFF\xE2\x82 \xF0\x9F\xA6\x99";
    const auto d = decode_utf8(s);
    ASSERT_EQ(d.size(), 7u);  // a, é, FF, E2, 82, space, 🦙
    EXPECT_EQ(d[1].cp, 0xE9u);
    EXPECT_FALSE(d[2].valid);
    EXPECT_EQ(d[2].cp, 0xFFFDu);
    EXPECT_FALSE(d[3].valid);  // truncated 3-byte sequence: one byte at a time
    EXPECT_FALSE(d[4].valid);
    EXPECT_EQ(d[4].offset, 5u);
    EXPECT_EQ(d[6].cp, 0x1F999u);
}

TEST(Unicode, Utf8Sequences) {
    EXPECT_EQ(utf8_sequence("\xF0\x9F", 0), -1);
    EXPECT_EQ(utf8_sequence("\xF0\x9F\xA6\x99", 0), 4);
    EXPECT_EQ(utf8_sequence("\xC0\x80", 0), 0);  // overlong
    EXPECT_EQ(utf8_sequence("\xED\xA0\x80", 0), 0);  // surrogate
    EXPECT_EQ(sanitize_utf8("a\xFF" "b\xE2\x82"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
}

std::vector<std::string> split(PreTokenizerKind k, std::string_view s) {
    std::vector<std::string> out;
    for (auto p : pre_tokenize(k, s)) out.emplace_back(p);
    return out;
}

TEST(PreTokenize, Gpt2) {
    using V = std::vector<std::string>;
    EXPECT_EQ(split(PreTokenizerKind::Gpt2, "Hello world's  end!!\n"), (V{"Hello", " world", "'s", " ", " end", "!!", "\n"}));
}

TEST(PreTokenize, Llama3) {
    using V = std::vector<std::string>;
    EXPECT_EQ(split(PreTokenizerKind::Llama3, "I'VE 12345 ok\n\n  x"), (V{"I", "'VE", " ", "123", "45", " ok", "\n\n", " ", " x"}));
    EXPECT_EQ(split(PreTokenizerKind::Qwen2, "a 123"), (V{"a", " ", "1", "2", "3"}));
}

// qwen35: combining marks stay in the letter run (Qwen2 cuts them off as punctuation).
TEST(PreTokenize, Qwen35) {
    using V = std::vector<std::string>;
    const std::string cafe = "cafe\xCC\x81 x\xCC\x81y!\n";  // e + U+0301, x + U+0301
    EXPECT_EQ(split(PreTokenizerKind::Qwen35, cafe), (V{"cafe\xCC\x81", " x\xCC\x81y", "!\n"}));
    EXPECT_EQ(split(PreTokenizerKind::Qwen2, cafe), (V{"cafe", "\xCC\x81", " x", "\xCC\x81y", "!\n"}));
    EXPECT_EQ(split(PreTokenizerKind::Qwen35, "I'VE 123 ok\n\n  x"), (V{"I", "'VE", " ", "1", "2", "3", " ok", "\n\n", " ", " x"}));
    EXPECT_EQ(find_pre_tokenizer("qwen35")->kind, PreTokenizerKind::Qwen35);
}

TEST(PreTokenize, Tekken) {
    using V = std::vector<std::string>;
    EXPECT_EQ(split(PreTokenizerKind::Tekken, "HelloWorld ABCdef 12"), (V{"Hello", "World", " ABCdef", " ", "1", "2"}));
}

// gpt-4o: Tekken's letter runs with a contraction of any case after them, digits by three.
TEST(PreTokenize, Gpt4o) {
    using V = std::vector<std::string>;
    EXPECT_EQ(split(PreTokenizerKind::Gpt4o, "HelloWorld's ABC'S 12345"), (V{"Hello", "World's", " ABC'S", " ", "123", "45"}));
    EXPECT_EQ(split(PreTokenizerKind::Gpt4o, "l'été 'tis\n\n x"), (V{"l", "'été", " '", "tis", "\n\n", " x"}));
    EXPECT_EQ(find_pre_tokenizer("gpt-4o")->kind, PreTokenizerKind::Gpt4o);
}

TEST(PreTokenize, OlderSequences) {
    using V = std::vector<std::string>;
    EXPECT_EQ(split(PreTokenizerKind::Starcoder, "abc 123 x"), (V{"abc", " ", "1", "2", "3", " x"}));
    EXPECT_EQ(split(PreTokenizerKind::DeepseekCoder, "Hi, \xE4\xB8\x96\xE7\x95\x8C 42\n"),
              (V{"Hi", ",", " ", "\xE4\xB8\x96\xE7\x95\x8C", " ", "4", "2", "\n"}));
    EXPECT_EQ(split(PreTokenizerKind::Falcon, "a+b 1234"), (V{"a", "+", "b", " ", "123", "4"}));
    EXPECT_EQ(split(PreTokenizerKind::Gpt2, "x  \n"), (V{"x", "  \n"}));
}

TEST(PreTokenize, Names) {
    EXPECT_EQ(find_pre_tokenizer("llama-bpe")->kind, PreTokenizerKind::Llama3);
    EXPECT_TRUE(find_pre_tokenizer("llama-bpe")->ignore_merges);
    EXPECT_EQ(find_pre_tokenizer("smollm")->kind, PreTokenizerKind::Starcoder);
    EXPECT_EQ(find_pre_tokenizer("mpt")->kind, PreTokenizerKind::Gpt2);
    EXPECT_EQ(find_pre_tokenizer("")->kind, PreTokenizerKind::Default);
    EXPECT_FALSE(find_pre_tokenizer("no-such-pre").has_value());
}

TEST(PreTokenize, PiecesCoverInput) {
    const std::string s = "x\xFF\xFE y \xE4\xB8\xAD\xE6\x96\x87 12345 ...\r\n\t";
    for (auto k : {PreTokenizerKind::Default, PreTokenizerKind::Gpt2, PreTokenizerKind::Llama3, PreTokenizerKind::Qwen2,
                   PreTokenizerKind::DeepseekLlm, PreTokenizerKind::DeepseekCoder, PreTokenizerKind::DeepseekV3,
                   PreTokenizerKind::Falcon, PreTokenizerKind::Starcoder, PreTokenizerKind::Tekken, PreTokenizerKind::Gpt4o,
                   PreTokenizerKind::Bloom, PreTokenizerKind::Viking, PreTokenizerKind::Qwen35}) {
        std::string joined;
        for (auto p : pre_tokenize(k, s)) {
            EXPECT_FALSE(p.empty());
            joined += p;
        }
        EXPECT_EQ(joined, s) << int(k);
    }
}

}  // namespace
}  // namespace causerie::test
