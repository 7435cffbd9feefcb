// What `generate`, `chat` and `logits` share: opening a session and reading sampling options.
#pragma once
#include "args.h"
#include "session.h"

#include <algorithm>
#include <cstdio>

namespace causerie::cli {

// --model F [--cpu] [--device I] [--ctx N] [--experts-in-system-memory N]
inline Result<std::unique_ptr<Session>> open_session(Args& args, uint32_t n_ctx_default = 0) {
    auto model = args.get("model");
    if (!model) return make_error("--model FILE is required");
    SessionOptions o;
    o.model_path = *model;
    o.cpu = args.has("cpu");
    o.device = int(args.get_int("device", -1));
    o.n_ctx = uint32_t(args.get_int("ctx", n_ctx_default));
    const int64_t experts = args.get_int("experts-in-system-memory", 0);
    if (!args.error().empty()) return make_error(args.error());
    if (experts < 0) return make_error("--experts-in-system-memory must be 0 or more layers");
    o.experts_in_system_memory = uint32_t(std::min<int64_t>(experts, 1 << 20));
    return Session::load(o);
}

// [--n N] [--temp T] [--seed S] [--top-k K] [--top-p P] [--min-p P] [--repeat-penalty R]
inline GenerateParams generate_params(Args& args, int32_t n_default, float temp_default, float repeat_default) {
    GenerateParams gp;
    gp.max_tokens = int32_t(args.get_int("n", n_default));
    gp.sampling.temperature = float(args.get_double("temp", temp_default));
    gp.sampling.seed = uint64_t(args.get_int("seed", 0));
    gp.sampling.top_k = int32_t(args.get_int("top-k", gp.sampling.top_k));
    gp.sampling.top_p = float(args.get_double("top-p", gp.sampling.top_p));
    gp.sampling.min_p = float(args.get_double("min-p", gp.sampling.min_p));
    gp.sampling.repeat_penalty = float(args.get_double("repeat-penalty", repeat_default));
    return gp;
}

// Streams a piece to stdout as it comes.
inline bool print_piece(const std::string& piece) {
    std::fputs(piece.c_str(), stdout);
    std::fflush(stdout);
    return true;
}

}  // namespace causerie::cli
