// Tokenizer behaviour beyond the shared vectors.
#include "text/detokenizer.h"
#include "text/unicode.h"
#include "tokenizer_fixture.h"

#include <gtest/gtest.h>

#include <chrono>
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

}  // namespace
}  // namespace causerie::test
