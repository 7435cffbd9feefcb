// GGUF v2/v3: metadata and tensor descriptors parsed from a byte span.
// The parser never touches the file system; gguf_file.h maps a file and hands its bytes here.
#pragma once
#include "core/result.h"
#include "gguf/tensor_type.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace causerie {

enum class GgufType : uint32_t {
    U8 = 0, I8 = 1, U16 = 2, I16 = 3, U32 = 4, I32 = 5, F32 = 6, BOOL = 7,
    STRING = 8, ARRAY = 9, U64 = 10, I64 = 11, F64 = 12,
};
const char* gguf_type_name(GgufType t);

struct GgufArray;

// One metadata value. Integers keep their bits in `u` (signed ones sign-extended),
// floats are widened to double.
struct GgufValue {
    GgufType type = GgufType::U8;
    uint64_t u = 0;
    double f = 0;
    std::string s;
    std::shared_ptr<const GgufArray> array;

    bool is_integer() const;
    bool is_float() const { return type == GgufType::F32 || type == GgufType::F64; }
    int64_t as_int() const { return int64_t(u); }
    std::string to_string(size_t max_items = 8) const;  // for `info`
};

struct GgufArray {
    GgufType elem = GgufType::U8;
    std::vector<GgufValue> items;  // scalars and nested arrays
    std::vector<std::string> strings;  // when elem == STRING
    size_t size() const { return elem == GgufType::STRING ? strings.size() : items.size(); }
};

struct TensorInfo {
    std::string name;
    std::vector<uint64_t> dims;  // ne[0] first: dims[0] is the row length
    TensorType type = TensorType::F32;
    uint64_t offset = 0;      // from the start of the data section
    uint64_t n_elements = 0;
    uint64_t n_bytes = 0;
    uint64_t file_offset = 0;  // absolute: data section start + offset

    uint64_t rows() const { return dims.empty() ? 0 : n_elements / dims[0]; }
    std::string shape_string() const;  // "[4096, 32000]"
};

struct Gguf {
    uint32_t version = 0;
    uint32_t alignment = 32;
    uint64_t data_offset = 0;  // may lie past the end of a file without tensor data
    std::vector<std::pair<std::string, GgufValue>> metadata;  // in file order
    std::vector<TensorInfo> tensors;

    const GgufValue* find(const std::string& key) const;
    const TensorInfo* tensor(const std::string& name) const;

    // Typed getters: an error names the key, the expected and the actual type.
    Result<uint64_t> get_uint(const std::string& key) const;
    Result<double> get_float(const std::string& key) const;
    Result<std::string> get_string(const std::string& key) const;
    Result<bool> get_bool(const std::string& key) const;
    uint64_t uint_or(const std::string& key, uint64_t fallback) const;
    double float_or(const std::string& key, double fallback) const;
    std::string string_or(const std::string& key, const std::string& fallback) const;
    bool bool_or(const std::string& key, bool fallback) const;
    const GgufArray* array(const std::string& key) const;  // nullptr if absent or not an array

    std::unordered_map<std::string, size_t> key_index;
    std::unordered_map<std::string, size_t> tensor_index;
};

struct GgufLimits {
    uint64_t max_string = 64ull << 20;     // bytes of one string
    uint64_t max_array = 1ull << 26;        // elements of one array
    uint64_t max_tensors = 1ull << 20;
    uint64_t max_kv = 1ull << 20;
    uint32_t max_depth = 4;                // nested arrays
};

// Parses and validates: magic, version, counts, every value, tensor shapes, types,
// alignment and that every tensor's data lies inside `bytes`.
Result<Gguf> parse_gguf(std::span<const uint8_t> bytes, const GgufLimits& limits = {});

}  // namespace causerie
