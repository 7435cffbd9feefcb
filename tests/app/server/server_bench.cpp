// Time to first token and decode speed through the server (a streamed /v1/completions over a
// socket on 127.0.0.1) against the engine in-process, same model, same prompts, temperature 0.
// Not a test: prints a table (docs/PERFORMANCE.md). Each run changes the prompt's first word so
// that the KV cache holds only the BOS and the prompt is evaluated again.
//   causerie-server-bench [--model F] [-n 128] [--reps 5]
#include "server.h"
#include "session.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace causerie;
using Clock = std::chrono::steady_clock;

namespace {

double ms_between(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

struct Run {
    double ttft_ms = 0, tps = 0;
    int tokens = 0;
};

std::string prompt_of(int i) {
    static const char* kWords[] = {"Lily", "Tom", "Ben", "Sue", "Max", "Anna", "Sam", "Mia", "Tim", "Zoe"};
    return std::string(kWords[i % 10]) + " was a little child who loved to play in the park with a big red ball. One day,";
}

}  // namespace

int main(int argc, char** argv) {
    std::string model = std::string(CAUSERIE_SHARED_DIR) + "/models/stories260K.gguf";
    int n = 128, reps = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--model")) model = argv[i + 1];
        else if (!std::strcmp(argv[i], "-n")) n = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--reps")) reps = std::atoi(argv[i + 1]);
    }
    SessionOptions so;
    so.model_path = model;
    so.n_ctx = 512;

    // Both loaded first, then the runs alternate (in-process, server) so that the load of a
    // shared machine falls on both alike; run -1 warms both up.
    auto session = Session::load(so);
    if (!session) return std::fprintf(stderr, "error: %s\n", session.error().message.c_str()), 1;
    auto srv = server::Server::start(server::ServerOptions{});
    if (!srv) return std::fprintf(stderr, "error: %s\n", srv.error().message.c_str()), 1;
    (*srv)->load_model(so);
    while (!(*srv)->ready() && (*srv)->load_error().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!(*srv)->ready()) return std::fprintf(stderr, "error: %s\n", (*srv)->load_error().c_str()), 1;
    httplib::Client c("127.0.0.1", (*srv)->port());
    c.set_read_timeout(120, 0);
    Session& s = **session;
    GenerateParams gp;
    gp.sampling.temperature = 0;
    gp.sampling.repeat_penalty = 1;
    gp.max_tokens = n;

    std::vector<Run> local, remote;
    for (int i = -1; i < reps; ++i) {
        {
            auto prompt = s.tokenizer().encode(prompt_of(i + 1), s.tokenizer().add_bos(), false);
            Clock::time_point t0 = Clock::now(), first{}, last{};
            int pieces = 0;
            auto r = s.generate(prompt, gp, [&](const std::string&) {
                last = Clock::now();
                if (pieces++ == 0) first = last;
                return true;
            });
            if (!r) return std::fprintf(stderr, "error: %s\n", r.error().message.c_str()), 1;
            if (i >= 0) local.push_back({ms_between(t0, first), (r->n_generated - 1) * 1000.0 / std::max(ms_between(first, last), 1e-3), r->n_generated});
        }
        {
            httplib::Request req;
            req.method = "POST";
            req.path = "/v1/completions";
            req.set_header("Content-Type", "application/json");
            req.body = R"({"prompt":")" + prompt_of(i + 1) + R"(","temperature":0,"max_tokens":)" + std::to_string(n) +
                       R"(,"stream":true,"stream_options":{"include_usage":true}})";
            Clock::time_point t0 = Clock::now(), first{}, last{};
            std::string all;
            bool got_text = false;
            req.content_receiver = [&](const char* d, size_t len, uint64_t, uint64_t) {
                std::string chunk(d, len);
                all += chunk;
                if (chunk.find("\"text\":\"") != std::string::npos && chunk.find("\"text\":\"\"") == std::string::npos) {
                    last = Clock::now();
                    if (!got_text) first = last, got_text = true;
                }
                return true;
            };
            auto res = c.send(req);
            if (!res || res->status != 200) return std::fprintf(stderr, "error: the request failed\n"), 1;
            size_t at = all.find("\"completion_tokens\":");
            int tokens = at == std::string::npos ? 0 : std::atoi(all.c_str() + at + 20);
            if (i >= 0) remote.push_back({ms_between(t0, first), (tokens - 1) * 1000.0 / std::max(ms_between(first, last), 1e-3), tokens});
        }
    }

    auto report = [&](const char* name, const std::vector<Run>& runs) {
        std::vector<double> ttft, tps;
        for (const auto& r : runs) ttft.push_back(r.ttft_ms), tps.push_back(r.tps);
        std::printf("%-12s TTFT %7.2f ms   decode %8.1f tok/s   (%d tokens, median of %zu)\n", name, median(ttft), median(tps),
                    runs.empty() ? 0 : runs[0].tokens, runs.size());
    };
    std::printf("model %s, prompt ~25 tokens, %d generated, temperature 0\n", model.c_str(), n);
    report("in-process", local);
    report("server", remote);
    return 0;
}
