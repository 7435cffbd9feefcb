// A conversation that uses a remote endpoint: ChatController with the RemoteEngine against the
// fake OpenAI server (tests/app/remote), beside the fake local engine. The reply streams into the
// message list and the storage with its reasoning apart, its provenance names the endpoint and
// the remote model; a stream cut in the middle keeps the partial reply, marked; Stop closes the
// connection; the same conversation switches between a local and a remote model. The
// connections and their models' list models under QAbstractItemModelTester; the key never
// reaches settings.ini.
#include "controllers/chat_controller.h"
#include "controllers/connections_controller.h"
#include "engine/remote_engine.h"
#include "fake_engine.h"
#include "sse_test_server.h"
#include "storage/conversation_store.h"
#include "storage/database.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace causerie;
using namespace causerie::gui;
using causerie::remote::test::chatChunk;
using causerie::remote::test::Script;
using causerie::remote::test::sseData;
using causerie::remote::test::SseTestServer;

class GuiRemoteTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::unique_ptr<storage::Database> db_;
    std::unique_ptr<storage::ConversationStore> store_;
    FakeEngine* local_ = nullptr;
    RemoteEngine* remote_ = nullptr;
    ChatController* chat_ = nullptr;
    SseTestServer server_;
    ModelInfo localModel_, remoteModel_;

    void waitIdle() { QTRY_VERIFY_WITH_TIMEOUT(!chat_->generating(), 10000); }
    storage::Message last() const { return chat_->messages()->messages().last(); }

private slots:
    // enable_thinking goes to a server of the user's (as chat_template_kwargs), not to a hosted API.
    void thinkingGoesOnlyToPrivateHosts() {
        GenerationRequest request;
        request.enableThinking = false;
        remote::Endpoint mine, hosted;
        mine.baseUrl = remote::normalizeBaseUrl(QStringLiteral("http://192.168.1.20:8000"));
        hosted.baseUrl = remote::normalizeBaseUrl(QStringLiteral("https://api.mistral.ai/v1"));
        QCOMPARE(RemoteEngine::paramsFor(request, mine).enableThinking, std::optional<bool>(false));
        QVERIFY(!RemoteEngine::paramsFor(request, hosted).enableThinking);
        request.enableThinking.reset();  // the template's default: nothing sent
        QVERIFY(!RemoteEngine::paramsFor(request, mine).enableThinking);
    }

    void initTestCase() {
        QVERIFY(server_.listen());
        db_ = std::make_unique<storage::Database>(dir_.filePath(QStringLiteral("c.db")));
        QVERIFY(db_->open().ok());
        store_ = std::make_unique<storage::ConversationStore>(*db_);
        local_ = new FakeEngine(this);
        local_->setProperty("tokenDelay", 1);
        remote_ = new RemoteEngine(nullptr, this);
        chat_ = new ChatController(*store_, *local_, this);
        chat_->setRemoteEngine(remote_);
        new QAbstractItemModelTester(chat_->messages(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        localModel_.path = QStringLiteral("/models/fake-model.gguf");
        localModel_.name = QStringLiteral("fake-model");
        remoteModel_.remote = true;
        remoteModel_.endpointName = QStringLiteral("GPU box");
        remoteModel_.endpointUrl = QString::fromLatin1(server_.baseUrl());
        remoteModel_.remoteModel = QStringLiteral("big-model-70b");
        RemoteTarget target;
        target.endpoint.baseUrl = remote::normalizeBaseUrl(QString::fromLatin1(server_.baseUrl()));
        target.endpoint.apiKey = QStringLiteral("sk-secret");
        target.model = remoteModel_.remoteModel;
        remote_->setTarget(target);
    }

    void remoteReplyStreamsWithReasoningAndProvenance() {
        Script s{200, "text/event-stream",
                 chatChunk({}, QStringLiteral("Thinking it over.")) + chatChunk(QStringLiteral("Hello ")) + ": ping\n\n" +
                     chatChunk(QStringLiteral("from afar.")) + chatChunk({}, {}, "stop") +
                     sseData(R"({"choices":[],"usage":{"prompt_tokens":11,"completion_tokens":3}})") + "data: [DONE]\n\n"};
        for (int i = 5; i < s.body.size(); i += 7) s.splits << i;
        s.delayMs = 3;
        server_.setRoute("/v1/chat/completions", s);
        chat_->setModel(remoteModel_);
        QVERIFY(chat_->modelReady());
        QVERIFY(chat_->send(QStringLiteral("Hi there")));
        QTRY_VERIFY(!last().text.isEmpty() || !last().reasoning.isEmpty());
        waitIdle();
        QCOMPARE(local_->requests(), 0);
        const storage::Message reply = last();
        QCOMPARE(reply.text, QStringLiteral("Hello from afar."));
        QCOMPARE(reply.reasoning, QStringLiteral("Thinking it over."));
        QVERIFY(reply.state == storage::MessageState::Complete);
        QVERIFY(reply.provenance && reply.provenance->isRemote());
        QCOMPARE(reply.provenance->remoteModel, QStringLiteral("big-model-70b"));
        QCOMPARE(reply.provenance->endpoint, QString::fromLatin1(server_.baseUrl()));
        QVERIFY(reply.provenance->modelFile.isEmpty());
        QCOMPARE(reply.provenance->promptTokens, 11);
        QCOMPARE(reply.provenance->generatedTokens, 3);
        QCOMPARE(reply.provenance->finishReason, QStringLiteral("stop"));
        QVERIFY(!reply.provenance->toJson().contains(QStringLiteral("api_key")));
        QCOMPARE(chat_->messages()->data(chat_->messages()->index(1), MessageListModel::ModelNameRole).toString(),
                 QStringLiteral("big-model-70b"));
        // What the server got: the key as a bearer token, the conversation's turns.
        QCOMPARE(server_.requests().last().authorization, QByteArray("Bearer sk-secret"));
        QVERIFY(server_.requests().last().body.contains("Hi there"));
        auto conv = store_->conversation(chat_->conversationId());
        QCOMPARE(conv->settings.model, QStringLiteral("remote:GPU box/big-model-70b"));
    }

    void switchToLocalAndBack() {
        chat_->setModel(localModel_);
        QVERIFY(chat_->send(QStringLiteral("And locally?")));
        waitIdle();
        QCOMPARE(local_->requests(), 1);
        QCOMPARE(last().text, FakeEngine::defaultReply());
        QCOMPARE(last().provenance->modelFile, localModel_.path);
        QVERIFY(!last().provenance->isRemote());
        // The local engine saw the remote reply as history.
        QVERIFY(local_->lastPrompt().contains(QStringLiteral("Hello from afar.")));
        chat_->setModel(remoteModel_);
        QVERIFY(chat_->send(QStringLiteral("Remote again")));
        waitIdle();
        QVERIFY(last().provenance->isRemote());
        QVERIFY(server_.requests().last().body.contains(FakeEngine::defaultReply().left(20).toUtf8()));
    }

    void cutStreamKeepsThePartialReplyMarked() {
        Script s{200, "text/event-stream", chatChunk(QStringLiteral("Half ")) + chatChunk(QStringLiteral("a reply")) + "data: {\"cho"};
        s.end = Script::End::Cut;
        server_.setRoute("/v1/chat/completions", s);
        QVERIFY(chat_->send(QStringLiteral("Tell me more")));
        waitIdle();
        const storage::Message reply = last();
        QCOMPARE(reply.text, QStringLiteral("Half a reply"));
        QVERIFY(reply.state == storage::MessageState::Error);
        QVERIFY(reply.provenance && reply.provenance->finishReason.startsWith(QStringLiteral("error: ")));
        QVERIFY2(chat_->error().contains(QStringLiteral("cut")), qPrintable(chat_->error()));
        auto stored = store_->message(reply.id);
        QCOMPARE(stored->text, QStringLiteral("Half a reply"));
        chat_->clearError();
    }

    void refusedConnectionIsAClearError() {
        RemoteTarget t = remote_->target();
        const RemoteTarget saved = t;
        t.endpoint.baseUrl = remote::normalizeBaseUrl(QStringLiteral("http://127.0.0.1:1"));
        remote_->setTarget(t);
        QVERIFY(chat_->send(QStringLiteral("Anyone?")));
        waitIdle();
        QVERIFY(last().state == storage::MessageState::Error);
        QVERIFY2(chat_->error().contains(QStringLiteral("connection refused")), qPrintable(chat_->error()));
        remote_->setTarget(saved);
        chat_->clearError();
    }

    void stopClosesTheConnection() {
        Script slow{200, "text/event-stream", {}};
        for (int i = 0; i < 300; ++i) {
            slow.body += chatChunk(QStringLiteral("word "));
            slow.splits << slow.body.size();
        }
        slow.delayMs = 15;
        server_.setRoute("/v1/chat/completions", slow);
        const int abortsBefore = server_.clientAborts();
        QVERIFY(chat_->send(QStringLiteral("Talk a lot")));
        QTRY_VERIFY(last().text.size() > 10);
        chat_->stop();
        waitIdle();
        QVERIFY(last().state == storage::MessageState::Interrupted);
        QVERIFY(last().text.startsWith(QStringLiteral("word word")));
        QTRY_COMPARE(server_.clientAborts(), abortsBefore + 1);
        QVERIFY(last().provenance && last().provenance->finishReason == QLatin1String("cancelled"));
    }

    void connectionsListTheirModels() {
        qputenv("CAUSERIE_KEYRING", "session");
        Script models{200, "application/json", R"({"object":"list","data":[{"id":"a"},{"id":"b"},{"id":"c"}]})"};
        models.requiredKey = "sk-list";
        server_.setRoute("/v1/models", models);
        QTemporaryDir data;
        SecretStore secrets;
        QVERIFY(!secrets.persistent());
        remote::OpenAiClient client;
        {
            ConnectionsController c(data.path(), &secrets, &client);
            new QAbstractItemModelTester(c.list(), QAbstractItemModelTester::FailureReportingMode::QtTest, &c);
            new QAbstractItemModelTester(c.remoteModels(), QAbstractItemModelTester::FailureReportingMode::QtTest, &c);
            QVERIFY(!c.addConnection(QStringLiteral("bad"), QStringLiteral("ftp://example.com"), {}).isEmpty());
            QVERIFY(c.addConnection(QStringLiteral("One"), QString::fromLatin1(server_.baseUrl()), QStringLiteral("sk-list")).isEmpty());
            QVERIFY(!c.addConnection(QStringLiteral("One"), QString::fromLatin1(server_.baseUrl()), {}).isEmpty());
            QVERIFY(c.addConnection(QStringLiteral("Keyless"), QString::fromLatin1(server_.baseUrl()), {}).isEmpty());
            QCOMPARE(c.list()->rowCount(), 2);
            QTRY_COMPARE(c.remoteModels()->rowCount(), 3);  // the keyless one gets 401
            QTRY_COMPARE(c.list()->data(c.list()->index(1), ConnectionListModel::StateRole).toString(), QStringLiteral("failed"));
            QVERIFY(c.list()->data(c.list()->index(1), ConnectionListModel::ErrorRole).toString().contains(QStringLiteral("API key")));
            QCOMPARE(c.remoteModels()->data(c.remoteModels()->index(2), RemoteModelListModel::ModelIdRole).toString(), QStringLiteral("c"));
            QCOMPARE(c.remoteModels()->data(c.remoteModels()->index(0), RemoteModelListModel::ConnectionNameRole).toString(),
                     QStringLiteral("One"));
            const QString keyless = c.list()->rows()[1].id;
            c.setApiKey(keyless, QStringLiteral("sk-list"));
            QTRY_COMPARE(c.remoteModels()->rowCount(), 6);
            c.removeConnection(keyless);
            QCOMPARE(c.list()->rowCount(), 1);
            QCOMPARE(c.remoteModels()->rowCount(), 3);
        }
        // Saved: names and addresses, never the key.
        QFile ini(data.filePath(QStringLiteral("settings.ini")));
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray saved = ini.readAll();
        QVERIFY(saved.contains("One"));
        QVERIFY2(!saved.contains("sk-list"), saved.constData());
        // Read again at the next start, the key from the (session) store.
        ConnectionsController again(data.path(), &secrets, &client);
        QCOMPARE(again.list()->rowCount(), 1);
        QTRY_COMPARE(again.remoteModels()->rowCount(), 3);
        QCOMPARE(again.endpoint(again.list()->rows()[0].id).apiKey, QStringLiteral("sk-list"));
    }
};

QTEST_GUILESS_MAIN(GuiRemoteTest)
#include "test_gui_remote.moc"
