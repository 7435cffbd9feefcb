// The session's checkpoints of what a model cannot cut back (session.h: sliding-window rings,
// recurrent states): kept by position, bounded in number and bytes by thinning the closest pair,
// and the longest one that begins a prompt put back.
#include "core/log.h"
#include "session.h"

#include <algorithm>

namespace causerie {

std::vector<uint32_t> Session::checkpoint_positions() const {
    std::vector<uint32_t> out;
    for (const Saved& c : checkpoints_) out.push_back(uint32_t(c.tokens.size()));
    return out;
}

void Session::keep_checkpoint() {
    if (cache_.empty()) return;
    for (const Saved& c : checkpoints_)
        if (c.tokens == cache_) return;  // already kept
    auto state = backend_->checkpoint();
    if (!state) {
        logger("session")->warn("checkpoint failed: {}", state.error().message);
        return;
    }
    if (state->bytes() == 0) return;
    Saved cp{cache_, std::move(*state)};
    const size_t at_pos = cp.tokens.size();
    auto it = std::find_if(checkpoints_.begin(), checkpoints_.end(), [&](const Saved& c) { return c.tokens.size() > at_pos; });
    const size_t newest = size_t(it - checkpoints_.begin());
    checkpoints_.insert(it, std::move(cp));
    // Bounds: drop the checkpoint closest to the one after it (the newest and the last kept),
    // which keeps the rest spread over the conversation.
    auto bytes = [&] {
        uint64_t b = 0;
        for (const Saved& c : checkpoints_) b += c.state.bytes();
        return b;
    };
    size_t keep = newest;
    while (checkpoints_.size() > 1 && (checkpoints_.size() > std::max<uint32_t>(opts_.max_checkpoints, 1) || bytes() > opts_.checkpoint_bytes)) {
        size_t drop = checkpoints_.size();
        size_t best_gap = SIZE_MAX;
        for (size_t i = 0; i + 1 < checkpoints_.size(); ++i) {
            if (i == keep) continue;
            const size_t gap = checkpoints_[i + 1].tokens.size() - checkpoints_[i].tokens.size();
            if (gap < best_gap) {
                best_gap = gap;
                drop = i;
            }
        }
        if (drop == checkpoints_.size()) drop = keep == 0 ? 1 : 0;  // only the newest and the last: the other goes
        if (drop >= checkpoints_.size()) break;
        checkpoints_.erase(checkpoints_.begin() + ptrdiff_t(drop));
        if (drop < keep) --keep;
    }
}

size_t Session::resume_from_checkpoint(const std::vector<int32_t>& tokens, size_t limit) {
    for (auto it = checkpoints_.rbegin(); it != checkpoints_.rend(); ++it) {
        const size_t n = it->tokens.size();
        if (n > limit || !std::equal(it->tokens.begin(), it->tokens.end(), tokens.begin())) continue;
        if (it->state.pos != n) continue;
        Status st = backend_->restore(it->state);
        if (!st) {
            logger("session")->warn("the checkpoint at {} could not be restored: {}", n, st.error().message);
            break;
        }
        if (!backend_->can_resume(uint32_t(n))) break;
        logger("session")->debug("resuming from the checkpoint at {} of {} tokens", n, tokens.size());
        return n;
    }
    logger("session")->debug("no checkpoint begins the prompt: evaluating all {} again", tokens.size());
    return 0;
}

}  // namespace causerie
