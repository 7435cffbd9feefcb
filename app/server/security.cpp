#include "security.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <string>

namespace causerie::server {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_ip_literal(const std::string& name) {
    unsigned char buf[16];
    if (name.size() > 2 && name.front() == '[' && name.back() == ']')
        return inet_pton(AF_INET6, name.substr(1, name.size() - 2).c_str(), buf) == 1;
    return inet_pton(AF_INET, name.c_str(), buf) == 1;
}

}  // namespace

bool host_allowed(std::string_view header, std::string_view bound_host, int port) {
    std::string h = lower(header);
    if (h.empty()) return false;
    // Split name and port: "[::1]:8080", "127.0.0.1:8080", "localhost".
    std::string name = h, port_text;
    size_t colon = h.rfind(':');
    if (colon != std::string::npos && h.find(']', colon) == std::string::npos && (h.front() == '[' || h.find(':') == colon)) {
        name = h.substr(0, colon);
        port_text = h.substr(colon + 1);
    }
    if (port_text.empty()) {
        if (port != 80) return false;
    } else {
        if (port_text.size() > 5 || !std::all_of(port_text.begin(), port_text.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return false;
        if (std::stoi(port_text) != port) return false;
    }
    std::string bound = lower(bound_host);
    if (bound.find(':') != std::string::npos && bound.front() != '[') bound = "[" + bound + "]";
    if (name == "localhost" || name == "127.0.0.1" || name == "[::1]" || name == bound) return true;
    const bool wildcard = bound == "0.0.0.0" || bound == "[::]";
    return wildcard && is_ip_literal(name);
}

bool origin_allowed(std::string_view origin, const std::vector<std::string>& allowed) {
    if (origin.empty()) return true;
    for (const auto& a : allowed) {
        if (a == "*") return true;
        std::string_view want = a;
        while (want.ends_with('/')) want.remove_suffix(1);
        if (lower(want) == lower(origin)) return true;
    }
    return false;
}

bool bearer_matches(std::string_view authorization, std::string_view key) {
    constexpr std::string_view kPrefix = "Bearer ";
    if (key.empty()) return true;
    if (authorization.size() < kPrefix.size() || lower(authorization.substr(0, kPrefix.size())) != "bearer ") return false;
    std::string_view given = authorization.substr(kPrefix.size());
    unsigned char diff = given.size() == key.size() ? 0 : 1;
    for (size_t i = 0; i < key.size(); ++i) diff |= static_cast<unsigned char>(key[i] ^ (i < given.size() ? given[i] : 0));
    return diff == 0;
}

}  // namespace causerie::server
