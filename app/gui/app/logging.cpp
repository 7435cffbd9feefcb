#include "app/logging.h"

#include <QDir>
#include <QtGlobal>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <mutex>
#include <vector>

namespace causerie::gui {

namespace {

std::shared_ptr<spdlog::logger> qtLogger;

void qtMessageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (!qtLogger) return;
    const std::string text = message.toStdString();
    const char* category = context.category ? context.category : "qt";
    switch (type) {
    case QtDebugMsg: qtLogger->debug("[{}] {}", category, text); break;
    case QtInfoMsg: qtLogger->info("[{}] {}", category, text); break;
    case QtWarningMsg: qtLogger->warn("[{}] {}", category, text); break;
    case QtCriticalMsg: qtLogger->error("[{}] {}", category, text); break;
    case QtFatalMsg: qtLogger->critical("[{}] {}", category, text); qtLogger->flush(); break;
    }
}

spdlog::level::level_enum levelFromName(const QString& level) {
    const auto parsed = spdlog::level::from_str(level.toStdString());
    return parsed == spdlog::level::off && level != QLatin1String("off") ? spdlog::level::info : parsed;
}

}  // namespace

void setupLogging(const QString& logDir, const QString& level) {
    static std::once_flag once;
    std::call_once(once, [&] {
        std::vector<spdlog::sink_ptr> sinks;
        sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
        if (!logDir.isEmpty() && QDir().mkpath(logDir)) {
            const std::string file = QDir(logDir).filePath(QStringLiteral("causerie.log")).toStdString();
            try {
                sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file, 5 * 1024 * 1024, 3));
            } catch (const spdlog::spdlog_ex& e) {
                std::fprintf(stderr, "cannot open the log file %s: %s\n", file.c_str(), e.what());
            }
        }
        auto app = std::make_shared<spdlog::logger>("app", sinks.begin(), sinks.end());
        spdlog::set_default_logger(app);
        qtLogger = std::make_shared<spdlog::logger>("qt", sinks.begin(), sinks.end());
        spdlog::register_logger(qtLogger);
        // The engine's subsystem loggers, registered first so that they write to the same sinks.
        for (const char* name : {"gguf", "vulkan", "model", "text", "session"}) {
            if (!spdlog::get(name)) spdlog::register_logger(std::make_shared<spdlog::logger>(name, sinks.begin(), sinks.end()));
        }
        spdlog::flush_every(std::chrono::seconds(2));
        qInstallMessageHandler(qtMessageHandler);
    });
    setLogLevel(level);
}

void setLogLevel(const QString& level) {
    const auto parsed = levelFromName(level);
    spdlog::set_level(parsed);  // every registered logger
    spdlog::flush_on(spdlog::level::warn);
}

}  // namespace causerie::gui
