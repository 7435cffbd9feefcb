// QML tests of the real interface (AppShell) against the fake engine: each test file gets a
// fresh App over a new data folder. `fakeEngine`, `screenshotDir`, `sharedDir` and
// `testServerUrl` (a local HTTP server speaking the Hugging Face API for the Models page, with
// one slow GGUF download), `openAiUrl` (a fake OpenAI-compatible server, tests/app/remote, with
// two models and a streamed chat reply; keys are kept for the session: CAUSERIE_KEYRING=session)
// are context properties, and `probe` (what the server saw, what the
// interface renders, hostile content to import).
#include "app/offline_network.h"
#include "controllers/app_controller.h"
#include "fake_engine.h"
#include "http_test_server.h"
#include "sse_test_server.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQuickItem>
#include <QQuickTextDocument>
#include <QQuickWindow>
#include <QTextBlock>
#include <QTextDocument>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <cmath>
#include <memory>
#include <vector>

Q_IMPORT_QML_PLUGIN(CauseriePlugin)

using namespace causerie::gui;

// For the offline tests: counts what reached the test server, finds rendered text that could
// fetch something, writes a conversation full of hostile content to import.
class Probe : public QObject {
    Q_OBJECT
public:
    Probe(causerie::models::test::HttpTestServer* server, QString dir, QObject* parent)
        : QObject(parent), server_(server), dir_(std::move(dir)) {}

    Q_INVOKABLE int serverRequests() const { return static_cast<int>(server_->requests().size()); }
    Q_INVOKABLE QString serverPaths() const {
        QStringList paths;
        for (const auto& r : server_->requests()) paths << QString::fromLatin1(r.path);
        return paths.join(QStringLiteral(", "));
    }
    // Makes a route of the server answer `status` (200: serve it again).
    Q_INVOKABLE void setRouteStatus(const QString& path, int status) {
        auto& route = server_->route(path.toLatin1());
        route.status = status;
        route.failFirst = 0;
    }
    Q_INVOKABLE int refusedRequests() const { return OfflineNetworkFactory::refusedCount(); }
    Q_INVOKABLE QString tempPath(const QString& name) const { return dir_ + QLatin1Char('/') + name; }
    Q_INVOKABLE bool makeDir(const QString& path) const { return QDir().mkpath(path); }
    Q_INVOKABLE bool writeFile(const QString& path, const QString& text) const {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) >= 0;
    }
    Q_INVOKABLE QString readFile(const QString& path) const {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    // Every text item of `item`'s window that would render rich text holding an image, a
    // style sheet or raw HTML: "objectName: what" lines (empty when none). Also counts the
    // Markdown documents seen, so that a test knows it looked at the messages.
    Q_INVOKABLE QStringList unsafeTexts(QQuickItem* item) {
        QStringList problems;
        markdownSeen_ = 0;
        if (item && item->window()) walk(item->window()->contentItem(), problems);
        return problems;
    }
    Q_INVOKABLE int markdownSeen() const { return markdownSeen_; }

    // Every visible, enabled text of `item`'s window whose colour against what lies behind it
    // has a contrast below WCAG AA for body text (4.5:1): "name 'text' ratio fg/bg" lines.
    Q_INVOKABLE QStringList lowContrastTexts(QQuickItem* item) const {
        QStringList problems;
        if (!item || !item->window()) return problems;
        contrastWalk(item->window()->contentItem(), item->window()->color(), problems,
                     QRectF(QPointF(0, 0), QSizeF(item->window()->size())));
        return problems;
    }

    // A conversation export whose messages and title aim every kind of fetch at the server.
    Q_INVOKABLE QString hostileConversation() const {
        const QString s = QString::fromLatin1(server_->url("/leak?"));
        const QStringList texts = {
            QStringLiteral("Inline ![chart](%1inline) and ![titled](%1titled \"t\") and [![linked](%1nested)](https://example.com)").arg(s),
            QStringLiteral("Reference ![ref][r] and ![r]\n\n[r]: %1reference").arg(s),
            QStringLiteral("Autolinks <%1autolink> and %1bare and www.example.com").arg(s),
            QStringLiteral("<img src=\"%1img\"> <iframe src=\"%1iframe\"></iframe>\n\n<style>p{background:url(%1style)}</style>\n"
                           "<link rel=\"prefetch\" href=\"%1prefetch\"><p style=\"background:url(%1attr)\">x</p>").arg(s),
            QStringLiteral("[js](javascript:fetch('%1js')) [file](file:///etc/passwd) [web](%1link) [mail](mailto:a@example.com)").arg(s),
            QStringLiteral("Right-to-left \u202Egnp.exe\u202C and zero\u200Bwidth [safe\u202Etxt.exe](%1rtl) ![\u200B](%1zw)").arg(s),
            QStringLiteral("```<img src=%1lang>\ncode <img src=%1code>\n```\n\n~~~\n![x](%1tilde)\n~~~").arg(s),
            QStringLiteral("Lorem ipsum dolor sit amet ").repeated(40000) + QStringLiteral("![end](%1big)").arg(s),
        };
        QJsonArray messages;
        for (int i = 0; i < texts.size(); ++i) {
            messages.append(QJsonObject{{QStringLiteral("id"), i + 1},
                                        {QStringLiteral("parent_id"), i > 0 ? QJsonValue(i) : QJsonValue()},
                                        {QStringLiteral("role"), i % 2 ? QStringLiteral("assistant") : QStringLiteral("user")},
                                        {QStringLiteral("text"), texts[i]},
                                        {QStringLiteral("state"), QStringLiteral("complete")}});
        }
        const QJsonObject conversation{{QStringLiteral("title"), QStringLiteral("Hostile <img src=\"%1title\"> leak").arg(s)},
                                       {QStringLiteral("current_leaf_id"), texts.size()}};
        const QJsonObject root{{QStringLiteral("format"), QStringLiteral("causerie-conversation")},
                               {QStringLiteral("version"), 1},
                               {QStringLiteral("conversation"), conversation},
                               {QStringLiteral("messages"), messages}};
        const QString path = dir_ + QStringLiteral("/hostile.json");
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0) return {};
        return path;
    }

private:
    void walk(QQuickItem* item, QStringList& problems) {
        if (!item || !item->isVisible()) return;
        const QString cls = QString::fromLatin1(item->metaObject()->className());
        const QString name = item->objectName().isEmpty() ? cls : item->objectName();
        const QVariant textProperty = item->property("text");
        const int format = item->property("textFormat").toInt();  // Plain 0, Rich 1, Auto 2, Markdown 3, Styled 4
        if (item->inherits("QQuickTextEdit")) {
            const auto* doc = item->property("textDocument").value<QQuickTextDocument*>();
            if (format == 3) ++markdownSeen_;
            if (doc && doc->textDocument() && format != 0) check(doc->textDocument(), name, problems);
        } else if (item->inherits("QQuickText")) {
            const QString text = textProperty.toString();
            if (format == 1 || format == 3 || (format == 2 && Qt::mightBeRichText(text))) {
                problems << QStringLiteral("%1: rich text \"%2\"").arg(name, text.left(80));
            } else if (format == 4 && text.contains(QLatin1String("<img"), Qt::CaseInsensitive)) {
                problems << QStringLiteral("%1: styled text with an image").arg(name);
            }
        }
        for (QQuickItem* child : item->childItems()) walk(child, problems);
    }
    static double luminance(const QColor& c) {
        const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    }
    static bool opaqueRectangle(QQuickItem* r) {
        if (!r->inherits("QQuickRectangle") || !r->isVisible() || r->opacity() < 0.9) return false;
        const QColor c = r->property("color").value<QColor>();
        return c.isValid() && c.alphaF() > 0.9;
    }
    // The colour behind `item`'s centre: the nearest opaque Rectangle below it (an ancestor, or
    // an earlier sibling of an ancestor covering that point), else the window's colour.
    static QColor backgroundOf(QQuickItem* item, const QColor& windowColor) {
        const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QQuickItem* branch = item;
        for (QQuickItem* a = item->parentItem(); a; branch = a, a = a->parentItem()) {
            QQuickItem* below = nullptr;
            for (QQuickItem* sibling : a->childItems()) {
                if (sibling == branch) break;
                if (sibling->z() > branch->z() || !opaqueRectangle(sibling)) continue;
                const QRectF area = sibling->mapRectToScene(QRectF(0, 0, sibling->width(), sibling->height()));
                if (area.contains(centre)) below = sibling;
            }
            for (QQuickItem* sibling : a->childItems()) {  // backgrounds declared after, at a lower z
                if (sibling == branch || sibling->z() >= branch->z() || !opaqueRectangle(sibling)) continue;
                const QRectF area = sibling->mapRectToScene(QRectF(0, 0, sibling->width(), sibling->height()));
                if (area.contains(centre)) below = sibling;
            }
            if (below) return below->property("color").value<QColor>();
            if (opaqueRectangle(a)) return a->property("color").value<QColor>();
        }
        return windowColor;
    }
    // `visibleArea`: the part of the window that clipping ancestors leave visible (scene coordinates):
    // a text scrolled out of sight is not judged against what happens to lie there.
    static void contrastWalk(QQuickItem* item, const QColor& windowColor, QStringList& problems, QRectF visibleArea) {
        if (!item || !item->isVisible() || item->opacity() < 0.5 || !item->isEnabled()) return;
        if (item->clip()) visibleArea &= item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
        const bool text = item->inherits("QQuickText") || item->inherits("QQuickTextEdit") || item->inherits("QQuickTextInput");
        const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        if (text && item->width() > 0 && item->height() > 0 && visibleArea.contains(centre)) {
            const QString shown = item->property("text").toString();
            const QColor fg = item->property("color").value<QColor>();
            if (!shown.trimmed().isEmpty() && fg.isValid() && fg.alphaF() > 0.5) {
                const QColor bg = backgroundOf(item, windowColor);
                const double a = luminance(fg) + 0.05, b = luminance(bg) + 0.05;
                const double ratio = std::max(a, b) / std::min(a, b);
                if (ratio < 4.5) {
                    problems << QStringLiteral("%1 '%2' %3:1 %4 on %5")
                                    .arg(item->objectName().isEmpty() ? QString::fromLatin1(item->metaObject()->className()) : item->objectName(),
                                         shown.left(40), QString::number(ratio, 'f', 2), fg.name(), bg.name());
                }
            }
        }
        for (QQuickItem* child : item->childItems()) contrastWalk(child, windowColor, problems, visibleArea);
    }

    static void check(QTextDocument* doc, const QString& name, QStringList& problems) {
        for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextCharFormat f = it.fragment().charFormat();
                if (f.isImageFormat()) problems << QStringLiteral("%1: image %2").arg(name, f.toImageFormat().name().left(80));
                if (f.isAnchor()) {
                    const QUrl href(f.anchorHref());
                    const QString scheme = href.scheme();
                    if (scheme != QLatin1String("http") && scheme != QLatin1String("https") && scheme != QLatin1String("mailto"))
                        problems << QStringLiteral("%1: link to %2").arg(name, f.anchorHref().left(80));
                }
            }
        }
    }

    causerie::models::test::HttpTestServer* server_;
    QString dir_;
    int markdownSeen_ = 0;
};

class Setup : public QObject {
    Q_OBJECT
public:
    Setup() {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        qputenv("CAUSERIE_KEYRING", "session");  // the tests never touch the user's keyring
    }

public slots:
    void applicationAvailable() {
        using causerie::models::test::Route;
        server_ = std::make_unique<causerie::models::test::HttpTestServer>();
        if (!server_->listen()) qFatal("the test HTTP server cannot listen");
        openAi_ = std::make_unique<causerie::remote::test::SseTestServer>();
        if (!openAi_->listen()) qFatal("the fake OpenAI server cannot listen");
        openAi_->setRoute("/v1/models", {200, "application/json",
                                         R"({"object":"list","data":[{"id":"llama-3.3-70b","object":"model"},)"
                                         R"({"id":"qwen3-32b","object":"model"}]})"});
        openAi_->setRoute("/v1/chat/completions",
                          {200, "text/event-stream",
                           causerie::remote::test::chatChunk({}, QStringLiteral("A short thought.")) +
                               causerie::remote::test::chatChunk(QStringLiteral("Hello from the remote server.")) +
                               causerie::remote::test::chatChunk({}, {}, "stop") + "data: [DONE]\n\n"});
        QFile gguf(QStringLiteral(CAUSERIE_SHARED_DIR "/models/stories260K.gguf"));
        if (!gguf.open(QIODevice::ReadOnly)) qFatal("no stories260K.gguf");
        const QByteArray bytes = gguf.readAll();
        const QByteArray size = QByteArray::number(bytes.size());
        server_->setRoute("/api/models?search=tiny&filter=gguf&sort=downloads&direction=-1&limit=30",
                          Route{"[{\"id\":\"test/tiny-GGUF\",\"downloads\":1234,\"likes\":56}]"});
        server_->setRoute("/api/models/test/tiny-GGUF/tree/main?recursive=true",
                          Route{"[{\"type\":\"file\",\"path\":\"tiny-Q8_0.gguf\",\"size\":" + size +
                                "},{\"type\":\"file\",\"path\":\"tiny-Q4_K_M.gguf\",\"size\":" + size + "}]"});
        Route slow{bytes};  // about 3 s, so that the screenshots and the buttons see it running
        slow.chunkBytes = 16 * 1024;
        slow.chunkDelayMs = 40;
        server_->setRoute("/test/tiny-GGUF/resolve/main/tiny-Q4_K_M.gguf", slow);
        // A catalog whose first suggestion is that file, downloaded from this server.
        server_->setRoute("/catalog.json",
                          Route{"{\"version\":99,\"downloadBase\":\"" + server_->url("") + "\",\"models\":[{\"id\":\"tiny-welcome\","
                                "\"name\":\"Tiny Welcome\",\"repository\":\"test/tiny-GGUF\",\"file\":\"tiny-Q4_K_M.gguf\","
                                "\"quantization\":\"Q8_0\",\"size\":" + size + ",\"sizeApproximate\":false,\"parameters\":\"260K\","
                                "\"parameterCount\":260000,\"license\":\"mit\",\"contextLength\":512,\"architecture\":\"llama\","
                                "\"languages\":[\"en\",\"fr\"],\"welcome\":1,"
                                "\"description\":{\"en\":\"A tiny test model.\",\"fr\":\"Un tout petit modèle de test.\"}}]}"});
    }

    void qmlEngineAvailable(QQmlEngine* engine) {
        auto dir = std::make_unique<QTemporaryDir>();
        auto* fake = new FakeEngine(engine);
        auto* app = new AppController(dir->path(), fake, engine);
        app->attachEngine(engine, QStringLiteral("en"));
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine->rootContext()->setContextProperty(QStringLiteral("fakeEngine"), fake);
        engine->rootContext()->setContextProperty(QStringLiteral("screenshotDir"), QStringLiteral(CAUSERIE_SCREENSHOT_DIR));
        engine->rootContext()->setContextProperty(QStringLiteral("sharedDir"), QStringLiteral(CAUSERIE_SHARED_DIR));
        engine->rootContext()->setContextProperty(QStringLiteral("testServerUrl"), QString::fromLatin1(server_->url("")));
        engine->rootContext()->setContextProperty(QStringLiteral("openAiUrl"), QString::fromLatin1(openAi_->baseUrl()));
        engine->rootContext()->setContextProperty(QStringLiteral("probe"), new Probe(server_.get(), dir->path(), engine));
        QDir().mkpath(QStringLiteral(CAUSERIE_SCREENSHOT_DIR));
        dirs_.push_back(std::move(dir));
    }

private:
    std::vector<std::unique_ptr<QTemporaryDir>> dirs_;
    std::unique_ptr<causerie::models::test::HttpTestServer> server_;
    std::unique_ptr<causerie::remote::test::SseTestServer> openAi_;
};

QUICK_TEST_MAIN_WITH_SETUP(gui_qml, Setup)

#include "tst_gui_qml.moc"
