// What the session needs from a forward pass, whichever device runs it.
#pragma once
#include "core/result.h"
#include "model/kv_ring.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace causerie {

// What a rewind cannot take back by truncating the cache: the rows of the sliding-window rings
// (and what they reach), and a recurrent state (DeltaNet layers), which only moves forward, as
// they were once positions [0, pos) were stored. Restored, a forward may start at pos again
// however far the model went since, provided the positions [0, pos) still hold the same tokens
// (the caller's to check: Session keeps them beside it).
struct Checkpoint {
    uint32_t pos = 0;
    std::optional<KvReach> reach;
    std::vector<uint8_t> rings;      // each ring layer's K then V rows, in layer order
    std::vector<uint8_t> recurrent;  // the recurrent layers' states (conv, delta), in layer order
    uint64_t bytes() const { return rings.size() + recurrent.size(); }
};

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
    // Whether some state (a ring, a recurrent state) cannot be rewound by truncation, so that
    // checkpoints help.
    virtual bool needs_checkpoints() const = 0;
    // That state now (after the last forward); restore() puts it back. A restore does not touch
    // the global layers' rows: the positions before the checkpoint must be unchanged.
    virtual Result<Checkpoint> checkpoint() = 0;
    virtual Status restore(const Checkpoint& c) = 0;
    virtual uint32_t n_ctx() const = 0;
    virtual uint64_t device_bytes() const = 0;  // memory the backend holds for weights, cache, scratch
};

}  // namespace causerie
