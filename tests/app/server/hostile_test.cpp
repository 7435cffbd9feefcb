// Hostile clients neither crash the server nor block the others: slowloris, oversized headers,
// a 10 MB body, invalid UTF-8, garbage; and the Host / Origin checks against web pages.
#include "raw_client.h"
#include "server_fixture.h"

#include <atomic>
#include <memory>

namespace causerie::server::test {
namespace {

// A normal request answered within `ms`.
void expect_served_quickly(int port, int ms = 3000) {
    const auto t0 = std::chrono::steady_clock::now();
    Reply r = post(port, "/v1/completions", R"({"prompt":"Once upon a time","temperature":0,"max_tokens":4})");
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_LT(took, ms);
}

TEST(Hostile, SlowlorisDoesNotBlockOthers) {
    Server& s = shared_server();
    // Eight connections that send their headers a byte at a time and never finish.
    std::atomic<bool> stop{false};
    std::vector<std::unique_ptr<RawClient>> slow;
    for (int i = 0; i < 8; ++i) slow.push_back(std::make_unique<RawClient>(s.port()));
    std::thread dripper([&] {
        const std::string head = "POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
        for (size_t i = 0; !stop; ++i) {
            for (auto& c : slow) c->send(std::string(1, i < head.size() ? head[i] : 'a'));
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    expect_served_quickly(s.port());
    expect_served_quickly(s.port());
    stop = true;
    dripper.join();
}

TEST(Hostile, IdleConnectionsAreClosed) {
    Server& s = shared_server();
    RawClient c(s.port());
    ASSERT_TRUE(c.send("GET /health HTTP/1.1\r\nHo"));
    const auto t0 = std::chrono::steady_clock::now();
    std::string r = c.read(7000, "\r\n\r\n");  // the read timeout (5 s) ends it: a 400 or a close
    EXPECT_TRUE(status_of(r) == 400 || c.closed_by_peer()) << r;
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(6500));
}

TEST(Hostile, OversizedHeaders) {
    Server& s = shared_server();
    {  // one header line of 100 KB
        RawClient c(s.port());
        c.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(s.port()) + "\r\nX-Big: " + std::string(100 << 10, 'a') +
               "\r\n\r\n");
        std::string r = c.read(5000);
        EXPECT_NE(status_of(r), 200) << r.substr(0, 200);
    }
    {  // a request line of 100 KB
        RawClient c(s.port());
        c.send("GET /" + std::string(100 << 10, 'a') + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(s.port()) + "\r\n\r\n");
        std::string r = c.read(5000);
        EXPECT_NE(status_of(r), 200) << r.substr(0, 200);
    }
    {  // 20000 small headers
        RawClient c(s.port());
        std::string req = "GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(s.port()) + "\r\n";
        for (int i = 0; i < 20000; ++i) req += "X-H" + std::to_string(i) + ": v\r\n";
        c.send(req + "\r\n");
        c.read(5000);
    }
    expect_served_quickly(s.port());
}

TEST(Hostile, TenMegabyteBodyAndLies) {
    Server& s = shared_server();
    {  // 10 MB announced and sent
        RawClient c(s.port());
        std::string body(10 << 20, 'x');
        c.send(http_request("POST", "/v1/chat/completions", s.port(), body));
        std::string r = c.read(10000);
        EXPECT_EQ(status_of(r), 413) << r.substr(0, 200);
    }
    {  // a Content-Length far larger than what comes, then silence
        RawClient c(s.port());
        c.send("POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(s.port()) +
               "\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{\"prompt\":");
        std::string r = c.read(8000, "\r\n\r\n");  // at the latest when the read times out (5 s)
        EXPECT_EQ(status_of(r), 413) << r.substr(0, 200);
    }
    {  // invalid UTF-8 and binary junk in the body
        RawClient c(s.port());
        c.send(http_request("POST", "/v1/completions", s.port(), std::string("{\"prompt\":\"\xff\xfe\x80\",\"max_tokens\":2}")));
        std::string r = c.read(5000);
        EXPECT_EQ(status_of(r), 400) << r;
        EXPECT_NE(r.find("invalid_json"), std::string::npos) << r;
    }
    {  // not HTTP at all
        RawClient c(s.port());
        c.send(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n", 25));
        c.read(3000);
    }
    expect_served_quickly(s.port());
}

TEST(Hostile, HostHeaderMustBeThisServer) {
    Server& s = shared_server();
    const std::string port = std::to_string(s.port());
    for (const std::string& host : std::vector<std::string>{"evil.example:" + port, "evil.example", "127.0.0.1:" + std::to_string(s.port() + 1),
                                   "localhost.evil.example:" + port, "192.168.1.10:" + port, ""}) {
        RawClient c(s.port());
        c.send("GET /v1/models HTTP/1.1\r\n" + (host.empty() ? std::string() : "Host: " + host + "\r\n") + "Connection: close\r\n\r\n");
        std::string r = c.read(5000);
        EXPECT_EQ(status_of(r), 421) << host << ": " << r.substr(0, 200);
        EXPECT_NE(r.find("misdirected_request"), std::string::npos) << host;
    }
    for (const std::string& host : std::vector<std::string>{"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port}) {
        RawClient c(s.port());
        c.send("GET /v1/models HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        EXPECT_EQ(status_of(c.read(5000)), 200) << host;
    }
}

TEST(Hostile, OriginsAreRefusedUnlessAllowed) {
    Server& s = shared_server();
    // A page in a browser on this machine: refused, and no CORS header lets it read anything.
    for (const char* origin : {"http://evil.example", "null", "http://localhost:3000"}) {
        Reply r = post(s.port(), "/v1/completions", R"({"prompt":"Once","max_tokens":2})", {{"Origin", origin}});
        EXPECT_EQ(r.status, 403) << origin;
        EXPECT_EQ(error_code(r), "origin_not_allowed");
        EXPECT_EQ(r.header("Access-Control-Allow-Origin"), "") << origin;
    }
    httplib::Client c("127.0.0.1", s.port());
    auto pre = c.Options("/v1/chat/completions", {{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "POST"}});
    ASSERT_TRUE(pre);
    EXPECT_EQ(pre->status, 403);
    EXPECT_FALSE(pre->has_header("Access-Control-Allow-Origin"));
    // Without an Origin (curl, the SDKs): no CORS header either.
    EXPECT_EQ(get(s.port(), "/v1/models").header("Access-Control-Allow-Origin"), "");

    // An origin the user allowed gets CORS, others still do not.
    ServerOptions o;
    o.allow_origins = {"http://app.example:5173"};
    auto allowed = Server::start(o);
    ASSERT_TRUE(allowed.ok());
    const int port = (*allowed)->port();
    Reply ok = get(port, "/v1/models", {{"Origin", "http://app.example:5173"}});
    EXPECT_EQ(ok.status, 200);
    EXPECT_EQ(ok.header("Access-Control-Allow-Origin"), "http://app.example:5173");
    httplib::Client c2("127.0.0.1", port);
    auto pre2 = c2.Options("/v1/chat/completions", {{"Origin", "http://app.example:5173"}, {"Access-Control-Request-Method", "POST"}});
    ASSERT_TRUE(pre2);
    EXPECT_EQ(pre2->status, 204);
    EXPECT_EQ(pre2->get_header_value("Access-Control-Allow-Origin"), "http://app.example:5173");
    EXPECT_NE(pre2->get_header_value("Access-Control-Allow-Headers").find("Authorization"), std::string::npos);
    Reply other = get(port, "/v1/models", {{"Origin", "http://evil.example"}});
    EXPECT_EQ(other.status, 403);
    EXPECT_EQ(other.header("Access-Control-Allow-Origin"), "");
}

}  // namespace
}  // namespace causerie::server::test
