// Logging: spdlog to stderr and to a rotating file in <data>/logs, with Qt's own messages
// (qDebug, qWarning, QML console and errors) routed into it.
#pragma once
#include <QString>

namespace causerie::gui {

// Sets up the sinks (idempotent: a second call only changes the folder when none was set).
void setupLogging(const QString& logDir, const QString& level);
// "trace", "debug", "info", "warn", "error" (unknown names mean "info").
void setLogLevel(const QString& level);

}  // namespace causerie::gui
