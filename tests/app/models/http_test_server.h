// A real HTTP/1.1 server on 127.0.0.1 for the download tests (QTcpServer, one request per
// connection). Each route can serve a body with Range support, drop the connection at a chosen
// byte, stall, answer an error status a number of times, redirect, and serve wrong bytes.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

namespace causerie::models::test {

struct Route {
  QByteArray body;
  int status = 200;                   // for non-200 answers (404, 500, 416...)
  int failFirst = 0;                  // answer `status` to the first N requests, then serve body
  bool ranges = true;                 // honour Range (206), else always 200 with the whole body
  qint64 dropAt = -1;                 // close the connection once this absolute byte is reached...
  int dropTimes = 1;                  // ...on this many requests
  qint64 stallAt = -1;                // stop sending (connection kept open) at this byte, once
  QByteArray redirectTo;              // 302 Location
  QMap<QByteArray, QByteArray> headers;  // extra response headers (X-Linked-Etag...)
  QByteArray corruptWith;             // served instead of body (same length), as wrong bytes
  int chunkBytes = 0;                 // > 0: send in chunks of this size...
  int chunkDelayMs = 0;               // ...every this many ms (slow transfers)
  bool omitLength = false;            // no Content-Length

  // `body` trickled in chunks of `chunk` bytes every `delayMs` ms (a download to interrupt).
  static Route slow(const QByteArray& body, int chunk = 16384, int delayMs = 5) {
    Route r{body};
    r.chunkBytes = chunk;
    r.chunkDelayMs = delayMs;
    return r;
  }
};

struct SeenRequest {
  QByteArray path;
  QByteArray range;   // the Range header, empty if none
  QByteArray ifRange;
};

class HttpTestServer : public QObject {
  Q_OBJECT
 public:
  HttpTestServer();
  bool listen();
  QByteArray url(const QByteArray& path) const;  // "http://127.0.0.1:PORT/path"
  void setRoute(const QByteArray& path, Route route) { routes_[path] = std::move(route); }
  Route& route(const QByteArray& path) { return routes_[path]; }
  const QList<SeenRequest>& requests() const { return requests_; }
  int requestCount(const QByteArray& path) const;
  int openConnections() const { return open_; }
  int maxOpenConnections() const { return maxOpen_; }

 private:
  void onConnection();
  void handle(QTcpSocket* socket, const QByteArray& head);
  void sendBody(QTcpSocket* socket, QByteArray data, qint64 firstByte, Route& route);

  QTcpServer server_;
  QMap<QByteArray, Route> routes_;
  QMap<QByteArray, int> served_;
  QList<SeenRequest> requests_;
  int open_ = 0, maxOpen_ = 0;
};

// Runs the event loop until `done()` or `ms` elapse; returns done().
bool waitFor(const std::function<bool()>& done, int ms = 10000);
// A QCoreApplication for the test binary (created once).
void ensureApp();

}  // namespace causerie::models::test
