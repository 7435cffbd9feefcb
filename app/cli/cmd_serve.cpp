// `serve`: the OpenAI-compatible server on a model until Ctrl-C (SIGINT) or SIGTERM.
#include "args.h"
#include "commands.h"
#include "server.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace causerie::cli {

int cmd_serve(int argc, char** argv) {
    Args args(argc, argv, 2, {"cpu"});
    auto model = args.get("model");
    if (!model) return fail("serve needs --model FILE");
    server::ServerOptions so;
    so.host = args.get_or("host", "127.0.0.1");
    so.port = int(args.get_int("port", 8080));
    // The key from the environment keeps it out of `ps`; --api-key works too.
    const char* env_key = std::getenv("CAUSERIE_API_KEY");
    so.api_key = args.get_or("api-key", env_key ? env_key : "");
    so.model_id = args.get_or("model-id", "");
    for (std::string rest = args.get_or("allow-origin", ""); !rest.empty();) {
        size_t comma = rest.find(',');
        so.allow_origins.push_back(rest.substr(0, comma));
        rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
    }
    so.max_body_bytes = size_t(args.get_int("max-body-mb", 4)) << 20;
    SessionOptions o;
    o.model_path = *model;
    o.cpu = args.has("cpu");
    o.device = int(args.get_int("device", -1));
    o.n_ctx = uint32_t(args.get_int("n-ctx", args.get_int("ctx", 0)));
    const int64_t experts = args.get_int("experts-in-system-memory", 0);
    if (!args.error().empty()) return fail(args.error());
    if (experts < 0) return fail("--experts-in-system-memory must be 0 or more layers");
    o.experts_in_system_memory = uint32_t(std::min<int64_t>(experts, 1 << 20));
    if (so.port < 0 || so.port > 65535) return fail("--port must be 0..65535");

    // The signals are waited for here; every thread started after this inherits the mask.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);

    auto srv = server::Server::start(so);
    if (!srv) return fail(srv.error().message);
    (*srv)->load_model(o);
    std::printf("causerie server listening on %s (OpenAI base URL %s/v1)\n", (*srv)->url().c_str(), (*srv)->url().c_str());
    if (so.host != "127.0.0.1" && so.host != "localhost" && so.host != "::1")
        std::fprintf(stderr, "warning: listening on %s: other computers can reach it%s\n", so.host.c_str(),
                     so.api_key.empty() ? ", with no API key" : "");
    std::fflush(stdout);
    // Says once when the model is ready (or why not), then waits for a stop signal.
    bool told = false;
    const timespec tick{0, 100'000'000};
    while (sigtimedwait(&stop, nullptr, &tick) < 0) {
        if (told) continue;
        if ((*srv)->ready()) {
            std::printf("model %s loaded\n", (*srv)->model_id().c_str());
            told = true;
        } else if (!(*srv)->load_error().empty()) {
            std::fprintf(stderr, "error: %s\n", (*srv)->load_error().c_str());
            told = true;
        }
        std::fflush(stdout);
    }
    std::fprintf(stderr, "stopping\n");
    return 0;
}

}  // namespace causerie::cli
