// The remote client against Causerie's own server (app/server, stories260K): the streamed text at
// temperature 0 equals the engine's in-process text, chat streams, Stop cancels the server's job
// and the next request runs, a wrong key is a 401, an unknown model a 404.
#include "remote/openai_client.h"
#include "server.h"
#include "session.h"
#include "sse_test_server.h"

#include <gtest/gtest.h>

#include <memory>
#include <thread>

using namespace causerie;
using namespace causerie::remote;
using causerie::remote::test::ensureApp;
using causerie::remote::test::waitFor;

namespace {

SessionOptions storiesOptions() {
    SessionOptions o;
    o.model_path = std::string(CAUSERIE_SHARED_DIR) + "/models/stories260K.gguf";
    o.n_ctx = 512;
    return o;
}

struct Served {
    std::unique_ptr<server::Server> server;
    Endpoint endpoint;
};

Served& served() {
    static Served s = [] {
        Served out;
        server::ServerOptions so;
        so.api_key = "sk-test";
        auto started = server::Server::start(so);
        if (!started) {
            ADD_FAILURE() << started.error().message;
            return out;
        }
        out.server = std::move(*started);
        out.server->load_model(storiesOptions());
        for (int i = 0; i < 6000 && !out.server->ready() && out.server->load_error().empty(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        EXPECT_TRUE(out.server->ready()) << out.server->load_error();
        out.endpoint.baseUrl = normalizeBaseUrl(QString::fromStdString(out.server->url()));
        out.endpoint.apiKey = QStringLiteral("sk-test");
        return out;
    }();
    return s;
}

RemoteResult run(CompletionStream* s) {
    bool done = false;
    QObject::connect(s, &CompletionStream::finished, [&] { done = true; });
    EXPECT_TRUE(waitFor([&] { return done; }, 60000));
    RemoteResult r = s->result();
    delete s;
    return r;
}

class RemoteAgainstServer : public ::testing::Test {
protected:
    void SetUp() override {
        ensureApp();
        ASSERT_TRUE(served().server);
    }
    struct AppFirst {
        AppFirst() { ensureApp(); }  // before the network access manager
    } app_;
    OpenAiClient client;
};

TEST_F(RemoteAgainstServer, CompletionAtTemperatureZeroEqualsTheEngineInProcess) {
    const std::string prompt = "Once upon a time";
    auto local = Session::load(storiesOptions());
    ASSERT_TRUE(local) << local.error().message;
    GenerateParams gp;
    gp.max_tokens = 40;
    gp.sampling.temperature = 0;
    gp.sampling.repeat_penalty = 1.0f;  // what the server uses when the request names none (OpenAI has none)
    auto tokens = (*local)->tokenizer().encode(prompt, (*local)->tokenizer().add_bos(), false);
    auto expected = (*local)->generate(tokens, gp, nullptr);
    ASSERT_TRUE(expected) << expected.error().message;
    ASSERT_FALSE(expected->text.empty());

    RemoteParams p;
    p.temperature = 0;
    p.maxTokens = 40;
    p.seed = 1;
    const RemoteResult r = run(client.complete(served().endpoint, QString::fromStdString(served().server->model_id()),
                                               QString::fromStdString(prompt), p));
    ASSERT_FALSE(r.error) << r.error->message.toStdString();
    EXPECT_EQ(r.content.toStdString(), expected->text);
    EXPECT_EQ(r.completionTokens, expected->n_generated);
    EXPECT_EQ(r.finishReason, QStringLiteral("length"));
}

TEST_F(RemoteAgainstServer, ChatStreams) {
    RemoteParams p;
    p.temperature = 0;
    p.maxTokens = 16;
    QString streamed;
    CompletionStream* s = client.chat(served().endpoint, QString::fromStdString(served().server->model_id()),
                                      {{QStringLiteral("user"), QStringLiteral("Tell me a story")}}, p);
    QObject::connect(s, &CompletionStream::contentReady, [&](const QString& piece) { streamed += piece; });
    const RemoteResult r = run(s);
    ASSERT_FALSE(r.error) << r.error->message.toStdString();
    EXPECT_FALSE(r.content.isEmpty());
    EXPECT_EQ(streamed, r.content);
    EXPECT_GT(r.pieces, 1);
    EXPECT_GT(r.promptTokens, 0);
    EXPECT_EQ(r.completionTokens, 16);
}

TEST_F(RemoteAgainstServer, StopCancelsTheServersJobAndTheNextRequestRuns) {
    const uint64_t cancelledBefore = served().server->stats().cancelled;
    RemoteParams p;
    p.temperature = 0;
    p.maxTokens = 400;
    CompletionStream* s = client.complete(served().endpoint, QString::fromStdString(served().server->model_id()),
                                          QStringLiteral("Once upon a time"), p);
    int pieces = 0;
    QObject::connect(s, &CompletionStream::contentReady, [&] { ++pieces; });
    ASSERT_TRUE(waitFor([&] { return pieces >= 2; }, 60000));
    s->abort();
    const RemoteResult stopped = run(s);
    EXPECT_TRUE(stopped.cancelled);
    EXPECT_TRUE(waitFor([&] { return served().server->stats().cancelled > cancelledBefore; }, 10000))
        << "the server cancelled the job when the connection closed";
    p.maxTokens = 5;
    const RemoteResult next = run(client.complete(served().endpoint, QString::fromStdString(served().server->model_id()),
                                                  QStringLiteral("Once"), p));
    ASSERT_FALSE(next.error) << next.error->message.toStdString();
    EXPECT_EQ(next.completionTokens, 5);
}

TEST_F(RemoteAgainstServer, WrongKeyAndUnknownModel) {
    Endpoint wrong = served().endpoint;
    wrong.apiKey = QStringLiteral("sk-wrong");
    RemoteResult r = run(client.chat(wrong, QStringLiteral("x"), {{QStringLiteral("user"), QStringLiteral("Hi")}}, {}));
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->kind, ErrorKind::Unauthorized);
    r = run(client.chat(served().endpoint, QStringLiteral("no-such-model"), {{QStringLiteral("user"), QStringLiteral("Hi")}}, {}));
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->kind, ErrorKind::NotFound);
    EXPECT_TRUE(r.error->message.contains(QStringLiteral("no-such-model"))) << r.error->message.toStdString();
}

TEST_F(RemoteAgainstServer, ModelList) {
    ModelListRequest* m = client.listModels(served().endpoint);
    bool done = false;
    QObject::connect(m, &ModelListRequest::finished, [&] { done = true; });
    ASSERT_TRUE(waitFor([&] { return done; }));
    EXPECT_FALSE(m->error());
    EXPECT_EQ(m->models(), QStringList{QString::fromStdString(served().server->model_id())});
    delete m;
}

}  // namespace
