// `generate --endpoint` and `chat --endpoint`: the same commands on a remote OpenAI-compatible
// endpoint (vLLM, llama.cpp's server, Ollama, a hosted API, or Causerie's own `serve`) through
// app/core/remote's client. `generate` streams from BASE_URL/completions, `chat` through
// BASE_URL/chat/completions. The key comes from --api-key or $CAUSERIE_API_KEY (kept out of `ps`).
#ifdef CAUSERIE_CLI_MODELS
#include "args.h"
#include "chat_input.h"
#include "commands.h"
#include "remote/openai_client.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#include <atomic>
#include <optional>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

namespace causerie::cli {

namespace {

std::atomic<bool> g_interrupt{false};
void on_sigint(int) { g_interrupt = true; }

struct RemoteSetup {
    remote::Endpoint endpoint;
    QString model;
    remote::RemoteParams params;
};

// --endpoint URL --remote-model NAME [--api-key KEY] [--n N] [--temp T] [--seed S] [--top-p P] [--timeout S]
std::optional<std::string> read_setup(Args& args, RemoteSetup& out, int n_default, double temp_default) {
    const std::string url = args.get_or("endpoint", "");
    out.endpoint.baseUrl = remote::normalizeBaseUrl(QString::fromStdString(url));
    if (!out.endpoint.baseUrl.isValid()) return "--endpoint needs an http(s) base URL such as http://127.0.0.1:8080/v1, not '" + url + "'";
    auto model = args.get("remote-model");
    if (!model || model->empty()) return "--endpoint needs --remote-model NAME (the server's name for the model)";
    out.model = QString::fromStdString(*model);
    const char* env_key = std::getenv("CAUSERIE_API_KEY");
    out.endpoint.apiKey = QString::fromStdString(args.get_or("api-key", env_key ? env_key : ""));
    out.endpoint.timeoutMs = int(args.get_int("timeout", 120)) * 1000;
    out.params.maxTokens = int(args.get_int("n", n_default));
    out.params.temperature = args.get_double("temp", temp_default);
    if (args.has("seed")) out.params.seed = args.get_int("seed", 0);
    if (args.has("top-p")) out.params.topP = args.get_double("top-p", 1.0);
    if (!args.error().empty()) return args.error();
    return std::nullopt;
}

// Streams one completion to stdout after `prefix` (written with the first piece, so that a
// request that fails at once prints nothing there); Ctrl-C aborts it (the request is closed).
remote::RemoteResult stream(remote::CompletionStream* s, std::string prefix = {}) {
    QEventLoop loop;
    QObject::connect(s, &remote::CompletionStream::contentReady, [&prefix](const QString& piece) {
        std::fputs(prefix.c_str(), stdout);
        prefix.clear();
        std::fputs(piece.toStdString().c_str(), stdout);
        std::fflush(stdout);
    });
    QObject::connect(s, &remote::CompletionStream::finished, &loop, &QEventLoop::quit);
    QTimer poll;  // Ctrl-C sets a flag; the loop looks at it
    QObject::connect(&poll, &QTimer::timeout, s, [s] {
        if (g_interrupt.exchange(false)) s->abort();
    });
    poll.start(50);
    loop.exec();
    remote::RemoteResult r = s->result();
    delete s;
    return r;
}

}  // namespace

int cmd_generate_remote(Args& args) {
    RemoteSetup setup;
    if (auto e = read_setup(args, setup, 128, 0.0)) return fail(*e);
    auto prompt = args.get("prompt");
    if (!prompt) return fail("generate --endpoint needs --prompt TEXT");
    int qargc = 1;
    char name[] = "causerie-cli";
    char* qargv[] = {name, nullptr};
    QCoreApplication app(qargc, qargv);
    std::signal(SIGINT, on_sigint);
    remote::OpenAiClient client;
    const remote::RemoteResult r =
        stream(client.complete(setup.endpoint, setup.model, QString::fromStdString(*prompt), setup.params), *prompt);
    if (r.error && r.pieces == 0) return fail(r.error->message.toStdString());  // one line, nothing on stdout
    if (r.pieces == 0) std::fputs(prompt->c_str(), stdout);
    std::printf("\n");
    std::fflush(stdout);
    if (r.error) return fail(r.error->message.toStdString());
    if (args.has("stats"))
        std::fprintf(stderr, "[%s] prompt %d tokens, generated %d tokens in %.2f s (first after %.2f s), stop: %s\n",
                     setup.model.toStdString().c_str(), r.promptTokens, r.completionTokens, double(r.totalMs) / 1000.0,
                     double(r.firstPieceMs) / 1000.0, r.finishReason.toStdString().c_str());
    return 0;
}

int cmd_chat_remote(Args& args) {
    RemoteSetup setup;
    if (auto e = read_setup(args, setup, 1024, 0.7)) return fail(*e);
    int qargc = 1;
    char name[] = "causerie-cli";
    char* qargv[] = {name, nullptr};
    QCoreApplication app(qargc, qargv);
    remote::OpenAiClient client;
    // The endpoint is asked for its models first, so that a refused connection or a wrong key
    // is said once, before the conversation starts (a server without /models is let be).
    {
        remote::ModelListRequest* models = client.listModels(setup.endpoint);
        QEventLoop loop;
        QObject::connect(models, &remote::ModelListRequest::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const auto error = models->error();
        delete models;
        if (error && error->kind != remote::ErrorKind::NotFound) return fail(error->message.toStdString());
    }
    std::fprintf(stderr, "%s at %s. /help for the commands; Ctrl-C stops a reply.\n", setup.model.toStdString().c_str(),
                 remote::displayUrl(setup.endpoint.baseUrl).toStdString().c_str());
    std::signal(SIGINT, on_sigint);
    QList<remote::RemoteMessage> messages;
    if (auto sys = args.get("system")) messages.append({QStringLiteral("system"), QString::fromStdString(*sys)});
    std::string line;
    while (true) {
        const cli::ChatInput input = cli::read_chat_input(line);
        if (input == cli::ChatInput::Quit) break;
        if (input == cli::ChatInput::Handled) continue;
        if (input == cli::ChatInput::Reset) {
            while (messages.size() > (!messages.isEmpty() && messages[0].role == QLatin1String("system") ? 1 : 0)) messages.removeLast();
            continue;
        }
        messages.append({QStringLiteral("user"), QString::fromStdString(line)});
        g_interrupt = false;
        const remote::RemoteResult r = stream(client.chat(setup.endpoint, setup.model, messages, setup.params));
        std::printf("\n");
        std::fflush(stdout);
        if (r.error) {
            // A refused connection or a wrong key will not mend itself: stop there. A cut
            // stream keeps its partial reply in the conversation.
            if (r.error->kind != remote::ErrorKind::Cut) return fail(r.error->message.toStdString());
            std::fprintf(stderr, "error: %s\n", r.error->message.toStdString().c_str());
        }
        messages.append({QStringLiteral("assistant"), r.content});
        if (!r.reasoning.isEmpty()) std::fprintf(stderr, "(reasoning: %lld characters, not shown)\n", qlonglong(r.reasoning.size()));
        std::fprintf(stderr, "[%d tokens; prompt %d; %s]\n", r.completionTokens, r.promptTokens,
                     r.cancelled ? "stopped" : r.finishReason.toStdString().c_str());
    }
    return 0;
}

}  // namespace causerie::cli
#endif  // CAUSERIE_CLI_MODELS

#ifndef CAUSERIE_CLI_MODELS
#include "args.h"
#include "chat_input.h"
#include "commands.h"
namespace causerie::cli {
int cmd_generate_remote(Args&) { return remote_unavailable(); }
int cmd_chat_remote(Args&) { return remote_unavailable(); }
}  // namespace causerie::cli
#endif

namespace causerie::cli {
int remote_unavailable() {
    return fail("--endpoint needs the remote client of app/core: build with CAUSERIE_BUILD_APP=ON");
}
}  // namespace causerie::cli
