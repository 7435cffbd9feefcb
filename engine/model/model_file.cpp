#include "model/model_file.h"

namespace causerie {

Result<std::unique_ptr<ModelFile>> ModelFile::open(const std::string& path) {
    auto m = std::make_unique<ModelFile>();
    auto map = MappedFile::open(path);
    if (!map) return map.error();
    m->map = std::move(*map);
    auto g = parse_gguf(m->map.bytes());
    if (!g) return make_error(path + ": " + g.error().message);
    m->gguf = std::move(*g);
    auto hp = read_hparams(m->gguf);
    if (!hp) return make_error(path + ": " + hp.error().message);
    m->hp = *hp;
    auto w = find_weights(m->gguf, m->hp);
    if (!w) return make_error(path + ": " + w.error().message);
    m->weights = std::move(*w);
    return m;
}

}  // namespace causerie
