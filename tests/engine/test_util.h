// Helpers shared by the engine tests.
#pragma once
#include <cctype>
#include <cstdint>
#include <iterator>
#include <fstream>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace causerie::test {

inline std::string shared_path(const std::string& rel) { return std::string(CAUSERIE_SHARED_DIR) + "/" + rel; }

// Every integer in the file, in order ("ids=[1, 2, 3]" or "1 2 3").
inline std::vector<int32_t> read_ids(const std::string& path) {
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<int32_t> ids;
    for (size_t i = 0; i < text.size();) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) { ++i; continue; }
        int32_t v = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) v = v * 10 + (text[i++] - '0');
        ids.push_back(v);
    }
    return ids;
}

inline int32_t argmax(std::span<const float> v) {
    size_t best = 0;
    for (size_t i = 1; i < v.size(); ++i)
        if (v[i] > v[best]) best = i;
    return int32_t(best);
}

inline std::vector<float> random_floats(size_t n, uint32_t seed, float scale = 1.f) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(0.f, scale);
    std::vector<float> v(n);
    for (auto& x : v) x = dist(rng);
    return v;
}

}  // namespace causerie::test
