// `chat`: a conversation in the terminal with the model's chat template.
#include "args.h"
#include "commands.h"
#include "session.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>

namespace causerie::cli {

namespace {
std::atomic<bool> g_interrupt{false};
void on_sigint(int) { g_interrupt = true; }
}  // namespace

int cmd_chat(int argc, char** argv) {
    Args args(argc, argv, 2, {"cpu"});
    auto model = args.get("model");
    if (!model) return fail("chat needs --model FILE");
    SessionOptions o;
    o.model_path = *model;
    o.cpu = args.has("cpu");
    o.device = int(args.get_int("device", -1));
    o.n_ctx = uint32_t(args.get_int("ctx", 0));
    GenerateParams gp;
    gp.max_tokens = int32_t(args.get_int("n", 1024));
    gp.sampling.temperature = float(args.get_double("temp", 0.7));
    gp.sampling.seed = uint64_t(args.get_int("seed", 0));
    if (!args.error().empty()) return fail(args.error());
    auto session = Session::load(o);
    if (!session) return fail(session.error().message);
    Session& s = **session;
    std::fprintf(stderr, "%s on %s, context %u, template %s. Empty line or Ctrl-D to quit, /reset to start over; Ctrl-C stops a reply.\n",
                 model->c_str(), s.device_name().c_str(), s.n_ctx(), s.chat_template().name.c_str());
    std::signal(SIGINT, on_sigint);

    std::vector<ChatMessage> messages;
    if (auto sys = args.get("system")) messages.push_back({"system", *sys});
    std::string line;
    while (true) {
        std::fprintf(stderr, "\n> ");
        if (!std::getline(std::cin, line) || line.empty()) break;
        if (line == "/reset") {
            messages.erase(messages.begin() + (messages.size() && messages[0].role == "system" ? 1 : 0), messages.end());
            continue;
        }
        messages.push_back({"user", line});
        g_interrupt = false;
        auto r = s.chat(messages, gp, [](const std::string& piece) {
            std::fputs(piece.c_str(), stdout);
            std::fflush(stdout);
            return true;
        }, &g_interrupt);
        std::printf("\n");
        if (!r) return fail(r.error().message);
        messages.push_back({"assistant", r->text});
        std::fprintf(stderr, "[%d tokens, %.1f tok/s; prompt %d (%d reused) %.1f tok/s; %s]\n", r->n_generated, r->gen_tps(), r->n_prompt,
                     r->n_reused, r->prompt_tps(), stop_reason_name(r->reason));
    }
    return 0;
}

}  // namespace causerie::cli
