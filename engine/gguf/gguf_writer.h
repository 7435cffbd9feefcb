// Writes GGUF v3 files: used by tests (tiny random models, broken files) and `make-model`.
#pragma once
#include "core/result.h"
#include "gguf/gguf.h"

#include <string>
#include <vector>

namespace causerie {

class GgufWriter {
public:
    void set_u32(const std::string& key, uint32_t v);
    void set_i32(const std::string& key, int32_t v);
    void set_u64(const std::string& key, uint64_t v);
    void set_f32(const std::string& key, float v);
    void set_bool(const std::string& key, bool v);
    void set_string(const std::string& key, const std::string& v);
    void set_strings(const std::string& key, const std::vector<std::string>& v);
    void set_f32s(const std::string& key, const std::vector<float>& v);
    void set_i32s(const std::string& key, const std::vector<int32_t>& v);
    // Copies a metadata value (any type) from a parsed file.
    void set_value(const std::string& key, const GgufValue& v);
    // Removes every value of this key (tests: a file without a key the writer puts in).
    void erase(const std::string& key);

    // `data` must hold the tensor's bytes in its type's layout.
    void add_tensor(const std::string& name, std::vector<uint64_t> dims, TensorType type, std::vector<uint8_t> data);

    std::vector<uint8_t> bytes(uint32_t alignment = 32) const;
    Status write(const std::string& path) const;  // to path + ".tmp", then renamed

private:
    struct Tensor {
        std::string name;
        std::vector<uint64_t> dims;
        TensorType type;
        std::vector<uint8_t> data;
    };
    std::vector<std::pair<std::string, GgufValue>> kv_;
    std::vector<Tensor> tensors_;
};

}  // namespace causerie
