// Loads the shared vocabularies once per test binary.
#pragma once
#include "gguf/gguf.h"
#include "gguf/mapped_file.h"
#include "text/tokenizer.h"

#include <map>
#include <memory>
#include <string>

namespace causerie::test {

inline std::string shared_path(const std::string& rel) { return std::string(CAUSERIE_SHARED_DIR) + "/" + rel; }

// nullptr (with the reason in *error) if the file cannot be read or has no supported tokenizer.
inline const Tokenizer* load_tokenizer(const std::string& rel, std::string* error = nullptr) {
    static std::map<std::string, std::unique_ptr<Tokenizer>> cache;
    auto it = cache.find(rel);
    if (it != cache.end()) return it->second.get();
    auto file = MappedFile::open(shared_path(rel));
    if (!file) {
        if (error) *error = file.error().message;
        return nullptr;
    }
    auto g = parse_gguf(file->bytes());
    if (!g) {
        if (error) *error = g.error().message;
        return nullptr;
    }
    auto t = Tokenizer::from_gguf(*g);
    if (!t) {
        if (error) *error = t.error().message;
        return nullptr;
    }
    return (cache[rel] = std::move(t.value())).get();
}

}  // namespace causerie::test
