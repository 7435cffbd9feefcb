#include "embedder.h"

#include "core/log.h"
#include "model/cpu_model.h"
#include "model/pooling.h"
#include "model/vk_model.h"
#include "vulkan/device.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace causerie {

Embedder::~Embedder() = default;

Result<std::unique_ptr<Embedder>> Embedder::load(const EmbedderOptions& opts) {
    std::unique_ptr<Embedder> e(new Embedder());
    e->opts_ = opts;
    TRY_ASSIGN(e->file_, ModelFile::open(opts.model_path));
    auto tok = Tokenizer::from_gguf(e->file_->gguf);
    if (!tok) return make_error(opts.model_path + ": " + tok.error().message);
    e->tokenizer_ = std::move(*tok);
    const HParams& h = e->file_->hp;
    if (e->tokenizer_->vocab_size() != h.n_vocab)
        return make_error(opts.model_path + ": vocabulary of " + std::to_string(e->tokenizer_->vocab_size()) + " tokens but embeddings for " +
                          std::to_string(h.n_vocab));
    e->pooling_ = opts.pooling.value_or(h.pooling);
    // One batch holds a whole sequence (an encoder's attention sees all of it at once).
    e->max_tokens_ = opts.max_tokens ? opts.max_tokens : std::min<uint32_t>(h.n_ctx_train, 2048);
    if (h.abs_positions) e->max_tokens_ = std::min(e->max_tokens_, h.n_ctx_train);  // rows of position_embd
    if (e->max_tokens_ < 2) return make_error("an embedding sequence needs at least 2 tokens");
    if (opts.cpu) {
        e->cpu_ = std::make_unique<CpuModel>(h, e->file_->weights, e->file_->map.bytes(), e->max_tokens_);
        e->device_name_ = "CPU reference";
    } else {
        TRY_ASSIGN(e->device_, vk::Device::create(vk::DeviceOptions{opts.device}));
        VkModelOptions vo;
        vo.n_ctx = e->max_tokens_;
        vo.max_batch = e->max_tokens_;
        std::string dir = opts.cache_dir;
        if (dir.empty()) {
            if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) dir = std::string(x) + "/causerie";
            else if (const char* home = std::getenv("HOME"); home && *home) dir = std::string(home) + "/.cache/causerie";
        }
        const auto& di = e->device_->info();
        if (!dir.empty())
            vo.pipeline_cache = dir + "/pipelines-" + std::to_string(di.vendor_id) + "-" + std::to_string(std::hash<std::string>{}(di.name + di.driver)) + ".bin";
        TRY_ASSIGN(e->vk_, VkModel::create(*e->device_, *e->file_, vo));
        e->device_name_ = di.name;
    }
    logger("embed")->info("loaded {} on {} ({} dims, pooling {}, up to {} tokens)", opts.model_path, e->device_name_, h.n_embd,
                          pooling_name(e->pooling_), e->max_tokens_);
    return e;
}

std::string Embedder::model_id() const {
    std::string name = file_->gguf.string_or("general.name", "");
    if (name.empty()) {
        name = opts_.model_path;
        if (auto slash = name.find_last_of('/'); slash != std::string::npos) name = name.substr(slash + 1);
    }
    // A fingerprint of the weights (FNV-1a of the first MiB of tensor data and the file's size):
    // two files of one name (another quantization, another seed) make different vectors.
    const auto bytes = file_->map.bytes();
    uint64_t h = 1469598103934665603ull;
    const uint64_t start = std::min<uint64_t>(file_->gguf.data_offset, bytes.size());
    const uint64_t end = std::min<uint64_t>(bytes.size(), start + (1u << 20));
    for (uint64_t i = start; i < end; ++i) h = (h ^ bytes[i]) * 1099511628211ull;
    char tag[24];
    std::snprintf(tag, sizeof tag, "%08x", unsigned((h ^ (h >> 32) ^ bytes.size()) & 0xffffffffu));
    return name + " (" + file_->hp.arch_name + ", " + std::to_string(dim()) + ", " + pooling_name(pooling_) + ", " + tag + ")";
}

std::vector<int32_t> Embedder::tokens(std::string_view text) const {
    const Tokenizer& t = *tokenizer_;
    const bool eos = t.add_eos() && t.eos() >= 0;
    std::vector<int32_t> ids = t.encode(text, t.add_bos(), false, eos);
    if (ids.size() > max_tokens_) {
        ids.resize(max_tokens_);
        if (eos) ids.back() = t.eos();
    }
    if (ids.empty() && t.bos() >= 0) ids.push_back(t.bos());  // an empty text without specials
    return ids;
}

Result<std::vector<float>> Embedder::hidden(std::span<const int32_t> tokens) {
    if (tokens.size() > max_tokens_)
        return make_error("sequence of " + std::to_string(tokens.size()) + " tokens > " + std::to_string(max_tokens_));
    return cpu_ ? cpu_->hidden(tokens) : vk_->hidden(tokens);
}

Result<std::vector<float>> Embedder::embed(std::span<const std::string> texts, const std::function<void(size_t)>& progress) {
    if (pooling_ == Pooling::None)
        return make_error("this model's pooling type is none (one vector per token): choose a pooling (mean, cls or last)");
    const uint32_t D = dim();
    std::vector<float> out;
    out.reserve(texts.size() * D);
    for (size_t i = 0; i < texts.size(); ++i) {
        const std::vector<int32_t> ids = tokens(texts[i]);
        if (ids.empty()) return make_error("text " + std::to_string(i) + " gives no tokens");
        TRY_ASSIGN(std::vector<float> h, hidden(ids));
        std::vector<float> v = pool(h.data(), uint32_t(ids.size()), D, pooling_);
        l2_normalize(v.data(), D);
        out.insert(out.end(), v.begin(), v.end());
        if (progress) progress(i + 1);
    }
    return out;
}

}  // namespace causerie
