// The OpenAI-compatible client: GET {base}/models, POST {base}/chat/completions and
// {base}/completions streamed as server-sent events. Asynchronous (QNetworkAccessManager on the
// calling thread's event loop): nothing here blocks. Each completion is a CompletionStream that
// emits its pieces as they arrive and `finished` once; abort() cancels the HTTP request at once.
// The API key goes only into the Authorization header, never into a log line.
#pragma once
#include "remote/endpoint.h"
#include "remote/remote_error.h"
#include "remote/sse_parser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace causerie::remote {

struct RemoteMessage {
    QString role;  // "system", "user", "assistant"
    QString content;
};

// Sent only when set (servers differ in what they accept beyond temperature and max_tokens).
struct RemoteParams {
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> topK;       // not OpenAI's, but vLLM, llama.cpp and Ollama read it
    std::optional<double> minP;    // likewise
    std::optional<qint64> seed;
    int maxTokens = -1;            // < 0: the server's default
    QStringList stop;
    // The chat template's enable_thinking (Qwen 3, Qwen 3.5, SmolLM3...), sent as
    // chat_template_kwargs (vLLM and llama.cpp's server read it): only to private hosts
    // (isPrivateHost), as hosted APIs refuse fields they do not know.
    std::optional<bool> enableThinking;
};

struct RemoteResult {
    QString content;    // the answer (or the raw completion)
    QString reasoning;  // reasoning_content (or `reasoning`) of a reasoning model
    QString finishReason;  // the server's ("stop", "length", ...); "cancelled" after abort()
    int promptTokens = -1, completionTokens = -1;  // from `usage`, -1 when the server gave none
    int pieces = 0;            // content and reasoning deltas received
    qint64 firstPieceMs = -1;  // from the request to the first delta
    qint64 totalMs = 0;
    bool cancelled = false;
    std::optional<RemoteError> error;  // set when it failed: what arrived before is kept above
};

class CompletionStream : public QObject {
    Q_OBJECT
public:
    CompletionStream(QNetworkReply* reply, const Endpoint& endpoint, QObject* parent);
    ~CompletionStream() override;
    // Cancels the HTTP request now (the connection is closed); finished() follows, cancelled.
    void abort();
    const RemoteResult& result() const { return result_; }
    bool isFinished() const { return done_; }

signals:
    void contentReady(const QString& piece);
    void reasoningReady(const QString& piece);
    void finished();  // once; queued, never from inside abort()

private:
    void onReadyRead();
    void onFinished();
    void onEvent(const SseEvent& event);
    void takeChoice(const class QJsonObject& object);
    void fail(RemoteError error);
    void finish();

    QPointer<QNetworkReply> reply_;
    QString where_;  // the URL, for messages
    SseParser parser_;
    QTimer idle_;
    QElapsedTimer clock_;
    QByteArray body_;  // an error body, or a whole JSON reply from a server that does not stream
    RemoteResult result_;
    enum class Mode { Unknown, Stream, Body };
    Mode mode_ = Mode::Unknown;  // Stream: a 2xx text/event-stream answer
    bool sawDone_ = false;
    bool timedOut_ = false;
    bool aborted_ = false;
    bool done_ = false;
};

class ModelListRequest : public QObject {
    Q_OBJECT
public:
    ModelListRequest(QNetworkReply* reply, const Endpoint& endpoint, QObject* parent);
    // The ids listed, less those that are not plain names (markup, control or format characters).
    const QStringList& models() const { return models_; }
    const std::optional<RemoteError>& error() const { return error_; }

signals:
    void finished();

private:
    QPointer<QNetworkReply> reply_;
    QTimer idle_;
    bool timedOut_ = false;
    QStringList models_;
    std::optional<RemoteError> error_;
};

class OpenAiClient : public QObject {
    Q_OBJECT
public:
    // `nam` null: the client makes its own.
    explicit OpenAiClient(QNetworkAccessManager* nam = nullptr, QObject* parent = nullptr);

    // The returned objects are children of this client; delete them (deleteLater) once finished.
    ModelListRequest* listModels(const Endpoint& endpoint);
    CompletionStream* chat(const Endpoint& endpoint, const QString& model, const QList<RemoteMessage>& messages,
                           const RemoteParams& params);
    CompletionStream* complete(const Endpoint& endpoint, const QString& model, const QString& prompt,
                               const RemoteParams& params);

private:
    CompletionStream* post(const Endpoint& endpoint, const QString& path, class QJsonObject body);
    QNetworkAccessManager* nam_;
};

// The shared parts of both requests (exposed for the tests).
namespace detail {
// The error an HTTP answer or a transport failure stands for (nullopt: none).
std::optional<RemoteError> errorOf(QNetworkReply* reply, const QByteArray& body, bool timedOut, const QString& where);
}  // namespace detail

}  // namespace causerie::remote
