// QML tests of the real interface (AppShell) against the fake engine: each test file gets a
// fresh App over a new data folder. `fakeEngine`, `screenshotDir`, `sharedDir` and
// `testServerUrl` (a local HTTP server speaking the Hugging Face API for the Models page, with
// one slow GGUF download) are context properties.
#include "controllers/app_controller.h"
#include "fake_engine.h"
#include "http_test_server.h"

#include <QDir>
#include <QFile>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <memory>
#include <vector>

Q_IMPORT_QML_PLUGIN(CauseriePlugin)

using namespace causerie::gui;

class Setup : public QObject {
    Q_OBJECT
public:
    Setup() { QQuickStyle::setStyle(QStringLiteral("Basic")); }

public slots:
    void applicationAvailable() {
        using causerie::models::test::Route;
        server_ = std::make_unique<causerie::models::test::HttpTestServer>();
        if (!server_->listen()) qFatal("the test HTTP server cannot listen");
        QFile gguf(QStringLiteral(CAUSERIE_SHARED_DIR "/models/stories260K.gguf"));
        if (!gguf.open(QIODevice::ReadOnly)) qFatal("no stories260K.gguf");
        const QByteArray bytes = gguf.readAll();
        const QByteArray size = QByteArray::number(bytes.size());
        server_->setRoute("/api/models?search=tiny&filter=gguf&sort=downloads&direction=-1&limit=30",
                          Route{"[{\"id\":\"test/tiny-GGUF\",\"downloads\":1234,\"likes\":56}]"});
        server_->setRoute("/api/models/test/tiny-GGUF/tree/main?recursive=true",
                          Route{"[{\"type\":\"file\",\"path\":\"tiny-Q8_0.gguf\",\"size\":" + size +
                                "},{\"type\":\"file\",\"path\":\"tiny-Q4_K_M.gguf\",\"size\":" + size + "}]"});
        Route slow{bytes};  // about 3 s, so that the screenshots and the buttons see it running
        slow.chunkBytes = 16 * 1024;
        slow.chunkDelayMs = 40;
        server_->setRoute("/test/tiny-GGUF/resolve/main/tiny-Q4_K_M.gguf", slow);
    }

    void qmlEngineAvailable(QQmlEngine* engine) {
        auto dir = std::make_unique<QTemporaryDir>();
        auto* fake = new FakeEngine(engine);
        auto* app = new AppController(dir->path(), fake, engine);
        app->attachEngine(engine, QStringLiteral("en"));
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine->rootContext()->setContextProperty(QStringLiteral("fakeEngine"), fake);
        engine->rootContext()->setContextProperty(QStringLiteral("screenshotDir"), QStringLiteral(CAUSERIE_SCREENSHOT_DIR));
        engine->rootContext()->setContextProperty(QStringLiteral("sharedDir"), QStringLiteral(CAUSERIE_SHARED_DIR));
        engine->rootContext()->setContextProperty(QStringLiteral("testServerUrl"), QString::fromLatin1(server_->url("")));
        QDir().mkpath(QStringLiteral(CAUSERIE_SCREENSHOT_DIR));
        dirs_.push_back(std::move(dir));
    }

private:
    std::vector<std::unique_ptr<QTemporaryDir>> dirs_;
    std::unique_ptr<causerie::models::test::HttpTestServer> server_;
};

QUICK_TEST_MAIN_WITH_SETUP(gui_qml, Setup)

#include "tst_gui_qml.moc"
