// What the session needs from a forward pass, whichever device runs it.
#pragma once
#include "core/result.h"

#include <cstdint>
#include <span>
#include <vector>

namespace causerie {

class Backend {
public:
    virtual ~Backend() = default;
    // Evaluates `tokens` at positions [pos, pos + n) (the KV cache keeps [0, pos)); returns
    // logits [n][vocab], or only the last row when all_logits is false.
    virtual Result<std::vector<float>> forward(std::span<const int32_t> tokens, uint32_t pos, bool all_logits) = 0;
    // Whether a forward may start at pos given what earlier forwards left in the cache: false
    // when a sliding-window layer's ring has overwritten positions that pos still attends to
    // (model/kv_ring.h KvReach); forward() then fails rather than read them.
    virtual bool can_resume(uint32_t pos) const = 0;
    virtual uint32_t n_ctx() const = 0;
    virtual uint64_t device_bytes() const = 0;  // memory the backend holds for weights, cache, scratch
};

}  // namespace causerie
