// The Host, Origin and key checks as functions (the socket-level tests are in hostile_test).
#include "security.h"

#include <gtest/gtest.h>

namespace causerie::server {
namespace {

TEST(Security, HostAllowed) {
    EXPECT_TRUE(host_allowed("127.0.0.1:8080", "127.0.0.1", 8080));
    EXPECT_TRUE(host_allowed("localhost:8080", "127.0.0.1", 8080));
    EXPECT_TRUE(host_allowed("[::1]:8080", "127.0.0.1", 8080));
    EXPECT_TRUE(host_allowed("[::1]:8080", "::1", 8080));
    EXPECT_FALSE(host_allowed("127.0.0.1:8081", "127.0.0.1", 8080));
    EXPECT_FALSE(host_allowed("127.0.0.1", "127.0.0.1", 8080));
    EXPECT_TRUE(host_allowed("127.0.0.1", "127.0.0.1", 80));
    EXPECT_FALSE(host_allowed("attacker.example:8080", "127.0.0.1", 8080));
    EXPECT_FALSE(host_allowed("", "127.0.0.1", 8080));
    EXPECT_FALSE(host_allowed("127.0.0.1:80a", "127.0.0.1", 80));
    EXPECT_FALSE(host_allowed("::1:8080", "127.0.0.1", 8080));
    // Bound to every interface: IP literals (other computers) yes, names no.
    EXPECT_TRUE(host_allowed("192.168.1.20:8080", "0.0.0.0", 8080));
    EXPECT_TRUE(host_allowed("[fe80::1]:8080", "::", 8080));
    EXPECT_FALSE(host_allowed("rebind.attacker.example:8080", "0.0.0.0", 8080));
    EXPECT_FALSE(host_allowed("192.168.1.20:8080", "127.0.0.1", 8080));
    // Bound to one LAN address: that address.
    EXPECT_TRUE(host_allowed("192.168.1.20:8080", "192.168.1.20", 8080));
}

TEST(Security, OriginAllowed) {
    EXPECT_TRUE(origin_allowed("", {}));
    EXPECT_FALSE(origin_allowed("http://evil.example", {}));
    EXPECT_FALSE(origin_allowed("null", {"http://app.example"}));
    EXPECT_TRUE(origin_allowed("http://app.example", {"http://app.example/"}));
    EXPECT_FALSE(origin_allowed("http://app.example.evil", {"http://app.example"}));
    EXPECT_TRUE(origin_allowed("http://anything", {"*"}));
}

TEST(Security, BearerMatches) {
    EXPECT_TRUE(bearer_matches("", ""));
    EXPECT_TRUE(bearer_matches("Bearer k3y", "k3y"));
    EXPECT_TRUE(bearer_matches("bearer k3y", "k3y"));
    EXPECT_FALSE(bearer_matches("Bearer k3", "k3y"));
    EXPECT_FALSE(bearer_matches("Bearer k3yy", "k3y"));
    EXPECT_FALSE(bearer_matches("k3y", "k3y"));
    EXPECT_FALSE(bearer_matches("", "k3y"));
}

}  // namespace
}  // namespace causerie::server
