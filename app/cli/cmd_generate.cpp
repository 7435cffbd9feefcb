// `generate` and `logits`: the engine end to end from a terminal.
#include "args.h"
#include "commands.h"
#include "session.h"
#include "session_args.h"
#include "token_list.h"

#include <cstdio>

namespace causerie::cli {

int cmd_generate(int argc, char** argv) {
    Args args(argc, argv, 2, {"cpu", "stats"});
    if (args.has("endpoint")) return cmd_generate_remote(args);
    auto session = open_session(args);
    if (!session) return fail(session.error().message);
    Session& s = **session;
    std::vector<int32_t> prompt;
    if (auto t = args.get("tokens")) {
        auto ids = parse_token_list(*t);
        if (!ids) return fail(ids.error().message);
        prompt = *ids;
    } else if (auto p = args.get("prompt")) {
        prompt = s.tokenizer().encode(*p, s.tokenizer().add_bos(), false);
        if (prompt.empty()) return fail("the prompt encodes to no tokens");
    } else {
        return fail("generate needs --prompt TEXT or --tokens 1,2,3");
    }
    GenerateParams gp = generate_params(args, 128, 0.0f, 1.0f);
    if (!args.error().empty()) return fail(args.error());
    if (args.has("prompt")) std::fputs(args.get_or("prompt", "").c_str(), stdout);
    auto r = s.generate(prompt, gp, print_piece);
    std::printf("\n");
    if (!r) return fail(r.error().message);
    if (args.has("stats"))
        std::fprintf(stderr, "[%s] prompt %d tokens (%d reused) %.1f tok/s, generated %d tokens %.1f tok/s, stop: %s\n",
                     s.device_name().c_str(), r->n_prompt, r->n_reused, r->prompt_tps(), r->n_generated, r->gen_tps(),
                     stop_reason_name(r->reason));
    return 0;
}

int cmd_logits(int argc, char** argv) {
    Args args(argc, argv, 2, {"cpu"});
    auto tokens = parse_token_list(args.get_or("tokens", ""));
    if (!tokens) return fail("logits needs --tokens 1,2,3: " + tokens.error().message);
    auto out_path = args.get("out");
    if (!out_path) return fail("logits needs --out FILE");
    auto session = open_session(args, uint32_t(std::max<size_t>(tokens->size(), 16)));
    if (!session) return fail(session.error().message);
    auto logits = (*session)->logits(*tokens, true);
    if (!logits) return fail(logits.error().message);
    FILE* f = std::fopen(out_path->c_str(), "wb");
    if (!f) return fail("cannot create '" + *out_path + "'");
    bool ok = std::fwrite(logits->data(), sizeof(float), logits->size(), f) == logits->size();
    ok = std::fclose(f) == 0 && ok;
    if (!ok) return fail("cannot write '" + *out_path + "' (disk full?)");
    std::fprintf(stderr, "%zu x %u logits written to %s (%s)\n", tokens->size(), (*session)->hparams().n_vocab, out_path->c_str(),
                 (*session)->device_name().c_str());
    return 0;
}

}  // namespace causerie::cli
