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
    // A recurrent state (DeltaNet layers) cannot be cut back like a KV cache: the session keeps
    // copies of it (checkpoints) and puts one back to continue from its position. Models
    // without one: 0 bytes, an empty copy, and a restore that fails.
    virtual uint64_t recurrent_state_bytes() const { return 0; }
    virtual Result<std::vector<uint8_t>> save_recurrent_state() { return std::vector<uint8_t>{}; }
    // The state a save made after `pos` positions put back: forwards continue at pos (the KV
    // cache must still hold [0, pos) of the same tokens: the caller's prefix).
    virtual Status restore_recurrent_state(std::span<const uint8_t> state, uint32_t pos) {
        (void)state;
        (void)pos;
        return make_error("this model has no recurrent state");
    }
};

}  // namespace causerie
