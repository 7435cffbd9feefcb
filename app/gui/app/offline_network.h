// The QML engine's network access: none. Images, fonts, style sheets or anything else that QML
// or rich text would fetch from a URL is refused, so that nothing a model writes (a Markdown
// image carrying the conversation in its URL) can reach the network. The app's own network
// traffic (catalog, Hugging Face, downloads) goes through QNetworkAccessManagers that the C++
// code creates and names for that purpose, on a user's action.
#pragma once
#include <QQmlNetworkAccessManagerFactory>
#include <atomic>

class QQmlEngine;

namespace causerie::gui {

class OfflineNetworkFactory : public QQmlNetworkAccessManagerFactory {
public:
    QNetworkAccessManager* create(QObject* parent) override;

    // The one factory, installed on `engine` (which does not own it).
    static void install(QQmlEngine* engine);
    // Requests refused since the start, by every engine (for the log and the tests).
    static int refusedCount() { return refused_.load(); }
    static void countRefusal() { ++refused_; }

private:
    static inline std::atomic<int> refused_{0};
};

}  // namespace causerie::gui
