// End to end with the real engine (Vulkan; lavapipe on machines without a GPU) and
// stories260K: the app opens the model, a message typed in the composer is sent with Enter,
// the reply streams into the view and is in the database.
#include "controllers/app_controller.h"
#include "engine/local_engine.h"
#include "storage/conversation_store.h"
#include "storage/database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(CauseriePlugin)

using namespace causerie::gui;

namespace {
// Texts of every visible "messageText" item under `item`.
void collectTexts(QQuickItem* item, QStringList& out) {
    if (item->objectName() == QLatin1String("messageText") && item->isVisible()) out << item->property("text").toString();
    for (QQuickItem* child : item->childItems()) collectTexts(child, out);
}
// The item of that objectName in the visual tree under `item`.
QQuickItem* findItem(QQuickItem* item, const QString& name) {
    if (item->objectName() == name) return item;
    for (QQuickItem* child : item->childItems())
        if (QQuickItem* found = findItem(child, name)) return found;
    return nullptr;
}
}  // namespace

class GuiEndToEndTest : public QObject {
    Q_OBJECT
private slots:
    // A file that is not a model: the engine's reason is shown in the window.
    void brokenFileShowsItsReason() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString broken = dir.filePath(QStringLiteral("broken.gguf"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        LocalEngine engine;
        AppController app(dir.filePath(QStringLiteral("data")), &engine);
        QQmlApplicationEngine qml;
        qml.addImportPath(QStringLiteral("qrc:/qt/qml"));
        app.attachEngine(&qml, QStringLiteral("en"));
        qml.load(QUrl(QStringLiteral("qrc:/qt/qml/Causerie/qml/Main.qml")));
        auto* window = qobject_cast<QQuickWindow*>(qml.rootObjects().value(0));
        QVERIFY(window);
        app.openModel(broken);
        QTRY_VERIFY_WITH_TIMEOUT(!app.modelLoading(), 30000);
        QVERIFY(!app.chat()->modelReady());
        QVERIFY(app.modelError().contains(QStringLiteral("broken.gguf")));
        auto* banner = findItem(window->contentItem(), QStringLiteral("modelError"));
        QVERIFY(banner);
        QTRY_VERIFY(banner->isVisible());
        auto* text = findItem(banner, QStringLiteral("errorText"));
        QVERIFY(text);
        qInfo("shown: %s", qPrintable(text->property("text").toString()));
        QCOMPARE(text->property("text").toString(), QStringLiteral("Cannot load broken.gguf: not a GGUF file (bad magic)"));
    }

    // A conversation's context length: a smaller one is the reply's window; a larger one loads
    // the model again with it (up to the model's trained 2048 for stories260K).
    void conversationContextLengthApplies() {
        const QString model = QStringLiteral(CAUSERIE_SHARED_DIR "/models/stories260K.gguf");
        if (!QFileInfo::exists(model)) QSKIP("stories260K.gguf is not in the shared folder");
        LocalEngine engine;
        QSignalSpy loaded(&engine, &ChatEngine::modelLoaded), finished(&engine, &ChatEngine::generationFinished),
            failed(&engine, &ChatEngine::generationFailed);
        engine.loadModel(model, 128, -1);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QCOMPARE(loaded.at(0).at(0).value<ModelInfo>().contextLength, 128);
        auto request = [](quint64 id, int context) {
            GenerationRequest r;
            r.id = id;
            r.turns = {ChatTurn{QStringLiteral("user"), QStringLiteral("Once upon a time")}};
            r.sampling.temperature = 0;
            r.sampling.maxTokens = 8;
            r.sampling.contextLength = context;
            return r;
        };
        engine.generate(request(1, 64));  // smaller: no reload
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(loaded.count(), 1);
        engine.generate(request(2, 4096));  // larger: loaded again, at most 2048
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(loaded.count(), 2);
        QCOMPARE(loaded.at(1).at(0).value<ModelInfo>().contextLength, 2048);
    }

    void replyStreamsIntoTheViewAndTheDatabase() {
        const QString model = QStringLiteral(CAUSERIE_SHARED_DIR "/models/stories260K.gguf");
        if (!QFileInfo::exists(model)) QSKIP("stories260K.gguf is not in the shared folder");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        qint64 conversationId = 0;
        QString replyText;
        {
            QQuickStyle::setStyle(QStringLiteral("Basic"));
            LocalEngine engine;
            AppController app(dir.path(), &engine);
            QQmlApplicationEngine qml;
            qml.addImportPath(QStringLiteral("qrc:/qt/qml"));
            app.attachEngine(&qml, QStringLiteral("en"));
            qml.load(QUrl(QStringLiteral("qrc:/qt/qml/Causerie/qml/Main.qml")));
            QCOMPARE(qml.rootObjects().size(), 1);
            auto* window = qobject_cast<QQuickWindow*>(qml.rootObjects().first());
            QVERIFY(window);
            QVERIFY(QTest::qWaitForWindowExposed(window));

            app.openModel(model);
            QVERIFY(app.modelLoading());
            QTRY_VERIFY_WITH_TIMEOUT(app.chat()->modelReady(), 60000);
            QVERIFY2(app.modelError().isEmpty(), qPrintable(app.modelError()));
            QCOMPARE(app.modelName(), QStringLiteral("stories260K"));

            app.chat()->setSettings({{QStringLiteral("maxTokens"), 48}, {QStringLiteral("seed"), 7}});
            auto* input = findItem(window->contentItem(), QStringLiteral("composerInput"));
            QVERIFY(input);
            input->forceActiveFocus();
            input->setProperty("text", QStringLiteral("Once upon a time"));
            QTest::keyClick(window, Qt::Key_Return);
            QVERIFY(app.chat()->generating());
            QTRY_COMPARE(app.chat()->messages()->rowCount(), 2);

            // Streams: text appears in the view before the reply is finished, or the reply is
            // finished with text.
            auto* list = findItem(window->contentItem(), QStringLiteral("messageList"));
            QVERIFY(list);
            QTRY_VERIFY_WITH_TIMEOUT(!app.chat()->messages()->messages().at(1).text.isEmpty(), 60000);
            QTRY_VERIFY_WITH_TIMEOUT(!app.chat()->generating(), 120000);
            QVERIFY2(app.chat()->error().isEmpty(), qPrintable(app.chat()->error()));
            replyText = app.chat()->messages()->messages().at(1).text;
            QVERIFY(!replyText.trimmed().isEmpty());
            QStringList shown;
            QTRY_VERIFY([&] {
                shown.clear();
                collectTexts(list, shown);
                return shown.join(QLatin1Char('\n')).contains(replyText.trimmed().left(20));
            }());
            QVERIFY(app.chat()->tokensPerSecond() > 0);
            QVERIFY(app.chat()->contextUsed() > 0);
            // Stop at once, then send again: the next reply is not held up by the stopped one.
            QVERIFY(app.chat()->send(QStringLiteral("The dog")));
            app.chat()->stop();
            QTRY_VERIFY_WITH_TIMEOUT(!app.chat()->generating(), 60000);
            QVERIFY(app.chat()->send(QStringLiteral("The cat")));
            QTRY_VERIFY_WITH_TIMEOUT(!app.chat()->generating(), 120000);
            QCOMPARE(app.chat()->messages()->rowCount(), 6);
            QVERIFY2(app.chat()->error().isEmpty(), qPrintable(app.chat()->error()));
            QVERIFY(!app.chat()->messages()->messages().at(5).text.isEmpty());
            conversationId = app.chat()->conversationId();
            QDir().mkpath(QStringLiteral(CAUSERIE_SCREENSHOT_DIR));
            window->grabWindow().save(QStringLiteral(CAUSERIE_SCREENSHOT_DIR "/causerie-end-to-end.png"));
        }
        // A fresh connection sees the exchange with its provenance.
        causerie::storage::Database database(QDir(dir.path()).filePath(QStringLiteral("causerie.db")));
        QVERIFY(database.open().ok());
        causerie::storage::ConversationStore store(database);
        auto branch = store.currentBranch(conversationId);
        QVERIFY(branch.ok());
        QCOMPARE(branch->size(), 6);
        QCOMPARE(branch->at(2).text, QStringLiteral("The dog"));
        QVERIFY(branch->at(3).state == causerie::storage::MessageState::Interrupted ||
                branch->at(3).state == causerie::storage::MessageState::Complete);
        QVERIFY(branch->at(5).state == causerie::storage::MessageState::Complete);
        QCOMPARE(branch->at(0).text, QStringLiteral("Once upon a time"));
        QCOMPARE(branch->at(1).text, replyText);
        QVERIFY(branch->at(1).state == causerie::storage::MessageState::Complete);
        QVERIFY(branch->at(1).provenance.has_value());
        QCOMPARE(branch->at(1).provenance->templateName, QStringLiteral("chatml"));
        QVERIFY(branch->at(1).provenance->generatedTokens > 0);
        QCOMPARE(branch->at(1).provenance->seed, 7);
        QCOMPARE(QFileInfo(branch->at(1).provenance->modelFile).fileName(), QStringLiteral("stories260K.gguf"));
    }
};

QTEST_MAIN(GuiEndToEndTest)
#include "test_gui_end_to_end.moc"
