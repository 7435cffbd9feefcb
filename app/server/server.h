// The OpenAI-compatible server as a library: `causerie-cli serve` starts one, the app can start
// one with the model it has loaded. Listens on 127.0.0.1 unless told otherwise; routes:
// GET /health, GET /v1/models[/{id}], POST /v1/chat/completions, POST /v1/completions.
#pragma once
#include "core/result.h"
#include "session.h"

#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

namespace causerie::server {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 0;                            // 0: a free port, see Server::port()
    std::string api_key;                     // "" : no key asked
    std::vector<std::string> allow_origins;  // browser origins allowed (CORS); none by default
    std::string model_id;                    // the name clients use ("" : the model file's stem)
    size_t max_body_bytes = size_t(4) << 20; // larger bodies get 413
    size_t threads = 32;                     // connection threads (each open connection holds one)
    int read_timeout_s = 5;                  // per read of a request
    size_t max_queued = 64;                  // requests waiting for the model; more get 429
};

// The session of a host application (Causerie's GUI), lent to the server instead of a model of
// its own: the host's engine thread runs the server's requests in the same queue as its own, one
// at a time, first come first served.
struct SharedEngine {
    // Held shared by the server while it reads the session (tokenizing, the chat template); the
    // host holds it exclusively while it replaces or drops its session.
    std::shared_mutex* lock = nullptr;
    // The host's session now (read under `lock`), null while it has none.
    std::function<const Session*()> session;
    // Queues `task` on the host's engine thread, which calls it with its session (null if none
    // by then); returns at once. A task destroyed without being called counts as "no session".
    std::function<void(std::function<void(Session*)> task)> run;
};

class Server {
public:
    // Binds and starts listening (the model is loaded apart: load_model or set_session; until
    // then the model routes answer 503).
    static Result<std::unique_ptr<Server>> start(const ServerOptions& options);
    ~Server();  // stops: cancels running requests, closes the socket, joins the threads

    // Loads a model in the background (503 "loading" meanwhile).
    void load_model(const SessionOptions& options);
    void set_session(std::unique_ptr<Session> session);
    // Serves the host's session (see SharedEngine) from now on.
    void share_engine(SharedEngine engine);

    int port() const;
    std::string url() const;          // "http://127.0.0.1:PORT"
    bool ready() const;               // a model is loaded
    std::string load_error() const;   // why loading failed ("" if it did not)
    const std::string& model_id() const;

    struct Stats {
        uint64_t completed = 0, cancelled = 0, failed = 0;
        int32_t last_cancelled_tokens = 0;
        size_t active = 0;  // running and waiting
    };
    Stats stats() const;

    struct Impl;

private:
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace causerie::server
