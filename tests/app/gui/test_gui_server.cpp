// The app's own server with the real engine (lavapipe) and stories260K: off by default; switched
// on, it serves the model the app has loaded, through the engine's own queue, while the app's
// chat goes on (both finish, neither waits on the GUI thread); its requests' text at temperature
// 0 is the engine's; a port in use is said; switched off, nothing listens. Keys in the session
// store (CAUSERIE_KEYRING=session).
#include "controllers/app_controller.h"
#include "engine/local_engine.h"
#include "remote/openai_client.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace causerie;
using namespace causerie::gui;

class GuiServerTest : public QObject {
    Q_OBJECT

private:
    remote::RemoteResult complete(remote::OpenAiClient& client, const remote::Endpoint& e, const QString& prompt, int n) {
        remote::RemoteParams p;
        p.temperature = 0;
        p.maxTokens = n;
        remote::CompletionStream* s = client.complete(e, QStringLiteral("causerie"), prompt, p);
        bool done = false;
        connect(s, &remote::CompletionStream::finished, this, [&] { done = true; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 60000); }();
        remote::RemoteResult r = s->result();
        delete s;
        return r;
    }

private slots:
    void initTestCase() { qputenv("CAUSERIE_KEYRING", "session"); }

    void servesTheLoadedModelBesideTheChat() {
        QTemporaryDir dir;
        LocalEngine engine;
        AppController app(dir.path(), &engine);
        ServerController* server = app.server();
        QVERIFY(!server->enabled());
        QVERIFY(!server->running());
        app.openModel(QStringLiteral(CAUSERIE_SHARED_DIR "/models/stories260K.gguf"));
        QTRY_VERIFY_WITH_TIMEOUT(app.chat()->modelReady(), 60000);

        server->setPort(0);
        server->setApiKey(QStringLiteral("sk-app"));
        server->setEnabled(true);
        QVERIFY2(server->running(), qPrintable(server->error()));
        QVERIFY(server->url().startsWith(QStringLiteral("http://127.0.0.1:")));
        remote::Endpoint e;
        e.baseUrl = remote::normalizeBaseUrl(server->url());
        e.apiKey = QStringLiteral("sk-app");
        remote::OpenAiClient client;

        // The app's chat and a server client at once: both finish.
        app.chat()->setSettings({{QStringLiteral("maxTokens"), 48}, {QStringLiteral("temperature"), 0.0}});
        QVERIFY(app.chat()->send(QStringLiteral("Once upon a time")));
        QElapsedTimer gui;
        gui.start();
        const remote::RemoteResult first = complete(client, e, QStringLiteral("Once upon a time"), 24);
        QVERIFY2(!first.error, first.error ? qPrintable(first.error->message) : "");
        QCOMPARE(first.completionTokens, 24);
        QTRY_VERIFY_WITH_TIMEOUT(!app.chat()->generating(), 60000);
        QVERIFY(app.chat()->error().isEmpty());
        QCOMPARE(app.chat()->messages()->messages().size(), 2);
        QVERIFY(!app.chat()->messages()->messages().at(1).text.isEmpty());

        // Deterministic at temperature 0, whatever ran between.
        const remote::RemoteResult again = complete(client, e, QStringLiteral("Once upon a time"), 24);
        QCOMPARE(again.content, first.content);

        // A wrong key.
        remote::Endpoint wrong = e;
        wrong.apiKey = QStringLiteral("nope");
        const remote::RemoteResult refused = complete(client, wrong, QStringLiteral("Hi"), 4);
        QVERIFY(refused.error && refused.error->kind == remote::ErrorKind::Unauthorized);

        // Off: nothing listens there any more.
        server->setEnabled(false);
        QVERIFY(!server->running());
        const remote::RemoteResult off = complete(client, e, QStringLiteral("Hi"), 4);
        QVERIFY(off.error && off.error->kind == remote::ErrorKind::Refused);
    }

    void portInUseIsSaid() {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        LocalEngine engine;
        AppController app(dir.path(), &engine);
        app.server()->setPort(taken.serverPort());
        app.server()->setEnabled(true);
        QVERIFY(!app.server()->running());
        QVERIFY2(app.server()->error().contains(QString::number(taken.serverPort())), qPrintable(app.server()->error()));
        // Started again at the next launch (enabled is saved), on the same busy port: the same error.
        AppController again(dir.path(), &engine);
        QVERIFY(again.server()->enabled());
        QVERIFY(!again.server()->error().isEmpty());
    }
};

QTEST_MAIN(GuiServerTest)
#include "test_gui_server.moc"
