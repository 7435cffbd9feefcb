// Command-line options of the causerie executable.
#pragma once
#include <QString>
#include <QStringList>
#include <optional>

namespace causerie::gui {

struct AppOptions {
    QString dataDir;   // everything the app writes goes there (empty: the platform's app data folder)
    QString modelPath; // a GGUF file to load at start
    QString language;  // "en", "fr" or empty (the saved setting)
    qint64 conversation = 0;  // a conversation to open at start (its id; 0: none)
};

// Parses `arguments` (argv as QStringList) before any QCoreApplication exists; on an error,
// --help or --version returns nullopt after printing.
std::optional<AppOptions> parseAppOptions(const QStringList& arguments);

}  // namespace causerie::gui
