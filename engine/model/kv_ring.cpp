#include "model/kv_ring.h"

#include <algorithm>

namespace causerie {

uint32_t kv_cache_rows(const LayerAttention& la, uint32_t n_ctx, uint32_t max_batch, bool ring) {
    if (!ring || la.window == 0) return n_ctx;
    return uint32_t(std::min<uint64_t>(n_ctx, uint64_t(la.window) + std::max<uint32_t>(max_batch, 1)));
}

KvReach::KvReach(const std::vector<LayerAttention>& layers, const std::vector<uint32_t>& rows, uint32_t n_ctx) {
    for (size_t l = 0; l < layers.size() && l < rows.size(); ++l) {
        if (rows[l] >= n_ctx) continue;
        const Ring r{layers[l].window, rows[l]};
        if (std::none_of(rings_.begin(), rings_.end(), [&](const Ring& o) { return o.window == r.window && o.rows == r.rows; }))
            rings_.push_back(r);
    }
}

bool KvReach::can_start(uint32_t pos) const { return why_not(pos).empty(); }

std::string KvReach::why_not(uint32_t pos) const {
    if (pos == 0) return {};
    if (pos > end_)
        return "position " + std::to_string(pos) + " is past the cached positions (" + std::to_string(end_) + ")";
    for (const Ring& r : rings_) {
        // The first query sees [first, pos); the ring holds [begin, end_).
        const uint32_t first = pos + 1 > r.window ? pos + 1 - r.window : 0;
        if (first < pos && first < r.begin)
            return "the sliding-window cache (" + std::to_string(r.rows) + " rows) no longer holds positions " + std::to_string(first) +
                   ".." + std::to_string(r.begin - 1) + " that position " + std::to_string(pos) +
                   " attends to (overwritten since): evaluate again from position 0";
    }
    return {};
}

void KvReach::stored(uint32_t pos, uint32_t n) {
    const uint64_t new_end = uint64_t(pos) + n;
    for (Ring& r : rings_) {
        // Kept: what it held before pos (nothing when starting over at 0), less the rows the
        // new positions took; the new positions themselves, at most the newest `rows`.
        const uint64_t overwritten = new_end > r.rows ? new_end - r.rows : 0;
        r.begin = uint32_t(std::max<uint64_t>(pos == 0 ? 0 : std::min(r.begin, pos), overwritten));
    }
    end_ = uint32_t(new_end);
}

}  // namespace causerie
