// `info`: what a GGUF file holds, without loading weights.
#include "args.h"
#include "commands.h"
#include "gguf/gguf.h"
#include "gguf/mapped_file.h"

#include <cstdio>
#include <map>

namespace causerie::cli {

int cmd_info(int argc, char** argv) {
    Args args(argc, argv, 2, {"all"});
    auto path = args.get("model");
    if (!path) return fail("info needs --model FILE");
    auto file = MappedFile::open(*path);
    if (!file) return fail(file.error().message);
    auto g = parse_gguf(file->bytes());
    if (!g) return fail(*path + ": " + g.error().message);

    std::printf("file: %s (%llu bytes, GGUF v%u, alignment %u)\n", path->c_str(), (unsigned long long)file->bytes().size(), g->version, g->alignment);
    std::printf("architecture: %s\n", g->string_or("general.architecture", "?").c_str());
    uint64_t params = 0, bytes = 0;
    std::map<std::string, int> type_counts;
    for (const auto& t : g->tensors) {
        params += t.n_elements;
        bytes += t.n_bytes;
        type_counts[std::string(type_name(t.type))]++;
    }
    std::printf("tensors: %zu, parameters: %llu, weight bytes: %llu\n", g->tensors.size(), (unsigned long long)params, (unsigned long long)bytes);
    std::printf("types:");
    for (const auto& [name, n] : type_counts) std::printf(" %s x%d", name.c_str(), n);
    std::printf("\n\nmetadata:\n");
    for (const auto& [key, value] : g->metadata) std::printf("  %s = %s\n", key.c_str(), value.to_string().c_str());
    std::printf("\ntensors:\n");
    size_t shown = 0;
    for (const auto& t : g->tensors) {
        if (!args.has("all") && shown++ >= 40) {
            std::printf("  ... %zu more (--all)\n", g->tensors.size() - 40);
            break;
        }
        std::printf("  %-32s %-6s %s\n", t.name.c_str(), std::string(type_name(t.type)).c_str(), t.shape_string().c_str());
    }
    return 0;
}

}  // namespace causerie::cli
