// The engine's face for embedding models (a sibling of session.h): load a GGUF embedding model
// (bert, nomic-bert, or a decoder with a pooling type such as Qwen3-Embedding), and turn many
// texts into pooled, L2-normalized vectors, one forward pass per text, on Vulkan or the CPU
// reference.
#pragma once
#include "core/result.h"
#include "model/hparams.h"
#include "model/model_file.h"
#include "text/tokenizer.h"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace causerie {

namespace vk { class Device; }
class CpuModel;
class VkModel;

struct EmbedderOptions {
    std::string model_path;
    bool cpu = false;             // the f32 CPU reference instead of Vulkan (slow; for tests)
    int device = -1;              // Vulkan device index; -1: CAUSERIE_DEVICE or the best one
    uint32_t max_tokens = 0;      // longest sequence; 0: the model's training context, at most 2048
    std::optional<Pooling> pooling;  // overrides the file's pooling_type
    std::string cache_dir;        // compiled pipelines ("" = $XDG_CACHE_HOME/causerie or ~/.cache/causerie)
};

class Embedder {
public:
    static Result<std::unique_ptr<Embedder>> load(const EmbedderOptions& opts);
    ~Embedder();

    uint32_t dim() const { return file_->hp.n_embd; }
    Pooling pooling() const { return pooling_; }
    uint32_t max_tokens() const { return max_tokens_; }
    const HParams& hparams() const { return file_->hp; }
    const Tokenizer& tokenizer() const { return *tokenizer_; }
    const std::string& device_name() const { return device_name_; }
    // A name for what made the vectors: the file's general.name (or its file name), arch, dim,
    // pooling and a fingerprint of the weights.
    std::string model_id() const;

    // The ids one text is embedded from: BOS and EOS (BERT: [CLS] and [SEP]) as the tokenizer
    // adds them, cut to max_tokens keeping the final EOS.
    std::vector<int32_t> tokens(std::string_view text) const;
    // The final hidden states [n][dim] of one sequence (no pooling, no normalization).
    Result<std::vector<float>> hidden(std::span<const int32_t> tokens);
    // Pooled and normalized vectors of the texts, [texts.size()][dim] in order; `progress` gets
    // the number done after each. Pooling none is refused (no single vector per text).
    Result<std::vector<float>> embed(std::span<const std::string> texts, const std::function<void(size_t)>& progress = {});

private:
    Embedder() = default;
    EmbedderOptions opts_;
    std::unique_ptr<ModelFile> file_;
    std::unique_ptr<Tokenizer> tokenizer_;
    std::unique_ptr<vk::Device> device_;
    std::unique_ptr<CpuModel> cpu_;
    std::unique_ptr<VkModel> vk_;
    Pooling pooling_ = Pooling::None;
    uint32_t max_tokens_ = 0;
    std::string device_name_;
};

}  // namespace causerie
