// A raw TCP client for the tests that need control of the bytes: hostile clients (slowloris,
// huge headers, invalid bytes) and a client that vanishes mid-stream.
#pragma once
#include <string>
#include <string_view>

namespace causerie::server::test {

class RawClient {
public:
    explicit RawClient(int port);  // connects to 127.0.0.1:port
    ~RawClient();
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    bool connected() const { return fd_ >= 0; }
    bool send(std::string_view bytes);  // false once the server closed or reset the connection
    // Reads what arrives within `timeout_ms` (stops early at end of stream, or once `until` is seen).
    std::string read(int timeout_ms, std::string_view until = {});
    bool closed_by_peer() const { return eof_; }
    void close();

private:
    int fd_ = -1;
    bool eof_ = false;
};

// The status code of a raw HTTP response ("HTTP/1.1 404 ..."), 0 if none.
int status_of(std::string_view response);
// A request with Host 127.0.0.1:port and Connection: close.
std::string http_request(const std::string& method, const std::string& path, int port, const std::string& body = "",
                         const std::string& extra_headers = "");

}  // namespace causerie::server::test
