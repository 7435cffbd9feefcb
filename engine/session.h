// The engine's one public face: load a model with options, render a conversation with the
// model's chat template, generate from messages or tokens with sampling parameters, stream
// text pieces to a callback, cancel through an atomic flag.
//
// Context policy (when a conversation no longer fits the context): the first n_keep tokens
// (the start of the prompt, BOS included) are kept and the oldest tokens after them are
// dropped, so that the prompt plus room for the reply fits; during a long reply that reaches
// the end of the context, the oldest half after n_keep is dropped and the window re-evaluated.
// On models with sliding-window layers, whose KV cache is a ring of the newest positions
// (model/kv_ring.h), a prefix is reused only while the rings still hold what its end attends to;
// otherwise (a rewind or slide further back than the rings reach) the session resumes from a
// checkpoint. On such models, and on those with a recurrent state (DeltaNet layers: qwen35),
// which only moves forward, the session keeps checkpoints of what cannot be cut back (the rings'
// rows, the recurrent states: Backend::checkpoint): one before the last token of each evaluated prompt and one
// at the end of each reply, at most max_checkpoints and checkpoint_bytes (the closest pair
// thinned first, the newest kept). A prompt that does not continue the cache's end (an edit, a
// regenerate, a branch, a slide) resumes from the longest checkpoint whose tokens begin it, or
// is evaluated again from position 0 when none does. When the context slides, the kept window
// (the kept start and the newest half) is evaluated again from position 0, as on a model whose
// rings no longer hold what follows the kept start: no checkpoint lies within the kept start.
#pragma once
#include "core/result.h"
#include "model/backend.h"
#include "model/model_file.h"
#include "sampling/sampler.h"
#include "text/chat_template.h"
#include "text/tokenizer.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace causerie {

namespace vk { class Device; }

struct SessionOptions {
    std::string model_path;
    bool cpu = false;             // the f32 CPU reference instead of Vulkan (slow; for tests)
    int device = -1;              // Vulkan device index; -1: CAUSERIE_DEVICE or the best one
    uint32_t n_ctx = 0;           // 0: the model's training context, at most 4096
    uint32_t max_batch = 256;
    uint32_t n_keep = 64;         // tokens kept at the start when the context slides
    std::string cache_dir;        // compiled pipelines are kept here ("" = $XDG_CACHE_HOME/causerie or ~/.cache/causerie)
    std::function<void(float)> progress;
    uint32_t experts_in_system_memory = 0;  // experts of the first N layers in system memory (VkModelOptions)
    uint32_t max_checkpoints = 8;              // checkpoints kept (models with rings or a recurrent state)
    uint64_t checkpoint_bytes = 1ull << 30;    // and their memory at most (at least the newest is kept)
};

struct GenerateParams {
    SamplerParams sampling;
    int32_t max_tokens = 512;
    uint32_t n_ctx = 0;  // context window of this request: 0 (or more than loaded) = the loaded context
    std::vector<std::string> stop;  // stop strings (not included in the output)
    std::optional<bool> enable_thinking;  // chat(): the template's enable_thinking (none: its default)
};

enum class StopReason { EndOfGeneration, MaxTokens, StopString, Cancelled, CallbackStopped };
const char* stop_reason_name(StopReason r);

struct GenerateResult {
    std::string text;
    int32_t n_prompt = 0;      // prompt tokens
    int32_t n_reused = 0;      // of which found in the KV cache (not evaluated again)
    int32_t n_generated = 0;
    int32_t n_slides = 0;      // context slides during this call
    double prompt_ms = 0, gen_ms = 0;
    StopReason reason = StopReason::EndOfGeneration;
    double prompt_tps() const { return prompt_ms > 0 ? (n_prompt - n_reused) * 1000.0 / prompt_ms : 0; }
    double gen_tps() const { return gen_ms > 0 ? n_generated * 1000.0 / gen_ms : 0; }
};

// Receives each complete UTF-8 piece; returning false stops generation.
using PieceCallback = std::function<bool(const std::string& piece)>;

class Session {
public:
    static Result<std::unique_ptr<Session>> load(const SessionOptions& opts);
    ~Session();

    const HParams& hparams() const { return file_->hp; }
    const Gguf& gguf() const { return file_->gguf; }
    const Tokenizer& tokenizer() const { return *tokenizer_; }
    const std::string& device_name() const { return device_name_; }
    uint32_t n_ctx() const { return backend_->n_ctx(); }
    uint32_t n_past() const { return uint32_t(cache_.size()); }
    const std::vector<int32_t>& past() const { return cache_; }  // the evaluated tokens, positions 0..n_past - 1
    uint64_t device_bytes() const { return backend_->device_bytes(); }

    struct Template {
        std::string name;    // "model" or the default's name
        std::string source;
    };
    const Template& chat_template() const { return template_; }
    // Whether the chat template takes enable_thinking, and its default.
    const ThinkingSwitch& thinking_switch() const { return thinking_; }

    // The conversation rendered with the chat template and tokenized (special tokens parsed,
    // BOS added once when the model wants it).
    Result<std::vector<int32_t>> chat_prompt(const std::vector<ChatMessage>& messages, bool add_generation_prompt = true,
                                             std::optional<bool> enable_thinking = std::nullopt) const;

    // Generates a continuation of `prompt`, reusing the KV cache for the longest common prefix
    // with what was evaluated before.
    Result<GenerateResult> generate(std::span<const int32_t> prompt, const GenerateParams& params, const PieceCallback& on_piece,
                                    const std::atomic<bool>* cancel = nullptr);
    Result<GenerateResult> chat(const std::vector<ChatMessage>& messages, const GenerateParams& params, const PieceCallback& on_piece,
                                const std::atomic<bool>* cancel = nullptr);

    // Logits of the next token after `tokens` (all rows when all_logits), evaluating from scratch.
    Result<std::vector<float>> logits(std::span<const int32_t> tokens, bool all_logits);
    void reset() { cache_.clear(); }
    // Checkpoints held, and the positions they resume at (tests, logs).
    size_t n_checkpoints() const { return checkpoints_.size(); }
    std::vector<uint32_t> checkpoint_positions() const;

private:
    Session() = default;
    // Brings the cache to `tokens` (prefix reuse) and returns the last token's logits.
    Result<std::vector<float>> evaluate(std::vector<int32_t> tokens, int32_t& reused);
    // Fits `tokens` into a window of n_ctx leaving `room` free, dropping the oldest after n_keep.
    std::vector<int32_t> fit(const std::vector<int32_t>& tokens, uint32_t room, uint32_t n_ctx) const;

    SessionOptions opts_;
    std::unique_ptr<ModelFile> file_;
    std::unique_ptr<vk::Device> device_;
    std::unique_ptr<Backend> backend_;
    std::unique_ptr<Tokenizer> tokenizer_;
    Template template_;
    ThinkingSwitch thinking_;
    std::string device_name_;
    std::vector<int32_t> cache_;  // tokens whose K/V are in the cache, positions 0..n-1
    // The backend's checkpoint after `tokens` (session_checkpoints.cpp).
    struct Saved {
        std::vector<int32_t> tokens;
        Checkpoint state;
    };
    std::vector<Saved> checkpoints_;  // by position
    // A checkpoint of the state at the cache's end; thins the set to its bounds.
    void keep_checkpoint();
    // Puts back the longest checkpoint that begins `tokens` within its first `limit`; returns its
    // position (0: none, evaluate from the start).
    size_t resume_from_checkpoint(const std::vector<int32_t>& tokens, size_t limit);
};

}  // namespace causerie
