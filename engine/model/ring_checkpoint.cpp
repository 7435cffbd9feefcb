// Checkpoints (model/backend.h), for both backends: each sliding-window ring layer's K then V
// rows copied to host memory as they are (f32 on the CPU, f16 on the device), the reach that
// says which positions they hold, and the recurrent layers' states (deltanet_*.cpp). Global
// layers are not copied: their rows [0, pos) stay valid as long as the positions keep their
// tokens.
#include "model/cpu_model.h"
#include "model/vk_model.h"

#include <cstring>

namespace causerie {

namespace {
Status check_checkpoint(const Checkpoint& c, uint64_t expected_bytes) {
    if (!c.reach) return make_error("checkpoint without ring state");
    if (c.rings.size() != expected_bytes)
        return make_error("checkpoint of " + std::to_string(c.rings.size()) + " bytes, expected " + std::to_string(expected_bytes) +
                          " (another model's?)");
    return {};
}
}  // namespace

Result<Checkpoint> CpuModel::checkpoint() {
    Checkpoint c;
    c.pos = reach_.end();
    c.reach = reach_;
    for (uint32_t l = 0; l < hp_.n_layer; ++l) {
        if (kv_rows_[l] >= n_ctx_ || !hp_.owns_kv(l)) continue;  // (a shared-KV layer has no cache of its own)
        const size_t floats = size_t(kv_rows_[l]) * hp_.layer_attn[l].kv_dim();
        for (const std::vector<float>* cache : {&k_cache_, &v_cache_}) {
            const auto* bytes = reinterpret_cast<const uint8_t*>(cache->data() + kv_offset_[l]);
            c.rings.insert(c.rings.end(), bytes, bytes + floats * 4);
        }
    }
    if (recurrent_state_bytes() > 0) {
        TRY_ASSIGN(c.recurrent, save_recurrent_state());
    }
    return c;
}

Status CpuModel::restore(const Checkpoint& c) {
    uint64_t expected = 0;
    for (uint32_t l = 0; l < hp_.n_layer; ++l)
        if (kv_rows_[l] < n_ctx_ && hp_.owns_kv(l)) expected += 2ull * kv_rows_[l] * hp_.layer_attn[l].kv_dim() * 4;
    TRY_STATUS(check_checkpoint(c, expected));
    const uint8_t* src = c.rings.data();
    for (uint32_t l = 0; l < hp_.n_layer; ++l) {
        if (kv_rows_[l] >= n_ctx_ || !hp_.owns_kv(l)) continue;
        const size_t floats = size_t(kv_rows_[l]) * hp_.layer_attn[l].kv_dim();
        for (std::vector<float>* cache : {&k_cache_, &v_cache_}) {
            std::memcpy(cache->data() + kv_offset_[l], src, floats * 4);
            src += floats * 4;
        }
    }
    reach_ = *c.reach;
    if (!c.recurrent.empty()) TRY_STATUS(restore_recurrent_state(c.recurrent, c.pos));
    return {};
}

Result<Checkpoint> VkModel::checkpoint() {
    if (!reach_) return make_error("model not loaded");
    if (!ring_io_ && reach_->has_rings()) {
        TRY_ASSIGN(ring_io_, vk::Uploader::create(dev_, std::min<uint64_t>(opts_.staging_bytes, 8ull << 20)));
    }
    Checkpoint c;
    c.pos = reach_->end();
    c.reach = *reach_;
    for (const Layer& L : layers_) {
        if (L.kv_rows >= opts_.n_ctx || !L.own_kv || L.recurrent) continue;
        for (const vk::Buffer* cache : {&L.k_cache, &L.v_cache}) {
            const size_t at = c.rings.size();
            c.rings.resize(at + cache->size);
            TRY_STATUS(ring_io_->download(*cache, 0, c.rings.data() + at, cache->size));
        }
    }
    if (state_bytes_ > 0) {
        TRY_ASSIGN(c.recurrent, save_recurrent_state());
    }
    return c;
}

Status VkModel::restore(const Checkpoint& c) {
    if (!reach_) return make_error("model not loaded");
    uint64_t expected = 0;
    for (const Layer& L : layers_)
        if (L.kv_rows < opts_.n_ctx && L.own_kv && !L.recurrent) expected += L.k_cache.size + L.v_cache.size;
    TRY_STATUS(check_checkpoint(c, expected));
    if (!ring_io_ && expected > 0) {
        TRY_ASSIGN(ring_io_, vk::Uploader::create(dev_, std::min<uint64_t>(opts_.staging_bytes, 8ull << 20)));
    }
    const uint8_t* src = c.rings.data();
    for (const Layer& L : layers_) {
        if (L.kv_rows >= opts_.n_ctx || !L.own_kv || L.recurrent) continue;
        for (const vk::Buffer* cache : {&L.k_cache, &L.v_cache}) {
            TRY_STATUS(ring_io_->upload(*cache, 0, src, cache->size));
            src += cache->size;
        }
    }
    *reach_ = *c.reach;
    if (!c.recurrent.empty()) TRY_STATUS(restore_recurrent_state(c.recurrent, c.pos));
    return {};
}

}  // namespace causerie
