// The OpenAI JSON shapes the server sends: errors, the model list, completion objects and
// their streamed chunks (chat.completion[.chunk], text_completion), usage.
#pragma once
#include "request.h"
#include "text/json.h"

#include <cstdint>
#include <string>

namespace causerie::server {

std::string error_body(const ApiError& e);

struct ReplyMeta {
    std::string id;       // "chatcmpl-..." or "cmpl-..."
    std::string model;
    int64_t created = 0;  // Unix seconds
    bool chat = true;
};

struct Usage {
    int32_t prompt_tokens = 0, completion_tokens = 0;
};

// "stop" | "length" for the engine's reasons (null while running).
const char* finish_reason(StopReason r);

Json usage_json(const Usage& u);
Json models_list(const std::string& model, int64_t created);
Json model_object(const std::string& model, int64_t created);

// A whole reply (non-streaming).
Json completion(const ReplyMeta& m, const std::string& content, const std::string& reasoning, StopReason reason, const Usage& u);

// One streamed chunk: a delta (role on the first chat chunk), a finish reason or, with
// `usage_only`, the empty-choices chunk that carries the usage.
struct Delta {
    bool role = false;
    std::string content, reasoning;
    const char* finish = nullptr;
};
Json chunk(const ReplyMeta& m, const Delta& d);
Json usage_chunk(const ReplyMeta& m, const Usage& u);

// "data: <json>\n\n"
std::string sse_event(const Json& j);

// A random id suffix (24 characters of [A-Za-z0-9]).
std::string random_id();

}  // namespace causerie::server
