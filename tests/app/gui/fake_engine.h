// A ChatEngine for tests: "loads" any path at once (after a few progress steps) and streams a
// canned reply word by word with a small delay, on the GUI thread's event loop.
#pragma once
#include "engine/chat_engine.h"

#include <QStringList>
#include <QTimer>

namespace causerie::gui {

class FakeEngine : public ChatEngine {
    Q_OBJECT
    Q_PROPERTY(int tokenDelay MEMBER tokenDelay_)
    Q_PROPERTY(QString reply MEMBER reply_)
    Q_PROPERTY(QString failLoadReason MEMBER failLoadReason_)
    Q_PROPERTY(int requests READ requests)
    Q_PROPERTY(QString lastPrompt READ lastPrompt)
    // The next model "loaded" has a template that takes enable_thinking (Qwen 3's default: on).
    Q_PROPERTY(bool thinkingTemplate MEMBER thinkingTemplate_)
    // What the next replies report as measured (joules; < 0: nothing measured).
    Q_PROPERTY(double energyJoules MEMBER energyJoules_)
    // The last request's enable_thinking: "unset", "true" or "false".
    Q_PROPERTY(QString lastEnableThinking READ lastEnableThinking)
public:
    explicit FakeEngine(QObject* parent = nullptr);

    void loadModel(const QString& path, int contextLength, int device) override;
    void listDevices() override;
    void unloadModel() override;
    void generate(const GenerationRequest& request) override;
    void stop() override;

    int requests() const { return requests_; }
    QString lastPrompt() const { return lastPrompt_; }  // the turns of the last request, one a line
    QString lastEnableThinking() const { return lastEnableThinking_; }
    static QString defaultReply();

private:
    void step();

    int tokenDelay_ = 10;
    QString reply_ = defaultReply();
    QString failLoadReason_;
    QTimer timer_;
    QStringList pieces_;
    qsizetype next_ = 0;
    quint64 requestId_ = 0;
    bool stopRequested_ = false;
    int requests_ = 0;
    QString lastPrompt_;
    bool thinkingTemplate_ = false;
    double energyJoules_ = -1;
    QString lastEnableThinking_ = QStringLiteral("unset");
    QString text_;
};

}  // namespace causerie::gui
