// `chat`: a conversation in the terminal with the model's chat template.
#include "args.h"
#include "chat_input.h"
#include "commands.h"
#include "session.h"
#include "session_args.h"
#include "text/reasoning_split.h"

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
    if (args.has("endpoint")) return cmd_chat_remote(args);
    GenerateParams gp = generate_params(args, 1024, 0.7f, SamplerParams{}.repeat_penalty);
    if (!args.error().empty()) return fail(args.error());
    auto session = open_session(args);
    if (!session) return fail(session.error().message);
    Session& s = **session;
    std::fprintf(stderr, "%s on %s, context %u, template %s. /help for the commands; Ctrl-C stops a reply.\n",
                 args.get_or("model", "").c_str(), s.device_name().c_str(), s.n_ctx(), s.chat_template().name.c_str());
    std::signal(SIGINT, on_sigint);

    std::vector<ChatMessage> messages;
    if (auto sys = args.get("system")) messages.push_back({"system", *sys});
    std::string line;
    while (true) {
        const cli::ChatInput input = cli::read_chat_input(line);
        if (input == cli::ChatInput::Quit) break;
        if (input == cli::ChatInput::Handled) continue;
        if (input == cli::ChatInput::Reset) {
            messages.erase(messages.begin() + (messages.size() && messages[0].role == "system" ? 1 : 0), messages.end());
            continue;
        }
        messages.push_back({"user", line});
        g_interrupt = false;
        // The reasoning (<think> blocks, harmony's analysis channel) goes to stderr, the answer to
        // stdout; the history keeps the answer only, as templates expect (gpt-oss's refuses
        // harmony's framing in a message's content).
        ReasoningSplitter split;
        auto show = [&](const ReasoningSplitter::Parts& p) {
            if (!p.reasoning.empty()) std::fputs(p.reasoning.c_str(), stderr);
            return p.content.empty() || print_piece(p.content);
        };
        auto r = s.chat(messages, gp, [&](const std::string& piece) { return show(split.push(piece)); }, &g_interrupt);
        show(split.flush());
        std::printf("\n");
        std::fflush(stdout);  // the reply ends before its stats line (stderr)
        if (!r) return fail(r.error().message);
        const bool opened = r->text.find("<think>") == std::string::npos && r->text.find("</think>") != std::string::npos;
        ReasoningSplitter whole(opened);  // (a prompt that opened the block: DeepSeek-R1 distills)
        const ReasoningSplitter::Parts a = whole.push(r->text), b = whole.flush();
        messages.push_back({"assistant", a.content + b.content});
        std::fprintf(stderr, "[%d tokens, %.1f tok/s; prompt %d (%d reused) %.1f tok/s; %s]\n", r->n_generated, r->gen_tps(), r->n_prompt,
                     r->n_reused, r->prompt_tps(), stop_reason_name(r->reason));
    }
    return 0;
}

}  // namespace causerie::cli
