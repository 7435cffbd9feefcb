// Tokenizer behaviour beyond the shared vectors.
#include "gguf/gguf_writer.h"
#include "text/detokenizer.h"
#include "text/unicode.h"
#include "tokenizer_fixture.h"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <map>
#include <random>

namespace causerie::test {
namespace {

TEST(Tokenizer, Stories260K) {
    std::string err;
    const Tokenizer* tok = load_tokenizer("models/stories260K.gguf", &err);
    ASSERT_NE(tok, nullptr) << err;
    EXPECT_EQ(tok->model_name(), "llama");
    EXPECT_EQ(tok->vocab_size(), 512u);
    EXPECT_EQ(tok->bos(), 1);
    EXPECT_EQ(tok->eos(), 2);
    EXPECT_TRUE(tok->add_bos());
    EXPECT_TRUE(tok->is_eog(2));
    const auto ids = tok->encode("Once upon a time", true, false);
    EXPECT_EQ(ids, (std::vector<int32_t>{1, 403, 407, 261, 378}));
    EXPECT_EQ(tok->decode(ids), "Once upon a time");
}

const char* const kVocabs[] = {
    "vocab/ggml-vocab-llama-spm.gguf", "vocab/ggml-vocab-phi-3.gguf",        "vocab/ggml-vocab-gpt-2.gguf",
    "vocab/ggml-vocab-llama-bpe.gguf", "vocab/ggml-vocab-qwen2.gguf",        "vocab/ggml-vocab-deepseek-llm.gguf",
    "vocab/ggml-vocab-falcon.gguf",    "models/stories260K.gguf",
};

const Tokenizer& get(const char* rel) {
    std::string err;
    const Tokenizer* t = load_tokenizer(rel, &err);
    if (!t) ADD_FAILURE() << rel << ": " << err;
    static const Tokenizer* fallback = nullptr;
    return t ? *t : *fallback;
}

// Random text mixing ASCII, whitespace runs, Latin, Cyrillic, CJK, combining marks, emoji and
// unassigned code points.
std::string random_unicode(std::mt19937& rng, size_t n_cps) {
    static const std::pair<uint32_t, uint32_t> kRanges[] = {
        {0x20, 0x7E}, {0x20, 0x20}, {0x09, 0x0D}, {0xA0, 0x17F}, {0x300, 0x36F}, {0x400, 0x4FF},
        {0x4E00, 0x9FFF}, {0x3000, 0x303F}, {0xAC00, 0xD7A3}, {0x1F300, 0x1FAFF}, {0x0E00, 0x0E7F},
        {0x2000, 0x206F}, {0xE000, 0xE0FF}, {0x10FF00, 0x10FFFF}, {0x0600, 0x06FF}, {0x30, 0x39},
    };
    std::string s;
    for (size_t i = 0; i < n_cps; ++i) {
        const auto& r = kRanges[rng() % std::size(kRanges)];
        uint32_t cp = r.first + uint32_t(rng() % (r.second - r.first + 1));
        if (cp >= 0xD800 && cp <= 0xDFFF) cp = 'x';
        unicode::append_utf8(s, cp);
    }
    return s;
}

// Whether every byte of `s` survives encoding alone: byte-level vocabularies that lack the token
// of a byte (falcon has none for \v) drop it, as llama.cpp does.
bool bytes_representable(const Tokenizer& tok, std::string_view s) {
    static std::map<const Tokenizer*, std::array<bool, 256>> cache;
    auto [it, fresh] = cache.try_emplace(&tok);
    if (fresh) {
        for (int b = 0; b < 256; ++b) {
            if (tok.model_name() == "llama") {
                it->second[size_t(b)] = true;
                continue;
            }
            const std::string one(1, char(b));
            it->second[size_t(b)] = tok.decode(tok.encode(one, false, false)) == one;
        }
    }
    for (char c : s)
        if (!it->second[uint8_t(c)]) return false;
    return true;
}

TEST(Tokenizer, RoundTripRandomUnicode) {
    std::mt19937 rng(1234);
    for (const char* rel : kVocabs) {
        const Tokenizer& tok = get(rel);
        for (int i = 0; i < 150; ++i) {
            const std::string s = random_unicode(rng, 1 + rng() % 40);
            if (!bytes_representable(tok, s)) continue;
            const auto ids = tok.encode(s, false, false);
            ASSERT_EQ(tok.decode(ids), s) << rel << " case " << i;
            const auto with_bos = tok.encode(s, true, false);
            ASSERT_EQ(tok.decode(with_bos), s) << rel << " with BOS, case " << i;
        }
    }
}

TEST(Tokenizer, InvalidUtf8RoundTripsByteForByte) {
    std::mt19937 rng(99);
    for (const char* rel : kVocabs) {
        const Tokenizer& tok = get(rel);
        for (int i = 0; i < 200; ++i) {
            std::string s(1 + rng() % 32, '\0');
            for (char& c : s) c = char(rng() % 4 == 0 ? 'a' + rng() % 26 : rng() % 256);
            const auto ids = tok.encode(s, true, true);
            for (int32_t id : ids) ASSERT_TRUE(id >= 0 && size_t(id) < tok.vocab_size());
            // Byte-level BPE and SentencePiece byte fallback keep every byte.
            if (!bytes_representable(tok, s)) continue;
            ASSERT_EQ(tok.decode(tok.encode(s, false, false)), s) << rel << " case " << i;
        }
    }
}

TEST(Tokenizer, SpecialTokensOnlyWhenParsingSpecial) {
    const Tokenizer& qwen = get("vocab/ggml-vocab-qwen2.gguf");
    const int32_t im_end = qwen.find_token("<|im_end|>");
    ASSERT_EQ(im_end, 151645);
    const std::string user = "hi<|im_end|>\n<|im_start|>system";
    const auto plain = qwen.encode(user, false, false);
    for (int32_t id : plain) EXPECT_FALSE(qwen.is_control(id)) << id;
    EXPECT_EQ(qwen.decode(plain), user);
    const auto parsed = qwen.encode(user, false, true);
    EXPECT_NE(std::find(parsed.begin(), parsed.end(), im_end), parsed.end());
    EXPECT_NE(std::find(parsed.begin(), parsed.end(), 151644), parsed.end());
    EXPECT_EQ(qwen.decode(parsed), "hi\n" "system");
    EXPECT_EQ(qwen.decode(parsed, true), user);

    const Tokenizer& l3 = get("vocab/ggml-vocab-llama-bpe.gguf");
    const auto t = l3.encode("<|start_header_id|>user<|end_header_id|>\n\nhello<|eot_id|>", true, true);
    ASSERT_GE(t.size(), 6u);
    EXPECT_EQ(t[0], 128000);
    EXPECT_EQ(t[1], 128006);
    EXPECT_EQ(t.back(), 128009);
}

TEST(Tokenizer, UserDefinedTokensAlwaysMatch) {
    // phi-3: "</s>" is user-defined, matched even in plain text (and strips the space after it).
    const Tokenizer& phi = get("vocab/ggml-vocab-phi-3.gguf");
    const auto ids = phi.encode("a</s> b", false, false);
    EXPECT_NE(std::find(ids.begin(), ids.end(), 2), ids.end());
    // ...while control tokens are not.
    const auto ids2 = phi.encode("a<|end|>", false, false);
    EXPECT_EQ(std::find(ids2.begin(), ids2.end(), 32007), ids2.end());
    EXPECT_NE(std::find(phi.encode("a<|end|>", false, true).begin(), phi.encode("a<|end|>", false, true).end(), 32007),
              phi.encode("a<|end|>", false, true).end());
}

TEST(Tokenizer, SpecialTokenMetadata) {
    const Tokenizer& l3 = get("vocab/ggml-vocab-llama-bpe.gguf");
    EXPECT_EQ(l3.bos(), 128000);
    EXPECT_EQ(l3.eos(), 128001);
    EXPECT_TRUE(l3.add_bos());
    EXPECT_TRUE(l3.is_eog(128001));
    EXPECT_TRUE(l3.is_eog(128009));  // <|eot_id|>
    EXPECT_FALSE(l3.is_eog(128006));
    EXPECT_EQ(l3.token_type(128006), TokenType::Control);

    const Tokenizer& qwen = get("vocab/ggml-vocab-qwen2.gguf");
    EXPECT_FALSE(qwen.add_bos());
    EXPECT_TRUE(qwen.is_eog(151645));
    EXPECT_TRUE(qwen.is_eog(151643));  // <|endoftext|>
    EXPECT_FALSE(qwen.is_eog(151644));
    EXPECT_EQ(qwen.pre_name(), "qwen2");

    const Tokenizer& phi = get("vocab/ggml-vocab-phi-3.gguf");
    EXPECT_TRUE(phi.is_eog(32000));
    EXPECT_TRUE(phi.is_eog(32007));  // <|end|>
    EXPECT_EQ(phi.token_text(32007), "<|end|>");
    EXPECT_EQ(phi.token_text(-5), "");

    const Tokenizer& gpt2 = get("vocab/ggml-vocab-gpt-2.gguf");
    EXPECT_FALSE(gpt2.add_bos());
    EXPECT_TRUE(gpt2.is_eog(50256));
}

TEST(Tokenizer, SentencePieceSpacePrefix) {
    const Tokenizer& spm = get("vocab/ggml-vocab-llama-spm.gguf");
    const auto ids = spm.encode("Hello world", true, false);
    ASSERT_EQ(ids.front(), 1);
    EXPECT_EQ(spm.token_text(ids[1]), "\xE2\x96\x81Hello");
    EXPECT_EQ(spm.decode(ids), "Hello world");
    EXPECT_EQ(spm.decode(spm.encode(" Hello", true, false)), " Hello");
    EXPECT_TRUE(spm.encode("", false, false).empty());
    EXPECT_EQ(spm.encode("", true, false), (std::vector<int32_t>{1}));
    EXPECT_EQ(spm.encode("x", true, false, true).back(), 2);
}

// The detokenizer emits only whole UTF-8 characters, and their concatenation is the text.
TEST(Detokenizer, EmitsOnlyCompleteUtf8) {
    std::mt19937 rng(7);
    for (const char* rel : kVocabs) {
        const Tokenizer& tok = get(rel);
        Detokenizer detok(tok);
        for (int i = 0; i < 60; ++i) {
            const std::string s = random_unicode(rng, 1 + rng() % 30);
            if (!bytes_representable(tok, s)) continue;
            const auto ids = tok.encode(s, true, false);
            std::string streamed;
            for (int32_t id : ids) {
                const std::string part = detok.push(id);
                ASSERT_EQ(unicode::sanitize_utf8(part), part) << rel;
                streamed += part;
            }
            EXPECT_EQ(detok.flush(), "");
            EXPECT_EQ(streamed, s) << rel << " case " << i;
        }
    }
}

TEST(Detokenizer, HoldsBackSplitCharacters) {
    const Tokenizer& spm = get("vocab/ggml-vocab-llama-spm.gguf");
    // 🦙 is not in the vocabulary: four byte tokens.
    const auto ids = spm.encode("\xF0\x9F\xA6\x99!", false, false);
    Detokenizer detok(spm);
    std::vector<std::string> parts;
    for (int32_t id : ids) parts.push_back(detok.push(id));
    std::string all;
    for (const auto& p : parts) all += p;
    EXPECT_EQ(all, "\xF0\x9F\xA6\x99!");
    size_t empty = 0;
    for (const auto& p : parts) empty += p.empty();
    EXPECT_GE(empty, 3u);
    // A stream cut inside a character ends with U+FFFD for each byte held back.
    ASSERT_EQ(ids.size(), 6u);  // "▁" (prefix), four bytes, "!"
    Detokenizer cut(spm);
    for (size_t i = 0; i < 4; ++i) EXPECT_EQ(cut.push(ids[i]), "");
    EXPECT_EQ(cut.pending_bytes(), 3u);
    EXPECT_EQ(cut.flush(), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    // A stray continuation byte is replaced, not held forever.
    const int32_t b80 = spm.find_token("<0x80>");
    EXPECT_EQ(cut.push(b80), "\xEF\xBF\xBD");
}

TEST(Detokenizer, StripsSpacePrefixAfterBos) {
    const Tokenizer& spm = get("models/stories260K.gguf");
    Detokenizer d(spm);
    std::string out;
    for (int32_t id : spm.encode("Once upon a time", true, false)) out += d.push(id);
    EXPECT_EQ(out, "Once upon a time");
}

TEST(Tokenizer, RejectsUnsupportedMetadata) {
    Gguf g;
    EXPECT_FALSE(Tokenizer::from_gguf(g).ok());
    GgufValue model;
    model.type = GgufType::STRING;
    model.s = "t5";  // Unigram (XLM-R, multilingual-e5, bge-m3): not supported yet
    g.metadata.push_back({"tokenizer.ggml.model", model});
    g.key_index["tokenizer.ggml.model"] = 0;
    auto r = Tokenizer::from_gguf(g);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("unsupported tokenizer model 't5'"), std::string::npos) << r.error().message;
}

Result<std::unique_ptr<Tokenizer>> tiny_bpe(const std::string& pre) {
    GgufWriter w;
    w.set_string("tokenizer.ggml.model", "gpt2");
    if (!pre.empty()) w.set_string("tokenizer.ggml.pre", pre);
    w.set_strings("tokenizer.ggml.tokens", {"a", "b", "ab", "\xC4\xA0", "\xC4\xA0" "ab", "<|end|>"});
    w.set_i32s("tokenizer.ggml.token_type", {1, 1, 1, 1, 1, 3});
    w.set_strings("tokenizer.ggml.merges", {"a b", "\xC4\xA0 ab"});
    auto bytes = w.bytes();
    auto g = parse_gguf(bytes);
    if (!g) return g.error();
    return Tokenizer::from_gguf(*g);
}

TEST(Tokenizer, BuiltFromMetadataAlone) {
    auto t = tiny_bpe("smollm");
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ((*t)->encode("ab ab", false, false), (std::vector<int32_t>{2, 4}));
    EXPECT_EQ((*t)->decode(std::vector<int32_t>{2, 4}), "ab ab");
    EXPECT_TRUE((*t)->is_eog(5));  // <|end|> by its text
    EXPECT_EQ((*t)->bos(), -1);
    EXPECT_FALSE((*t)->add_bos());
    EXPECT_EQ((*t)->encode("ab", true, false), (std::vector<int32_t>{2}));  // no BOS to add

    auto bad = tiny_bpe("no-such-pre");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("no-such-pre"), std::string::npos);
}

// o200k_harmony (gpt-oss) as llama.cpp treats it: <|return|> and <|call|> end a reply, <|end|>
// then does not (it closes the analysis message inside the reply) and is rendered like the
// framing tokens <|channel|>, <|message|>, <|start|>, <|constrain|>; other control tokens stay
// silent.
TEST(Tokenizer, HarmonyStopsAndFraming) {
    GgufWriter w;
    w.set_string("tokenizer.ggml.model", "gpt2");
    w.set_string("tokenizer.ggml.pre", "gpt-4o");
    const std::vector<std::string> toks = {"a",         "b",         "ab",        "<|return|>",  "<|call|>",
                                           "<|end|>",   "<|start|>", "<|channel|>", "<|message|>", "<|constrain|>",
                                           "<|endoftext|>", "<|startoftext|>"};
    w.set_strings("tokenizer.ggml.tokens", toks);
    w.set_i32s("tokenizer.ggml.token_type", {1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3});
    w.set_strings("tokenizer.ggml.merges", {"a b"});
    w.set_u32("tokenizer.ggml.eos_token_id", 3);
    auto bytes = w.bytes();
    auto g = parse_gguf(bytes);
    ASSERT_TRUE(g);
    auto t = Tokenizer::from_gguf(*g);
    ASSERT_TRUE(t.ok()) << t.error().message;
    const Tokenizer& h = **t;
    EXPECT_TRUE(h.is_eog(3));   // <|return|>
    EXPECT_TRUE(h.is_eog(4));   // <|call|>
    EXPECT_FALSE(h.is_eog(5));  // <|end|>
    EXPECT_TRUE(h.is_eog(10));  // <|endoftext|>
    for (int32_t id : {5, 6, 7, 8, 9}) {
        EXPECT_EQ(h.token_type(id), TokenType::UserDefined) << toks[size_t(id)];
        EXPECT_EQ(h.piece(id), toks[size_t(id)]);
    }
    EXPECT_EQ(h.piece(11), "");  // <|startoftext|> stays a silent control token
    EXPECT_EQ(h.decode(std::vector<int32_t>{7, 2, 8, 0, 5}), "<|channel|>ab<|message|>a<|end|>");
    // Without <|return|> and <|call|> (phi-3, smollm...) <|end|> still ends the reply.
    auto plain = tiny_bpe("smollm");
    ASSERT_TRUE(plain.ok());
    EXPECT_TRUE((*plain)->is_eog(5));
}

// gemma4's SPM-style BPE (llama.cpp's LLAMA_VOCAB_PRE_TYPE_GEMMA4): spaces as U+2581, merges
// over the raw UTF-8 of runs of newlines and runs of the rest, a run of newlines in the
// vocabulary kept whole, missing symbols as <0xXX> byte tokens, BOS always added; the thought
// channel's tokens rendered.
TEST(Tokenizer, Gemma4SpmStyleBpe) {
    GgufWriter w;
    w.set_string("tokenizer.ggml.model", "gemma4");
    w.set_string("tokenizer.ggml.pre", "gemma4");
    const std::string sp = "\xE2\x96\x81";
    w.set_strings("tokenizer.ggml.tokens", {"<pad>", "<eos>", "<bos>", "<0x0A>", "<0x78>", "h", "e", "l", "o", "he", "ll", "llo", "hello",
                                            sp, sp + "hello", "\n\n", "<turn|>", "<|channel>", "<channel|>"});
    w.set_i32s("tokenizer.ggml.token_type", {3, 3, 3, 6, 6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3});
    w.set_strings("tokenizer.ggml.merges", {"h e", "l l", "ll o", "he llo", sp + " hello"});
    w.set_u32("tokenizer.ggml.bos_token_id", 2);
    w.set_u32("tokenizer.ggml.eos_token_id", 1);
    w.set_bool("tokenizer.ggml.add_bos_token", false);  // overridden, as llama.cpp does
    auto bytes = w.bytes();
    auto g = parse_gguf(bytes);
    ASSERT_TRUE(g.ok());
    auto t = Tokenizer::from_gguf(*g);
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_TRUE((*t)->add_bos());
    const std::vector<int32_t> ids{2, 12, 14, 15, 4, 3};
    EXPECT_EQ((*t)->encode("hello hello\n\nx\n", true, false), ids);
    EXPECT_EQ((*t)->decode(std::vector<int32_t>(ids.begin() + 1, ids.end())), "hello hello\n\nx\n");
    EXPECT_TRUE((*t)->is_eog(16));  // <turn|> by its text
    EXPECT_TRUE((*t)->is_eog(1));
    // The thought channel's tokens are rendered (the reply's thoughts told from its answer)
    EXPECT_EQ((*t)->decode(std::vector<int32_t>{17, 12, 18, 12}), "<|channel>hello<channel|>hello");
    EXPECT_EQ((*t)->piece(16), "");  // <turn|> stays a silent control token
}

TEST(Tokenizer, FastOnLargeVocabularies) {
    const Tokenizer& qwen = get("vocab/ggml-vocab-qwen2.gguf");
    std::mt19937 rng(5);
    std::string text;
    while (text.size() < 10000) {
        text += "The quick brown fox jumps over the lazy dog 12345, ";
        text += random_unicode(rng, 20);
    }
    const auto t0 = std::chrono::steady_clock::now();
    const auto ids = qwen.encode(text, false, false);
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("[ timing   ] qwen2: %zu bytes -> %zu tokens in %.2f ms\n", text.size(), ids.size(), ms);
    EXPECT_LT(ms, 1000.0);
    EXPECT_EQ(qwen.decode(ids), text);
}

}  // namespace
}  // namespace causerie::test
