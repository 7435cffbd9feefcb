// Why a request to a remote endpoint failed, in kinds a user can act on.
#pragma once
#include <QString>

namespace causerie::remote {

enum class ErrorKind {
    Refused,       // nothing listens there (connection refused)
    HostNotFound,  // the name does not resolve
    Unauthorized,  // 401/403: a missing or wrong API key
    NotFound,      // 404: no such model (or the base URL is wrong)
    Timeout,       // no byte for Endpoint::timeoutMs
    Cut,           // the stream ended before its end (the partial reply is kept)
    Server,        // an error the server reported (an HTTP status, or an `error` event in the stream)
    Protocol,      // the answer is not what the OpenAI API sends
    Network,       // any other transport error (TLS, proxy, ...)
};

struct RemoteError {
    ErrorKind kind = ErrorKind::Network;
    int status = 0;     // the HTTP status, 0 when none came
    QString message;    // one English line, with the server's own message where it gave one
    QString where;      // the URL (or host:port) it concerns, without user info
    QString detail;     // the server's own message, if it gave one
};

// "refused", "unauthorized", ... (for logs and tests)
const char* errorKindName(ErrorKind kind);

}  // namespace causerie::remote
