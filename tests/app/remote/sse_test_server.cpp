#include "sse_test_server.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonArray>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace causerie::remote::test {

QByteArray sseData(const QByteArray& json) { return "data: " + json + "\n\n"; }

QByteArray chatChunk(const QString& content, const QString& reasoning, const QByteArray& finish) {
    QJsonObject delta;
    if (!content.isEmpty()) delta.insert(QStringLiteral("content"), content);
    if (!reasoning.isEmpty()) delta.insert(QStringLiteral("reasoning_content"), reasoning);
    QJsonObject choice{{QStringLiteral("index"), 0}, {QStringLiteral("delta"), delta},
                       {QStringLiteral("finish_reason"), finish.isEmpty() ? QJsonValue() : QJsonValue(QString::fromLatin1(finish))}};
    QJsonObject chunk{{QStringLiteral("id"), QStringLiteral("chatcmpl-test")},
                      {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                      {QStringLiteral("model"), QStringLiteral("test-model")},
                      {QStringLiteral("choices"), QJsonArray{choice}}};
    return sseData(QJsonDocument(chunk).toJson(QJsonDocument::Compact));
}

SseTestServer::SseTestServer() { connect(&server_, &QTcpServer::newConnection, this, &SseTestServer::onConnection); }

bool SseTestServer::listen() { return server_.listen(QHostAddress::LocalHost, 0); }

QByteArray SseTestServer::baseUrl() const { return "http://127.0.0.1:" + QByteArray::number(port()) + "/v1"; }

namespace {

// What a connection keeps: the request read so far, then the writes left.
struct Connection {
    QByteArray in;
    bool answered = false;
    bool finished = false;  // the scripted answer was written whole
    QList<QByteArray> writes;
};

QByteArray header(const QByteArray& head, const QByteArray& name) {
    for (const QByteArray& line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name) return line.mid(colon + 1).trimmed();
    }
    return {};
}

}  // namespace

void SseTestServer::onConnection() {
    while (QTcpSocket* socket = server_.nextPendingConnection()) {
        auto c = std::make_shared<Connection>();
        connect(socket, &QTcpSocket::disconnected, this, [this, socket, c] {
            if (c->answered && !c->finished) ++clientAborts_;
            socket->deleteLater();
        });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, c] {
            c->in += socket->readAll();
            if (c->answered) return;
            const qsizetype end = c->in.indexOf("\r\n\r\n");
            if (end < 0) return;
            const QByteArray head = c->in.left(end);
            const qsizetype length = header(head, "content-length").toLongLong();
            if (c->in.size() < end + 4 + length) return;
            c->answered = true;
            const QList<QByteArray> first = head.left(head.indexOf("\r\n")).split(' ');
            SeenRequest seen{first.value(0), first.value(1), header(head, "authorization"), c->in.mid(end + 4, length)};
            requests_.append(seen);

            Script s = routes_.value(seen.path, Script{404, "application/json",
                                                      R"({"error":{"message":"no such route","type":"invalid_request_error","code":"not_found"}})"});
            if (!s.requiredKey.isEmpty() && seen.authorization != "Bearer " + s.requiredKey)
                s = Script{401, "application/json",
                           R"({"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}})"};
            QByteArray reply = "HTTP/1.1 " + QByteArray::number(s.status) + " X\r\nContent-Type: " + s.contentType + "\r\n";
            reply += s.chunked ? "Transfer-Encoding: chunked\r\n" : "Connection: close\r\n";
            reply += "\r\n";
            c->writes.append(reply);
            qsizetype from = 0;
            QList<qsizetype> cuts = s.splits;
            cuts.append(s.body.size());
            for (qsizetype to : cuts) {
                if (to <= from || to > s.body.size()) continue;
                const QByteArray piece = s.body.mid(from, to - from);
                c->writes.append(s.chunked ? QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n" : piece);
                from = to;
            }
            if (s.end == Script::End::Complete && s.chunked) c->writes.append("0\r\n\r\n");
            // One write per tick, flushed, so that each leaves as its own TCP segment.
            auto* timer = new QTimer(socket);
            timer->setInterval(s.delayMs);
            const Script::End endWith = s.end;
            connect(timer, &QTimer::timeout, socket, [socket, c, timer, endWith] {
                if (c->writes.isEmpty()) {
                    timer->stop();
                    c->finished = endWith != Script::End::Stall;
                    if (endWith != Script::End::Stall) socket->disconnectFromHost();
                    return;
                }
                socket->write(c->writes.takeFirst());
                socket->flush();
            });
            timer->start();
        });
    }
}

}  // namespace causerie::remote::test

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

namespace causerie::remote::test {

void ensureApp() {
    if (QCoreApplication::instance()) return;
    static int argc = 1;
    static char name[] = "causerie-remote-tests";
    static char* argv[] = {name, nullptr};
    new QCoreApplication(argc, argv);
}

bool waitFor(const std::function<bool()>& done, int ms) {
    QDeadlineTimer deadline(ms);
    while (!done()) {
        if (deadline.hasExpired()) return done();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(1);
    }
    return true;
}

}  // namespace causerie::remote::test
