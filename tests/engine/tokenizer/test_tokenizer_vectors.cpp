// llama.cpp's tokenizer test vectors: every string of NAME.gguf.inp must encode (no BOS, special
// tokens not parsed) to the ids on the matching line of NAME.gguf.out.
#include "tokenizer_fixture.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace causerie::test {
namespace {

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::vector<std::string> split_inputs(const std::string& all) {
    const std::string sep = "\n__ggml_vocab_test__\n";
    std::vector<std::string> out;
    size_t pos = 0;
    while (true) {
        const size_t m = all.find(sep, pos);
        if (m == std::string::npos) break;
        out.push_back(all.substr(pos, m - pos));
        pos = m + sep.size();
    }
    if (pos < all.size()) out.push_back(all.substr(pos));
    return out;
}

std::vector<std::vector<int32_t>> read_outputs(const std::string& all) {
    std::vector<std::vector<int32_t>> out;
    std::istringstream lines(all);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream ids(line);
        std::vector<int32_t> v;
        int64_t id;
        while (ids >> id) v.push_back(int32_t(id));
        out.push_back(std::move(v));
    }
    return out;
}

std::string ids_string(const std::vector<int32_t>& v) {
    std::string s;
    for (int32_t id : v) s += (s.empty() ? "" : " ") + std::to_string(id);
    return s;
}

class VocabVectors : public ::testing::TestWithParam<const char*> {};

TEST_P(VocabVectors, AllPass) {
    const std::string name = GetParam();
    std::string err;
    const Tokenizer* tok = load_tokenizer("vocab/" + name, &err);
    ASSERT_NE(tok, nullptr) << err;
    const auto inputs = split_inputs(read_file(shared_path("vocab/" + name + ".inp")));
    const auto expected = read_outputs(read_file(shared_path("vocab/" + name + ".out")));
    ASSERT_EQ(inputs.size(), expected.size());
    ASSERT_FALSE(inputs.empty());
    size_t passed = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
        const auto got = tok->encode(inputs[i], false, false);
        if (got == expected[i]) ++passed;
        EXPECT_EQ(ids_string(got), ids_string(expected[i])) << name << " vector " << i << ": '" << inputs[i] << "'";
    }
    std::printf("[ vectors  ] %s: %zu/%zu pass (model %s, pre '%s')\n", name.c_str(), passed, inputs.size(),
                tok->model_name().c_str(), tok->pre_name().c_str());
}

INSTANTIATE_TEST_SUITE_P(Shared, VocabVectors,
                         ::testing::Values("ggml-vocab-llama-spm.gguf", "ggml-vocab-phi-3.gguf", "ggml-vocab-gpt-2.gguf",
                                           "ggml-vocab-llama-bpe.gguf", "ggml-vocab-qwen2.gguf",
                                           "ggml-vocab-deepseek-llm.gguf", "ggml-vocab-falcon.gguf"),
                         [](const auto& param_info) {
                             std::string n = param_info.param;
                             n = n.substr(11, n.size() - 11 - 5);  // ggml-vocab-NAME.gguf
                             for (char& c : n)
                                 if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                             return n;
                         });

}  // namespace
}  // namespace causerie::test
