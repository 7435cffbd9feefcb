#include "engine/remote_engine.h"

#include <spdlog/spdlog.h>

namespace causerie::gui {

RemoteEngine::RemoteEngine(QNetworkAccessManager* nam, QObject* parent) : ReplyEngine(parent), client_(nam) {}

RemoteEngine::~RemoteEngine() {
    if (stream_) stream_->abort();
}

QString RemoteEngine::describe(const remote::RemoteError& e) {
    const QString said = e.detail.isEmpty() ? QString() : QStringLiteral(": ") + e.detail;
    switch (e.kind) {
        case remote::ErrorKind::Refused: return tr("connection refused by %1 (is the server running?)").arg(e.where);
        case remote::ErrorKind::HostNotFound: return tr("the host %1 is not found").arg(e.where);
        case remote::ErrorKind::Unauthorized: return tr("%1 refused the API key (HTTP %2)").arg(e.where).arg(e.status) + said;
        case remote::ErrorKind::NotFound: return tr("not found at %1: no such model, or a wrong base URL").arg(e.where) + said;
        case remote::ErrorKind::Timeout: return tr("%1 did not answer in time").arg(e.where);
        case remote::ErrorKind::Cut: return tr("the stream from %1 was cut before its end; the partial reply is kept").arg(e.where);
        case remote::ErrorKind::Server:
            return e.status ? tr("%1 answered HTTP %2").arg(e.where).arg(e.status) + said : tr("%1 reported an error").arg(e.where) + said;
        case remote::ErrorKind::Protocol: return tr("%1 does not answer as an OpenAI-compatible server").arg(e.where) + said;
        case remote::ErrorKind::Network: break;
    }
    return e.message;
}

remote::RemoteParams RemoteEngine::paramsFor(const GenerationRequest& request, const remote::Endpoint& endpoint) {
    remote::RemoteParams p;
    if (remote::isPrivateHost(endpoint.baseUrl)) p.enableThinking = request.enableThinking;
    p.temperature = request.sampling.temperature;
    p.topP = request.sampling.topP;
    p.seed = qint64(request.seed & 0x7fffffffffffffffULL);
    p.maxTokens = request.sampling.maxTokens;
    return p;
}

void RemoteEngine::generate(const GenerationRequest& request) {
    if (stream_) {  // one reply at a time, as the local engine
        stream_->abort();
        stream_->deleteLater();
    }
    if (resolver_) target_ = resolver_();
    if (!target_.endpoint.baseUrl.isValid() || target_.model.isEmpty()) {
        const quint64 id = request.id;
        QMetaObject::invokeMethod(this, [this, id] { emit generationFailed(id, tr("no remote endpoint is chosen")); },
                                  Qt::QueuedConnection);
        return;
    }
    QList<remote::RemoteMessage> messages;
    for (const ChatTurn& t : request.turns) messages.append({t.role, t.content});
    spdlog::info("remote reply from {} ({})", remote::displayUrl(target_.endpoint.baseUrl).toStdString(), target_.model.toStdString());
    remote::CompletionStream* s = client_.chat(target_.endpoint, target_.model, messages, paramsFor(request, target_.endpoint));
    stream_ = s;
    const quint64 id = request.id;
    connect(s, &remote::CompletionStream::contentReady, this, [this, id](const QString& piece) { emit pieceReady(id, piece); });
    connect(s, &remote::CompletionStream::reasoningReady, this, [this, id](const QString& piece) { emit reasoningReady(id, piece); });
    connect(s, &remote::CompletionStream::finished, this, [this, s, id] { onFinished(s, id); });
}

void RemoteEngine::stop() {
    if (stream_) stream_->abort();
}

void RemoteEngine::onFinished(remote::CompletionStream* s, quint64 id) {
    const remote::RemoteResult& r = s->result();
    s->deleteLater();
    if (stream_ == s) stream_ = nullptr;
    if (r.error) {
        spdlog::warn("remote reply failed ({}): {}", remote::errorKindName(r.error->kind), r.error->message.toStdString());
        emit generationFailed(id, describe(*r.error));
        return;
    }
    GenerationStats stats;
    stats.text = r.content;
    stats.reasoning = r.reasoning;
    stats.promptTokens = std::max(0, r.promptTokens);
    stats.generatedTokens = r.completionTokens >= 0 ? r.completionTokens : r.pieces;
    const double streamingSeconds = r.firstPieceMs >= 0 ? double(r.totalMs - r.firstPieceMs) / 1000.0 : 0.0;
    if (streamingSeconds > 0 && stats.generatedTokens > 1) stats.tokensPerSecond = (stats.generatedTokens - 1) / streamingSeconds;
    if (r.firstPieceMs > 0 && stats.promptTokens > 0) stats.promptTokensPerSecond = stats.promptTokens * 1000.0 / double(r.firstPieceMs);
    stats.stopReason = r.cancelled ? QStringLiteral("cancelled")
                       : r.finishReason == QLatin1String("length") ? QStringLiteral("token limit")
                                                                  : QStringLiteral("eos");
    stats.sampler = QStringLiteral("remote (%1)").arg(target_.model);
    emit generationFinished(id, stats);
}

}  // namespace causerie::gui
