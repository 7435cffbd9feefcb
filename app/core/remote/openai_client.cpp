#include "remote/openai_client.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>

namespace causerie::remote {

const char* errorKindName(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Refused: return "refused";
        case ErrorKind::HostNotFound: return "host_not_found";
        case ErrorKind::Unauthorized: return "unauthorized";
        case ErrorKind::NotFound: return "not_found";
        case ErrorKind::Timeout: return "timeout";
        case ErrorKind::Cut: return "cut";
        case ErrorKind::Server: return "server";
        case ErrorKind::Protocol: return "protocol";
        case ErrorKind::Network: return "network";
    }
    return "network";
}

namespace {

constexpr qsizetype kMaxBody = 4 << 20;  // an error body or a whole (non-streamed) reply

// The server's own message in an OpenAI error body ({"error": {"message": ...}} or {"error": "..."}).
QString serverMessage(const QByteArray& body) {
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    const QJsonValue error = root.value(QStringLiteral("error"));
    if (error.isObject()) return error.toObject().value(QStringLiteral("message")).toString();
    if (error.isString()) return error.toString();
    if (root.value(QStringLiteral("message")).isString()) return root.value(QStringLiteral("message")).toString();
    return QString::fromUtf8(body.left(200)).simplified();
}

QString hostPort(const QUrl& url) {
    return url.host() + QLatin1Char(':') + QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

QNetworkRequest requestFor(const QUrl& url, const Endpoint& endpoint) {
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    req.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Causerie/0.1"));
    if (!endpoint.apiKey.isEmpty()) req.setRawHeader("Authorization", "Bearer " + endpoint.apiKey.toUtf8());
    return req;
}

// Restarts `timer` on every byte that arrives, and aborts the reply when it fires.
void watchIdle(QTimer& timer, QNetworkReply* reply, int ms, bool& timedOut) {
    timer.setSingleShot(true);
    timer.setInterval(std::max(1, ms));
    QObject::connect(reply, &QNetworkReply::readyRead, &timer, qOverload<>(&QTimer::start));
    QObject::connect(reply, &QNetworkReply::metaDataChanged, &timer, qOverload<>(&QTimer::start));
    QObject::connect(&timer, &QTimer::timeout, reply, [reply, &timedOut] {
        timedOut = true;
        reply->abort();
    });
    timer.start();
}

}  // namespace

namespace detail {

namespace {
std::optional<RemoteError> classify(QNetworkReply* reply, const QByteArray& body, bool timedOut, const QString& where) {
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (timedOut)
        return RemoteError{ErrorKind::Timeout, status, QStringLiteral("%1 did not answer in time").arg(where)};
    if (status >= 400) {
        const QString said = serverMessage(body);
        const QString tail = said.isEmpty() ? QString() : QStringLiteral(": ") + said;
        if (status == 401 || status == 403)
            return RemoteError{ErrorKind::Unauthorized, status,
                               QStringLiteral("%1 refused the API key (HTTP %2)%3").arg(where).arg(status).arg(tail)};
        if (status == 404)
            return RemoteError{ErrorKind::NotFound, status,
                               QStringLiteral("not found at %1 (HTTP 404: no such model, or a wrong base URL)%2").arg(where, tail)};
        return RemoteError{ErrorKind::Server, status, QStringLiteral("%1 answered HTTP %2%3").arg(where).arg(status).arg(tail)};
    }
    switch (reply->error()) {
        case QNetworkReply::NoError: return std::nullopt;
        case QNetworkReply::ConnectionRefusedError:
            return RemoteError{ErrorKind::Refused, 0,
                               QStringLiteral("connection refused by %1 (is the server running?)").arg(hostPort(reply->url()))};
        case QNetworkReply::HostNotFoundError:
            return RemoteError{ErrorKind::HostNotFound, 0, QStringLiteral("host %1 not found").arg(reply->url().host())};
        case QNetworkReply::TimeoutError:
            return RemoteError{ErrorKind::Timeout, 0, QStringLiteral("%1 did not answer in time").arg(where)};
        default:
            return RemoteError{ErrorKind::Network, status, QStringLiteral("%1: %2").arg(where, reply->errorString())};
    }
}
}  // namespace

std::optional<RemoteError> errorOf(QNetworkReply* reply, const QByteArray& body, bool timedOut, const QString& where) {
    auto e = classify(reply, body, timedOut, where);
    if (!e) return e;
    e->where = e->kind == ErrorKind::Refused ? hostPort(reply->url()) : e->kind == ErrorKind::HostNotFound ? reply->url().host() : where;
    if (e->status >= 400) e->detail = serverMessage(body);
    else if (e->kind == ErrorKind::Network) e->detail = reply->errorString();
    return e;
}

}  // namespace detail

// --- CompletionStream ---

CompletionStream::CompletionStream(QNetworkReply* reply, const Endpoint& endpoint, QObject* parent)
    : QObject(parent), reply_(reply), where_(displayUrl(reply->url())) {
    clock_.start();
    connect(reply, &QNetworkReply::readyRead, this, &CompletionStream::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &CompletionStream::onFinished);
    watchIdle(idle_, reply, endpoint.timeoutMs, timedOut_);
}

CompletionStream::~CompletionStream() {
    if (reply_) {
        reply_->disconnect(this);
        reply_->abort();
        reply_->deleteLater();
    }
}

void CompletionStream::abort() {
    if (done_ || aborted_) return;
    aborted_ = true;
    result_.cancelled = true;
    result_.finishReason = QStringLiteral("cancelled");
    if (reply_) {
        reply_->disconnect(this);
        reply_->abort();  // closes the connection now: the server sees the client go
    }
    finish();
}

void CompletionStream::onReadyRead() {
    if (!reply_ || done_) return;
    const QByteArray bytes = reply_->readAll();
    const int status = reply_->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (mode_ == Mode::Unknown) {
        const bool sse = reply_->header(QNetworkRequest::ContentTypeHeader).toString().startsWith(QLatin1String("text/event-stream"));
        mode_ = status < 300 && sse ? Mode::Stream : Mode::Body;
    }
    if (mode_ == Mode::Body) {  // an error body, or a whole JSON reply: read in onFinished
        if (body_.size() < kMaxBody) body_ += bytes;
        return;
    }
    for (const SseEvent& event : parser_.push(bytes)) {
        onEvent(event);
        if (done_) return;
    }
    if (parser_.overflowed())
        fail({ErrorKind::Protocol, status, QStringLiteral("%1 sent an event line over 16 MiB").arg(where_), where_, {}});
}

void CompletionStream::takeChoice(const QJsonObject& object) {
    const QJsonArray choices = object.value(QStringLiteral("choices")).toArray();
    if (!choices.isEmpty()) {
        const QJsonObject choice = choices.first().toObject();
        const QJsonObject delta = choice.value(QStringLiteral("delta")).toObject();
        const QJsonObject message = choice.value(QStringLiteral("message")).toObject();  // a whole chat reply
        const QJsonObject& part = delta.isEmpty() ? message : delta;
        QString reasoning = part.value(QStringLiteral("reasoning_content")).toString();
        if (reasoning.isEmpty()) reasoning = part.value(QStringLiteral("reasoning")).toString();
        QString content = part.value(QStringLiteral("content")).toString();
        if (content.isEmpty()) content = choice.value(QStringLiteral("text")).toString();  // /completions
        if ((!reasoning.isEmpty() || !content.isEmpty()) && result_.firstPieceMs < 0) result_.firstPieceMs = clock_.elapsed();
        if (!reasoning.isEmpty()) {
            ++result_.pieces;
            result_.reasoning += reasoning;
            emit reasoningReady(reasoning);
        }
        if (!content.isEmpty()) {
            ++result_.pieces;
            result_.content += content;
            emit contentReady(content);
        }
        const QJsonValue reason = choice.value(QStringLiteral("finish_reason"));
        if (reason.isString() && !reason.toString().isEmpty()) result_.finishReason = reason.toString();
    }
    const QJsonObject usage = object.value(QStringLiteral("usage")).toObject();
    if (!usage.isEmpty()) {
        result_.promptTokens = usage.value(QStringLiteral("prompt_tokens")).toInt(-1);
        result_.completionTokens = usage.value(QStringLiteral("completion_tokens")).toInt(-1);
    }
}

void CompletionStream::onEvent(const SseEvent& event) {
    const QByteArray data = event.data.trimmed();
    if (data == "[DONE]") {
        sawDone_ = true;
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (event.event == "error" || (doc.isObject() && doc.object().contains(QStringLiteral("error")))) {
        const QString said = doc.isObject() ? serverMessage(data) : QString::fromUtf8(data.left(200));
        return fail({ErrorKind::Server, 0, QStringLiteral("%1 reported an error in the stream: %2").arg(where_, said), where_, said});
    }
    if (!doc.isObject())
        return fail({ErrorKind::Protocol, 0, QStringLiteral("%1 sent an event that is not JSON (%2)").arg(where_, parseError.errorString()),
                     where_, parseError.errorString()});
    takeChoice(doc.object());
}

void CompletionStream::fail(RemoteError error) {
    if (done_) return;
    result_.error = std::move(error);
    if (reply_) {
        reply_->disconnect(this);
        reply_->abort();
    }
    finish();
}

void CompletionStream::onFinished() {
    if (done_ || !reply_) return;
    if (reply_->bytesAvailable() > 0) onReadyRead();
    if (done_) return;
    auto error = detail::errorOf(reply_, body_, timedOut_, where_);
    const bool closed = reply_->error() == QNetworkReply::RemoteHostClosedError;
    if (error && !(closed && mode_ == Mode::Stream)) return fail(*error);
    if (mode_ != Mode::Stream) {
        // A server that answered a whole JSON object.
        const QJsonDocument doc = QJsonDocument::fromJson(body_);
        if (!doc.isObject()) {
            if (error) return fail(*error);
            return fail({ErrorKind::Protocol, 0, QStringLiteral("%1 did not answer an OpenAI completion").arg(where_), where_, {}});
        }
        if (doc.object().contains(QStringLiteral("error")))
            return fail({ErrorKind::Server, 0, QStringLiteral("%1: %2").arg(where_, serverMessage(body_)), where_, serverMessage(body_)});
        takeChoice(doc.object());
        return finish();
    }
    // A stream that ends without [DONE] nor a finish reason was cut.
    if (!sawDone_ && result_.finishReason.isEmpty())
        return fail({ErrorKind::Cut, 0,
                     QStringLiteral("the stream from %1 was cut before its end (%2 pieces received)").arg(where_).arg(result_.pieces),
                     where_, {}});
    finish();
}

void CompletionStream::finish() {
    if (done_) return;
    done_ = true;
    idle_.stop();
    result_.totalMs = clock_.elapsed();
    if (reply_) {
        reply_->disconnect(this);
        reply_->deleteLater();
        reply_ = nullptr;
    }
    QMetaObject::invokeMethod(this, &CompletionStream::finished, Qt::QueuedConnection);
}

// --- ModelListRequest ---

ModelListRequest::ModelListRequest(QNetworkReply* reply, const Endpoint& endpoint, QObject* parent)
    : QObject(parent), reply_(reply) {
    watchIdle(idle_, reply, endpoint.timeoutMs, timedOut_);
    connect(reply, &QNetworkReply::finished, this, [this] {
        idle_.stop();
        QNetworkReply* r = reply_;
        if (!r) return;
        r->deleteLater();
        const QByteArray body = r->readAll().left(kMaxBody);
        const QString where = displayUrl(r->url());
        if ((error_ = detail::errorOf(r, body, timedOut_, where))) return emit finished();
        const QJsonArray data = QJsonDocument::fromJson(body).object().value(QStringLiteral("data")).toArray();
        for (const QJsonValue& v : data) {
            const QString id = v.toObject().value(QStringLiteral("id")).toString();
            // A model id is a name ("org/model:tag"): one that could pass for markup or carries
            // control characters is not shown (a hostile server's names reach the interface).
            const bool plain = !id.isEmpty() && id.size() <= 256 && std::none_of(id.begin(), id.end(), [](QChar c) {
                return c == QLatin1Char('<') || c == QLatin1Char('>') || c == QLatin1Char('&') || c.category() == QChar::Other_Control ||
                       c.category() == QChar::Other_Format;
            });
            if (plain) models_ << id;
        }
        if (models_.isEmpty() && !QJsonDocument::fromJson(body).object().value(QStringLiteral("data")).isArray())
            error_ = RemoteError{ErrorKind::Protocol, 0, QStringLiteral("%1 did not answer an OpenAI model list").arg(where), where, {}};
        emit finished();
    });
}

// --- OpenAiClient ---

OpenAiClient::OpenAiClient(QNetworkAccessManager* nam, QObject* parent)
    : QObject(parent), nam_(nam ? nam : new QNetworkAccessManager(this)) {}

ModelListRequest* OpenAiClient::listModels(const Endpoint& endpoint) {
    QNetworkRequest req = requestFor(endpointUrl(endpoint.baseUrl, QStringLiteral("models")), endpoint);
    return new ModelListRequest(nam_->get(req), endpoint, this);
}

namespace {
void addParams(QJsonObject& body, const RemoteParams& p) {
    if (p.temperature) body.insert(QStringLiteral("temperature"), *p.temperature);
    if (p.topP) body.insert(QStringLiteral("top_p"), *p.topP);
    if (p.topK) body.insert(QStringLiteral("top_k"), *p.topK);
    if (p.minP) body.insert(QStringLiteral("min_p"), *p.minP);
    if (p.seed) body.insert(QStringLiteral("seed"), *p.seed);
    if (p.maxTokens > 0) body.insert(QStringLiteral("max_tokens"), p.maxTokens);
    if (!p.stop.isEmpty()) body.insert(QStringLiteral("stop"), QJsonArray::fromStringList(p.stop));
    if (p.enableThinking)
        body.insert(QStringLiteral("chat_template_kwargs"), QJsonObject{{QStringLiteral("enable_thinking"), *p.enableThinking}});
    body.insert(QStringLiteral("stream"), true);
    body.insert(QStringLiteral("stream_options"), QJsonObject{{QStringLiteral("include_usage"), true}});
}
}  // namespace

CompletionStream* OpenAiClient::post(const Endpoint& endpoint, const QString& path, QJsonObject body) {
    QNetworkRequest req = requestFor(endpointUrl(endpoint.baseUrl, path), endpoint);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setRawHeader("Accept", "text/event-stream");
    const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return new CompletionStream(nam_->post(req, bytes), endpoint, this);
}

CompletionStream* OpenAiClient::chat(const Endpoint& endpoint, const QString& model, const QList<RemoteMessage>& messages,
                                     const RemoteParams& params) {
    QJsonArray list;
    for (const RemoteMessage& m : messages)
        list.append(QJsonObject{{QStringLiteral("role"), m.role}, {QStringLiteral("content"), m.content}});
    QJsonObject body{{QStringLiteral("model"), model}, {QStringLiteral("messages"), list}};
    addParams(body, params);
    return post(endpoint, QStringLiteral("chat/completions"), body);
}

CompletionStream* OpenAiClient::complete(const Endpoint& endpoint, const QString& model, const QString& prompt,
                                         const RemoteParams& params) {
    QJsonObject body{{QStringLiteral("model"), model}, {QStringLiteral("prompt"), prompt}};
    addParams(body, params);
    return post(endpoint, QStringLiteral("completions"), body);
}

}  // namespace causerie::remote
