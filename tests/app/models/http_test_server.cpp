#include "http_test_server.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>

namespace causerie::models::test {

void ensureApp() {
  if (QCoreApplication::instance()) return;
  static int argc = 1;
  static char name[] = "causerie-models-tests";
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

HttpTestServer::HttpTestServer() {
  connect(&server_, &QTcpServer::newConnection, this, &HttpTestServer::onConnection);
}

bool HttpTestServer::listen() { return server_.listen(QHostAddress::LocalHost, 0); }

QByteArray HttpTestServer::url(const QByteArray& path) const {
  return "http://127.0.0.1:" + QByteArray::number(server_.serverPort()) + path;
}

int HttpTestServer::requestCount(const QByteArray& path) const {
  int n = 0;
  for (const SeenRequest& r : requests_) n += r.path == path;
  return n;
}

void HttpTestServer::onConnection() {
  while (QTcpSocket* socket = server_.nextPendingConnection()) {
    ++open_;
    maxOpen_ = std::max(maxOpen_, open_);
    auto buffer = std::make_shared<QByteArray>();
    auto handled = std::make_shared<bool>(false);
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
      --open_;
      socket->deleteLater();
    });
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer, handled] {
      buffer->append(socket->readAll());
      if (*handled) return;
      const qsizetype end = buffer->indexOf("\r\n\r\n");
      if (end < 0) return;
      *handled = true;
      handle(socket, buffer->left(end));
    });
  }
}

void HttpTestServer::handle(QTcpSocket* socket, const QByteArray& head) {
  const QList<QByteArray> lines = head.split('\n');
  const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
  SeenRequest seen;
  seen.path = first.value(1);
  for (const QByteArray& raw : lines.mid(1)) {
    const QByteArray line = raw.trimmed();
    const qsizetype colon = line.indexOf(':');
    if (colon < 0) continue;
    const QByteArray name = line.left(colon).trimmed().toLower(), value = line.mid(colon + 1).trimmed();
    if (name == "range") seen.range = value;
    if (name == "if-range") seen.ifRange = value;
  }
  requests_.append(seen);
  auto reply = [socket](int status, const QByteArray& reason, const QMap<QByteArray, QByteArray>& headers, const QByteArray& body) {
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " " + reason + "\r\n";
    for (auto it = headers.begin(); it != headers.end(); ++it) out += it.key() + ": " + it.value() + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    socket->write(out);
    socket->disconnectFromHost();
  };
  if (!routes_.contains(seen.path)) return reply(404, "Not Found", {}, "no such file\n");
  Route& route = routes_[seen.path];
  const int n = served_[seen.path]++;
  if (!route.redirectTo.isEmpty()) {
    QMap<QByteArray, QByteArray> h = route.headers;
    h["Location"] = route.redirectTo;
    return reply(302, "Found", h, {});
  }
  if (route.status != 200 && n < route.failFirst) return reply(route.status, "Error", route.headers, "error page\n");
  if (route.status != 200 && route.failFirst == 0) return reply(route.status, "Error", route.headers, "error page\n");
  const QByteArray& body = route.corruptWith.isEmpty() ? route.body : route.corruptWith;
  const qint64 size = body.size();
  qint64 from = 0;
  static const QRegularExpression rangeRe(QStringLiteral(R"(^bytes=(\d+)-$)"));
  const auto m = rangeRe.match(QString::fromLatin1(seen.range));
  QMap<QByteArray, QByteArray> h = route.headers;
  h["ETag"] = "\"v1\"";
  h["Accept-Ranges"] = route.ranges ? "bytes" : "none";
  int status = 200;
  if (route.ranges && m.hasMatch()) {
    from = m.captured(1).toLongLong();
    if (from >= size) {
      h["Content-Range"] = "bytes */" + QByteArray::number(size);
      return reply(416, "Range Not Satisfiable", h, {});
    }
    status = 206;
    h["Content-Range"] = "bytes " + QByteArray::number(from) + "-" + QByteArray::number(size - 1) + "/" + QByteArray::number(size);
  }
  QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + (status == 206 ? " Partial Content" : " OK") + "\r\n";
  for (auto it = h.begin(); it != h.end(); ++it) out += it.key() + ": " + it.value() + "\r\n";
  if (!route.omitLength) out += "Content-Length: " + QByteArray::number(size - from) + "\r\n";
  out += "Connection: close\r\n\r\n";
  socket->write(out);
  sendBody(socket, body.mid(from), from, route);
}

void HttpTestServer::sendBody(QTcpSocket* socket, QByteArray data, qint64 firstByte, Route& route) {
  qint64 cut = -1;
  bool drop = false;
  if (route.dropAt >= 0 && route.dropTimes > 0 && route.dropAt > firstByte && route.dropAt < firstByte + data.size()) {
    --route.dropTimes;
    cut = route.dropAt - firstByte;
    drop = true;
  } else if (route.stallAt >= 0 && route.stallAt > firstByte && route.stallAt < firstByte + data.size()) {
    cut = route.stallAt - firstByte;
    route.stallAt = -1;  // once
  }
  if (cut >= 0) data.truncate(cut);
  auto finish = [socket, drop, cut] {
    if (drop) {
      socket->flush();
      socket->disconnectFromHost();  // after the bytes written so far: the client sees a short body
    } else if (cut < 0) {
      socket->disconnectFromHost();
    }  // stall: keep the connection open, send nothing more
  };
  if (route.chunkBytes <= 0) {
    socket->write(data);
    finish();
    return;
  }
  auto offset = std::make_shared<qint64>(0);
  auto* timer = new QTimer(socket);
  const int chunk = route.chunkBytes;
  QPointer<QTcpSocket> guard(socket);
  connect(timer, &QTimer::timeout, socket, [guard, timer, data, offset, chunk, finish] {
    if (!guard || guard->state() != QAbstractSocket::ConnectedState) {
      timer->stop();
      return;
    }
    const QByteArray piece = data.mid(*offset, chunk);
    *offset += piece.size();
    guard->write(piece);
    if (*offset >= data.size()) {
      timer->stop();
      finish();
    }
  });
  timer->start(route.chunkDelayMs);
}

}  // namespace causerie::models::test
