// "1,2,3" -> ids, with a clear error on anything else.
#pragma once
#include "core/result.h"

#include <cstdlib>
#include <string>
#include <vector>

namespace causerie::cli {

inline Result<std::vector<int32_t>> parse_token_list(const std::string& s) {
    std::vector<int32_t> ids;
    size_t i = 0;
    while (i < s.size()) {
        size_t end = s.find_first_of(", ", i);
        if (end == std::string::npos) end = s.size();
        std::string part = s.substr(i, end - i);
        if (!part.empty()) {
            char* stop = nullptr;
            long v = std::strtol(part.c_str(), &stop, 10);
            if (*stop != '\0' || v < 0 || v > INT32_MAX) return make_error("bad token id '" + part + "'");
            ids.push_back(int32_t(v));
        }
        i = end + 1;
    }
    if (ids.empty()) return make_error("no token ids given");
    return ids;
}

}  // namespace causerie::cli
