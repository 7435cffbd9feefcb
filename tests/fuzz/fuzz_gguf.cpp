// fuzz-link: causerie_base
// The GGUF parser on arbitrary bytes: must return (an error or a file), never crash or hang.
#include "gguf/gguf.h"
#include "gguf/gguf_writer.h"

#include <cstdint>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    causerie::GgufLimits limits;
    limits.max_array = 1 << 16;
    limits.max_string = 1 << 16;
    auto r = causerie::parse_gguf(std::span(data, size), limits);
    if (r) {
        for (const auto& [k, v] : r->metadata) (void)v.to_string();
    }
    return 0;
}

extern "C" void LLVMFuzzerSeeds(std::vector<std::vector<uint8_t>>* out) {
    using namespace causerie;
    GgufWriter w;
    w.set_string("general.architecture", "llama");
    w.set_u32("llama.block_count", 1);
    w.set_f32("llama.rope.freq_base", 10000.f);
    w.set_strings("tokenizer.ggml.tokens", {"a", "b"});
    w.set_i32s("tokenizer.ggml.token_type", {1, 3});
    w.add_tensor("t", {32, 2}, TensorType::Q4_0, std::vector<uint8_t>(36, 1));
    w.add_tensor("f", {4}, TensorType::F32, std::vector<uint8_t>(16, 2));
    out->push_back(w.bytes());
}
