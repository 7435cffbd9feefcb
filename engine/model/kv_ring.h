// The KV cache of a sliding-window layer as a ring: it holds only the positions its window
// needs, position p in row p % rows (gemma2, gemma3, any layer with LayerAttention::window);
// global layers keep a row per context position. And which positions the rings still hold, so
// that a forward never attends to rows that newer positions have overwritten.
#pragma once
#include "model/hparams.h"

#include <cstdint>
#include <string>
#include <vector>

namespace causerie {

// Rows of a layer's cache. A forward of n <= max_batch tokens at pos first stores their keys
// at [pos, pos + n), then query p reads [p - window + 1, p]: the oldest row the batch reads
// (pos - window + 1) must not be overwritten by the newest it writes (pos + n - 1), so a ring
// needs window + max_batch - 1 rows; like llama.cpp (n_swa + n_ubatch) it gets window +
// max_batch. Global layers (window 0), and rings as long as the context, get n_ctx rows (then
// p % rows = p: no ring). `ring` false: every layer gets n_ctx rows (the reference layout).
uint32_t kv_cache_rows(const LayerAttention& la, uint32_t n_ctx, uint32_t max_batch, bool ring = true);

// What the rings hold after the forwards so far. A ring of R rows keeps only the newest R
// positions written; a forward may start at pos only when the rings still hold every
// position [pos - window + 1, pos) its first query sees. After a rewind further back than
// that (a session reusing a prefix whose window the ring has overwritten since), those
// positions cannot be recovered from the cache: the caller evaluates again from position 0
// (Session::evaluate), where nothing earlier is needed.
class KvReach {
public:
    // The layers' windows and cache rows (kv_cache_rows); rings are the layers with rows < n_ctx.
    KvReach(const std::vector<LayerAttention>& layers, const std::vector<uint32_t>& rows, uint32_t n_ctx);
    // Whether a forward may start at pos (always at 0; never past the newest position + 1).
    bool can_start(uint32_t pos) const;
    // Why not, for the error message ("" when it can).
    std::string why_not(uint32_t pos) const;
    // After a forward that stored positions [pos, pos + n) (pos accepted by can_start).
    void stored(uint32_t pos, uint32_t n);
    // Cache positions ever written up to (one past the newest); nothing held beyond it.
    uint32_t end() const { return end_; }
    // Whether any layer's cache is a ring (shorter than the context).
    bool has_rings() const { return !rings_.empty(); }

private:
    struct Ring {
        uint32_t window, rows;
        uint32_t begin = 0;  // oldest position the ring still holds (with end_: [begin, end_))
    };
    std::vector<Ring> rings_;  // one per distinct (window, rows)
    uint32_t end_ = 0;
};

}  // namespace causerie
