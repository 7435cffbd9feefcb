// The endpoints over real sockets: shapes, streaming equal to non-streaming at temperature 0,
// each error case, four concurrent streams, a client vanishing mid-stream.
#include "raw_client.h"
#include "server_fixture.h"

#include <atomic>
#include <future>

namespace causerie::server::test {
namespace {

std::string chat_body(const std::string& user, int max_tokens, bool stream, const std::string& extra = "") {
    return R"({"model":"stories260K","messages":[{"role":"system","content":"You tell stories."},{"role":"user","content":")" + user +
           R"("}],"temperature":0,"max_tokens":)" + std::to_string(max_tokens) + (stream ? R"(,"stream":true)" : "") + extra + "}";
}

std::string completion_body(const std::string& prompt, int max_tokens, bool stream, const std::string& extra = "") {
    return R"({"prompt":")" + prompt + R"(","temperature":0,"max_tokens":)" + std::to_string(max_tokens) +
           (stream ? R"(,"stream":true)" : "") + extra + "}";
}

// The text of a streamed reply (content deltas, or text for /v1/completions), its finish
// reason and the usage chunk if one came; fails the test on a malformed stream.
struct Streamed {
    std::string text, finish;
    Json usage;
    bool done = false;
};
Streamed read_stream(const std::string& body, bool chat) {
    Streamed s;
    for (const auto& d : sse_data(body)) {
        EXPECT_FALSE(s.done) << "an event after [DONE]";
        if (d == "[DONE]") {
            s.done = true;
            continue;
        }
        auto j = parse_json(d);
        EXPECT_TRUE(j.ok()) << d;
        if (!j) continue;
        EXPECT_EQ(j->find("object")->as_string(), chat ? "chat.completion.chunk" : "text_completion");
        if (const Json* u = j->find("usage")) s.usage = *u;
        const auto& choices = j->find("choices")->as_array();
        if (choices.empty()) continue;
        const Json& c = choices[0];
        if (chat) {
            if (const Json* t = c.find("delta")->find("content")) s.text += t->as_string();
        } else {
            s.text += c.find("text")->as_string();
        }
        if (const Json* f = c.find("finish_reason"); f && f->is_string()) s.finish = f->as_string();
    }
    return s;
}

std::string message_content(const Reply& r) {
    return r.json.find("choices")->as_array()[0].find("message")->find("content")->as_string();
}

TEST(Server, HealthAndModels) {
    Server& s = shared_server();
    Reply h = get(s.port(), "/health");
    EXPECT_EQ(h.status, 200);
    EXPECT_EQ(h.json.find("status")->as_string(), "ok");
    Reply m = get(s.port(), "/v1/models");
    ASSERT_EQ(m.status, 200);
    EXPECT_EQ(m.json.find("object")->as_string(), "list");
    ASSERT_EQ(m.json.find("data")->as_array().size(), 1u);
    EXPECT_EQ(m.json.find("data")->as_array()[0].find("id")->as_string(), "stories260K");
    EXPECT_EQ(get(s.port(), "/v1/models/stories260K").status, 200);
    Reply unknown = get(s.port(), "/v1/models/gpt-9");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(error_code(unknown), "model_not_found");
}

TEST(Server, ChatCompletionShape) {
    Server& s = shared_server();
    Reply r = post(s.port(), "/v1/chat/completions", chat_body("Tell me a story.", 8, false));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/json");
    EXPECT_EQ(r.json.find("object")->as_string(), "chat.completion");
    EXPECT_EQ(r.json.find("id")->as_string().rfind("chatcmpl-", 0), 0u);
    const Json& c = r.json.find("choices")->as_array()[0];
    EXPECT_EQ(c.find("message")->find("role")->as_string(), "assistant");
    EXPECT_FALSE(message_content(r).empty());
    EXPECT_EQ(c.find("finish_reason")->as_string(), "length");
    const Json* u = r.json.find("usage");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->find("completion_tokens")->as_int(), 8);
    EXPECT_GT(u->find("prompt_tokens")->as_int(), 5);
    EXPECT_EQ(u->find("total_tokens")->as_int(), u->find("prompt_tokens")->as_int() + 8);
}

TEST(Server, ChatStreamEqualsWhole) {
    Server& s = shared_server();
    Reply whole = post(s.port(), "/v1/chat/completions", chat_body("Once upon a time", 40, false));
    ASSERT_EQ(whole.status, 200) << whole.body;
    Reply streamed = post(s.port(), "/v1/chat/completions", chat_body("Once upon a time", 40, true, R"(,"stream_options":{"include_usage":true})"));
    ASSERT_EQ(streamed.status, 200) << streamed.body;
    EXPECT_EQ(streamed.header("Content-Type"), "text/event-stream");
    Streamed st = read_stream(streamed.body, true);
    EXPECT_TRUE(st.done);
    EXPECT_EQ(st.text, message_content(whole));
    EXPECT_EQ(st.finish, "length");
    ASSERT_TRUE(st.usage.is_object());
    EXPECT_EQ(st.usage.find("completion_tokens")->as_int(), 40);
    EXPECT_EQ(st.usage, *whole.json.find("usage"));
    // The first chunk carries the role.
    auto first = parse_json(sse_data(streamed.body).at(0));
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->find("choices")->as_array()[0].find("delta")->find("role")->as_string(), "assistant");
    // No usage chunk unless asked.
    Reply plain = post(s.port(), "/v1/chat/completions", chat_body("Once upon a time", 5, true));
    EXPECT_TRUE(read_stream(plain.body, true).usage.is_null());
}

TEST(Server, CompletionsStreamEqualsWhole) {
    Server& s = shared_server();
    Reply whole = post(s.port(), "/v1/completions", completion_body("Once upon a time", 48, false));
    ASSERT_EQ(whole.status, 200) << whole.body;
    EXPECT_EQ(whole.json.find("object")->as_string(), "text_completion");
    const std::string text = whole.json.find("choices")->as_array()[0].find("text")->as_string();
    EXPECT_GT(text.size(), 20u);
    Reply streamed = post(s.port(), "/v1/completions", completion_body("Once upon a time", 48, true));
    Streamed st = read_stream(streamed.body, false);
    EXPECT_TRUE(st.done);
    EXPECT_EQ(st.text, text);
    // The same as the engine's own greedy continuation (the reference file starts with it).
    EXPECT_EQ(whole.json.find("usage")->find("prompt_tokens")->as_int(), 5);
}

TEST(Server, StopStringsAndSeed) {
    Server& s = shared_server();
    Reply whole = post(s.port(), "/v1/completions", completion_body("Once upon a time", 48, false));
    const std::string text = whole.json.find("choices")->as_array()[0].find("text")->as_string();
    // Stop at the first word after the first few characters: the text ends before it.
    const size_t space = text.find(' ', 6);
    ASSERT_NE(space, std::string::npos);
    const std::string word = text.substr(space, text.find(' ', space + 1) - space);
    Reply stopped = post(s.port(), "/v1/completions", completion_body("Once upon a time", 48, false, R"(,"stop":[")" + word + R"("])"));
    ASSERT_EQ(stopped.status, 200) << stopped.body;
    const Json& c = stopped.json.find("choices")->as_array()[0];
    EXPECT_EQ(c.find("text")->as_string(), text.substr(0, text.find(word)));
    EXPECT_EQ(c.find("finish_reason")->as_string(), "stop");
    // A seed makes sampling repeatable.
    const std::string sampled = R"({"prompt":"Once upon a time","temperature":1.0,"top_p":0.9,"top_k":0,"min_p":0,"seed":7,"max_tokens":30,"presence_penalty":0.5,"frequency_penalty":0.2})";
    Reply a = post(s.port(), "/v1/completions", sampled), b = post(s.port(), "/v1/completions", sampled);
    ASSERT_EQ(a.status, 200) << a.body;
    EXPECT_EQ(a.json.find("choices")->as_array()[0].find("text")->as_string(), b.json.find("choices")->as_array()[0].find("text")->as_string());
}

TEST(Server, Errors) {
    Server& s = shared_server();
    const int port = s.port();
    Reply malformed = post(port, "/v1/chat/completions", R"({"messages": [)");
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(error_code(malformed), "invalid_json");
    const Json* err = malformed.json.find("error");
    ASSERT_TRUE(err);
    for (const char* k : {"message", "type", "code"}) EXPECT_TRUE(err->find(k)) << k;
    EXPECT_EQ(err->find("type")->as_string(), "invalid_request_error");

    Reply bad_field = post(port, "/v1/chat/completions", chat_body("hi", 4, false, R"(,"temperature":"hot")"));
    EXPECT_EQ(bad_field.status, 400);
    EXPECT_EQ(bad_field.json.find("error")->find("param")->as_string(), "temperature");
    EXPECT_NE(bad_field.json.find("error")->find("message")->as_string().find("temperature"), std::string::npos);

    Reply bad_role = post(port, "/v1/chat/completions", R"({"messages":[{"role":"wizard","content":"hi"}]})");
    EXPECT_EQ(bad_role.status, 400);
    EXPECT_EQ(bad_role.json.find("error")->find("param")->as_string(), "messages[0].role");

    Reply no_messages = post(port, "/v1/chat/completions", R"({"model":"stories260K"})");
    EXPECT_EQ(no_messages.status, 400);
    EXPECT_EQ(no_messages.json.find("error")->find("param")->as_string(), "messages");

    Reply range = post(port, "/v1/completions", completion_body("x", 0, false));
    EXPECT_EQ(range.status, 400);
    EXPECT_EQ(range.json.find("error")->find("param")->as_string(), "max_tokens");

    Reply bad_utf8 = post(port, "/v1/completions", std::string("{\"prompt\":\"caf\xc3\x28\",\"max_tokens\":2}"));
    EXPECT_EQ(bad_utf8.status, 400);
    EXPECT_EQ(error_code(bad_utf8), "invalid_json");
    EXPECT_NE(bad_utf8.json.find("error")->find("message")->as_string().find("UTF-8"), std::string::npos) << bad_utf8.body;

    Reply model = post(port, "/v1/chat/completions", R"({"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]})");
    EXPECT_EQ(model.status, 404);
    EXPECT_EQ(error_code(model), "model_not_found");

    Reply route = post(port, "/v1/embeddings", "{}");
    EXPECT_EQ(route.status, 404);
    EXPECT_EQ(error_code(route), "not_found");

    // A prompt longer than the context (512) is a 400, and the server goes on.
    std::string long_prompt;
    for (int i = 0; i < 300; ++i) long_prompt += "Once upon a time ";
    Reply too_long = post(port, "/v1/completions", completion_body(long_prompt, 8, false));
    EXPECT_EQ(too_long.status, 400);
    EXPECT_EQ(error_code(too_long), "context_length_exceeded");
    EXPECT_EQ(post(port, "/v1/completions", completion_body("Once", 4, false)).status, 200);
}

TEST(Server, BodyOverTheLimitIs413) {
    Server& s = shared_server();
    std::string huge = R"({"prompt":")" + std::string(10 << 20, 'a') + R"("})";
    Reply r = post(s.port(), "/v1/completions", huge);
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(error_code(r), "request_too_large");
    EXPECT_EQ(get(s.port(), "/health").status, 200);
}

TEST(Server, ApiKey) {
    ServerOptions o;
    o.api_key = "sk-test-123";
    auto s = Server::start(o);
    ASSERT_TRUE(s.ok()) << s.error().message;
    (*s)->load_model(session_options(256));
    ASSERT_TRUE(wait_ready(**s));
    const int port = (*s)->port();
    Reply none = get(port, "/v1/models");
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(error_code(none), "invalid_api_key");
    EXPECT_EQ(get(port, "/v1/models", {{"Authorization", "Bearer sk-test-124"}}).status, 401);
    EXPECT_EQ(get(port, "/v1/models", {{"Authorization", "Bearer sk-test-12"}}).status, 401);
    EXPECT_EQ(post(port, "/v1/completions", completion_body("Once", 2, false)).status, 401);
    EXPECT_EQ(get(port, "/v1/models", {{"Authorization", "Bearer sk-test-123"}}).status, 200);
    EXPECT_EQ(post(port, "/v1/completions", completion_body("Once", 2, false), {{"Authorization", "Bearer sk-test-123"}}).status, 200);
    EXPECT_EQ(get(port, "/health").status, 200);  // health needs no key
}

TEST(Server, Returns503UntilTheModelIsLoaded) {
    auto s = Server::start(ServerOptions{});
    ASSERT_TRUE(s.ok()) << s.error().message;
    const int port = (*s)->port();
    Reply none = post(port, "/v1/completions", completion_body("Once", 2, false));
    EXPECT_EQ(none.status, 503);
    EXPECT_EQ(error_code(none), "model_not_loaded");
    // Loading: the progress callback holds the load until the 503 has been seen.
    std::promise<void> entered, release;
    auto released = release.get_future().share();
    std::atomic<bool> once{false};
    SessionOptions o = session_options(256);
    o.progress = [&, released](float) {
        if (!once.exchange(true)) {
            entered.set_value();
            released.wait_for(std::chrono::seconds(20));
        }
    };
    (*s)->load_model(o);
    ASSERT_EQ(entered.get_future().wait_for(std::chrono::seconds(30)), std::future_status::ready);
    Reply loading = post(port, "/v1/chat/completions", chat_body("hi", 2, false));
    EXPECT_EQ(loading.status, 503);
    EXPECT_EQ(error_code(loading), "model_loading");
    EXPECT_EQ(get(port, "/health").status, 503);
    release.set_value();
    ASSERT_TRUE(wait_ready(**s));
    EXPECT_EQ(post(port, "/v1/chat/completions", chat_body("hi", 2, false)).status, 200);
}

TEST(Server, FourConcurrentStreams) {
    Server& s = shared_server();
    const std::string body = completion_body("Once upon a time", 64, true);
    const std::string expected = read_stream(post(s.port(), "/v1/completions", body).body, false).text;
    ASSERT_FALSE(expected.empty());
    std::vector<std::future<Streamed>> clients;
    for (int i = 0; i < 4; ++i)
        clients.push_back(std::async(std::launch::async, [&] { return read_stream(post(s.port(), "/v1/completions", body).body, false); }));
    for (auto& c : clients) {
        Streamed st = c.get();
        EXPECT_TRUE(st.done);
        EXPECT_EQ(st.text, expected);
    }
}

TEST(Server, ClientDisconnectCancelsItsRequest) {
    Server& s = shared_server();
    const auto before = s.stats();
    {
        RawClient c(s.port());
        ASSERT_TRUE(c.connected());
        ASSERT_TRUE(c.send(http_request("POST", "/v1/completions", s.port(), completion_body("Once upon a time", 480, true))));
        std::string got = c.read(20000, "data: ");
        ASSERT_EQ(status_of(got), 200) << got;
        c.close();  // gone mid-stream
    }
    // The request is cancelled well before its 480 tokens.
    for (int i = 0; i < 500 && s.stats().cancelled == before.cancelled; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const auto after = s.stats();
    EXPECT_EQ(after.cancelled, before.cancelled + 1);
    EXPECT_LT(after.last_cancelled_tokens, 480);
    // The same for a non-streaming request: the connection is watched while the reply grows.
    {
        RawClient c(s.port());
        ASSERT_TRUE(c.send(http_request("POST", "/v1/completions", s.port(), completion_body("Once upon a time", 480, false))));
        std::string got = c.read(20000, "\r\n\r\n");  // the headers go out at once (chunked body)
        ASSERT_EQ(status_of(got), 200) << got;
        c.close();
    }
    for (int i = 0; i < 500 && s.stats().cancelled == after.cancelled; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(s.stats().cancelled, after.cancelled + 1);
    EXPECT_LT(s.stats().last_cancelled_tokens, 480);
    // And the next request is served normally.
    Reply r = post(s.port(), "/v1/completions", completion_body("Once upon a time", 8, false));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.json.find("usage")->find("completion_tokens")->as_int(), 8);
}

}  // namespace
}  // namespace causerie::server::test
