#include "app/run_app.h"

#include "app/app_options.h"
#include "app/logging.h"
#include "causerie_version.h"
#include "controllers/app_controller.h"
#include "engine/local_engine.h"

#include <QDir>
#include <QFileInfo>
#include <QElapsedTimer>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QGuiApplication>
#include <QIcon>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <spdlog/spdlog.h>

#include <memory>

namespace causerie::gui {

int runApp(int argc, char** argv) {
    QElapsedTimer sinceStart;
    sinceStart.start();
    QGuiApplication::setApplicationName(QStringLiteral("Causerie"));
    QGuiApplication::setOrganizationName(QStringLiteral("Causerie"));
    QGuiApplication::setApplicationVersion(QStringLiteral(CAUSERIE_VERSION));
    // The options first, so that --help and bad options work without a display.
    QStringList arguments;
    for (int i = 0; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
    auto options = parseAppOptions(arguments);
    if (!options) return arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h")) || arguments.contains(QStringLiteral("--version")) || arguments.contains(QStringLiteral("-v")) ? 0 : 2;
    QGuiApplication app(argc, argv);
    QGuiApplication::setDesktopFileName(QStringLiteral("org.causerie.Causerie"));  // packaging/ names it so
    QGuiApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.causerie.Causerie"), QIcon(QStringLiteral(":/icons/org.causerie.Causerie.png"))));
    if (options->dataDir.isEmpty())
        options->dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
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
    // The model of --model, or else the last one loaded (the default model).
    const QString model = !options->modelPath.isEmpty() ? options->modelPath : controller.settings()->lastModel();
    if (!model.isEmpty() && (!options->modelPath.isEmpty() || QFileInfo::exists(model))) controller.openModel(model);
    if (options->conversation > 0) controller.chat()->openConversation(options->conversation);
    QObject::connect(&qml, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
                     Qt::QueuedConnection);
    qml.load(QUrl(QStringLiteral("qrc:/qt/qml/Causerie/qml/Main.qml")));
    if (qml.rootObjects().isEmpty()) return 1;
    if (auto* window = qobject_cast<QQuickWindow*>(qml.rootObjects().first())) {
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = QObject::connect(window, &QQuickWindow::frameSwapped, window, [once, sinceStart] {
            spdlog::info("first frame {} ms after start", sinceStart.elapsed());
            QObject::disconnect(*once);
        });
    }
    const int code = QGuiApplication::exec();
    spdlog::info("Causerie exits with {}", code);
    return code;
}

}  // namespace causerie::gui
