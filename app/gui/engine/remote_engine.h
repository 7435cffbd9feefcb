// A reply from a remote OpenAI-compatible endpoint: the ReplyEngine over app/core/remote's
// client. Streams on the GUI thread's event loop (the network is asynchronous: nothing waits);
// stop() aborts the HTTP request at once. The sampling sent is what every OpenAI-compatible
// server reads: temperature, top-p, max tokens and the seed (top-k, min-p and the repeat penalty
// are the local engine's and are not sent: the official API refuses unknown fields).
#pragma once
#include "engine/reply_engine.h"
#include "remote/openai_client.h"

#include <QPointer>

#include <functional>

namespace causerie::gui {

struct RemoteTarget {
    remote::Endpoint endpoint;
    QString model;  // the server's name for it
};

class RemoteEngine : public ReplyEngine {
    Q_OBJECT
public:
    // `nam` null: the client makes its own QNetworkAccessManager.
    explicit RemoteEngine(QNetworkAccessManager* nam = nullptr, QObject* parent = nullptr);
    ~RemoteEngine() override;

    // Where the next replies go.
    void setTarget(const RemoteTarget& target) { target_ = target; }
    // Or asked at each reply (the app: the chosen connection's endpoint with its current key).
    void setTargetResolver(std::function<RemoteTarget()> resolver) { resolver_ = std::move(resolver); }
    const RemoteTarget& target() const { return target_; }
    remote::OpenAiClient* client() { return &client_; }

    void generate(const GenerationRequest& request) override;
    void stop() override;

    // A remote error in the interface language, one line.
    static QString describe(const remote::RemoteError& error);

    // The parameters a GenerationRequest becomes for this endpoint (enable_thinking only to a
    // private host); public for the tests.
    static remote::RemoteParams paramsFor(const GenerationRequest& request, const remote::Endpoint& endpoint);

private:
    void onFinished(remote::CompletionStream* stream, quint64 id);

    remote::OpenAiClient client_;
    RemoteTarget target_;
    std::function<RemoteTarget()> resolver_;
    QPointer<remote::CompletionStream> stream_;
};

}  // namespace causerie::gui
