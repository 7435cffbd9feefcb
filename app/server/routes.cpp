// The endpoints: /health, /v1/models, /v1/chat/completions and /v1/completions (streamed as
// server-sent events or whole). A completion is prepared here (parsed, rendered, tokenized,
// checked against the context), queued to the worker, then written by a chunked content
// provider on this connection's thread, called again every 100 ms at most: a client gone (a
// failed write, or DataSink::is_writable(), which peeks at the socket) cancels the job.
#include "openai_json.h"
#include "text/reasoning_split.h"
#include "request.h"
#include "server_impl.h"

#include <chrono>
#include <random>

namespace causerie::server {

namespace {

ApiError error_of(int status, std::string message, std::string code, std::string type = "invalid_request_error",
                  std::string param = "") {
    ApiError e;
    e.status = status;
    e.message = std::move(message);
    e.code = std::move(code);
    e.type = std::move(type);
    e.param = std::move(param);
    return e;
}

constexpr auto kPoll = std::chrono::milliseconds(100);

// What a connection keeps while its job runs.
struct Reply {
    std::shared_ptr<Job> job;
    ReplyMeta meta;
    ReasoningSplitter splitter;
    bool include_usage = false;
    bool sent_role = false;
    std::string content, reasoning;  // the non-streaming reply as it grows

    Usage usage() const {
        Usage u;
        u.prompt_tokens = int32_t(job->prompt.size());
        if (job->result) u.completion_tokens = job->result->n_generated;
        return u;
    }
};

// Streams SSE events: deltas as text comes, then the finish reason, the usage and [DONE].
bool stream_step(Reply& r, httplib::DataSink& sink) {
    std::string text;
    const bool done = r.job->take(text, kPoll);
    std::string out;
    auto emit = [&](ReasoningSplitter::Parts parts) {
        if (parts.empty() && (r.sent_role || !r.meta.chat)) return;
        Delta d;
        d.role = r.meta.chat && !r.sent_role;
        r.sent_role = true;
        d.content = std::move(parts.content);
        d.reasoning = std::move(parts.reasoning);
        out += sse_event(chunk(r.meta, d));
    };
    if (!text.empty()) emit(r.meta.chat ? r.splitter.push(text) : ReasoningSplitter::Parts{"", text});
    if (done) {
        if (r.meta.chat) emit(r.splitter.flush());
        if (!r.job->error.empty()) {
            out += sse_event(parse_json(error_body(error_of(500, r.job->error, "engine_error", "server_error"))).value());
        } else {
            Delta d;
            d.finish = finish_reason(r.job->result->reason);
            out += sse_event(chunk(r.meta, d));
            if (r.include_usage) out += sse_event(usage_chunk(r.meta, r.usage()));
        }
        out += "data: [DONE]\n\n";
    }
    // A client gone shows as a failed write, or, while there is nothing to write, as a socket
    // that is no longer writable (is_writable peeks: a closed connection reads as end of file).
    if (out.empty() ? !sink.is_writable() : !sink.write(out.data(), out.size())) {
        r.job->cancel = true;
        return false;
    }
    if (done) sink.done();
    return true;
}

// Waits for the whole reply, then writes one JSON object (chunked, so that the connection is
// watched for a client gone meanwhile).
bool whole_step(Reply& r, httplib::DataSink& sink) {
    std::string text;
    const bool done = r.job->take(text, kPoll);
    if (!text.empty()) {
        if (r.meta.chat) {
            auto p = r.splitter.push(text);
            r.content += p.content;
            r.reasoning += p.reasoning;
        } else {
            r.content += text;
        }
    }
    if (!done) {
        if (sink.is_writable()) return true;
        r.job->cancel = true;  // the client is gone
        return false;
    }
    if (r.meta.chat) {
        auto p = r.splitter.flush();
        r.content += p.content;
        r.reasoning += p.reasoning;
    }
    std::string body = r.job->error.empty() ? to_json(completion(r.meta, r.content, r.reasoning, r.job->result->reason, r.usage()))
                                            : error_body(error_of(500, r.job->error, "engine_error", "server_error"));
    if (!sink.write(body.data(), body.size())) {
        r.job->cancel = true;
        return false;
    }
    sink.done();
    return true;
}

}  // namespace

bool Server::Impl::check_ready(httplib::Response& res) {
    switch (worker.state()) {
        case Worker::State::Ready: return true;
        case Worker::State::Loading: send_error(res, error_of(503, "the model is loading", "model_loading", "server_error")); break;
        case Worker::State::NoModel: send_error(res, error_of(503, "no model is loaded", "model_not_loaded", "server_error")); break;
        case Worker::State::Failed:
            send_error(res, error_of(503, "the model failed to load: " + worker.load_error(), "model_load_failed", "server_error"));
            break;
    }
    res.set_header("Retry-After", "1");
    return false;
}

void Server::Impl::install_routes() {
    http.Get("/health", [this](const httplib::Request&, httplib::Response& res) {
        if (!check_ready(res)) return;
        res.set_content(R"({"status":"ok"})", "application/json");
    });
    http.Get("/v1/models", [this](const httplib::Request&, httplib::Response& res) {
        res.set_content(to_json(models_list(model_id, created)), "application/json");
    });
    http.Get(R"(/v1/models/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
        if (req.matches[1] != model_id)
            return send_error(res, error_of(404, "the model '" + std::string(req.matches[1]) + "' does not exist", "model_not_found"));
        res.set_content(to_json(model_object(model_id, created)), "application/json");
    });
    http.Post("/v1/chat/completions", [this](const httplib::Request& req, httplib::Response& res) { completions(req, res, true); });
    http.Post("/v1/completions", [this](const httplib::Request& req, httplib::Response& res) { completions(req, res, false); });
}

void Server::Impl::completions(const httplib::Request& req, httplib::Response& res, bool chat) {
    if (!check_ready(res)) return;
    auto parsed = parse_completion_request(req.body, chat);
    if (auto* e = std::get_if<ApiError>(&parsed)) return send_error(res, *e);
    CompletionRequest& cr = std::get<CompletionRequest>(parsed);
    if (cr.model && *cr.model != model_id)
        return send_error(res, error_of(404, "the model '" + *cr.model + "' does not exist (this server has '" + model_id + "')",
                                        "model_not_found", "invalid_request_error", "model"));
    const Worker::Held held = worker.hold();  // the session cannot be replaced while the request is prepared
    const Session* session = held.session;
    if (!session) return (void)check_ready(res);

    auto job = std::make_shared<Job>();
    bool thinking = false;
    if (chat) {
        auto prompt = session->chat_prompt(cr.messages, true);
        if (!prompt)
            return send_error(res, error_of(400, "the chat template failed: " + prompt.error().message, "template_error",
                                            "invalid_request_error", "messages"));
        job->prompt = std::move(*prompt);
        // Does the generation prompt open a thinking block? (Its last few tokens, as text.)
        const size_t tail = std::min<size_t>(job->prompt.size(), 8);
        thinking = ReasoningSplitter::prompt_opens_thinking(
            session->tokenizer().decode(std::span(job->prompt).subspan(job->prompt.size() - tail), true));
    } else if (!cr.prompt_tokens.empty()) {
        for (int32_t t : cr.prompt_tokens)
            if (t >= int32_t(session->tokenizer().vocab_size()))
                return send_error(res, error_of(400, "token id " + std::to_string(t) + " is outside the vocabulary", "invalid_value",
                                                "invalid_request_error", "prompt"));
        job->prompt = std::move(cr.prompt_tokens);
    } else {
        job->prompt = session->tokenizer().encode(cr.prompt, session->tokenizer().add_bos(), false);
    }
    if (job->prompt.empty())
        return send_error(res, error_of(400, "the prompt is empty", "invalid_value", "invalid_request_error", chat ? "messages" : "prompt"));
    const size_t n_ctx = session->n_ctx();
    if (job->prompt.size() >= n_ctx)
        return send_error(res, error_of(400,
                                        "the prompt has " + std::to_string(job->prompt.size()) + " tokens; the context holds " +
                                            std::to_string(n_ctx) + " (the prompt and at least one generated token)",
                                        "context_length_exceeded", "invalid_request_error", chat ? "messages" : "prompt"));
    // The reply stops at the end of the context (never slides the prompt away).
    const int32_t room = int32_t(n_ctx - job->prompt.size());
    job->params = cr.params;
    job->params.max_tokens = cr.params.max_tokens > 0 ? std::min(cr.params.max_tokens, room) : room;
    if (!cr.seeded) job->params.sampling.seed = std::random_device{}() | (uint64_t(std::random_device{}()) << 32);

    if (!worker.submit(job))
        return send_error(res, error_of(429, "too many requests are waiting; try again", "server_busy", "server_error"));

    auto reply = std::make_shared<Reply>();
    reply->job = job;
    reply->splitter = ReasoningSplitter(thinking);
    reply->include_usage = cr.include_usage;
    reply->meta = {(chat ? "chatcmpl-" : "cmpl-") + random_id(), model_id,
                   std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count(), chat};
    auto released = [job](bool success) {
        if (!success) job->cancel = true;  // the connection ended before the reply did
    };
    if (cr.stream) {
        res.set_header("Cache-Control", "no-cache");
        res.set_header("X-Accel-Buffering", "no");
        res.set_chunked_content_provider(
            "text/event-stream", [reply](size_t, httplib::DataSink& sink) { return stream_step(*reply, sink); }, released);
    } else {
        res.set_chunked_content_provider(
            "application/json", [reply](size_t, httplib::DataSink& sink) { return whole_step(*reply, sink); }, released);
    }
}

}  // namespace causerie::server
