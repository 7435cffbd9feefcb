// GUI benchmarks (offscreen): start to first frame, opening a conversation of 2,000 messages,
// and frame times while a reply streams (fake engine, one piece every 5 ms).
// Run: QT_QPA_PLATFORM=offscreen build/tests/causerie-gui-bench
#include "controllers/app_controller.h"
#include "fake_engine.h"
#include "storage/conversation_store.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <cstdio>
#include <vector>

Q_IMPORT_QML_PLUGIN(CauseriePlugin)

using namespace causerie::gui;

namespace {
// Waits for the next frame of `window` and returns the milliseconds until it came.
double untilNextFrame(QQuickWindow* window, const QElapsedTimer& since) {
    bool swapped = false;
    auto c = QObject::connect(window, &QQuickWindow::frameSwapped, window, [&] { swapped = true; });
    window->update();
    (void)QTest::qWaitFor([&] { return swapped; }, 10000);
    QObject::disconnect(c);
    return since.nsecsElapsed() / 1e6;
}
}  // namespace

int main(int argc, char** argv) {
    QGuiApplication application(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    QTemporaryDir dir;
    FakeEngine engine;

    QElapsedTimer start;
    start.start();
    AppController app(dir.path(), &engine);
    QQmlApplicationEngine qml;
    qml.addImportPath(QStringLiteral("qrc:/qt/qml"));
    app.attachEngine(&qml, QStringLiteral("en"));
    qml.load(QUrl(QStringLiteral("qrc:/qt/qml/Causerie/qml/Main.qml")));
    auto* window = qobject_cast<QQuickWindow*>(qml.rootObjects().value(0));
    if (!window) return 1;
    const double firstFrame = untilNextFrame(window, start);
    std::printf("start to first frame: %.1f ms\n", firstFrame);

    // A conversation of 2,000 messages (1,000 exchanges), written straight into the store.
    auto* store = app.store();
    const qint64 big = *store->createConversation(QStringLiteral("Long conversation"));
    const QString reply = QStringLiteral("Here is a reply with **bold** text, a list:\n\n- one\n- two\n\n```cpp\nint x = 42;\n```\n");
    for (int i = 0; i < 1000; ++i) {
        (void)store->appendMessage(big, causerie::storage::Role::User, QStringLiteral("Question number %1?").arg(i));
        (void)store->appendMessage(big, causerie::storage::Role::Assistant, reply);
    }
    app.refreshConversations();
    QElapsedTimer open;
    open.start();
    app.chat()->openConversation(big);
    const double modelMs = open.nsecsElapsed() / 1e6;
    const double openMs = untilNextFrame(window, open);
    std::printf("open a conversation of %d messages: %.1f ms to the first frame (%.1f ms loading the branch)\n",
                app.chat()->messages()->rowCount(), openMs, modelMs);

    // Frame times while a reply streams.
    app.openModel(QStringLiteral("/models/fake.gguf"));
    (void)QTest::qWaitFor([&] { return app.chat()->modelReady(); }, 5000);
    app.chat()->newConversation();
    QString longReply;
    for (int i = 0; i < 60; ++i) longReply += QStringLiteral("The quick brown fox jumps over the lazy dog, sentence %1. ").arg(i);
    engine.setProperty("reply", longReply);
    engine.setProperty("tokenDelay", 5);
    std::vector<double> frames, work;
    QElapsedTimer frameClock;
    frameClock.start();
    double last = 0, begun = -1;
    // Work per frame: from afterAnimating (before polish, sync and render) to the swap.
    auto a = QObject::connect(window, &QQuickWindow::afterAnimating, window,
                              [&] { begun = frameClock.nsecsElapsed() / 1e6; });
    auto c = QObject::connect(window, &QQuickWindow::frameSwapped, window, [&] {
        const double now = frameClock.nsecsElapsed() / 1e6;
        frames.push_back(now - last);
        if (begun >= 0) work.push_back(now - begun);
        last = now;
        begun = -1;
    });
    app.chat()->send(QStringLiteral("Tell me a long story"));
    last = frameClock.nsecsElapsed() / 1e6;
    (void)QTest::qWaitFor([&] { return !app.chat()->generating(); }, 60000);
    QObject::disconnect(c);
    QObject::disconnect(a);
    if (!work.empty()) {
        std::sort(work.begin(), work.end());
        std::printf("streaming: work per frame (polish, sync, render) median %.1f ms, p95 %.1f ms, max %.1f ms\n",
                    work[work.size() / 2], work[size_t(double(work.size()) * 0.95)], work.back());
    }
    if (frames.size() > 1) {
        std::sort(frames.begin(), frames.end());
        double sum = 0;
        for (double f : frames) sum += f;
        std::printf("streaming %d pieces: %zu frames, frame interval mean %.1f ms, median %.1f ms, p95 %.1f ms, max %.1f ms\n",
                    app.chat()->generatedTokens(), frames.size(), sum / double(frames.size()), frames[frames.size() / 2],
                    frames[size_t(double(frames.size()) * 0.95)], frames.back());
    }
    return 0;
}
