// The checks that keep web pages out (issue 19): a Host header that is not this server's
// address (DNS rebinding) and an Origin header the user did not allow (a page in a browser on
// this machine) are refused; the API key, when one is set, is compared in constant time.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace causerie::server {

// `host`: the Host header. Accepted: localhost, 127.0.0.1, [::1] and the bound address, each
// with the bound port (without a port only when that port is 80). When bound to every
// interface (0.0.0.0 or ::), any IP literal with the port is accepted too: a rebinding attack
// needs a name, and other computers reach this one by its address.
bool host_allowed(std::string_view host, std::string_view bound_host, int port);

// `origin`: the Origin header ("" when absent: not a browser, allowed). Otherwise it must be
// one of `allowed` exactly (scheme://host[:port]), or `allowed` holds "*".
bool origin_allowed(std::string_view origin, const std::vector<std::string>& allowed);

// "Authorization: Bearer KEY" against `key`, in time independent of where they differ.
bool bearer_matches(std::string_view authorization, std::string_view key);

}  // namespace causerie::server
