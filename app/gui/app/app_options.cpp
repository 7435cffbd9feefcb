#include "app/app_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <cstdio>

namespace causerie::gui {

std::optional<AppOptions> parseAppOptions(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Causerie: chat with local language models"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Where the app keeps its data."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("A GGUF model to load at start."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("Interface language: en or fr."),
                                  QStringLiteral("en|fr"));
    const QCommandLineOption conversation(QStringLiteral("conversation"), QStringLiteral("A conversation to open at start (its id)."),
                                          QStringLiteral("ID"));
    parser.addOptions({dataDir, model, lang, conversation});
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "%s\n", qPrintable(parser.errorText()));
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("causerie"))));
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("causerie %s\n", qPrintable(QCoreApplication::applicationVersion()));
        return std::nullopt;
    }
    AppOptions options;
    options.dataDir = parser.value(dataDir);
    if (!options.dataDir.isEmpty()) options.dataDir = QDir(options.dataDir).absolutePath();
    options.modelPath = parser.value(model);
    options.language = parser.value(lang);
    if (!options.language.isEmpty() && options.language != QLatin1String("en") && options.language != QLatin1String("fr")) {
        std::fprintf(stderr, "--lang must be en or fr\n");
        return std::nullopt;
    }
    if (parser.isSet(conversation)) {
        bool ok = false;
        options.conversation = parser.value(conversation).toLongLong(&ok);
        if (!ok || options.conversation <= 0) {
            std::fprintf(stderr, "--conversation takes the id of a conversation (a positive number)\n");
            return std::nullopt;
        }
    }
    return options;
}

}  // namespace causerie::gui
