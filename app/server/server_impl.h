// What server.cpp (life cycle, the checks before routing) and routes.cpp (the endpoints) share.
#pragma once
#include "server.h"
#include "worker.h"

#include <httplib.h>

#include <string>
#include <thread>

namespace causerie::server {

struct ApiError;

struct Server::Impl {
    ServerOptions options;
    std::string model_id;
    int port = 0;
    int64_t created = 0;
    httplib::Server http;
    Worker worker;
    std::thread listener;

    void install_routes();
    // Sends `e` as {"error": {...}}.
    static void send_error(httplib::Response& res, const ApiError& e);
    // 503 unless a model is loaded.
    bool check_ready(httplib::Response& res);
    void completions(const httplib::Request& req, httplib::Response& res, bool chat);
};

}  // namespace causerie::server
