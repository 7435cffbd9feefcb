#include "model/vk_model.h"

#include "core/log.h"

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
    TRY_STATUS(ops_->prepare(std::vector<TensorType>(types.begin(), types.end()), h.head_dim));

    // Weights, streamed from the mapping through the staging buffer (the progress up to 90% where
    // the warm-up below follows).
    const bool warm = dev_.info().type == "cpu";
    const double upload_share = warm ? 0.9 : 1.0;
    uint64_t total_bytes = 0, done_bytes = 0;
    for (const auto& t : file_.gguf.tensors) total_bytes += t.n_bytes;
    auto weight = [&](const TensorInfo* t) -> Result<GpuTensor> {
        TRY_ASSIGN(GpuTensor g, upload_weight(dev_, *set_, *up, *t, map, ops_->tuning().texel_weights));
        weight_bytes_ += g.buffer.size;
        done_bytes += t->n_bytes;
        if (opts_.progress && total_bytes) opts_.progress(float(upload_share * double(done_bytes) / double(total_bytes)));
        return g;
    };
    auto vec = [&](const TensorInfo* t) -> Result<Buffer> {
        TRY_ASSIGN(Buffer b, upload_f32(*set_, *up, *t, map));
        weight_bytes_ += b.size;
        return b;
    };
    TRY_ASSIGN(token_embd_, weight(w.token_embd));
    output_ = token_embd_;
    if (w.output != w.token_embd) {
        TRY_ASSIGN(output_, weight(w.output));
    }
    TRY_ASSIGN(output_norm_, vec(w.output_norm));
    rope_freqs_ = output_norm_;  // bound but unused without factors
    if (w.rope_freqs) {
        TRY_ASSIGN(rope_freqs_, vec(w.rope_freqs));
    }
    const uint64_t kv_row = uint64_t(h.kv_dim()) * 2;  // f16
    // Views for the kernels that read through texel buffers (CPU devices): activations as vec4,
    // the cache as 8 halves.
    const bool texel = ops_->tuning().texel_weights;
    const VkFormat float_view = texel ? VK_FORMAT_R32G32B32A32_SFLOAT : VK_FORMAT_UNDEFINED;
    const VkFormat cache_view = texel ? VK_FORMAT_R32G32B32A32_UINT : VK_FORMAT_UNDEFINED;
    for (const LayerWeights& lw : w.layers) {
        Layer L;
        TRY_ASSIGN(L.attn_norm, vec(lw.attn_norm));
        TRY_ASSIGN(L.ffn_norm, vec(lw.ffn_norm));
        TRY_ASSIGN(L.wq, weight(lw.wq));
        TRY_ASSIGN(L.wk, weight(lw.wk));
        TRY_ASSIGN(L.wv, weight(lw.wv));
        TRY_ASSIGN(L.wo, weight(lw.wo));
        TRY_ASSIGN(L.w_gate, weight(lw.w_gate));
        TRY_ASSIGN(L.w_up, weight(lw.w_up));
        TRY_ASSIGN(L.w_down, weight(lw.w_down));
        if (lw.post_attn_norm) {
            TRY_ASSIGN(L.post_attn_norm, vec(lw.post_attn_norm));
        }
        if (lw.post_ffn_norm) {
            TRY_ASSIGN(L.post_ffn_norm, vec(lw.post_ffn_norm));
        }
        L.has_bias = lw.bq && lw.bk && lw.bv;
        if (L.has_bias) {
            TRY_ASSIGN(L.bq, vec(lw.bq));
            TRY_ASSIGN(L.bk, vec(lw.bk));
            TRY_ASSIGN(L.bv, vec(lw.bv));
        }
        if (lw.q_norm) {
            TRY_ASSIGN(L.q_norm, vec(lw.q_norm));
            TRY_ASSIGN(L.k_norm, vec(lw.k_norm));
        }
        TRY_ASSIGN(L.k_cache, set_->create(kv_row * opts_.n_ctx, MemoryKind::DeviceLocal, cache_view));
        TRY_ASSIGN(L.v_cache, set_->create(kv_row * opts_.n_ctx, MemoryKind::DeviceLocal, cache_view));
        kv_bytes_ += 2 * kv_row * opts_.n_ctx;
        layers_.push_back(std::move(L));
    }

    // Activations for max_batch tokens.
    const uint64_t B = opts_.max_batch;
    auto act = [&](uint64_t width) { return set_->create(B * width * 4, MemoryKind::DeviceLocal, float_view); };
    TRY_ASSIGN(tokens_, set_->create(B * 4, MemoryKind::Upload));
    TRY_ASSIGN(step_host_, set_->create(sizeof(shader::StepData), MemoryKind::Upload));
    TRY_ASSIGN(step_, set_->create(sizeof(shader::StepData), MemoryKind::DeviceLocal));
    TRY_ASSIGN(x_, act(h.n_embd));
    TRY_ASSIGN(xb_, act(h.n_embd));
    TRY_ASSIGN(q_, act(h.q_dim()));
    TRY_ASSIGN(k_, act(h.kv_dim()));
    TRY_ASSIGN(v_, act(h.kv_dim()));
    TRY_ASSIGN(att_, act(h.q_dim()));
    TRY_ASSIGN(hb_, act(h.n_ff));
    TRY_ASSIGN(hb2_, act(h.n_ff));
    TRY_ASSIGN(attn_parts_, set_->create(ops_->attention_partial_floats(h.n_head, h.head_dim, opts_.n_ctx) * 4, MemoryKind::DeviceLocal));
    // Logit rows: as many as fit one binding and 256 MiB, at most max_batch.
    uint64_t row_bytes = uint64_t(h.n_vocab) * 4;
    uint64_t cap = std::min<uint64_t>(dev_.limits().maxStorageBufferRange, 256ull << 20);
    logit_rows_ = uint32_t(std::clamp<uint64_t>(cap / row_bytes, 1, B));
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
        auto r = forward(std::span<const int32_t>(tokens).first(n), 0, false);
        if (!r) return r.error();
    }
    // The cache rows written here are overwritten by the first prompt (position 0 on).
    logger("model")->info("warm-up (pipeline compilation) {:.1f} s",
                          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    return {};
}

Result<std::vector<float>> VkModel::forward(std::span<const int32_t> tokens, uint32_t pos, bool all_logits) {
    const HParams& h = file_.hp;
    if (tokens.empty()) return make_error("no tokens to evaluate");
    if (uint64_t(pos) + tokens.size() > opts_.n_ctx)
        return make_error("context full: " + std::to_string(pos + tokens.size()) + " tokens > " + std::to_string(opts_.n_ctx));
    for (int32_t t : tokens)
        if (t < 0 || uint32_t(t) >= h.n_vocab) return make_error("token id " + std::to_string(t) + " is outside the vocabulary");
    std::vector<float> logits((all_logits ? tokens.size() : 1) * size_t(h.n_vocab));
    // Batches of at most max_batch tokens (logit_rows when every row's logits are wanted).
    const size_t step = all_logits ? logit_rows_ : opts_.max_batch;
    for (size_t i = 0; i < tokens.size(); i += step) {
        size_t n = std::min(step, tokens.size() - i);
        bool last = i + n == tokens.size();
        float* out = all_logits ? logits.data() + i * h.n_vocab : (last ? logits.data() : nullptr);
        TRY_STATUS(forward_batch(tokens.subspan(i, n), pos + uint32_t(i), all_logits, out));
    }
    return logits;
}

Status VkModel::forward_batch(std::span<const int32_t> tokens, uint32_t pos, bool all_logits, float* logits_out) {
    const uint32_t n = uint32_t(tokens.size());
    const uint32_t rows = all_logits ? n : 1;
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
            record(*decode_cmd_, 1, all_logits, true);
            decode_timed_ = timing_;
            TRY_STATUS(decode_cmd_->submit_and_wait());
        }
    } else {
        TRY_STATUS(cmd_->begin(timing_));
        record(*cmd_, n, all_logits, logits_out != nullptr);
        last_cmd_ = cmd_.get();
        TRY_STATUS(cmd_->submit_and_wait());
    }
    if (logits_out) std::memcpy(logits_out, readback_.mapped, size_t(rows) * file_.hp.n_vocab * 4);
    return {};
}

void VkModel::record(Commands& c, uint32_t n, bool all_logits, bool want_logits) {
    const HParams& h = file_.hp;
    const uint32_t E = h.n_embd;
    const Ops& op = *ops_;

    // Position of the first token: host buffer -> device (visible after the first barrier)
    c.copy(step_host_, 0, step_, 0, sizeof(shader::StepData));
    // Embedding: x[n][E] = token_embd[tokens] * embd_scale
    op.get_rows(c, token_embd_, tokens_, n, x_, h.embd_scale);
    c.barrier();
    for (uint32_t l = 0; l < h.n_layer; ++l) {
        if (h.block == BlockKind::Sandwich) sandwich_block(c, n, l);
        else pre_norm_block(c, n, l);
    }
    // Final norm and logits (every row, or only the last token's), soft-capped when the model says so
    op.rmsnorm(c, x_, output_norm_, xb_, E, n, h.rms_eps);
    c.barrier();
    const uint64_t row_bytes = uint64_t(h.n_vocab) * 4;
    const uint32_t rows = all_logits ? n : 1;
    if (want_logits) {
        if (all_logits && n > 1) op.matmul(c, output_, xb_, n, logits_, false);
        else op.matvec(c, output_, xb_, (n - 1) * E, logits_, 0, false);
        c.barrier();
        if (h.final_softcap > 0) {
            op.softcap(c, logits_, rows * h.n_vocab, h.final_softcap);
            c.barrier();
        }
        c.copy(logits_, 0, readback_, 0, rows * row_bytes);
    }
}

// llama, qwen: x += Wo attention(norm(x)); x += W_down ffn(norm(x)).
void VkModel::pre_norm_block(Commands& c, uint32_t n, uint32_t l) {
    const Layer& L = layers_[l];
    // Attention: att[n][Q]
    attention_step(c, n, l);
    // Output projection and residual: x += Wo att
    proj(c, n, L.wo, att_, x_, true, nullptr, XInput{});
    c.barrier();
    // Gated FFN: hb[n][F]
    ffn_gate_step(c, n, l);
    // Down projection and residual: x += W_down hb
    proj(c, n, L.w_down, hb_, x_, true, nullptr, down_input());
    c.barrier();
}

// gemma: the same steps with a norm after attention and after the FFN, ahead of each residual.
void VkModel::sandwich_block(Commands& c, uint32_t n, uint32_t l) {
    const Layer& L = layers_[l];
    // Attention: att[n][Q]
    attention_step(c, n, l);
    // Output projection, post-norm and residual: xb[n][E] = Wo att; x += rmsnorm(xb) * post_attn_norm
    proj(c, n, L.wo, att_, xb_, false, nullptr, XInput{});
    c.barrier();
    add_post_norm(c, n, xb_, L.post_attn_norm);
    // Gated FFN: hb[n][F]
    ffn_gate_step(c, n, l);
    // Down projection, post-norm and residual: xb[n][E] = W_down hb; x += rmsnorm(xb) * post_ffn_norm
    proj(c, n, L.w_down, hb_, xb_, false, nullptr, down_input());
    c.barrier();
    add_post_norm(c, n, xb_, L.post_ffn_norm);
}

void VkModel::attention_step(Commands& c, uint32_t n, uint32_t l) {
    const HParams& h = file_.hp;
    const Layer& L = layers_[l];
    const LayerAttention& la = h.layer_attn[l];
    const uint32_t E = h.n_embd, D = h.head_dim;
    const Ops& op = *ops_;
    // Attention norm: xb = rmsnorm(x) * attn_norm (fused into the projections for one token)
    const XInput attn_in{MATVEC_X_RMSNORM, &L.attn_norm, h.rms_eps};
    if (n > 1) {
        op.rmsnorm(c, x_, L.attn_norm, xb_, E, n, h.rms_eps);
        c.barrier();
    }
    // Projections: q[n][Q], k[n][KV], v[n][KV] (+ bias)
    proj(c, n, L.wq, n > 1 ? xb_ : x_, q_, false, L.has_bias ? &L.bq : nullptr, attn_in);
    proj(c, n, L.wk, n > 1 ? xb_ : x_, k_, false, L.has_bias ? &L.bk : nullptr, attn_in);
    proj(c, n, L.wv, n > 1 ? xb_ : x_, v_, false, L.has_bias ? &L.bv : nullptr, attn_in);
    c.barrier();
    // Q/K norm per head (qwen3, gemma3)
    if (L.q_norm.buffer) {
        op.rmsnorm(c, q_, L.q_norm, q_, D, n * h.n_head, h.rms_eps);
        op.rmsnorm(c, k_, L.k_norm, k_, D, n * h.n_head_kv, h.rms_eps);
        c.barrier();
    }
    // RoPE on q and k with the layer's base and scaling; k and v stored in the cache at [pos, pos + n)
    const RopeStorePush rope{n, h.n_head, h.n_head_kv, D, h.rope_dim, h.rope_mode == RopeMode::Neox ? 1u : 0u,
                             la.rope_base, 1.0f / la.rope_scale, file_.weights.rope_freqs ? 1u : 0u};
    op.rope_store(c, rope, q_, k_, v_, L.k_cache, L.v_cache, rope_freqs_, step_);
    c.barrier();
    // Attention: att[n][Q] over the positions query pos + i sees (the layer's window), scores
    // scaled and soft-capped (one token: split over the context)
    const AttentionPush attn{n, h.n_head, h.n_head_kv, D, h.attn_scale, la.window, h.attn_softcap};
    if (n == 1) op.attention_split(c, attn, q_, L.k_cache, L.v_cache, att_, step_, attn_parts_, opts_.n_ctx);
    else op.attention(c, attn, q_, L.k_cache, L.v_cache, att_, step_);
    c.barrier();
}

void VkModel::ffn_gate_step(Commands& c, uint32_t n, uint32_t l) {
    const HParams& h = file_.hp;
    const Layer& L = layers_[l];
    const Ops& op = *ops_;
    // FFN norm: xb = rmsnorm(x) * ffn_norm (fused for one token)
    const XInput ffn_in{MATVEC_X_RMSNORM, &L.ffn_norm, h.rms_eps};
    if (n > 1) {
        op.rmsnorm(c, x_, L.ffn_norm, xb_, h.n_embd, n, h.rms_eps);
        c.barrier();
    }
    // Gate and up: hb[n][F] = W_gate xb, hb2[n][F] = W_up xb
    proj(c, n, L.w_gate, n > 1 ? xb_ : x_, hb_, false, nullptr, ffn_in);
    proj(c, n, L.w_up, n > 1 ? xb_ : x_, hb2_, false, nullptr, ffn_in);
    c.barrier();
    // Gated activation: hb = act(hb) * hb2 (fused into the down projection for one token)
    if (n > 1) {
        op.glu(c, h.ffn_act == Activation::GeluTanh, hb_, hb2_, n * h.n_ff);
        c.barrier();
    }
}

XInput VkModel::down_input() const {
    return XInput{file_.hp.ffn_act == Activation::GeluTanh ? uint32_t(MATVEC_X_GEGLU) : uint32_t(MATVEC_X_SWIGLU), &hb2_, 0};
}

void VkModel::add_post_norm(Commands& c, uint32_t n, const Buffer& y, const Buffer& w) {
    ops_->rmsnorm_add(c, y, w, x_, file_.hp.n_embd, n, file_.hp.rms_eps);
    c.barrier();
}

void VkModel::proj(Commands& c, uint32_t n, const GpuTensor& w, const Buffer& in, const Buffer& out, bool accumulate, const Buffer* bias,
                   XInput xin) const {
    if (n == 1) ops_->matvec(c, w, in, 0, out, 0, accumulate, bias, xin);
    else ops_->matmul(c, w, in, n, out, accumulate, bias);
}

}  // namespace causerie
