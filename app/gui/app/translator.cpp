#include "app/translator.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QQmlEngine>

namespace causerie::gui {

Translator::Translator(QObject* parent) : QObject(parent) {}

Translator::~Translator() {
    if (translator_) QCoreApplication::removeTranslator(translator_.get());
    if (qtTranslator_) QCoreApplication::removeTranslator(qtTranslator_.get());
}

QString Translator::apply(const QString& setting) {
    QString language = setting;
    if (language != QLatin1String("en") && language != QLatin1String("fr"))
        language = QLocale::system().language() == QLocale::French ? QStringLiteral("fr") : QStringLiteral("en");
    if (translator_) {
        QCoreApplication::removeTranslator(translator_.get());
        translator_.reset();
    }
    if (qtTranslator_) {
        QCoreApplication::removeTranslator(qtTranslator_.get());
        qtTranslator_.reset();
    }
    auto qt = std::make_unique<QTranslator>();
    if (language != QLatin1String("en") &&
        qt->load(QStringLiteral("qt_%1").arg(language), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        qtTranslator_ = std::move(qt);
    }
    auto next = std::make_unique<QTranslator>();
    if (next->load(QStringLiteral(":/i18n/causerie_%1.qm").arg(language))) {
        QCoreApplication::installTranslator(next.get());
        translator_ = std::move(next);
    }
    QLocale::setDefault(QLocale(language == QLatin1String("fr") ? QLocale::French : QLocale::English,
                                language == QLatin1String("fr") ? QLocale::France : QLocale::UnitedStates));
    current_ = language;
    if (engine_) {
        engine_->setUiLanguage(language);
        engine_->retranslate();
    }
    return language;
}

}  // namespace causerie::gui
