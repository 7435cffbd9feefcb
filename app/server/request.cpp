#include "request.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace causerie::server {

namespace {

ApiError bad(std::string param, std::string message, std::string code = "invalid_value") {
    ApiError e;
    e.message = std::move(message);
    e.code = std::move(code);
    e.param = std::move(param);
    return e;
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// Reads an optional number in [lo, hi]; returns an error message or "".
std::optional<ApiError> number(const Json& body, const char* key, double lo, double hi, double& out) {
    const Json* v = body.find(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_number()) return bad(key, std::string("'") + key + "' must be a number");
    double d = v->as_double();
    if (!std::isfinite(d) || d < lo || d > hi)
        return bad(key, std::string("'") + key + "' must be a number between " + num(lo) + " and " + num(hi));
    out = d;
    return std::nullopt;
}

std::optional<ApiError> integer(const Json& body, const char* key, int64_t lo, int64_t hi, int64_t& out, bool& present) {
    present = false;
    const Json* v = body.find(key);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_double() && std::floor(v->as_double()) == v->as_double() && std::fabs(v->as_double()) < 9e15) {
        out = int64_t(v->as_double());
    } else if (v->is_int()) {
        out = v->as_int();
    } else {
        return bad(key, std::string("'") + key + "' must be an integer");
    }
    if (out < lo || out > hi)
        return bad(key, std::string("'") + key + "' must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    present = true;
    return std::nullopt;
}

// "content": a string, null, or an array of {"type": "text", "text": ...} parts.
std::optional<ApiError> message_content(const Json& v, const std::string& where, std::string& out) {
    if (v.is_null()) return std::nullopt;
    if (v.is_string()) {
        out = v.as_string();
        return std::nullopt;
    }
    if (!v.is_array()) return bad(where, "'" + where + "' must be a string or an array of text parts");
    for (size_t i = 0; i < v.as_array().size(); ++i) {
        const Json& part = v.as_array()[i];
        const std::string at = where + "[" + std::to_string(i) + "]";
        const Json* type = part.find("type");
        if (!part.is_object() || !type || !type->is_string()) return bad(at, "'" + at + "' must be an object with a 'type'");
        if (type->as_string() != "text")
            return bad(at + ".type", "'" + at + ".type' " + type->as_string() + " is not supported (text only)", "unsupported_value");
        const Json* text = part.find("text");
        if (!text || !text->is_string()) return bad(at + ".text", "'" + at + ".text' must be a string");
        out += text->as_string();
    }
    return std::nullopt;
}

std::optional<ApiError> parse_messages(const Json& body, std::vector<ChatMessage>& out) {
    const Json* msgs = body.find("messages");
    if (!msgs) return bad("messages", "'messages' is required", "missing_required_parameter");
    if (!msgs->is_array() || msgs->as_array().empty()) return bad("messages", "'messages' must be a non-empty array");
    for (size_t i = 0; i < msgs->as_array().size(); ++i) {
        const Json& m = msgs->as_array()[i];
        const std::string at = "messages[" + std::to_string(i) + "]";
        if (!m.is_object()) return bad(at, "'" + at + "' must be an object");
        const Json* role = m.find("role");
        if (!role || !role->is_string()) return bad(at + ".role", "'" + at + ".role' must be a string", "missing_required_parameter");
        std::string r = role->as_string();
        if (r == "developer") r = "system";  // the newer name of the system role
        if (r != "system" && r != "user" && r != "assistant")
            return bad(at + ".role", "'" + at + ".role' must be system, user or assistant (got '" + r + "')");
        ChatMessage cm{r, ""};
        const Json* content = m.find("content");
        if (!content && r != "assistant") return bad(at + ".content", "'" + at + ".content' is required", "missing_required_parameter");
        if (content)
            if (auto e = message_content(*content, at + ".content", cm.content)) return e;
        out.push_back(std::move(cm));
    }
    return std::nullopt;
}

std::optional<ApiError> parse_prompt(const Json& body, CompletionRequest& req) {
    const Json* p = body.find("prompt");
    if (!p) return bad("prompt", "'prompt' is required", "missing_required_parameter");
    if (p->is_string()) {
        req.prompt = p->as_string();
        return std::nullopt;
    }
    if (p->is_array()) {
        const auto& a = p->as_array();
        if (a.size() == 1 && a[0].is_string()) {
            req.prompt = a[0].as_string();
            return std::nullopt;
        }
        bool all_ints = !a.empty();
        for (const auto& t : a) all_ints = all_ints && t.is_int() && t.as_int() >= 0 && t.as_int() <= std::numeric_limits<int32_t>::max();
        if (all_ints) {
            for (const auto& t : a) req.prompt_tokens.push_back(int32_t(t.as_int()));
            return std::nullopt;
        }
    }
    return bad("prompt", "'prompt' must be a string, an array of one string or an array of token ids");
}

std::optional<ApiError> parse_stop(const Json& body, std::vector<std::string>& out) {
    const Json* s = body.find("stop");
    if (!s || s->is_null()) return std::nullopt;
    if (s->is_string()) {
        if (!s->as_string().empty()) out.push_back(s->as_string());
        return std::nullopt;
    }
    if (!s->is_array() || s->as_array().size() > 4) return bad("stop", "'stop' must be a string or an array of at most 4 strings");
    for (const auto& v : s->as_array()) {
        if (!v.is_string()) return bad("stop", "'stop' must contain only strings");
        if (!v.as_string().empty()) out.push_back(v.as_string());
    }
    return std::nullopt;
}

}  // namespace

std::variant<CompletionRequest, ApiError> parse_completion_request(std::string_view text, bool chat) {
    auto parsed = parse_json(text, JsonParseOptions{64, text.size() + 1});
    if (!parsed) {
        ApiError e = bad("", "the body is not valid JSON: " + parsed.error().message, "invalid_json");
        return e;
    }
    const Json& body = *parsed;
    if (!body.is_object()) return bad("", "the body must be a JSON object", "invalid_json");

    CompletionRequest req;
    req.chat = chat;
    if (const Json* m = body.find("model"); m && !m->is_null()) {
        if (!m->is_string()) return bad("model", "'model' must be a string");
        req.model = m->as_string();
    }
    if (chat) {
        if (auto e = parse_messages(body, req.messages)) return *e;
    } else {
        if (auto e = parse_prompt(body, req)) return *e;
    }
    if (const Json* s = body.find("stream"); s && !s->is_null()) {
        if (!s->is_bool()) return bad("stream", "'stream' must be a boolean");
        req.stream = s->as_bool();
    }
    if (const Json* so = body.find("stream_options"); so && !so->is_null()) {
        if (!so->is_object()) return bad("stream_options", "'stream_options' must be an object");
        if (const Json* iu = so->find("include_usage"); iu && !iu->is_null()) {
            if (!iu->is_bool()) return bad("stream_options.include_usage", "'stream_options.include_usage' must be a boolean");
            req.include_usage = iu->as_bool();
        }
    }
    int64_t n = 1;
    bool has = false;
    if (auto e = integer(body, "n", 1, 1, n, has)) return bad("n", "'n' must be 1 (one choice per request)", "unsupported_value");

    // Sampling: the engine's defaults, no repetition penalty unless asked (OpenAI has none).
    SamplerParams& sp = req.params.sampling;
    sp.repeat_penalty = 1.0f;
    double d = 0;
    if (d = sp.temperature; auto e = number(body, "temperature", 0, 2, d)) return *e;
    sp.temperature = float(d);
    if (d = sp.top_p; auto e = number(body, "top_p", 0, 1, d)) return *e;
    sp.top_p = float(d);
    if (d = sp.min_p; auto e = number(body, "min_p", 0, 1, d)) return *e;
    sp.min_p = float(d);
    if (d = sp.presence_penalty; auto e = number(body, "presence_penalty", -2, 2, d)) return *e;
    sp.presence_penalty = float(d);
    if (d = sp.frequency_penalty; auto e = number(body, "frequency_penalty", -2, 2, d)) return *e;
    sp.frequency_penalty = float(d);
    if (d = sp.repeat_penalty; auto e = number(body, "repeat_penalty", 0.01, 10, d)) return *e;
    sp.repeat_penalty = float(d);
    int64_t i = sp.top_k;
    if (auto e = integer(body, "top_k", 0, 1 << 20, i, has)) return *e;
    sp.top_k = int32_t(i);
    i = 0;
    if (auto e = integer(body, "seed", std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), i, has)) return *e;
    sp.seed = uint64_t(i);
    req.seeded = has;
    // max_completion_tokens (the newer name) wins over max_tokens; absent: until the end or the context.
    int64_t max_tokens = -1;
    if (auto e = integer(body, "max_tokens", 1, 1 << 24, max_tokens, has)) return *e;
    int64_t mct = -1;
    if (auto e = integer(body, "max_completion_tokens", 1, 1 << 24, mct, has)) return *e;
    if (has) max_tokens = mct;
    req.params.max_tokens = max_tokens > 0 ? int32_t(max_tokens) : 0;  // 0: decided by the server
    if (auto e = parse_stop(body, req.params.stop)) return *e;
    return req;
}

}  // namespace causerie::server
