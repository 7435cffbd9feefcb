// A fake OpenAI-compatible server on 127.0.0.1 (QTcpServer) for the remote client's tests. Each
// route answers a scripted response: a status, a body written in pieces (each piece one TCP write
// after a pause, so that events arrive split at chosen offsets), chunked or until close, then an
// orderly end, a cut (the connection closed mid-stream), or a stall (kept open, silent).
#pragma once
#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTcpServer>

#include <functional>

namespace causerie::remote::test {

struct Script {
    int status = 200;
    QByteArray contentType = "text/event-stream";
    QByteArray body;
    QList<qsizetype> splits;  // offsets into body where a new TCP write starts
    int delayMs = 2;          // pause between writes
    bool chunked = true;      // Transfer-Encoding: chunked (else: no length, ends at close)
    enum class End { Complete, Cut, Stall } end = End::Complete;
    QByteArray requiredKey;   // non-empty: other keys (or none) get 401
};

struct SeenRequest {
    QByteArray method, path, authorization, body;
};

class SseTestServer : public QObject {
    Q_OBJECT
public:
    SseTestServer();
    bool listen();
    quint16 port() const { return server_.serverPort(); }
    QByteArray baseUrl() const;  // "http://127.0.0.1:PORT/v1"
    void setRoute(const QByteArray& path, Script script) { routes_[path] = std::move(script); }
    const QList<SeenRequest>& requests() const { return requests_; }
    // Connections the client closed before the scripted answer was written whole.
    int clientAborts() const { return clientAborts_; }

private:
    void onConnection();

    QTcpServer server_;
    QMap<QByteArray, Script> routes_;
    QList<SeenRequest> requests_;
    int clientAborts_ = 0;
};

// OpenAI-style SSE events: "data: <json>\n\n".
QByteArray sseData(const QByteArray& json);
// A chat.completion.chunk with a content (and optionally reasoning_content) delta.
QByteArray chatChunk(const QString& content, const QString& reasoning = {}, const QByteArray& finish = {});

}  // namespace causerie::remote::test

namespace causerie::remote::test {
// Runs the event loop until `done()` or `ms` elapse; returns done().
bool waitFor(const std::function<bool()>& done, int ms = 10000);
// A QCoreApplication for the test binary (created once).
void ensureApp();
}  // namespace causerie::remote::test
