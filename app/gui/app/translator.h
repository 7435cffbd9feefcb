// Live language switching: installs the QTranslator of the chosen language, sets the default
// QLocale (dates, numbers) and asks the QML engine to re-evaluate every qsTr binding.
#pragma once
#include <QObject>
#include <QPointer>
#include <QTranslator>
#include <memory>

#include <QQmlEngine>

namespace causerie::gui {

class Translator : public QObject {
    Q_OBJECT
public:
    explicit Translator(QObject* parent = nullptr);
    ~Translator() override;

    void setEngine(QQmlEngine* engine) { engine_ = engine; }
    // "system", "en" or "fr"; returns the language in effect ("en" or "fr").
    QString apply(const QString& setting);
    QString current() const { return current_; }

private:
    std::unique_ptr<QTranslator> translator_;
    std::unique_ptr<QTranslator> qtTranslator_;  // Qt's own texts (dialogs)
    QPointer<QQmlEngine> engine_;
    QString current_;
};

}  // namespace causerie::gui
