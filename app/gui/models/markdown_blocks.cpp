#include "models/markdown_blocks.h"

#include <QStringList>
#include <QVariantMap>

namespace causerie::gui {

namespace {
void push(QVariantList& out, const char* kind, QStringList& lines, const QString& language = {}) {
    QString text = lines.join(QLatin1Char('\n'));
    lines.clear();
    if (QLatin1String(kind) == QLatin1String("text") && text.trimmed().isEmpty()) return;
    out.append(QVariantMap{{QStringLiteral("kind"), QString::fromLatin1(kind)},
                           {QStringLiteral("text"), text},
                           {QStringLiteral("language"), language}});
}
}  // namespace

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
