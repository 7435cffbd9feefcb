#include "session.h"

#include "core/log.h"
#include "model/cpu_model.h"
#include "model/vk_model.h"
#include "sampling/stop_strings.h"
#include "text/detokenizer.h"
#include "vulkan/device.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>

namespace causerie {

namespace {
double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

const char* stop_reason_name(StopReason r) {
    switch (r) {
        case StopReason::EndOfGeneration: return "end of generation";
        case StopReason::MaxTokens: return "token limit";
        case StopReason::StopString: return "stop string";
        case StopReason::Cancelled: return "cancelled";
        case StopReason::CallbackStopped: return "stopped";
    }
    return "?";
}

Session::~Session() {
    backend_.reset();  // before the device it lives on
    device_.reset();
}

Result<std::unique_ptr<Session>> Session::load(const SessionOptions& opts) {
    std::unique_ptr<Session> s(new Session());
    s->opts_ = opts;
    TRY_ASSIGN(s->file_, ModelFile::open(opts.model_path));
    auto tok = Tokenizer::from_gguf(s->file_->gguf);
    if (!tok) return make_error(opts.model_path + ": " + tok.error().message);
    s->tokenizer_ = std::move(*tok);
    if (s->tokenizer_->vocab_size() != s->file_->hp.n_vocab)
        return make_error(opts.model_path + ": vocabulary of " + std::to_string(s->tokenizer_->vocab_size()) + " tokens but embeddings for " +
                          std::to_string(s->file_->hp.n_vocab));

    std::string tmpl = s->file_->gguf.string_or("tokenizer.chat_template", "");
    if (!tmpl.empty()) {
        s->template_ = {"model", tmpl};
    } else {
        auto def = default_chat_template(s->file_->hp.arch_name);
        s->template_ = {def.name, def.source};
    }
    s->thinking_ = causerie::thinking_switch(s->template_.source);

    uint32_t n_ctx = opts.n_ctx ? opts.n_ctx : std::min<uint32_t>(s->file_->hp.n_ctx_train, 4096);
    if (opts.cpu) {
        s->backend_ = std::make_unique<CpuModel>(s->file_->hp, s->file_->weights, s->file_->map.bytes(), n_ctx);
        s->device_name_ = "CPU reference";
    } else {
        TRY_ASSIGN(s->device_, vk::Device::create(vk::DeviceOptions{opts.device}));
        VkModelOptions vo;
        vo.n_ctx = n_ctx;
        vo.max_batch = opts.max_batch;
        vo.experts_in_system_memory = opts.experts_in_system_memory;
        vo.progress = opts.progress;
        std::string dir = opts.cache_dir;
        if (dir.empty()) {
            if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) dir = std::string(x) + "/causerie";
            else if (const char* home = std::getenv("HOME"); home && *home) dir = std::string(home) + "/.cache/causerie";
        }
        const auto& di = s->device_->info();
        if (!dir.empty())
            vo.pipeline_cache = dir + "/pipelines-" + std::to_string(di.vendor_id) + "-" + std::to_string(std::hash<std::string>{}(di.name + di.driver)) + ".bin";
        TRY_ASSIGN(s->backend_, VkModel::create(*s->device_, *s->file_, vo));
        s->device_name_ = s->device_->info().name;
    }
    logger("session")->info("loaded {} on {} (context {}, template {})", opts.model_path, s->device_name_, n_ctx, s->template_.name);
    return s;
}

Result<std::vector<int32_t>> Session::chat_prompt(const std::vector<ChatMessage>& messages, bool add_generation_prompt,
                                                  std::optional<bool> enable_thinking) const {
    ChatTemplateOptions o;
    o.add_generation_prompt = add_generation_prompt;
    o.enable_thinking = enable_thinking;
    o.bos_token = tokenizer_->bos() >= 0 ? tokenizer_->token_text(tokenizer_->bos()) : "";
    o.eos_token = tokenizer_->eos() >= 0 ? tokenizer_->token_text(tokenizer_->eos()) : "";
    TRY_ASSIGN(std::string text, render_chat_template(template_.source, messages, o));
    std::vector<int32_t> ids = tokenizer_->encode(text, false, true);
    if (tokenizer_->add_bos() && tokenizer_->bos() >= 0 && (ids.empty() || ids[0] != tokenizer_->bos()))
        ids.insert(ids.begin(), tokenizer_->bos());
    return ids;
}

std::vector<int32_t> Session::fit(const std::vector<int32_t>& tokens, uint32_t room, uint32_t n_ctx) const {
    uint32_t limit = n_ctx > room ? n_ctx - room : 1;
    if (tokens.size() <= limit) return tokens;
    uint32_t keep = std::min<uint32_t>(opts_.n_keep, limit / 2);
    std::vector<int32_t> out(tokens.begin(), tokens.begin() + keep);
    out.insert(out.end(), tokens.end() - (limit - keep), tokens.end());
    return out;
}

Result<std::vector<float>> Session::evaluate(std::vector<int32_t> tokens, int32_t& reused) {
    // Longest common prefix with the cache; at least one token is evaluated for fresh logits.
    size_t common = 0;
    while (common < cache_.size() && common < tokens.size() && cache_[common] == tokens[common]) ++common;
    if (common == tokens.size()) --common;
    // A sliding-window layer's ring keeps only the newest positions (model/kv_ring.h): when the
    // cache went further than the prefix, the ring may have overwritten positions that the first
    // new token attends to (those older than the newest minus the ring's rows less its window),
    // and a recurrent state only moves forward. They are not recoverable from the cache (and
    // every later layer's input at them depends on them), so the session resumes from the
    // longest checkpoint within the prefix, or evaluates the whole prompt again from position 0
    // rather than attend to newer positions' keys.
    const bool checkpoints = backend_->needs_checkpoints();
    if (common > 0 && !backend_->can_resume(uint32_t(common))) common = checkpoints ? resume_from_checkpoint(tokens, common) : 0;
    reused = int32_t(common);
    cache_.resize(common);
    if (checkpoints && tokens.size() - common >= 2) {
        // All but the last token, a checkpoint there (a regenerate resumes from it), then the last
        const size_t head = tokens.size() - 1;
        auto r = backend_->forward(std::span(tokens).subspan(common, head - common), uint32_t(common), false);
        if (!r) {
            cache_.clear();
            return r.error();
        }
        cache_.assign(tokens.begin(), tokens.begin() + head);
        keep_checkpoint();
        common = head;
    }
    auto logits = backend_->forward(std::span(tokens).subspan(common), uint32_t(common), false);
    if (!logits) {
        cache_.clear();  // the cache's state is unknown after a failure
        return logits.error();
    }
    cache_ = std::move(tokens);
    return logits;
}

Result<std::vector<float>> Session::logits(std::span<const int32_t> tokens, bool all_logits) {
    cache_.clear();
    auto r = backend_->forward(tokens, 0, all_logits);
    if (r) cache_.assign(tokens.begin(), tokens.end());
    return r;
}

Result<GenerateResult> Session::generate(std::span<const int32_t> prompt_in, const GenerateParams& params, const PieceCallback& on_piece,
                                         const std::atomic<bool>* cancel) {
    GenerateResult res;
    if (prompt_in.empty()) return make_error("empty prompt");
    // The window: the loaded context, or less when the request asks for less.
    const uint32_t n_ctx = params.n_ctx ? std::min(params.n_ctx, backend_->n_ctx()) : backend_->n_ctx();
    uint32_t room = uint32_t(std::clamp<int32_t>(params.max_tokens, 1, int32_t(std::max<uint32_t>(n_ctx / 2, 1))));
    std::vector<int32_t> prompt = fit(std::vector<int32_t>(prompt_in.begin(), prompt_in.end()), room, n_ctx);
    res.n_prompt = int32_t(prompt.size());

    auto t0 = std::chrono::steady_clock::now();
    int32_t reused = 0;
    TRY_ASSIGN(std::vector<float> logits, evaluate(prompt, reused));
    res.n_reused = reused;
    res.prompt_ms = ms_since(t0);

    Sampler sampler(params.sampling);
    for (int32_t t : prompt) sampler.accept(t);
    Detokenizer detok(*tokenizer_);
    StopMatcher stops(params.stop);
    auto emit = [&](const std::string& text) -> bool {
        if (text.empty()) return true;
        res.text += text;
        return !on_piece || on_piece(text);
    };

    auto t1 = std::chrono::steady_clock::now();
    res.reason = StopReason::MaxTokens;
    for (int32_t i = 0; i < params.max_tokens; ++i) {
        if (cancel && cancel->load()) {
            res.reason = StopReason::Cancelled;
            break;
        }
        int32_t token = sampler.sample(logits);
        if (tokenizer_->is_eog(token)) {
            res.reason = StopReason::EndOfGeneration;
            break;
        }
        sampler.accept(token);
        ++res.n_generated;
        auto out = stops.push(detok.push(token));
        if (!emit(out.emit)) {
            res.reason = StopReason::CallbackStopped;
            break;
        }
        if (out.stopped) {
            res.reason = StopReason::StopString;
            break;
        }
        if (i + 1 == params.max_tokens) break;
        if (cache_.size() + 1 < n_ctx) {
            // The next token at the end of the cache.
            auto step = backend_->forward(std::span(&token, 1), uint32_t(cache_.size()), false);
            if (!step) {
                cache_.clear();
                return step.error();
            }
            cache_.push_back(token);
            logits = std::move(*step);
        } else {
            // Context full: slide the window and re-evaluate it.
            std::vector<int32_t> next = cache_;
            next.push_back(token);
            next = fit(next, n_ctx / 2, n_ctx);
            ++res.n_slides;
            int32_t r = 0;
            TRY_ASSIGN(logits, evaluate(std::move(next), r));
        }
    }
    if (res.reason != StopReason::StopString && res.reason != StopReason::CallbackStopped) emit(stops.push(detok.flush()).emit + stops.flush());
    // The reply's end: the next turn's edit of its message resumes here
    if (backend_->needs_checkpoints()) keep_checkpoint();
    res.gen_ms = ms_since(t1);
    return res;
}

Result<GenerateResult> Session::chat(const std::vector<ChatMessage>& messages, const GenerateParams& params, const PieceCallback& on_piece,
                                     const std::atomic<bool>* cancel) {
    TRY_ASSIGN(std::vector<int32_t> prompt, chat_prompt(messages, true, params.enable_thinking));
    return generate(prompt, params, on_piece, cancel);
}

}  // namespace causerie
