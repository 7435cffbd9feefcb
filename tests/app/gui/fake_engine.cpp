#include "fake_engine.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace causerie::gui {

FakeEngine::FakeEngine(QObject* parent) : ChatEngine(parent) {
    qRegisterMetaType<GenerationRequest>();
    qRegisterMetaType<ModelInfo>();
    qRegisterMetaType<GenerationStats>();
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, &FakeEngine::step);
}

QString FakeEngine::defaultReply() {
    return QStringLiteral(
        "Bonjour! Here is a **small** example with a list:\n\n- one\n- two\n\n```cpp\nint main() {\n    return 0;\n}\n```\n\n"
        "That is all.");
}

void FakeEngine::listDevices() {
    QTimer::singleShot(0, this, [this] { 
        emit devicesListed({QStringLiteral("Fake GPU"), QStringLiteral("Fake CPU device")});
        emit deviceMemoryListed({qint64(8) << 30, 0});
    });
}

void FakeEngine::loadModel(const QString& path, int contextLength, int device) {
    QTimer::singleShot(5, this, [this, path, contextLength, device] {
        for (double p : {0.25, 0.5, 1.0}) emit loadProgress(p);
        if (!failLoadReason_.isEmpty()) {
            emit loadFailed(path, failLoadReason_);
            return;
        }
        ModelInfo info;
        info.path = path;
        info.name = QFileInfo(path).completeBaseName();
        info.architecture = QStringLiteral("fake");
        info.templateName = QStringLiteral("chatml");
        info.deviceName = device == 1 ? QStringLiteral("Fake CPU device") : QStringLiteral("Fake GPU");
        info.fileSize = 1234567;
        info.contextLength = contextLength > 0 ? contextLength : 2048;
        info.thinkingSwitch = thinkingTemplate_;
        info.thinkingDefault = true;
        emit modelLoaded(info);
    });
}

void FakeEngine::unloadModel() { emit modelUnloaded(); }

void FakeEngine::generate(const GenerationRequest& request) {
    ++requests_;
    QStringList lines;
    for (const ChatTurn& t : request.turns) lines << t.role + QLatin1String(": ") + t.content;
    lastPrompt_ = lines.join(QLatin1Char('\n'));
    lastEnableThinking_ = !request.enableThinking ? QStringLiteral("unset") : *request.enableThinking ? QStringLiteral("true") : QStringLiteral("false");
    requestId_ = request.id;
    stopRequested_ = false;
    text_.clear();
    pieces_.clear();
    // Words with their following spaces, so that joining the pieces gives the reply back.
    static const QRegularExpression word(QStringLiteral("\\S+\\s*|\\s+"));
    for (auto it = word.globalMatch(reply_); it.hasNext();) pieces_ << it.next().captured();
    next_ = 0;
    timer_.start(tokenDelay_);
}

void FakeEngine::stop() { stopRequested_ = true; }

void FakeEngine::step() {
    const bool done = stopRequested_ || next_ >= pieces_.size();
    if (!done) {
        text_ += pieces_[next_];
        emit pieceReady(requestId_, pieces_[next_++]);
        timer_.start(tokenDelay_);
        return;
    }
    GenerationStats stats;
    stats.text = text_;
    stats.promptTokens = int(lastPrompt_.size() / 4);
    stats.generatedTokens = int(next_);
    stats.contextUsed = stats.promptTokens + stats.generatedTokens;
    stats.promptTokensPerSecond = 500;
    stats.tokensPerSecond = 42.5;
    stats.stopReason = stopRequested_ ? QStringLiteral("cancelled") : QStringLiteral("end of generation");
    stats.sampler = QStringLiteral("fake");
    if (energyJoules_ >= 0) {
        stats.energyJoules = energyJoules_;
        stats.energySources = {QStringLiteral("CPU package-0 (RAPL)"), QStringLiteral("Fake GPU (NVML)")};
    }
    emit generationFinished(requestId_, stats);
}

}  // namespace causerie::gui
