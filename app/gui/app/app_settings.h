// The interface's preferences, saved in <data>/settings.ini and shown on the settings page.
#pragma once
#include <QObject>
#include <QSettings>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace causerie::gui {

class AppSettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by App")
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)  // "system", "en", "fr"
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY themeChanged)              // "system", "light", "dark", "contrast" (high contrast)
    Q_PROPERTY(int fontSize READ fontSize WRITE setFontSize NOTIFY fontSizeChanged)      // points
    Q_PROPERTY(QString logLevel READ logLevel WRITE setLogLevel NOTIFY logLevelChanged)
    Q_PROPERTY(QString lastModel READ lastModel WRITE setLastModel NOTIFY lastModelChanged)
    // The Documents' embedding model: a path, "none" (lexical search only), or "" (the first
    // installed embedding model).
    Q_PROPERTY(QString embeddingModel READ embeddingModel WRITE setEmbeddingModel NOTIFY embeddingModelChanged)
    Q_PROPERTY(int device READ device WRITE setDevice NOTIFY deviceChanged)  // Vulkan device index, -1: the best
    // The model manager: where the catalog is refreshed from, and the Hugging Face server (a mirror).
    Q_PROPERTY(QString catalogUrl READ catalogUrl WRITE setCatalogUrl NOTIFY catalogUrlChanged)
    Q_PROPERTY(QString hfBaseUrl READ hfBaseUrl WRITE setHfBaseUrl NOTIFY hfBaseUrlChanged)
    // Carbon intensity of the electricity (gCO2e/kWh) for each reply's CO2e estimate; France's by
    // default (57, the figure of the BLOOM carbon footprint study).
    Q_PROPERTY(double gridIntensity READ gridIntensity WRITE setGridIntensity NOTIFY gridIntensityChanged)
    Q_PROPERTY(QString dataDir READ dataDir CONSTANT)
    Q_PROPERTY(QString logDir READ logDir CONSTANT)
public:
    explicit AppSettings(const QString& dataDir, QObject* parent = nullptr);

    QString language() const { return language_; }
    void setLanguage(const QString& value);
    QString theme() const { return theme_; }
    void setTheme(const QString& value);
    int fontSize() const { return fontSize_; }
    void setFontSize(int value);
    QString logLevel() const { return logLevel_; }
    void setLogLevel(const QString& value);
    QString lastModel() const { return lastModel_; }
    void setLastModel(const QString& value);
    QString embeddingModel() const { return embeddingModel_; }
    void setEmbeddingModel(const QString& value);
    int device() const { return device_; }
    void setDevice(int value);
    QString catalogUrl() const { return catalogUrl_; }
    void setCatalogUrl(const QString& value);
    QString hfBaseUrl() const { return hfBaseUrl_; }
    void setHfBaseUrl(const QString& value);
    double gridIntensity() const { return gridIntensity_; }
    void setGridIntensity(double value);
    static constexpr double kDefaultGridIntensity = 57.0;
    static QString defaultCatalogUrl();
    static QString defaultHfBaseUrl();
    QString dataDir() const { return dataDir_; }
    QString logDir() const;

signals:
    void languageChanged();
    void themeChanged();
    void fontSizeChanged();
    void logLevelChanged();
    void lastModelChanged();
    void embeddingModelChanged();
    void deviceChanged();
    void catalogUrlChanged();
    void hfBaseUrlChanged();
    void gridIntensityChanged();

private:
    QString dataDir_;
    QSettings store_;
    QString language_, theme_, logLevel_, lastModel_, catalogUrl_, hfBaseUrl_, embeddingModel_;
    int fontSize_ = 11;
    int device_ = -1;
    double gridIntensity_ = kDefaultGridIntensity;
};

}  // namespace causerie::gui
