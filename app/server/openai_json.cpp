#include "openai_json.h"

#include <random>

namespace causerie::server {

std::string error_body(const ApiError& e) {
    Json err = Json::Object{};
    err.set("message", e.message);
    err.set("type", e.type);
    err.set("param", e.param.empty() ? Json() : Json(e.param));
    err.set("code", e.code);
    Json body = Json::Object{};
    body.set("error", std::move(err));
    return to_json(body);
}

const char* finish_reason(StopReason r) {
    switch (r) {
        case StopReason::MaxTokens: return "length";
        case StopReason::EndOfGeneration:
        case StopReason::StopString: return "stop";
        default: return "stop";
    }
}

Json usage_json(const Usage& u) {
    Json j = Json::Object{};
    j.set("prompt_tokens", u.prompt_tokens);
    j.set("completion_tokens", u.completion_tokens);
    j.set("total_tokens", u.prompt_tokens + u.completion_tokens);
    return j;
}

Json model_object(const std::string& model, int64_t created) {
    Json j = Json::Object{};
    j.set("id", model);
    j.set("object", "model");
    j.set("created", created);
    j.set("owned_by", "causerie");
    return j;
}

Json models_list(const std::string& model, int64_t created) {
    Json j = Json::Object{};
    j.set("object", "list");
    j.set("data", Json::Array{model_object(model, created)});
    return j;
}

namespace {

Json head(const ReplyMeta& m, bool chunked) {
    Json j = Json::Object{};
    j.set("id", m.id);
    j.set("object", m.chat ? (chunked ? "chat.completion.chunk" : "chat.completion") : "text_completion");
    j.set("created", m.created);
    j.set("model", m.model);
    return j;
}

}  // namespace

Json completion(const ReplyMeta& m, const std::string& content, const std::string& reasoning, StopReason reason, const Usage& u) {
    Json j = head(m, false);
    Json choice = Json::Object{};
    choice.set("index", 0);
    if (m.chat) {
        Json msg = Json::Object{};
        msg.set("role", "assistant");
        msg.set("content", content);
        if (!reasoning.empty()) msg.set("reasoning_content", reasoning);
        choice.set("message", std::move(msg));
    } else {
        choice.set("text", content);
        choice.set("logprobs", Json());
    }
    choice.set("finish_reason", finish_reason(reason));
    j.set("choices", Json::Array{std::move(choice)});
    j.set("usage", usage_json(u));
    return j;
}

Json chunk(const ReplyMeta& m, const Delta& d) {
    Json j = head(m, true);
    Json choice = Json::Object{};
    choice.set("index", 0);
    if (m.chat) {
        Json delta = Json::Object{};
        if (d.role) delta.set("role", "assistant");
        if (d.role || !d.content.empty()) delta.set("content", d.content);
        if (!d.reasoning.empty()) delta.set("reasoning_content", d.reasoning);
        choice.set("delta", std::move(delta));
    } else {
        choice.set("text", d.content);
        choice.set("logprobs", Json());
    }
    choice.set("finish_reason", d.finish ? Json(d.finish) : Json());
    j.set("choices", Json::Array{std::move(choice)});
    return j;
}

Json usage_chunk(const ReplyMeta& m, const Usage& u) {
    Json j = head(m, true);
    j.set("choices", Json::Array{});
    j.set("usage", usage_json(u));
    return j;
}

std::string sse_event(const Json& j) { return "data: " + to_json(j) + "\n\n"; }

std::string random_id() {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    thread_local std::mt19937_64 rng{std::random_device{}()};
    std::string s(24, 'x');
    for (auto& c : s) c = kAlphabet[rng() % (sizeof kAlphabet - 1)];
    return s;
}

}  // namespace causerie::server
