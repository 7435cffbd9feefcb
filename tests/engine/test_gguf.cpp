// GGUF parser: real files, every metadata type, and broken files that must fail cleanly.
#include "gguf/gguf.h"
#include "gguf/gguf_writer.h"
#include "gguf/mapped_file.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

using namespace causerie;

namespace {

std::vector<uint8_t> sample_file() {
    GgufWriter w;
    w.set_string("general.architecture", "llama");
    w.set_u32("llama.block_count", 2);
    w.set_i32("some.i32", -7);
    w.set_u64("some.u64", 1ull << 40);
    w.set_f32("some.f32", 0.5f);
    w.set_bool("some.bool", true);
    w.set_strings("tokenizer.ggml.tokens", {"a", "b", "<s>"});
    w.set_f32s("tokenizer.ggml.scores", {0.f, -1.f, -2.f});
    w.set_i32s("tokenizer.ggml.token_type", {1, 1, 3});
    std::vector<uint8_t> data(64 * 3 * 4);
    for (size_t i = 0; i < data.size(); ++i) data[i] = uint8_t(i);
    w.add_tensor("w", {64, 3}, TensorType::F32, data);
    w.add_tensor("q", {64, 2}, TensorType::Q8_0, std::vector<uint8_t>(2 * 2 * 34, 7));
    return w.bytes();
}

}  // namespace

TEST(Gguf, RoundTripsEveryValueType) {
    auto bytes = sample_file();
    auto g = parse_gguf(bytes);
    ASSERT_TRUE(g) << g.error().message;
    EXPECT_EQ(g->version, 3u);
    EXPECT_EQ(*g->get_string("general.architecture"), "llama");
    EXPECT_EQ(*g->get_uint("llama.block_count"), 2u);
    EXPECT_EQ(g->find("some.i32")->as_int(), -7);
    EXPECT_EQ(*g->get_uint("some.u64"), 1ull << 40);
    EXPECT_FLOAT_EQ(float(*g->get_float("some.f32")), 0.5f);
    EXPECT_TRUE(*g->get_bool("some.bool"));
    ASSERT_NE(g->array("tokenizer.ggml.tokens"), nullptr);
    EXPECT_EQ(g->array("tokenizer.ggml.tokens")->strings[2], "<s>");
    EXPECT_EQ(g->array("tokenizer.ggml.token_type")->items[2].as_int(), 3);
    EXPECT_FALSE(g->get_uint("general.architecture"));  // wrong type is an error, not a crash
    EXPECT_EQ(g->float_or("llama.rope.freq_base", 10000.0), 10000.0);
    const TensorInfo* w = g->tensor("w");
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->n_bytes, 64u * 3 * 4);
    EXPECT_EQ(bytes[w->file_offset + 5], 5);
    EXPECT_EQ(g->tensor("q")->n_bytes, 2u * 2 * 34);
}

TEST(Gguf, ReadsTheRealTinyModel) {
    auto f = MappedFile::open(std::string(CAUSERIE_SHARED_DIR) + "/models/stories260K.gguf");
    ASSERT_TRUE(f) << f.error().message;
    auto g = parse_gguf(f->bytes());
    ASSERT_TRUE(g) << g.error().message;
    EXPECT_EQ(g->string_or("general.architecture", ""), "llama");
    ASSERT_NE(g->tensor("token_embd.weight"), nullptr);
    EXPECT_EQ(g->tensor("token_embd.weight")->dims, (std::vector<uint64_t>{64, 512}));
    EXPECT_EQ(g->find("llama.rope.freq_base"), nullptr);
}

TEST(Gguf, AcceptsVocabOnlyFilesWhoseDataOffsetIsPastTheEnd) {
    for (const char* name : {"ggml-vocab-llama-spm.gguf", "ggml-vocab-qwen2.gguf", "ggml-vocab-gpt-2.gguf"}) {
        auto f = MappedFile::open(std::string(CAUSERIE_SHARED_DIR) + "/vocab/" + name);
        ASSERT_TRUE(f) << f.error().message;
        auto g = parse_gguf(f->bytes());
        ASSERT_TRUE(g) << name << ": " << g.error().message;
        EXPECT_GT(g->array("tokenizer.ggml.tokens")->size(), 1000u);
    }
}

TEST(Gguf, EveryTruncationFailsCleanly) {
    auto bytes = sample_file();
    auto full = parse_gguf(bytes);
    ASSERT_TRUE(full);
    const auto& last = full->tensors.back();
    for (size_t n = 0; n < last.file_offset + last.n_bytes; ++n) {
        auto g = parse_gguf(std::span(bytes.data(), n));
        EXPECT_FALSE(g) << "truncated at " << n;
    }
}

TEST(Gguf, RejectsHostileHeaders) {
    auto bytes = sample_file();
    auto with = [&](size_t off, auto value) {
        auto b = bytes;
        std::memcpy(b.data() + off, &value, sizeof(value));
        return b;
    };
    auto bad_magic = with(0, uint32_t(0x12345678));
    EXPECT_NE(parse_gguf(bad_magic).error().message.find("magic"), std::string::npos);
    EXPECT_FALSE(parse_gguf(with(4, uint32_t(99))));               // version
    EXPECT_FALSE(parse_gguf(with(8, uint64_t(1) << 62)));          // tensor count
    EXPECT_FALSE(parse_gguf(with(16, uint64_t(1) << 62)));         // kv count
    EXPECT_FALSE(parse_gguf(with(24, uint64_t(1) << 60)));         // first key length
}

TEST(Gguf, RejectsMisalignedAndOutOfBoundsTensors) {
    auto make = [](uint64_t dim0, TensorType type, size_t bytes_len) {
        GgufWriter w;
        w.add_tensor("t", {dim0}, type, std::vector<uint8_t>(bytes_len));
        return w.bytes();
    };
    auto ok = make(32, TensorType::Q4_0, 18);
    EXPECT_TRUE(parse_gguf(ok));
    EXPECT_FALSE(parse_gguf(make(33, TensorType::Q4_0, 18)));  // row not a block multiple
    // Offset field of the tensor info: patch it to a misaligned and an out-of-range value.
    auto g = parse_gguf(ok);
    size_t off_pos = size_t(g->data_offset) - 1;
    while (off_pos > 8 && ok[off_pos] == 0) --off_pos;  // skip padding back to the tensor type
    off_pos += 1;  // first byte of the offset field
    auto patch = ok;
    uint64_t mis = 3;
    std::memcpy(patch.data() + off_pos, &mis, 8);
    EXPECT_FALSE(parse_gguf(patch));
    uint64_t far = 1ull << 40;
    std::memcpy(patch.data() + off_pos, &far, 8);
    auto r = parse_gguf(patch);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("outside"), std::string::npos);
}

TEST(Gguf, RandomCorruptionNeverCrashes) {
    auto bytes = sample_file();
    std::mt19937 rng(42);
    for (int i = 0; i < 3000; ++i) {
        auto b = bytes;
        int flips = 1 + int(rng() % 4);
        for (int k = 0; k < flips; ++k) b[rng() % b.size()] = uint8_t(rng());
        (void)parse_gguf(b);  // must return, error or not; ASan/UBSan catch the rest
    }
}

// The i-quants: each type's tensor is sized as ggml's block says (bytes per 256 or 32
// elements); a row that is not a block multiple, or data cut short, is refused by name.
TEST(Gguf, SizesTheIQuantTensorsAndRefusesMalformedOnes) {
    struct T { TensorType type; uint64_t elems, bytes; };
    const T types[] = {{TensorType::IQ4_NL, 32, 18},  {TensorType::IQ4_XS, 256, 136}, {TensorType::IQ2_XXS, 256, 66},
                       {TensorType::IQ2_XS, 256, 74}, {TensorType::IQ2_S, 256, 82},   {TensorType::IQ3_XXS, 256, 98},
                       {TensorType::IQ3_S, 256, 110}, {TensorType::IQ1_S, 256, 50},   {TensorType::IQ1_M, 256, 56},
                       {TensorType::MXFP4, 32, 17}};
    for (const auto& t : types) {
        const std::string name(type_name(t.type));
        GgufWriter w;
        w.add_tensor("w", {2 * t.elems, 3}, t.type, std::vector<uint8_t>(6 * t.bytes, 1));
        auto g = parse_gguf(w.bytes());
        ASSERT_TRUE(g) << name << ": " << g.error().message;
        EXPECT_EQ(g->tensors[0].n_bytes, 6 * t.bytes) << name;
        EXPECT_EQ(g->tensors[0].type, t.type);
        EXPECT_TRUE(is_supported_weight_type(t.type)) << name;

        GgufWriter bad;
        bad.add_tensor("w", {t.elems + 16}, t.type, std::vector<uint8_t>(2 * t.bytes));
        auto e = parse_gguf(bad.bytes());
        ASSERT_FALSE(e) << name;
        EXPECT_NE(e.error().message.find("not a multiple of the " + name + " block"), std::string::npos) << e.error().message;

        auto cut = w.bytes();
        cut.resize(g->tensors[0].file_offset + g->tensors[0].n_bytes - 1);  // the last byte missing
        auto c = parse_gguf(cut);
        ASSERT_FALSE(c) << name;
        EXPECT_NE(c.error().message.find("outside the file"), std::string::npos) << c.error().message;
    }
}
