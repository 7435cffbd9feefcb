#include "app/app_settings.h"

#include <QDir>
#include <algorithm>

namespace causerie::gui {

namespace {
QString oneOf(const QString& value, std::initializer_list<const char*> allowed) {
    for (const char* a : allowed)
        if (value == QLatin1String(a)) return value;
    return QString::fromLatin1(*allowed.begin());
}
}  // namespace

AppSettings::AppSettings(const QString& dataDir, QObject* parent)
    : QObject(parent), dataDir_(dataDir), store_(QDir(dataDir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat) {
    language_ = oneOf(store_.value(QStringLiteral("ui/language")).toString(), {"system", "en", "fr"});
    theme_ = oneOf(store_.value(QStringLiteral("ui/theme")).toString(), {"system", "light", "dark", "contrast"});
    fontSize_ = std::clamp(store_.value(QStringLiteral("ui/fontSize"), 11).toInt(), 8, 24);
    logLevel_ = oneOf(store_.value(QStringLiteral("log/level")).toString(), {"info", "debug", "trace", "warn", "error"});
    lastModel_ = store_.value(QStringLiteral("model/last")).toString();
    embeddingModel_ = store_.value(QStringLiteral("documents/embeddingModel")).toString();
    device_ = std::max(-1, store_.value(QStringLiteral("engine/device"), -1).toInt());
    catalogUrl_ = store_.value(QStringLiteral("models/catalogUrl"), defaultCatalogUrl()).toString().trimmed();
    hfBaseUrl_ = store_.value(QStringLiteral("models/hfBaseUrl"), defaultHfBaseUrl()).toString().trimmed();
    if (hfBaseUrl_.isEmpty()) hfBaseUrl_ = defaultHfBaseUrl();
    bool ok = false;
    const double intensity = store_.value(QStringLiteral("energy/gridIntensity"), kDefaultGridIntensity).toDouble(&ok);
    gridIntensity_ = ok ? std::clamp(intensity, 0.0, 2000.0) : kDefaultGridIntensity;
}

void AppSettings::setGridIntensity(double value) {
    const double v = std::clamp(value, 0.0, 2000.0);
    if (v == gridIntensity_) return;
    gridIntensity_ = v;
    store_.setValue(QStringLiteral("energy/gridIntensity"), v);
    emit gridIntensityChanged();
}

// No catalog address by default: the built-in catalog (and the last refreshed copy) is used.
QString AppSettings::defaultCatalogUrl() { return {}; }

QString AppSettings::defaultHfBaseUrl() { return QStringLiteral("https://huggingface.co"); }

void AppSettings::setCatalogUrl(const QString& value) {
    const QString v = value.trimmed();
    if (v == catalogUrl_) return;
    catalogUrl_ = v;
    store_.setValue(QStringLiteral("models/catalogUrl"), v);
    emit catalogUrlChanged();
}

void AppSettings::setHfBaseUrl(const QString& value) {
    QString v = value.trimmed();
    while (v.endsWith(QLatin1Char('/'))) v.chop(1);
    if (v.isEmpty()) v = defaultHfBaseUrl();
    if (v == hfBaseUrl_) return;
    hfBaseUrl_ = v;
    store_.setValue(QStringLiteral("models/hfBaseUrl"), v);
    emit hfBaseUrlChanged();
}

QString AppSettings::logDir() const { return QDir(dataDir_).filePath(QStringLiteral("logs")); }

void AppSettings::setLanguage(const QString& value) {
    const QString v = oneOf(value, {"system", "en", "fr"});
    if (v == language_) return;
    language_ = v;
    store_.setValue(QStringLiteral("ui/language"), v);
    emit languageChanged();
}

void AppSettings::setTheme(const QString& value) {
    const QString v = oneOf(value, {"system", "light", "dark", "contrast"});
    if (v == theme_) return;
    theme_ = v;
    store_.setValue(QStringLiteral("ui/theme"), v);
    emit themeChanged();
}

void AppSettings::setFontSize(int value) {
    const int v = std::clamp(value, 8, 24);
    if (v == fontSize_) return;
    fontSize_ = v;
    store_.setValue(QStringLiteral("ui/fontSize"), v);
    emit fontSizeChanged();
}

void AppSettings::setLogLevel(const QString& value) {
    const QString v = oneOf(value, {"info", "debug", "trace", "warn", "error"});
    if (v == logLevel_) return;
    logLevel_ = v;
    store_.setValue(QStringLiteral("log/level"), v);
    emit logLevelChanged();
}

void AppSettings::setDevice(int value) {
    const int v = std::max(-1, value);
    if (v == device_) return;
    device_ = v;
    store_.setValue(QStringLiteral("engine/device"), v);
    emit deviceChanged();
}

void AppSettings::setLastModel(const QString& value) {
    if (value == lastModel_) return;
    lastModel_ = value;
    store_.setValue(QStringLiteral("model/last"), value);
    emit lastModelChanged();
}

void AppSettings::setEmbeddingModel(const QString& value) {
    if (value == embeddingModel_) return;
    embeddingModel_ = value;
    store_.setValue(QStringLiteral("documents/embeddingModel"), value);
    emit embeddingModelChanged();
}

}  // namespace causerie::gui
