#include "model/vk_model.h"

#include "core/log.h"
#include "quant/quant.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <set>

namespace causerie {

using namespace vk;
using shader::AttentionPush;
using shader::RopeStorePush;

Result<std::unique_ptr<VkModel>> VkModel::create(Device& dev, const ModelFile& file, const VkModelOptions& opts) {
    if (opts.n_ctx == 0 || opts.max_batch == 0) return make_error("context length and batch must be positive");
    std::unique_ptr<VkModel> m(new VkModel(dev, file, opts));
    m->opts_.max_batch = std::min(opts.max_batch, opts.n_ctx);
    TRY_STATUS(m->load());
    return m;
}

VkModel::~VkModel() = default;

Status VkModel::load() {
    const HParams& h = file_.hp;
    const ModelWeights& w = file_.weights;
    const MappedFile& map = file_.map;
    set_ = std::make_unique<BufferSet>(dev_);
    pipes_ = std::make_unique<Pipelines>(dev_, opts_.pipeline_cache);
    ops_ = std::make_unique<Ops>(dev_, *pipes_, Tuning::for_device(dev_.info()));
    TRY_ASSIGN(cmd_, Commands::create(dev_));
    TRY_ASSIGN(decode_cmd_, Commands::create(dev_));
    TRY_ASSIGN(auto up, Uploader::create(dev_, opts_.staging_bytes));

    // Pipelines for every weight type the file uses.
    std::set<TensorType> types;
    for (const auto& t : file_.gguf.tensors)
        if (t.dims.size() == 2) types.insert(t.type);
    for (const LayerWeights& lw : w.layers)  // the shared expert's gate: a vector used as a one-row matrix
        if (lw.moe.gate_inp_shexp) types.insert(lw.moe.gate_inp_shexp->type);
    TRY_STATUS(ops_->prepare(std::vector<TensorType>(types.begin(), types.end()), h.head_dim));
    if (h.block == BlockKind::Hybrid) TRY_STATUS(ops_->prepare_deltanet(h.dn.head_dim));
    // gemma4: the attention of the other head size, and the per-layer embeddings' kernels
    std::set<uint32_t> head_dims;
    for (const LayerAttention& la : h.layer_attn)
        if (la.head_dim != h.head_dim) head_dims.insert(la.head_dim);
    for (uint32_t d : head_dims) TRY_STATUS(ops_->prepare_head_dim(d));
    if (w.per_layer_token_embd) TRY_STATUS(ops_->prepare_per_layer());
    if (h.moe.n_expert > 0) {
        std::set<TensorType> expert_types;
        for (const LayerWeights& lw : w.layers)
            for (const TensorInfo* t : {lw.moe.gate_exps, lw.moe.up_exps, lw.moe.down_exps, lw.moe.gate_up_exps, lw.moe.gate_shexp, lw.moe.up_shexp,
                                        lw.moe.down_shexp})
                if (t) expert_types.insert(t->type);
        TRY_STATUS(ops_->prepare_experts(std::vector<TensorType>(expert_types.begin(), expert_types.end())));
    }

    // Weights, streamed from the mapping through the staging buffer (the progress up to 90% where
    // the warm-up below follows).
    const bool warm = dev_.info().type == "cpu";
    const double upload_share = warm ? 0.9 : 1.0;
    uint64_t total_bytes = 0, done_bytes = 0;
    for (const auto& t : file_.gguf.tensors) total_bytes += t.n_bytes;
    auto weight_in = [&](const TensorInfo* t, MemoryKind kind) -> Result<GpuTensor> {
        TRY_ASSIGN(GpuTensor g, upload_weight(dev_, *set_, *up, *t, map, ops_->tuning().texel_weights, kind));
        weight_bytes_ += g.buffer.size;
        done_bytes += t->n_bytes;
        if (opts_.progress && total_bytes) opts_.progress(float(upload_share * double(done_bytes) / double(total_bytes)));
        return g;
    };
    auto weight = [&](const TensorInfo* t) { return weight_in(t, MemoryKind::DeviceLocal); };
    auto vec = [&](const TensorInfo* t) -> Result<Buffer> {
        TRY_ASSIGN(Buffer b, upload_f32(*set_, *up, *t, map));
        weight_bytes_ += b.size;
        return b;
    };
    TRY_ASSIGN(token_embd_, weight(w.token_embd));
    output_ = token_embd_;
    if (w.output && w.output != w.token_embd) {
        TRY_ASSIGN(output_, weight(w.output));
    }
    // Encoders (bert): token types and absolute positions added to the embeddings
    if (w.token_types) {
        TRY_ASSIGN(token_types_, weight(w.token_types));
    }
    if (w.position_embd) {
        TRY_ASSIGN(position_embd_, weight(w.position_embd));
    }
    // An optional vector: no buffer when the file has none.
    auto opt = [&](const TensorInfo* t, Buffer& out) -> Status {
        if (!t) return {};
        TRY_ASSIGN(out, vec(t));
        return {};
    };
    // A vector times a constant (gemma4's router input scale over sqrt(embd)).
    auto scaled_vec = [&](const TensorInfo* t, float factor) -> Result<Buffer> {
        std::vector<float> v(t->n_elements);
        dequantize_row(t->type, map.bytes().data() + t->file_offset, v.data(), v.size());
        for (float& e : v) e *= factor;
        TRY_ASSIGN(Buffer b, set_->create(v.size() * 4, MemoryKind::DeviceLocal));
        TRY_STATUS(up->upload(b, 0, v.data(), v.size() * 4));
        weight_bytes_ += b.size;
        return b;
    };
    TRY_STATUS(opt(w.output_norm, output_norm_));  // none in encoders
    TRY_STATUS(opt(w.output_norm_b, output_norm_b_));
    TRY_STATUS(opt(w.token_embd_norm, token_embd_norm_));
    TRY_STATUS(opt(w.token_embd_norm_b, token_embd_norm_b_));
    rope_freqs_ = output_norm_.buffer ? output_norm_ : token_embd_norm_;  // bound but unused without factors
    if (const TensorInfo* factors = rope_factors(w, h, opts_.n_ctx)) {
        TRY_ASSIGN(rope_freqs_, vec(factors));
        has_rope_factors_ = true;
    }
    // Views for the kernels that read through texel buffers (CPU devices): activations as vec4,
    // the cache as 8 halves.
    const bool texel = ops_->tuning().texel_weights;
    const VkFormat float_view = texel ? VK_FORMAT_R32G32B32A32_SFLOAT : VK_FORMAT_UNDEFINED;
    const VkFormat cache_view = texel ? VK_FORMAT_R32G32B32A32_UINT : VK_FORMAT_UNDEFINED;
    bool any_fused_qkv = false, any_norm_2 = false;
    for (const LayerWeights& lw : w.layers) {
        Layer L;
        TRY_STATUS(opt(lw.attn_norm, L.attn_norm));  // none in post-norm encoders
        TRY_STATUS(opt(lw.attn_norm_b, L.attn_norm_b));
        TRY_STATUS(opt(lw.attn_norm_2, L.attn_norm_2));
        TRY_STATUS(opt(lw.attn_norm_2_b, L.attn_norm_2_b));
        TRY_STATUS(opt(lw.ffn_norm, L.ffn_norm));
        TRY_STATUS(opt(lw.ffn_norm_b, L.ffn_norm_b));
        L.fused_qkv = lw.wqkv != nullptr;
        if (lw.dn.present()) {
            TRY_STATUS(load_deltanet(lw, L, weight, vec));
        } else if (L.fused_qkv) {
            TRY_ASSIGN(L.wqkv, weight(lw.wqkv));
            TRY_STATUS(opt(lw.bqkv, L.bqkv));
        } else {
            // (gemma4: no K/V on a shared-KV layer; V may be absent)
            TRY_ASSIGN(L.wq, weight(lw.wq));
            if (lw.wk) {
                TRY_ASSIGN(L.wk, weight(lw.wk));
            }
            if (lw.wv) {
                TRY_ASSIGN(L.wv, weight(lw.wv));
            }
            TRY_STATUS(opt(lw.bq, L.bq));
            TRY_STATUS(opt(lw.bk, L.bk));
            TRY_STATUS(opt(lw.bv, L.bv));
        }
        if (lw.wo) {
            TRY_ASSIGN(L.wo, weight(lw.wo));
        }
        TRY_STATUS(opt(lw.bo, L.bo));
        TRY_STATUS(opt(lw.attn_sinks, L.attn_sinks));
        if (lw.moe.present()) {
            TRY_STATUS(load_moe(lw, L, uint32_t(layers_.size()), weight_in));
            TRY_STATUS(opt(lw.moe.gate_inp_b, L.moe_gate_inp_b));
            TRY_STATUS(opt(lw.moe.gate_exps_b, L.moe_gate_b));
            TRY_STATUS(opt(lw.moe.up_exps_b, L.moe_up_b));
            TRY_STATUS(opt(lw.moe.down_exps_b, L.moe_down_b));
            if (lw.moe.gate_inp_shexp) {
                L.moe_shared = true;
                TRY_ASSIGN(L.moe_sh_gate_inp, weight(lw.moe.gate_inp_shexp));
                TRY_ASSIGN(L.moe_sh_gate, weight(lw.moe.gate_shexp));
                TRY_ASSIGN(L.moe_sh_up, weight(lw.moe.up_shexp));
                TRY_ASSIGN(L.moe_sh_down, weight(lw.moe.down_shexp));
            }
            // gemma4: the router's input norm weight (its scale over sqrt(embd)), the experts'
            // norms, their output multipliers
            if (lw.moe.gate_inp_s) {
                TRY_ASSIGN(L.moe_router_norm, scaled_vec(lw.moe.gate_inp_s, 1.0f / std::sqrt(float(h.n_embd))));
            }
            TRY_STATUS(opt(lw.moe.pre_norm_2, L.moe_pre_norm));
            TRY_STATUS(opt(lw.moe.post_norm_1, L.moe_post_norm_1));
            TRY_STATUS(opt(lw.moe.post_norm_2, L.moe_post_norm_2));
            TRY_STATUS(opt(lw.moe.down_exps_s, L.moe_down_scale));
        }
        if (lw.w_up) {  // the dense FFN (gemma4: beside the experts)
            if (lw.w_gate) {
                TRY_ASSIGN(L.w_gate, weight(lw.w_gate));
            }
            TRY_ASSIGN(L.w_up, weight(lw.w_up));
            TRY_ASSIGN(L.w_down, weight(lw.w_down));
        }
        TRY_STATUS(opt(lw.b_gate, L.b_gate));
        TRY_STATUS(opt(lw.b_up, L.b_up));
        TRY_STATUS(opt(lw.b_down, L.b_down));
        TRY_STATUS(opt(lw.post_attn_norm, L.post_attn_norm));
        TRY_STATUS(opt(lw.post_ffn_norm, L.post_ffn_norm));
        TRY_STATUS(opt(lw.post_attn_norm_b, L.post_attn_norm_b));
        TRY_STATUS(opt(lw.post_ffn_norm_b, L.post_ffn_norm_b));
        TRY_STATUS(opt(lw.q_norm, L.q_norm));
        TRY_STATUS(opt(lw.k_norm, L.k_norm));
        any_fused_qkv |= L.fused_qkv;
        any_norm_2 |= lw.attn_norm_2 != nullptr;
        if (lw.pl_inp_gate) {
            TRY_ASSIGN(L.pl_inp_gate, weight(lw.pl_inp_gate));
            TRY_ASSIGN(L.pl_proj, weight(lw.pl_proj));
            TRY_ASSIGN(L.pl_post_norm, vec(lw.pl_post_norm));
        }
        if (lw.out_scale) dequantize_row(lw.out_scale->type, map.bytes().data() + lw.out_scale->file_offset, &L.out_scale, 1);
        // The KV cache: a row per position, or a ring of window + max_batch rows on a
        // sliding-window layer; a shared-KV layer (gemma4) reads its source layer's; a recurrent
        // layer (qwen35) keeps a state instead
        const uint32_t l = uint32_t(layers_.size());
        const LayerAttention& la = h.layer_attn[l];
        L.own_kv = h.owns_kv(l);
        if (L.recurrent) {
            L.kv_rows = 0;
            layers_.push_back(std::move(L));
            continue;
        }
        if (L.own_kv) {
            const uint64_t kv_row = uint64_t(la.kv_dim()) * 2;  // f16
            L.kv_rows = kv_cache_rows(la, opts_.n_ctx, opts_.max_batch, opts_.ring);
            TRY_ASSIGN(L.k_cache, set_->create(kv_row * L.kv_rows, MemoryKind::DeviceLocal, cache_view));
            TRY_ASSIGN(L.v_cache, set_->create(kv_row * L.kv_rows, MemoryKind::DeviceLocal, cache_view));
            kv_bytes_ += 2 * kv_row * L.kv_rows;
            full_kv_bytes_ += 2 * kv_row * opts_.n_ctx;
        } else {
            const Layer& src = layers_[h.kv_source(l)];
            L.k_cache = src.k_cache;
            L.v_cache = src.v_cache;
            L.kv_rows = src.kv_rows;
        }
        layers_.push_back(std::move(L));
    }
    std::vector<uint32_t> rows;
    for (const Layer& L : layers_) rows.push_back(L.recurrent ? opts_.n_ctx : L.kv_rows);
    reach_ = std::make_unique<KvReach>(h.layer_attn, rows, opts_.n_ctx);

    // Activations for max_batch tokens.
    const uint64_t B = opts_.max_batch;
    auto act = [&](uint64_t width) { return set_->create(B * width * 4, MemoryKind::DeviceLocal, float_view); };
    TRY_ASSIGN(tokens_, set_->create(B * 4, MemoryKind::Upload));
    TRY_ASSIGN(step_host_, set_->create(sizeof(shader::StepData), MemoryKind::Upload));
    TRY_ASSIGN(step_, set_->create(sizeof(shader::StepData), MemoryKind::DeviceLocal));
    TRY_ASSIGN(x_, act(h.n_embd));
    TRY_ASSIGN(xb_, act(h.n_embd));
    if (any_norm_2) {
        TRY_ASSIGN(xb2_, act(h.n_embd));
    }
    if (any_fused_qkv) {
        TRY_ASSIGN(qkv_, act(h.q_dim() + 2 * h.kv_dim()));
    }
    TRY_ASSIGN(q_, act(h.q_dim()));
    TRY_ASSIGN(k_, act(h.kv_dim()));
    TRY_ASSIGN(v_, act(h.kv_dim()));
    TRY_ASSIGN(att_, act(h.q_dim()));
    // (n_ff may be 0 where every FFN is experts: qwen35moe)
    const uint64_t F = std::max(h.n_ff, 1u);
    TRY_ASSIGN(hb_, act(F));
    TRY_ASSIGN(hb2_, act(w.gate_up_fused ? 2 * F : F));
    if (h.moe.n_expert > 0) TRY_STATUS(create_moe_buffers());
    if (h.block == BlockKind::Hybrid) TRY_STATUS(create_deltanet_buffers());
    if (w.per_layer_token_embd) TRY_STATUS(load_per_layer(weight, vec));
    if (h.layer_attn.end() != std::find_if(h.layer_attn.begin(), h.layer_attn.end(), [](const LayerAttention& la) { return la.v_norm; })) {
        // The weight of the weightless V norm: ones
        const std::vector<float> ones(h.head_dim, 1.f);
        TRY_ASSIGN(ones_, set_->create(ones.size() * 4, MemoryKind::DeviceLocal));
        TRY_STATUS(up->upload(ones_, 0, ones.data(), ones.size() * 4));
    }
    TRY_ASSIGN(attn_parts_, set_->create(ops_->attention_partial_floats(h.n_head, h.head_dim, opts_.n_ctx) * 4, MemoryKind::DeviceLocal));
    // Hidden states for embeddings: [B][embd] read back; positions [B] and zeros [B] (token type 0)
    // as row indices of the position and token-type embeddings.
    TRY_ASSIGN(hidden_readback_, set_->create(B * h.n_embd * 4, MemoryKind::Readback));
    if (position_embd_.buffer.buffer || token_types_.buffer.buffer) {
        TRY_ASSIGN(positions_, set_->create(B * 4, MemoryKind::Upload));
        TRY_ASSIGN(zeros_, set_->create(B * 4, MemoryKind::Upload));
        std::memset(zeros_.mapped, 0, B * 4);
    }
    // Logit rows: as many as fit one binding and 256 MiB, at most max_batch.
    uint64_t row_bytes = uint64_t(h.n_vocab) * 4;
    uint64_t cap = std::min<uint64_t>(dev_.limits().maxStorageBufferRange, 256ull << 20);
    logit_rows_ = w.output ? uint32_t(std::clamp<uint64_t>(cap / row_bytes, 1, B)) : 1;  // encoders: no logits
    TRY_ASSIGN(logits_, set_->create(logit_rows_ * row_bytes, MemoryKind::DeviceLocal));
    TRY_ASSIGN(readback_, set_->create(logit_rows_ * row_bytes, MemoryKind::Readback));
    logger("model")->info("on {}: weights {} MiB, KV cache {} MiB, total {} MiB", dev_.info().name, weight_bytes_ >> 20,
                          kv_bytes_ >> 20, set_->device_bytes() >> 20);
    // llvmpipe compiles each pipeline on its first dispatch (14 s for bench-155M Q4_0 with an
    // empty Mesa cache, which keeps them afterwards): on CPU devices the model runs a prompt
    // batch of each kind and one decode step now, so that the first reply does not wait for it.
    if (warm) {
        TRY_STATUS(warm_up());
        if (opts_.progress) opts_.progress(1.0f);
    }
    return {};
}

Status VkModel::warm_up() {
    const auto started = std::chrono::steady_clock::now();
    const uint32_t small = ops_->small_batch_tokens();
    std::vector<int32_t> tokens(std::min(opts_.max_batch, small + 1), 0);  // past the small-batch size
    std::vector<uint32_t> sizes{uint32_t(tokens.size()), std::min<uint32_t>(2, small), 1};
    for (uint32_t n : sizes) {
        if (n == 0 || n > tokens.size()) continue;
        const std::span<const int32_t> first = std::span<const int32_t>(tokens).first(n);
        auto r = file_.weights.output ? forward(first, 0, false) : hidden(first);  // encoders have no logits
        if (!r) return r.error();
    }
    // The cache rows written here are overwritten by the first prompt (position 0 on).
    logger("model")->info("warm-up (pipeline compilation) {:.1f} s",
                          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    return {};
}

Status VkModel::check_tokens(std::span<const int32_t> tokens, uint32_t pos) const {
    if (tokens.empty()) return make_error("no tokens to evaluate");
    if (uint64_t(pos) + tokens.size() > opts_.n_ctx)
        return make_error("context full: " + std::to_string(pos + tokens.size()) + " tokens > " + std::to_string(opts_.n_ctx));
    for (int32_t t : tokens)
        if (t < 0 || uint32_t(t) >= file_.hp.n_vocab) return make_error("token id " + std::to_string(t) + " is outside the vocabulary");
    // A start whose window a ring has overwritten would attend to newer positions' keys.
    if (std::string why = reach_->why_not(pos); !why.empty()) return make_error(why);
    return {};
}

Result<std::vector<float>> VkModel::hidden(std::span<const int32_t> tokens) {
    const HParams& h = file_.hp;
    TRY_STATUS(check_tokens(tokens, 0));
    // Non-causal attention sees the whole sequence: it must be one batch.
    if (!h.causal && tokens.size() > opts_.max_batch)
        return make_error("a sequence of " + std::to_string(tokens.size()) + " tokens is longer than the batch of " +
                          std::to_string(opts_.max_batch) + " (an encoder evaluates a sequence in one batch)");
    std::vector<float> out(tokens.size() * size_t(h.n_embd));
    for (size_t i = 0; i < tokens.size(); i += opts_.max_batch) {
        const uint32_t n = uint32_t(std::min<size_t>(opts_.max_batch, tokens.size() - i)), pos = uint32_t(i);
        std::memcpy(tokens_.mapped, tokens.data() + i, n * 4);
        const shader::StepData step{pos};
        std::memcpy(step_host_.mapped, &step, sizeof step);
        if (positions_.mapped)
            for (uint32_t j = 0; j < n; ++j) static_cast<uint32_t*>(positions_.mapped)[j] = pos + j;
        last_batch_ = n;
        TRY_STATUS(cmd_->begin(timing_));
        record(*cmd_, n, false, false, true);
        last_cmd_ = cmd_.get();
        TRY_STATUS(cmd_->submit_and_wait());
        reach_->stored(pos, n);
        std::memcpy(out.data() + i * h.n_embd, hidden_readback_.mapped, size_t(n) * h.n_embd * 4);
    }
    return out;
}

Result<std::vector<float>> VkModel::forward(std::span<const int32_t> tokens, uint32_t pos, bool all_logits) {
    const HParams& h = file_.hp;
    if (!file_.weights.output) return make_error("an encoder (embedding) model has no logits");
    TRY_STATUS(check_tokens(tokens, pos));
    // The recurrent states continue from where they are, or start afresh at 0.
    if (state_bytes_ && pos != 0 && pos != rec_pos_)
        return make_error("the recurrent state holds " + std::to_string(rec_pos_) + " positions; a forward cannot start at " +
                          std::to_string(pos) + " (only there or at 0)");
    if (state_bytes_ && pos == 0) TRY_STATUS(reset_recurrent());
    std::vector<float> logits((all_logits ? tokens.size() : 1) * size_t(h.n_vocab));
    // Batches of at most max_batch tokens (logit_rows when every row's logits are wanted).
    const size_t step = all_logits ? logit_rows_ : opts_.max_batch;
    for (size_t i = 0; i < tokens.size(); i += step) {
        size_t n = std::min(step, tokens.size() - i);
        bool last = i + n == tokens.size();
        float* out = all_logits ? logits.data() + i * h.n_vocab : (last ? logits.data() : nullptr);
        TRY_STATUS(forward_batch(tokens.subspan(i, n), pos + uint32_t(i), all_logits, out));
        rec_pos_ = pos + uint32_t(i + n);
    }
    return logits;
}

Status VkModel::forward_batch(std::span<const int32_t> tokens, uint32_t pos, bool all_logits, float* logits_out) {
    const uint32_t n = uint32_t(tokens.size());
    const uint32_t rows = all_logits ? n : 1;
    last_batch_ = n;
    std::memcpy(tokens_.mapped, tokens.data(), n * 4);
    const shader::StepData step{pos};
    std::memcpy(step_host_.mapped, &step, sizeof step);
    if (n == 1 && logits_out) {
        // Decode: the recorded step is replayed (recorded again only when timing changes).
        last_cmd_ = decode_cmd_.get();
        if (decode_cmd_->can_replay() && decode_timed_ == timing_) {
            TRY_STATUS(decode_cmd_->replay());
        } else {
            TRY_STATUS(decode_cmd_->begin(timing_, true));
            record(*decode_cmd_, 1, all_logits, true, false);
            decode_timed_ = timing_;
            TRY_STATUS(decode_cmd_->submit_and_wait());
        }
    } else {
        TRY_STATUS(cmd_->begin(timing_));
        record(*cmd_, n, all_logits, logits_out != nullptr, false);
        last_cmd_ = cmd_.get();
        TRY_STATUS(cmd_->submit_and_wait());
    }
    reach_->stored(pos, n);
    if (logits_out) std::memcpy(logits_out, readback_.mapped, size_t(rows) * file_.hp.n_vocab * 4);
    return {};
}

void VkModel::record(Commands& c, uint32_t n, bool all_logits, bool want_logits, bool want_hidden) {
    const HParams& h = file_.hp;
    const uint32_t E = h.n_embd;
    const Ops& op = *ops_;

    // Position of the first token: host buffer -> device (visible after the first barrier)
    c.copy(step_host_, 0, step_, 0, sizeof(shader::StepData));
    // Embedding: x[n][E] = token_embd[tokens] * embd_scale
    op.get_rows(c, token_embd_, tokens_, n, x_, h.embd_scale);
    c.barrier();
    // Token type 0 and absolute positions (bert): x += token_types[0] + position_embd[pos + i]
    for (auto [table, rows] : {std::pair{&token_types_, &zeros_}, std::pair{&position_embd_, &positions_}}) {
        if (!table->buffer.buffer) continue;
        op.get_rows(c, *table, *rows, n, xb_);
        c.barrier();
        op.scale(c, xb_, x_, n * E, 1.0f, true);
        c.barrier();
    }
    // Embedding norm (bloom): x = layernorm(x) * w + b
    if (token_embd_norm_.buffer) {
        op.layernorm(c, x_, token_embd_norm_, token_embd_norm_b_, x_, E, n, h.norm_eps);
        c.barrier();
    }
    // Per-layer inputs (gemma4): pl[n][n_layer][P] from the tokens and x
    if (per_layer_token_embd_.buffer.buffer) per_layer_inputs(c, n);
    for (uint32_t l = 0; l < h.n_layer; ++l) {
        switch (h.block) {
        case BlockKind::PreNorm: pre_norm_block(c, n, l); break;
        case BlockKind::Sandwich: sandwich_block(c, n, l); break;
        case BlockKind::Parallel: parallel_block(c, n, l); break;
        case BlockKind::PostNorm: post_norm_block(c, n, l); break;
        case BlockKind::Hybrid: hybrid_block(c, n, l); break;
        }
    }
    // Final norm (none in encoders: their blocks end in one): xb[n][E]
    const Buffer& final_rows = output_norm_.buffer ? xb_ : x_;
    if (output_norm_.buffer) {
        if (h.norm == NormKind::Layer) op.layernorm(c, x_, output_norm_, output_norm_b_, xb_, E, n, h.norm_eps);
        else op.rmsnorm(c, x_, output_norm_, xb_, E, n, h.rms_eps);
        c.barrier();
    }
    // Hidden states for embeddings: every row read back
    if (want_hidden) c.copy(final_rows, 0, hidden_readback_, 0, uint64_t(n) * E * 4);
    // Logits (every row, or only the last token's) * logit_scale, soft-capped when the model says so
    const uint64_t row_bytes = uint64_t(h.n_vocab) * 4;
    const uint32_t rows = all_logits ? n : 1;
    if (want_logits) {
        if (all_logits && n > 1) op.matmul(c, output_, xb_, n, logits_, false, nullptr, h.logit_scale);
        else op.matvec(c, output_, xb_, (n - 1) * E, logits_, 0, false, nullptr, {}, h.logit_scale);
        c.barrier();
        if (h.final_softcap > 0) {
            op.softcap(c, logits_, rows * h.n_vocab, h.final_softcap);
            c.barrier();
        }
        c.copy(logits_, 0, readback_, 0, rows * row_bytes);
    }
    // The router's choices for a test or debug reader (routing())
    if (opts_.keep_routing && moe_ids_host_.buffer) c.copy(moe_ids_, 0, moe_ids_host_, 0, moe_ids_.size);
}

// llama, qwen, phi3, granite, bloom...: x += Wo attention(norm(x)); x += W_down ffn(norm(x)).
void VkModel::pre_norm_block(Commands& c, uint32_t n, uint32_t l) {
    const Layer& L = layers_[l];
    // Attention norm: xb[n][E] = norm(x) * attn_norm (+ bias)
    const Input attn_in = norm_input(c, n, L.attn_norm, L.attn_norm_b, xb_);
    // Attention: att[n][Q]
    attention_step(c, n, l, attn_in);
    // Output projection and residual: x += residual_scale * (Wo att + bo)
    residual(c, n, L.wo, Input{&att_, {}}, L.bo);
    if (L.moe) {
        // Experts: x += residual_scale * the router's weighted sum of the chosen experts' FFNs
        moe_ffn_step(c, n, l);
        return;
    }
    // FFN norm: xb[n][E] = norm(x) * ffn_norm (+ bias)
    const Input ffn_in = norm_input(c, n, L.ffn_norm, L.ffn_norm_b, xb_);
    // FFN: hb[n][F]
    const Input down_in = ffn_step(c, n, l, ffn_in);
    // Down projection and residual: x += residual_scale * (W_down hb + b_down)
    residual(c, n, L.w_down, down_in, L.b_down);
}

// gemma: the same steps with a norm after attention and after the FFN, ahead of each residual.
void VkModel::sandwich_block(Commands& c, uint32_t n, uint32_t l) {
    const Layer& L = layers_[l];
    // Attention norm and attention: att[n][Q] from xb = rmsnorm(x) * attn_norm
    attention_step(c, n, l, norm_input(c, n, L.attn_norm, L.attn_norm_b, xb_));
    // Output projection, post-norm and residual: xb[n][E] = Wo att; x += rmsnorm(xb) * post_attn_norm
    proj(c, n, L.wo, att_, xb_, false, nullptr, XInput{});
    c.barrier();
    add_post_norm(c, n, xb_, L.post_attn_norm);
    if (L.moe) {
        // Dense FFN and experts (gemma4): xb[n][E] = rmsnorm(W_down ffn) * post_ffw_norm_1 + rmsnorm(experts) * post_ffw_norm_2
        dense_and_experts_step(c, n, l);
    } else {
        // FFN norm and gated FFN: hb[n][F] from xb = rmsnorm(x) * ffn_norm; down projection: xb[n][E] = W_down hb
        const Input down_in = ffn_step(c, n, l, norm_input(c, n, L.ffn_norm, L.ffn_norm_b, xb_));
        proj(c, n, L.w_down, *down_in.buf, xb_, false, nullptr, down_in.xin);
        c.barrier();
    }
    // Post-norm and residual: x += rmsnorm(xb) * post_ffn_norm
    add_post_norm(c, n, xb_, L.post_ffn_norm);
    // Per-layer embedding (gemma4): x += rmsnorm(W_proj (gelu(W_gate x) * pl[l])) * post_norm
    if (L.pl_inp_gate.buffer.buffer) per_layer_embd_step(c, n, l);
    // Layer output multiplier (gemma4): x *= out_scale
    if (L.out_scale != 1.0f) {
        ops_->scale(c, x_, x_, n * file_.hp.n_embd, L.out_scale, false);
        c.barrier();
    }
}

// falcon: attention and FFN in parallel from one norm of x (40B: attention from its own norm),
// x += Wo attention + W_down ffn.
void VkModel::parallel_block(Commands& c, uint32_t n, uint32_t l) {
    const Layer& L = layers_[l];
    // Norm: xb[n][E] = layernorm(x) * attn_norm + b; falcon 40B: xb2 from attn_norm_2 for attention
    const Input ffn_in = norm_input(c, n, L.attn_norm, L.attn_norm_b, xb_, false);
    const Input attn_in = L.attn_norm_2.buffer ? norm_input(c, n, L.attn_norm_2, L.attn_norm_2_b, xb2_, false) : ffn_in;
    // Attention: att[n][Q]
    attention_step(c, n, l, attn_in);
    // Output projection and residual: x += Wo att (+ bo)
    residual(c, n, L.wo, Input{&att_, {}}, L.bo);
    // FFN from the same norm: hb[n][F]
    const Input down_in = ffn_step(c, n, l, ffn_in);
    // Down projection and residual: x += W_down hb (+ b_down)
    residual(c, n, L.w_down, down_in, L.b_down);
}

// bert, nomic-bert: x = norm(x + Wo attention(x)); x = norm(x + W_down ffn(x)).
void VkModel::post_norm_block(Commands& c, uint32_t n, uint32_t l) {
    const HParams& h = file_.hp;
    const Layer& L = layers_[l];
    // Attention from the residual stream itself: att[n][Q]
    attention_step(c, n, l, Input{&x_, {}});
    // Output projection and residual: x += Wo att + bo; attention output norm: x = layernorm(x) * w + b
    residual(c, n, L.wo, Input{&att_, {}}, L.bo);
    ops_->layernorm(c, x_, L.post_attn_norm, L.post_attn_norm_b, x_, h.n_embd, n, h.norm_eps);
    c.barrier();
    // FFN: hb[n][F] = gelu(W_up x + b) (bert) or silu(W_gate x) * W_up x (nomic-bert)
    const Input down_in = ffn_step(c, n, l, Input{&x_, {}});
    // Down projection and residual: x += W_down hb + b_down; layer output norm: x = layernorm(x) * w + b
    residual(c, n, L.w_down, down_in, L.b_down);
    ops_->layernorm(c, x_, L.post_ffn_norm, L.post_ffn_norm_b, x_, h.n_embd, n, h.norm_eps);
    c.barrier();
}

VkModel::Input VkModel::norm_input(Commands& c, uint32_t n, const Buffer& w, const Buffer& b, const Buffer& out, bool fusable) {
    const HParams& h = file_.hp;
    if (h.norm == NormKind::Rms && n == 1 && fusable) return Input{&x_, XInput{MATVEC_X_RMSNORM, &w, h.rms_eps}};
    if (h.norm == NormKind::Layer) ops_->layernorm(c, x_, w, b, out, h.n_embd, n, h.norm_eps);
    else ops_->rmsnorm(c, x_, w, out, h.n_embd, n, h.rms_eps);
    c.barrier();
    return Input{&out, {}};
}

static const Buffer* bias_of(const Buffer& b) { return b.buffer ? &b : nullptr; }

void VkModel::attention_step(Commands& c, uint32_t n, uint32_t l, Input in) {
    const Layer& L = layers_[l];
    // Projections: qkv[n][Q + 2 KV] from one fused matrix, or q[n][Q], k[n][KV], v[n][KV] (+ biases)
    if (L.fused_qkv) {
        proj(c, n, L.wqkv, *in.buf, qkv_, false, bias_of(L.bqkv), in.xin);
    } else {
        // (no k, v on a shared-KV layer; without a V (gemma4) v is k as projected)
        proj(c, n, L.wq, *in.buf, q_, false, bias_of(L.bq), in.xin);
        if (L.own_kv) proj(c, n, L.wk, *in.buf, k_, false, bias_of(L.bk), in.xin);
        if (L.own_kv && L.wv.buffer.buffer) proj(c, n, L.wv, *in.buf, v_, false, bias_of(L.bv), in.xin);
    }
    c.barrier();
    attention_core(c, n, l);
}

void VkModel::attention_core(Commands& c, uint32_t n, uint32_t l) {
    const HParams& h = file_.hp;
    const Layer& L = layers_[l];
    const LayerAttention& la = h.layer_attn[l];
    const uint32_t D = la.head_dim, Q = la.q_dim(), KV = la.kv_dim(), n_head_kv = L.own_kv ? la.n_head_kv : 0;
    const Ops& op = *ops_;
    // V norm per head without a weight (gemma4): v = rmsnorm(v, or k before its norm)
    const bool v_from_k = !L.fused_qkv && !L.wv.buffer.buffer;
    if (la.v_norm && L.own_kv) {
        op.rmsnorm(c, v_from_k ? k_ : v_, ones_, v_, D, n * n_head_kv, h.rms_eps);
        if (v_from_k) c.barrier();
    }
    // Q/K norm per head (qwen3, gemma3)
    if (L.q_norm.buffer) op.rmsnorm(c, q_, L.q_norm, q_, D, n * la.n_head, h.rms_eps);
    if (L.k_norm.buffer) op.rmsnorm(c, k_, L.k_norm, k_, D, n * n_head_kv, h.rms_eps);
    if (L.q_norm.buffer || L.k_norm.buffer || la.v_norm) c.barrier();
    // RoPE on q and k with the layer's base and scaling (none on NoPE layers), q scaled by the
    // attention temperature into q_; k and v stored in the cache at positions [pos, pos + n),
    // rows p % kv_rows (a ring on sliding-window layers: kv_ring.h). The fused
    // QKV is read in place through strides and offsets.
    RopeStorePush rope{};
    rope.n_tokens = n;
    rope.n_head = la.n_head;
    rope.n_head_kv = n_head_kv;  // 0 on a shared-KV layer: q only
    rope.head_dim = D;
    rope.rope_dim = la.rope ? la.rope_dim : 0;
    rope.neox = h.rope_mode == RopeMode::Neox ? 1u : 0u;
    rope.base = la.rope_base;
    rope.pos_scale = 1.0f / la.rope_scale;
    rope.has_freqs = has_rope_factors_ && la.rope_factors ? 1u : 0u;
    rope.ext_factor = la.ext_factor;
    rope.corr_low = la.corr_low;
    rope.corr_high = la.corr_high;
    rope.mscale = la.mscale;
    rope.q_stride = L.fused_qkv ? Q + 2 * KV : Q;
    rope.kv_stride = L.fused_qkv ? Q + 2 * KV : KV;
    rope.k_offset = L.fused_qkv ? Q : 0;
    rope.v_offset = L.fused_qkv ? Q + KV : 0;
    rope.temp_scale = h.attn_temp_scale;
    rope.temp_floor = h.attn_temp_floor;
    rope.kv_rows = L.kv_rows;
    const Buffer &qin = L.fused_qkv ? qkv_ : q_, &kin = L.fused_qkv ? qkv_ : k_, &vin = L.fused_qkv ? qkv_ : v_;
    op.rope_store(c, rope, qin, kin, vin, L.k_cache, L.v_cache, rope_freqs_, step_, q_);
    c.barrier();
    // Attention: att[n][Q] over the positions query pos + i sees (the layer's window), scores
    // scaled, soft-capped and ALiBi-biased as the model says, position t read from row t % kv_rows
    // (one token: split over the visible positions, the window or the context); each head's sink
    // in the softmax where the model has sinks
    const Buffer* sinks = bias_of(L.attn_sinks);
    const AttentionPush attn{n,         la.n_head,          la.n_head_kv, D, h.attn_scale, la.window, h.attn_softcap,
                             h.alibi_max_bias, L.kv_rows, sinks ? 1u : 0u, h.causal ? 0u : 1u};
    const uint32_t visible = la.window ? std::min(la.window, opts_.n_ctx) : opts_.n_ctx;
    if (n == 1) op.attention_split(c, attn, q_, L.k_cache, L.v_cache, att_, step_, attn_parts_, visible, sinks);
    else op.attention(c, attn, q_, L.k_cache, L.v_cache, att_, step_, sinks);
    c.barrier();
}

VkModel::Input VkModel::ffn_step(Commands& c, uint32_t n, uint32_t l, Input in) {
    const HParams& h = file_.hp;
    const Layer& L = layers_[l];
    const Ops& op = *ops_;
    const uint32_t F = h.layer_n_ff[l];
    if (!h.ffn_gated) {
        // Plain FFN (falcon, bloom): hb = act(W_up in + b_up); the GELU fused into the down
        // projection for one token
        proj(c, n, L.w_up, *in.buf, hb_, false, bias_of(L.b_up), in.xin);
        c.barrier();
        if (n == 1) return Input{&hb_, XInput{MATVEC_X_GELU, nullptr, 0}};
        op.gelu(c, hb_, n * F);
        c.barrier();
        return Input{&hb_, {}};
    }
    if (!L.w_gate.buffer.buffer) {
        // Gate and up in one matrix (phi3): hb2[n][2F] = W_up in, then hb = silu(gate) * up
        proj(c, n, L.w_up, *in.buf, hb2_, false, nullptr, in.xin);
        c.barrier();
        if (n == 1) return Input{&hb2_, XInput{MATVEC_X_SWIGLU_SPLIT, nullptr, 0}};
        op.swiglu_split(c, hb_, hb2_, F, n);
        c.barrier();
        return Input{&hb_, {}};
    }
    // Gate and up: hb[n][F] = W_gate in, hb2[n][F] = W_up in
    proj(c, n, L.w_gate, *in.buf, hb_, false, bias_of(L.b_gate), in.xin);
    proj(c, n, L.w_up, *in.buf, hb2_, false, bias_of(L.b_up), in.xin);
    c.barrier();
    // Gated activation: hb = act(hb) * hb2 (fused into the down projection for one token)
    const bool gelu = h.ffn_act == Activation::GeluTanh;
    if (n == 1) return Input{&hb_, XInput{gelu ? uint32_t(MATVEC_X_GEGLU) : uint32_t(MATVEC_X_SWIGLU), &hb2_, 0}};
    op.glu(c, gelu, hb_, hb2_, n * F);
    c.barrier();
    return Input{&hb_, {}};
}

void VkModel::residual(Commands& c, uint32_t n, const GpuTensor& w, Input in, const Buffer& bias) {
    // The multiplier (granite) in the projection's epilogue: no dispatch of its own.
    proj(c, n, w, *in.buf, x_, true, bias_of(bias), in.xin, file_.hp.residual_scale);
    c.barrier();
}

void VkModel::add_post_norm(Commands& c, uint32_t n, const Buffer& y, const Buffer& w) {
    ops_->rmsnorm_add(c, y, w, x_, file_.hp.n_embd, n, file_.hp.rms_eps);
    c.barrier();
}

void VkModel::proj(Commands& c, uint32_t n, const GpuTensor& w, const Buffer& in, const Buffer& out, bool accumulate, const Buffer* bias,
                   XInput xin, float y_scale) const {
    if (n == 1) ops_->matvec(c, w, in, 0, out, 0, accumulate, bias, xin, y_scale);
    else ops_->matmul(c, w, in, n, out, accumulate, bias, y_scale);
}

}  // namespace causerie
