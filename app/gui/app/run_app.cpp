#include "app/run_app.h"

#include "app/app_options.h"
#include "app/logging.h"
#include "controllers/app_controller.h"
#include "engine/local_engine.h"

#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <spdlog/spdlog.h>

namespace causerie::gui {

int runApp(int argc, char** argv) {
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("Causerie"));
    QGuiApplication::setOrganizationName(QStringLiteral("Causerie"));
    QGuiApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    const auto options = parseAppOptions(QGuiApplication::arguments());
    if (!options) return 2;
    QDir().mkpath(options->dataDir);
    {
        const AppSettings settings(options->dataDir);
        setupLogging(settings.logDir(), settings.logLevel());
    }
    spdlog::info("Causerie starting, data folder {}", options->dataDir.toStdString());
    QQuickStyle::setStyle(QStringLiteral("Basic"));

    LocalEngine engine;
    AppController controller(options->dataDir, &engine);
    QQmlApplicationEngine qml;
    qml.addImportPath(QStringLiteral("qrc:/qt/qml"));
    controller.attachEngine(&qml, options->language);
    if (!options->modelPath.isEmpty()) controller.openModel(options->modelPath);
    QObject::connect(&qml, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
                     Qt::QueuedConnection);
    qml.load(QUrl(QStringLiteral("qrc:/qt/qml/Causerie/qml/Main.qml")));
    if (qml.rootObjects().isEmpty()) return 1;
    const int code = QGuiApplication::exec();
    spdlog::info("Causerie exits with {}", code);
    return code;
}

}  // namespace causerie::gui
