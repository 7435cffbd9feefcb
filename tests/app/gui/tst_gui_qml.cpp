// QML tests of the real interface (AppShell) against the fake engine: each test file gets a
// fresh App over a new data folder. `fakeEngine` and `screenshotDir` are context properties.
#include "controllers/app_controller.h"
#include "fake_engine.h"

#include <QDir>
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
    void qmlEngineAvailable(QQmlEngine* engine) {
        auto dir = std::make_unique<QTemporaryDir>();
        auto* fake = new FakeEngine(engine);
        auto* app = new AppController(dir->path(), fake, engine);
        app->attachEngine(engine, QStringLiteral("en"));
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine->rootContext()->setContextProperty(QStringLiteral("fakeEngine"), fake);
        engine->rootContext()->setContextProperty(QStringLiteral("screenshotDir"), QStringLiteral(CAUSERIE_SCREENSHOT_DIR));
        QDir().mkpath(QStringLiteral(CAUSERIE_SCREENSHOT_DIR));
        dirs_.push_back(std::move(dir));
    }

private:
    std::vector<std::unique_ptr<QTemporaryDir>> dirs_;
};

QUICK_TEST_MAIN_WITH_SETUP(gui_qml, Setup)

#include "tst_gui_qml.moc"
