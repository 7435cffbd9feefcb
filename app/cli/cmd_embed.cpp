// `embed`: the pooled, normalized embedding of a text by a GGUF embedding model, written as
// float32 little-endian (the machine's order: every platform Causerie builds for is little-endian).
#include "args.h"
#include "commands.h"
#include "embedder.h"

#include <bit>
#include <cstdio>

namespace causerie::cli {

// --pooling none|mean|cls|last -> the override (empty string: the file's).
static Result<std::optional<Pooling>> parse_pooling(const std::string& s) {
    if (s.empty()) return std::optional<Pooling>{};
    for (Pooling p : {Pooling::None, Pooling::Mean, Pooling::Cls, Pooling::Last})
        if (s == pooling_name(p)) return std::optional<Pooling>{p};
    return make_error("unknown pooling '" + s + "' (none, mean, cls, last)");
}

int cmd_embed(int argc, char** argv) {
    static_assert(std::endian::native == std::endian::little, "embed writes float32 little-endian");
    Args args(argc, argv, 2, {"cpu"});
    auto model = args.get("model");
    auto text = args.get("text");
    auto out_path = args.get("out");
    if (!model || !text || !out_path) return fail("embed needs --model FILE --text TEXT --out OUT.f32");
    EmbedderOptions o;
    o.model_path = *model;
    o.cpu = args.has("cpu");
    o.device = int(args.get_int("device", -1));
    o.max_tokens = uint32_t(args.get_int("ctx", 0));
    auto pooling = parse_pooling(args.get_or("pooling", ""));
    if (!pooling) return fail(pooling.error().message);
    o.pooling = *pooling;
    if (!args.error().empty()) return fail(args.error());
    auto e = Embedder::load(o);
    if (!e) return fail(e.error().message);
    const std::vector<std::string> texts{*text};
    auto v = (*e)->embed(texts);
    if (!v) return fail(v.error().message);
    FILE* f = std::fopen(out_path->c_str(), "wb");
    if (!f) return fail("cannot create '" + *out_path + "'");
    bool ok = std::fwrite(v->data(), sizeof(float), v->size(), f) == v->size();
    ok = std::fclose(f) == 0 && ok;
    if (!ok) return fail("cannot write '" + *out_path + "' (disk full?)");
    std::fprintf(stderr, "%u-dimensional embedding (%zu tokens, pooling %s) written to %s (%s)\n", (*e)->dim(), (*e)->tokens(*text).size(),
                 pooling_name((*e)->pooling()), out_path->c_str(), (*e)->device_name().c_str());
    return 0;
}

}  // namespace causerie::cli
