#include "sampling/stop_strings.h"

#include <algorithm>

namespace causerie {

StopMatcher::StopMatcher(std::vector<std::string> stops) : stops_(std::move(stops)) {
    stops_.erase(std::remove_if(stops_.begin(), stops_.end(), [](const std::string& s) { return s.empty(); }),
                 stops_.end());
}

StopMatcher::Out StopMatcher::push(std::string_view piece) {
    if (stopped_) return {"", true};
    pending_.append(piece);

    // The earliest complete stop string wins (the longest, when two start at the same byte).
    size_t best = std::string::npos;
    const std::string* best_stop = nullptr;
    for (const std::string& stop : stops_) {
        const size_t at = pending_.find(stop);
        if (at == std::string::npos) continue;
        if (at < best || (at == best && stop.size() > best_stop->size())) {
            best = at;
            best_stop = &stop;
        }
    }
    if (best_stop) {
        Out out{pending_.substr(0, best), true};
        matched_ = *best_stop;
        stopped_ = true;
        pending_.clear();
        return out;
    }

    // Hold back the longest suffix that is a proper prefix of some stop string; anything before
    // it can no longer start one.
    size_t hold = 0;
    const std::string_view text = pending_;
    for (const std::string& stop : stops_) {
        const size_t max_len = std::min(stop.size() - 1, text.size());
        for (size_t len = max_len; len > hold; --len) {
            if (text.substr(text.size() - len) == std::string_view(stop).substr(0, len)) {
                hold = len;
                break;
            }
        }
    }
    Out out{pending_.substr(0, pending_.size() - hold), false};
    pending_.erase(0, pending_.size() - hold);
    return out;
}

std::string StopMatcher::flush() {
    std::string out;
    out.swap(pending_);
    return out;
}

void StopMatcher::reset() {
    pending_.clear();
    matched_.clear();
    stopped_ = false;
}

}  // namespace causerie
