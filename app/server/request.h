// Parsing and validation of the OpenAI request bodies: /v1/chat/completions and
// /v1/completions. Every error names the field at fault; unknown fields are ignored, as the
// common clients send extras (user, tools with no tool calls, response_format...).
#pragma once
#include "session.h"
#include "text/chat_template.h"
#include "text/json.h"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace causerie::server {

// An error to send back: HTTP status, OpenAI type and code, the field (param) when one is at fault.
struct ApiError {
    int status = 400;
    std::string message;
    std::string type = "invalid_request_error";
    std::string code = "invalid_value";
    std::string param;
};

struct CompletionRequest {
    std::optional<std::string> model;
    bool chat = true;
    std::vector<ChatMessage> messages;          // chat
    std::string prompt;                         // completions, as text...
    std::vector<int32_t> prompt_tokens;         // ...or as token ids
    bool stream = false;
    bool include_usage = false;                 // stream_options.include_usage
    bool seeded = false;                        // a seed was given (else a random one)
    GenerateParams params;
};

// Parses `body` (raw bytes: invalid UTF-8 and malformed JSON are errors naming the offset).
std::variant<CompletionRequest, ApiError> parse_completion_request(std::string_view body, bool chat);

}  // namespace causerie::server
