// One server for the test binary: stories260K on the default Vulkan device (lavapipe in CI),
// on 127.0.0.1 and a free port, plus helpers to talk to it with cpp-httplib's client.
#pragma once
#include "server.h"
#include "text/json.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace causerie::server::test {

inline std::string model_path() { return std::string(CAUSERIE_SHARED_DIR) + "/models/stories260K.gguf"; }

inline SessionOptions session_options(uint32_t n_ctx = 512) {
    SessionOptions o;
    o.model_path = model_path();
    o.n_ctx = n_ctx;
    return o;
}

// Waits until the server has loaded its model (or failed); true when ready.
inline bool wait_ready(Server& s, int ms = 60000) {
    for (int i = 0; i < ms / 10 && !s.ready() && s.load_error().empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return s.ready();
}

// The shared server (created on first use, never destroyed before exit's static teardown).
inline Server& shared_server() {
    static std::unique_ptr<Server> server = [] {
        auto s = Server::start(ServerOptions{});
        if (!s) {
            ADD_FAILURE() << s.error().message;
            return std::unique_ptr<Server>();
        }
        (*s)->load_model(session_options());
        EXPECT_TRUE(wait_ready(**s)) << (*s)->load_error();
        return std::move(*s);
    }();
    return *server;
}

struct Reply {
    int status = 0;
    std::string body;
    httplib::Headers headers;
    Json json;  // the body parsed (null if it is not JSON)
    std::string header(const std::string& k) const {
        auto it = headers.find(k);
        return it == headers.end() ? "" : it->second;
    }
};

inline Reply to_reply(const httplib::Result& r) {
    Reply out;
    if (!r) return out;
    out.status = r->status;
    out.body = r->body;
    out.headers = r->headers;
    if (auto j = parse_json(out.body)) out.json = *j;
    return out;
}

inline Reply post(int port, const std::string& path, const std::string& body, httplib::Headers headers = {}) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30, 0);
    return to_reply(c.Post(path.c_str(), headers, body, "application/json"));
}

inline Reply get(int port, const std::string& path, httplib::Headers headers = {}) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30, 0);
    return to_reply(c.Get(path.c_str(), headers));
}

// The error code of an OpenAI error body ("" if it has none).
inline std::string error_code(const Reply& r) {
    const Json* e = r.json.find("error");
    const Json* c = e ? e->find("code") : nullptr;
    return c && c->is_string() ? c->as_string() : "";
}

// The "data: " payloads of a server-sent event stream, in order ("[DONE]" included).
inline std::vector<std::string> sse_data(const std::string& body) {
    std::vector<std::string> out;
    size_t pos = 0;
    while ((pos = body.find("data: ", pos)) != std::string::npos) {
        size_t end = body.find("\n\n", pos);
        if (end == std::string::npos) end = body.size();
        out.push_back(body.substr(pos + 6, end - pos - 6));
        pos = end;
    }
    return out;
}

}  // namespace causerie::server::test
