// The server's life cycle and what every request goes through before its route: the Host and
// Origin checks, the CORS preflight, the API key; errors without a body get the OpenAI shape.
#include "openai_json.h"
#include "security.h"
#include "server_impl.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>

namespace causerie::server {

namespace {

void cors_headers(const httplib::Request& req, httplib::Response& res) {
    res.set_header("Access-Control-Allow-Origin", req.get_header_value("Origin"));
    res.set_header("Vary", "Origin");
}

ApiError api_error(int status, std::string message, std::string type, std::string code) {
    ApiError e;
    e.status = status;
    e.message = std::move(message);
    e.type = std::move(type);
    e.code = std::move(code);
    return e;
}

}  // namespace

void Server::Impl::send_error(httplib::Response& res, const ApiError& e) {
    res.status = e.status;
    res.set_content(error_body(e), "application/json");
}

Result<std::unique_ptr<Server>> Server::start(const ServerOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    impl->created = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    impl->worker.max_queued = options.max_queued;
    impl->model_id = options.model_id;
    auto& http = impl->http;
    if (!http.is_valid()) return make_error("the HTTP server could not be created");

    const size_t threads = std::max<size_t>(options.threads, 4);
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(options.max_body_bytes);
    http.set_read_timeout(options.read_timeout_s, 0);
    http.set_write_timeout(10, 0);
    http.set_keep_alive_timeout(5);
    http.set_keep_alive_max_count(100);
    http.set_tcp_nodelay(true);  // each streamed token goes out at once

    Impl* self = impl.get();
    http.set_pre_routing_handler([self](const httplib::Request& req, httplib::Response& res) {
        const ServerOptions& o = self->options;
        if (!host_allowed(req.get_header_value("Host"), o.host, self->port)) {
            Impl::send_error(res, api_error(421, "the Host header is not this server's address (DNS rebinding is refused)",
                                      "invalid_request_error", "misdirected_request"));
            return httplib::Server::HandlerResponse::Handled;
        }
        const std::string origin = req.get_header_value("Origin");
        if (!origin_allowed(origin, o.allow_origins)) {
            Impl::send_error(res, api_error(403, "the origin '" + origin + "' is not allowed (causerie-cli serve --allow-origin)",
                                      "invalid_request_error", "origin_not_allowed"));
            return httplib::Server::HandlerResponse::Handled;
        }
        if (req.method == "OPTIONS") {  // a CORS preflight from an allowed origin
            if (!origin.empty()) {
                cors_headers(req, res);
                res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
                res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
                res.set_header("Access-Control-Max-Age", "600");
            }
            res.status = 204;
            return httplib::Server::HandlerResponse::Handled;
        }
        if (req.path != "/health" && !bearer_matches(req.get_header_value("Authorization"), o.api_key)) {
            Impl::send_error(res, api_error(401, "a valid API key is required (Authorization: Bearer KEY)", "invalid_request_error",
                                      "invalid_api_key"));
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_post_routing_handler([self](const httplib::Request& req, httplib::Response& res) {
        if (req.has_header("Origin") && !self->options.allow_origins.empty() &&
            origin_allowed(req.get_header_value("Origin"), self->options.allow_origins))
            cors_headers(req, res);
    });
    // Statuses the library sets itself (404 no route, 413 too large, 400 unreadable) get a body.
    http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty() || res.content_length_ > 0) return httplib::Server::HandlerResponse::Unhandled;
        ApiError e;
        e.status = res.status;
        switch (res.status) {
            case 404: e = api_error(404, "no route " + req.method + " " + req.path, "invalid_request_error", "not_found"); break;
            case 413: e = api_error(413, "the request body is over the limit", "invalid_request_error", "request_too_large"); break;
            case 414: e = api_error(414, "the request line is too long", "invalid_request_error", "uri_too_long"); break;
            case 405: e = api_error(405, "method not allowed", "invalid_request_error", "method_not_allowed"); break;
            default: e = api_error(res.status, "the request could not be read", "invalid_request_error", "bad_request"); break;
        }
        Impl::send_error(res, e);
        return httplib::Server::HandlerResponse::Handled;
    }));
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        Impl::send_error(res, api_error(500, what, "server_error", "internal_error"));
    });
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        spdlog::debug("server: {} {} -> {}", req.method, req.path, res.status);
    });
    impl->install_routes();

    const int port = options.port == 0 ? http.bind_to_any_port(options.host) : (http.bind_to_port(options.host, options.port) ? options.port : -1);
    if (port <= 0) return make_error("cannot listen on " + options.host + ":" + std::to_string(options.port) + " (address in use or not local?)");
    impl->port = port;
    impl->listener = std::thread([self] { self->http.listen_after_bind(); });
    // stop() is a no-op until the loop runs: wait for it so that destruction cannot hang.
    for (int i = 0; i < 5000 && !http.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
    impl_->http.stop();
    if (impl_->listener.joinable()) impl_->listener.join();
}

void Server::load_model(const SessionOptions& options) {
    if (impl_->model_id.empty()) impl_->model_id = std::filesystem::path(options.model_path).stem().string();
    impl_->worker.load(options);
}

void Server::set_session(std::unique_ptr<Session> session) {
    if (impl_->model_id.empty()) impl_->model_id = "model";
    impl_->worker.set_session(std::move(session));
}

void Server::share_engine(SharedEngine engine) {
    if (impl_->model_id.empty()) impl_->model_id = "causerie";
    impl_->worker.share(std::move(engine));
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
    std::string h = impl_->options.host;
    if (h.find(':') != std::string::npos) h = "[" + h + "]";
    return "http://" + h + ":" + std::to_string(impl_->port);
}

bool Server::ready() const { return impl_->worker.state() == Worker::State::Ready; }
std::string Server::load_error() const { return impl_->worker.load_error(); }
const std::string& Server::model_id() const { return impl_->model_id; }

Server::Stats Server::stats() const {
    auto w = impl_->worker.stats();
    Stats s;
    s.completed = w.completed;
    s.cancelled = w.cancelled;
    s.failed = w.failed;
    s.last_cancelled_tokens = w.last_cancelled_tokens;
    s.active = impl_->worker.queued();
    return s;
}

}  // namespace causerie::server
