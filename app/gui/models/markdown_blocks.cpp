#include "models/markdown_blocks.h"

#include "markdown/safe_markdown.h"

#include <QCache>
#include <QCoreApplication>
#include <QStringList>
#include <QTextBlock>
#include <QTextDocument>
#include <QVariantMap>
#include <spdlog/spdlog.h>

namespace causerie::gui {

namespace {
void push(QVariantList& out, const char* kind, QStringList& lines, const QString& language = {}) {
    QString text = lines.join(QLatin1Char('\n'));
    lines.clear();
    const bool prose = QLatin1String(kind) == QLatin1String("text");
    if (prose && text.trimmed().isEmpty()) return;
    if (prose) text = displayMarkdown(text);
    out.append(QVariantMap{{QStringLiteral("kind"), QString::fromLatin1(kind)},
                           {QStringLiteral("text"), text},
                           {QStringLiteral("language"), language}});
}
// Whether Qt's Markdown reader finds an image in `markdown` (what TextEdit would load).
bool hasImage(const QString& markdown) {
    QTextDocument document;
    document.setMarkdown(markdown, QTextDocument::MarkdownDialectGitHub);
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().isImageFormat()) return true;
        }
    }
    return false;
}
}  // namespace

QString displayMarkdown(const QString& text) {
    // The view asks again for blocks that did not change (the earlier blocks of a streaming
    // reply, every row after a branch switch): those come from here, not from two more parses.
    // GUI thread only, like the list models that call it; the language is part of the key.
    static QCache<QString, QString> shown(8 << 20);  // cost: characters held (about 16 MiB)
    const QString key = QCoreApplication::translate("MessageText", "[image not loaded: %1]") + QChar(0) + text;
    if (const QString* cached = shown.object(key)) return *cached;
    markdown::MarkdownLabels labels;
    labels.remoteImage = QCoreApplication::translate("MessageText", "[image from %2, not loaded: %1]");
    labels.localImage = QCoreApplication::translate("MessageText", "[image not loaded: %1]");
    QString safe = markdown::safeMarkdown(text, markdown::MarkdownUse::Display, labels);
    if (hasImage(safe)) {
        spdlog::warn("a message still held an image after sanitizing: shown as plain text");
        safe = markdown::escapeMarkdown(text);
    }
    shown.insert(key, new QString(safe), key.size() + safe.size());
    return safe;
}

QVariantList splitMarkdownBlocks(const QString& markdown) {
    QVariantList out;
    QStringList lines;
    bool inCode = false;
    QString language;
    const QStringList all = markdown.split(QLatin1Char('\n'));
    for (const QString& line : all) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("```"))) {
            if (!inCode) {
                push(out, "text", lines);
                language = trimmed.mid(3).trimmed();
                inCode = true;
            } else {
                push(out, "code", lines, language);
                inCode = false;
            }
            continue;
        }
        lines.append(line);
    }
    if (inCode) push(out, "code", lines, language);
    else push(out, "text", lines);
    return out;
}

}  // namespace causerie::gui
