// Stand-in for libFuzzer's driver: feeds the target its seeds (LLVMFuzzerSeeds, optional) and
// random mutations of them for --seconds N (default 10). Deterministic: the RNG seed is fixed.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
// Optional: a target may provide seeds (a weak symbol, so targets without seeds still link).
extern "C" __attribute__((weak)) void LLVMFuzzerSeeds(std::vector<std::vector<uint8_t>>* out);

int main(int argc, char** argv) {
    double seconds = 10;
    for (int i = 1; i + 1 < argc; ++i)
        if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
    std::vector<std::vector<uint8_t>> seeds;
    if (LLVMFuzzerSeeds) LLVMFuzzerSeeds(&seeds);
    if (seeds.empty()) seeds.push_back({});
    for (const auto& s : seeds) LLVMFuzzerTestOneInput(s.data(), s.size());

    std::mt19937_64 rng(12345);
    auto start = std::chrono::steady_clock::now();
    size_t runs = 0;
    while (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < seconds) {
        std::vector<uint8_t> d = seeds[rng() % seeds.size()];
        int edits = 1 + int(rng() % 8);
        for (int e = 0; e < edits; ++e) {
            switch (rng() % 5) {
                case 0: if (!d.empty()) d[rng() % d.size()] = uint8_t(rng()); break;                  // overwrite
                case 1: d.insert(d.begin() + long(d.empty() ? 0 : rng() % d.size()), uint8_t(rng())); break;  // insert
                case 2: if (!d.empty()) d.erase(d.begin() + long(rng() % d.size())); break;          // delete
                case 3: if (!d.empty()) d.resize(rng() % d.size()); break;                            // truncate
                case 4: {  // duplicate a chunk
                    if (d.size() > 2) {
                        size_t a = rng() % d.size(), n = 1 + rng() % std::min<size_t>(64, d.size() - a);
                        std::vector<uint8_t> chunk(d.begin() + long(a), d.begin() + long(a + n));
                        d.insert(d.begin() + long(rng() % d.size()), chunk.begin(), chunk.end());
                    }
                    break;
                }
            }
        }
        LLVMFuzzerTestOneInput(d.data(), d.size());
        ++runs;
    }
    std::printf("%zu runs in %.0f s over %zu seeds\n", runs, seconds, seeds.size());
    return 0;
}
