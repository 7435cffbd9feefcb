// The OpenAI-compatible client against a fake server that frames its answers as OpenAI does:
// events split across TCP writes at every offset, comments and keep-alives, reasoning_content,
// an `error` event, a stream cut in the middle (chunked or not), and the errors a user meets
// (refused, 401, 404 model, timeout); Stop closes the connection at once.
#include "remote/openai_client.h"
#include "sse_test_server.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>

#include <gtest/gtest.h>

#include <memory>

using namespace causerie::remote;
using namespace causerie::remote::test;

namespace {

class RemoteClient : public ::testing::Test {
protected:
    void SetUp() override {
        ensureApp();
        ASSERT_TRUE(server.listen());
        endpoint.baseUrl = normalizeBaseUrl(QString::fromLatin1(server.baseUrl()));
    }

    struct Run {
        RemoteResult result;
        QString streamedContent, streamedReasoning;
        int finishedSignals = 0;
    };

    // Runs one chat completion to its end.
    Run chat(const QString& model = QStringLiteral("test-model"), bool settle = true) {
        Run run;
        CompletionStream* s = client.chat(endpoint, model, {{QStringLiteral("user"), QStringLiteral("Hi")}}, {});
        QObject::connect(s, &CompletionStream::contentReady, [&run](const QString& p) { run.streamedContent += p; });
        QObject::connect(s, &CompletionStream::reasoningReady, [&run](const QString& p) { run.streamedReasoning += p; });
        QObject::connect(s, &CompletionStream::finished, [&run] { ++run.finishedSignals; });
        EXPECT_TRUE(waitFor([&] { return run.finishedSignals > 0; }));
        if (settle) waitFor([] { return false; }, 20);  // a second finished() would show now
        run.result = s->result();
        delete s;
        return run;
    }

    struct AppFirst {
        AppFirst() { ensureApp(); }  // before the network access manager
    } app_;
    SseTestServer server;
    OpenAiClient client;
    Endpoint endpoint;
};

// A reasoning model's stream as vLLM or Causerie's own server sends it.
QByteArray reasoningStream() {
    return ": OPENROUTER PROCESSING\n\n" + chatChunk({}, QStringLiteral("Let me think")) + chatChunk({}, QStringLiteral(" about it.")) +
           ": keep-alive\n\n" + chatChunk(QStringLiteral("Bonjour, ")) + chatChunk(QStringLiteral("ça va ? 🙂")) +
           chatChunk({}, {}, "stop") +
           sseData(R"({"id":"x","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":6}})") +
           "data: [DONE]\n\n";
}

TEST_F(RemoteClient, StreamsContentAndReasoningApart) {
    server.setRoute("/v1/chat/completions", Script{200, "text/event-stream", reasoningStream()});
    const Run run = chat();
    EXPECT_FALSE(run.result.error) << run.result.error->message.toStdString();
    EXPECT_EQ(run.result.content, QStringLiteral("Bonjour, ça va ? 🙂"));
    EXPECT_EQ(run.result.reasoning, QStringLiteral("Let me think about it."));
    EXPECT_EQ(run.streamedContent, run.result.content);
    EXPECT_EQ(run.streamedReasoning, run.result.reasoning);
    EXPECT_EQ(run.result.finishReason, QStringLiteral("stop"));
    EXPECT_EQ(run.result.promptTokens, 9);
    EXPECT_EQ(run.result.completionTokens, 6);
    EXPECT_EQ(run.finishedSignals, 1);
    // What was sent: the model, the messages, stream with usage; no key when there is none.
    ASSERT_EQ(server.requests().size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(server.requests()[0].body).object();
    EXPECT_EQ(body.value(QStringLiteral("model")).toString(), QStringLiteral("test-model"));
    EXPECT_TRUE(body.value(QStringLiteral("stream")).toBool());
    EXPECT_EQ(body.value(QStringLiteral("messages")).toArray().size(), 1);
    EXPECT_TRUE(server.requests()[0].authorization.isEmpty());
}

TEST_F(RemoteClient, EventsSplitAcrossTcpWritesAtEveryOffset) {
    const QByteArray stream = reasoningStream();
    for (bool chunked : {true, false}) {
        for (qsizetype at = 1; at < stream.size(); ++at) {
            Script s{200, "text/event-stream", stream, {at}, 1, chunked};
            server.setRoute("/v1/chat/completions", s);
            const Run run = chat(QStringLiteral("test-model"), false);
            ASSERT_FALSE(run.result.error) << "split at " << at << ": " << run.result.error->message.toStdString();
            ASSERT_EQ(run.result.content, QStringLiteral("Bonjour, ça va ? 🙂")) << "split at " << at;
            ASSERT_EQ(run.result.reasoning, QStringLiteral("Let me think about it.")) << "split at " << at;
            ASSERT_EQ(run.result.promptTokens, 9) << "split at " << at;
        }
    }
}

TEST_F(RemoteClient, ManySmallWrites) {
    const QByteArray stream = reasoningStream();
    Script s{200, "text/event-stream", stream};
    for (qsizetype at = 3; at < stream.size(); at += 3) s.splits << at;
    s.delayMs = 0;
    server.setRoute("/v1/chat/completions", s);
    const Run run = chat();
    EXPECT_FALSE(run.result.error);
    EXPECT_EQ(run.result.content, QStringLiteral("Bonjour, ça va ? 🙂"));
    EXPECT_EQ(run.streamedContent, run.result.content);
}

TEST_F(RemoteClient, ErrorEventKeepsWhatCameBefore) {
    // As OpenAI and Causerie send it (a data line holding {"error": ...}), and as an `event: error`.
    const QByteArray data = chatChunk(QStringLiteral("Once upon")) +
                            sseData(R"({"error":{"message":"the engine failed","type":"server_error","code":"engine_error"}})") +
                            chatChunk(QStringLiteral(" never shown"));
    const QByteArray named = chatChunk(QStringLiteral("Once upon")) + "event: error\ndata: {\"message\":\"overloaded\"}\n\n";
    for (const QByteArray& stream : {data, named}) {
        server.setRoute("/v1/chat/completions", Script{200, "text/event-stream", stream});
        const Run run = chat();
        ASSERT_TRUE(run.result.error);
        EXPECT_EQ(run.result.error->kind, ErrorKind::Server);
        EXPECT_TRUE(run.result.error->message.contains(stream == data ? QStringLiteral("the engine failed") : QStringLiteral("overloaded")))
            << run.result.error->message.toStdString();
        EXPECT_EQ(run.result.content, QStringLiteral("Once upon"));
    }
}

TEST_F(RemoteClient, CutStreamIsAnErrorWithThePartialReplyKept) {
    const QByteArray stream = chatChunk(QStringLiteral("Once ")) + chatChunk(QStringLiteral("upon a")) + "data: {\"choi";
    for (bool chunked : {true, false}) {
        Script s{200, "text/event-stream", stream, {}, 1, chunked, Script::End::Cut};
        server.setRoute("/v1/chat/completions", s);
        const Run run = chat();
        ASSERT_TRUE(run.result.error) << "chunked " << chunked;
        EXPECT_EQ(run.result.error->kind, ErrorKind::Cut) << run.result.error->message.toStdString();
        EXPECT_EQ(run.result.content, QStringLiteral("Once upon a"));
        EXPECT_TRUE(run.result.error->message.contains(QStringLiteral("cut"))) << run.result.error->message.toStdString();
    }
}

TEST_F(RemoteClient, ConnectionRefused) {
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();  // nothing listens there now
    endpoint.baseUrl = normalizeBaseUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    EXPECT_EQ(endpoint.baseUrl.path(), QStringLiteral("/v1"));
    const Run run = chat();
    ASSERT_TRUE(run.result.error);
    EXPECT_EQ(run.result.error->kind, ErrorKind::Refused);
    EXPECT_TRUE(run.result.error->message.contains(QStringLiteral("refused"))) << run.result.error->message.toStdString();
    EXPECT_TRUE(run.result.error->message.contains(QString::number(port)));
}

TEST_F(RemoteClient, WrongKeyIs401WithTheServersMessage) {
    Script s{200, "text/event-stream", reasoningStream()};
    s.requiredKey = "sk-right";
    server.setRoute("/v1/chat/completions", s);
    endpoint.apiKey = QStringLiteral("sk-wrong");
    Run run = chat();
    ASSERT_TRUE(run.result.error);
    EXPECT_EQ(run.result.error->kind, ErrorKind::Unauthorized);
    EXPECT_EQ(run.result.error->status, 401);
    EXPECT_TRUE(run.result.error->message.contains(QStringLiteral("Incorrect API key provided")));
    EXPECT_FALSE(run.result.error->message.contains(QStringLiteral("sk-wrong"))) << "the key is never in a message";
    EXPECT_EQ(server.requests().last().authorization, QByteArray("Bearer sk-wrong"));
    endpoint.apiKey = QStringLiteral("sk-right");
    run = chat();
    EXPECT_FALSE(run.result.error);
    EXPECT_EQ(run.result.content, QStringLiteral("Bonjour, ça va ? 🙂"));
}

TEST_F(RemoteClient, UnknownModelIs404) {
    server.setRoute("/v1/chat/completions",
                    Script{404, "application/json",
                           R"({"error":{"message":"The model `nope` does not exist","type":"invalid_request_error","code":"model_not_found"}})"});
    const Run run = chat(QStringLiteral("nope"));
    ASSERT_TRUE(run.result.error);
    EXPECT_EQ(run.result.error->kind, ErrorKind::NotFound);
    EXPECT_TRUE(run.result.error->message.contains(QStringLiteral("The model `nope` does not exist")));
}

TEST_F(RemoteClient, SilenceIsATimeoutButKeepAlivesAreNot) {
    endpoint.timeoutMs = 400;
    // Keep-alive comments every 150 ms for about a second: no timeout.
    QByteArray keepAlive;
    Script alive{200, "text/event-stream", {}};
    for (int i = 0; i < 7; ++i) {
        keepAlive += ": keep-alive\n\n";
        alive.splits << keepAlive.size();
    }
    alive.body = keepAlive + chatChunk(QStringLiteral("late"), {}, "stop") + "data: [DONE]\n\n";
    alive.delayMs = 150;
    server.setRoute("/v1/chat/completions", alive);
    Run run = chat();
    EXPECT_FALSE(run.result.error) << run.result.error->message.toStdString();
    EXPECT_EQ(run.result.content, QStringLiteral("late"));
    // Then silence after a first piece.
    Script stall{200, "text/event-stream", chatChunk(QStringLiteral("Once"))};
    stall.end = Script::End::Stall;
    server.setRoute("/v1/chat/completions", stall);
    run = chat();
    ASSERT_TRUE(run.result.error);
    EXPECT_EQ(run.result.error->kind, ErrorKind::Timeout);
    EXPECT_EQ(run.result.content, QStringLiteral("Once"));
}

TEST_F(RemoteClient, AbortClosesTheConnectionAtOnce) {
    Script slow{200, "text/event-stream", {}};
    for (int i = 0; i < 200; ++i) {
        slow.body += chatChunk(QStringLiteral("word "));
        slow.splits << slow.body.size();
    }
    slow.delayMs = 20;  // four seconds in all
    server.setRoute("/v1/chat/completions", slow);
    CompletionStream* s = client.chat(endpoint, QStringLiteral("m"), {{QStringLiteral("user"), QStringLiteral("Hi")}}, {});
    int pieces = 0, finished = 0;
    QObject::connect(s, &CompletionStream::contentReady, [&] { ++pieces; });
    QObject::connect(s, &CompletionStream::finished, [&] { ++finished; });
    ASSERT_TRUE(waitFor([&] { return pieces >= 3; }));
    s->abort();
    EXPECT_EQ(finished, 0) << "finished() is queued, not emitted inside abort()";
    const int piecesAtStop = pieces;
    ASSERT_TRUE(waitFor([&] { return finished == 1; }, 1000));
    EXPECT_TRUE(s->result().cancelled);
    EXPECT_FALSE(s->result().error);
    EXPECT_EQ(s->result().finishReason, QStringLiteral("cancelled"));
    EXPECT_TRUE(waitFor([&] { return server.clientAborts() == 1; }, 1000)) << "the server saw the client go";
    waitFor([] { return false; }, 100);
    EXPECT_EQ(pieces, piecesAtStop) << "nothing arrives after Stop";
    delete s;
}

TEST_F(RemoteClient, WholeJsonReplyFromAServerThatDoesNotStream) {
    server.setRoute("/v1/chat/completions",
                    Script{200, "application/json",
                           R"({"choices":[{"index":0,"message":{"role":"assistant","content":"Whole."},"finish_reason":"stop"}],)"
                           R"("usage":{"prompt_tokens":3,"completion_tokens":2}})"});
    const Run run = chat();
    EXPECT_FALSE(run.result.error);
    EXPECT_EQ(run.result.content, QStringLiteral("Whole."));
    EXPECT_EQ(run.result.completionTokens, 2);
}

TEST_F(RemoteClient, Completions) {
    server.setRoute("/v1/completions",
                    Script{200, "text/event-stream",
                           sseData(R"({"object":"text_completion","choices":[{"index":0,"text":" upon","finish_reason":null}]})") +
                               sseData(R"({"object":"text_completion","choices":[{"index":0,"text":" a time","finish_reason":"length"}]})") +
                               "data: [DONE]\n\n"});
    RemoteParams p;
    p.temperature = 0;
    p.maxTokens = 2;
    p.seed = 7;
    CompletionStream* s = client.complete(endpoint, QStringLiteral("m"), QStringLiteral("Once"), p);
    bool done = false;
    QObject::connect(s, &CompletionStream::finished, [&] { done = true; });
    ASSERT_TRUE(waitFor([&] { return done; }));
    EXPECT_EQ(s->result().content, QStringLiteral(" upon a time"));
    EXPECT_EQ(s->result().finishReason, QStringLiteral("length"));
    const QJsonObject body = QJsonDocument::fromJson(server.requests().last().body).object();
    EXPECT_EQ(body.value(QStringLiteral("prompt")).toString(), QStringLiteral("Once"));
    EXPECT_EQ(body.value(QStringLiteral("max_tokens")).toInt(), 2);
    EXPECT_EQ(body.value(QStringLiteral("seed")).toInteger(), 7);
    EXPECT_EQ(body.value(QStringLiteral("temperature")).toDouble(-1), 0.0);
    EXPECT_FALSE(body.contains(QStringLiteral("chat_template_kwargs")));  // unless asked
    delete s;
    // enable_thinking as the template's keyword argument
    p.enableThinking = false;
    s = client.complete(endpoint, QStringLiteral("m"), QStringLiteral("Once"), p);
    done = false;
    QObject::connect(s, &CompletionStream::finished, [&] { done = true; });
    ASSERT_TRUE(waitFor([&] { return done; }));
    const QJsonObject kwargs =
        QJsonDocument::fromJson(server.requests().last().body).object().value(QStringLiteral("chat_template_kwargs")).toObject();
    ASSERT_TRUE(kwargs.contains(QStringLiteral("enable_thinking")));
    EXPECT_FALSE(kwargs.value(QStringLiteral("enable_thinking")).toBool(true));
    delete s;
}

TEST_F(RemoteClient, ModelList) {
    Script models{200, "application/json",
                  "{\"object\":\"list\",\"data\":[{\"id\":\"llama-3.1-70b\",\"object\":\"model\"},"
                  "{\"id\":\"<img src=http://x/leak>\"},{\"id\":\"evil\u202etxt\"},{\"id\":\"\"},"
                  "{\"id\":\"qwen3-32b\",\"object\":\"model\"}]}"};
    models.requiredKey = "k";
    server.setRoute("/v1/models", models);
    endpoint.apiKey = QStringLiteral("k");
    ModelListRequest* r = client.listModels(endpoint);
    bool done = false;
    QObject::connect(r, &ModelListRequest::finished, [&] { done = true; });
    ASSERT_TRUE(waitFor([&] { return done; }));
    EXPECT_FALSE(r->error());
    EXPECT_EQ(r->models(), (QStringList{QStringLiteral("llama-3.1-70b"), QStringLiteral("qwen3-32b")}));
    EXPECT_EQ(server.requests().last().method, QByteArray("GET"));
    EXPECT_EQ(server.requests().last().path, QByteArray("/v1/models"));
    delete r;
    // The wrong key: 401.
    endpoint.apiKey = QStringLiteral("bad");
    r = client.listModels(endpoint);
    done = false;
    QObject::connect(r, &ModelListRequest::finished, [&] { done = true; });
    ASSERT_TRUE(waitFor([&] { return done; }));
    ASSERT_TRUE(r->error());
    EXPECT_EQ(r->error()->kind, ErrorKind::Unauthorized);
    delete r;
}

TEST(RemoteEndpoint, PrivateHosts) {
    for (const char* url : {"http://127.0.0.1:8080/v1", "http://localhost:11434", "http://[::1]:8000", "http://10.1.2.3",
                            "http://172.20.0.5:8000", "http://192.168.1.20:8000", "http://gpu-box:8000", "http://gpu.local",
                            "http://vllm.lan", "http://169.254.3.4", "http://[fd12::1]", "http://100.100.1.2"})
        EXPECT_TRUE(isPrivateHost(QUrl(QString::fromLatin1(url)))) << url;
    for (const char* url : {"https://api.mistral.ai/v1", "https://api.openai.com/v1", "http://8.8.8.8", "http://172.32.0.1",
                            "http://[2001:db8::1]", "http://example.com", ""})
        EXPECT_FALSE(isPrivateHost(QUrl(QString::fromLatin1(url)))) << url;
}

TEST(RemoteEndpoint, BaseUrls) {
    EXPECT_EQ(normalizeBaseUrl(QStringLiteral("http://127.0.0.1:8080")).toString(), QStringLiteral("http://127.0.0.1:8080/v1"));
    EXPECT_EQ(normalizeBaseUrl(QStringLiteral("http://localhost:11434/v1/")).toString(), QStringLiteral("http://localhost:11434/v1"));
    EXPECT_EQ(normalizeBaseUrl(QStringLiteral("https://api.mistral.ai/v1")).toString(), QStringLiteral("https://api.mistral.ai/v1"));
    EXPECT_EQ(normalizeBaseUrl(QStringLiteral("https://example.com/openai/v1?x=1")).toString(), QStringLiteral("https://example.com/openai/v1"));
    EXPECT_FALSE(normalizeBaseUrl(QStringLiteral("ftp://example.com")).isValid());
    EXPECT_FALSE(normalizeBaseUrl(QString()).isValid());
    EXPECT_EQ(endpointUrl(normalizeBaseUrl(QStringLiteral("http://h:1/v1")), QStringLiteral("chat/completions")).toString(),
              QStringLiteral("http://h:1/v1/chat/completions"));
    EXPECT_EQ(displayUrl(QUrl(QStringLiteral("http://user:secret@h:1/v1"))), QStringLiteral("http://h:1/v1"));
}

}  // namespace
