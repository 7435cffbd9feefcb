// qwen35's hybrid block on Vulkan, as CpuModel::hybrid_block: gated full attention or a Gated
// DeltaNet (causal conv1d and the gated delta rule with their states on the device), then the
// SwiGLU FFN (qwen35moe: the experts, moe_vk.cpp). A batch of several tokens runs the delta rule
// in chunks (the WY form, deltanet_chunk_prep.comp); one token runs the sequential kernel, so a
// decode step stays one replayed command buffer.
#include "model/vk_model.h"

#include <cmath>
#include <cstring>

namespace causerie {

using namespace vk;

Status VkModel::load_deltanet(const LayerWeights& lw, Layer& L, const std::function<Result<GpuTensor>(const TensorInfo*)>& weight,
                              const std::function<Result<Buffer>(const TensorInfo*)>& vec) {
    const DeltaNetParams& d = file_.hp.dn;
    const DeltaNetWeights& W = lw.dn;
    L.recurrent = true;
    TRY_ASSIGN(L.dn_qkv, weight(W.in_qkv));
    TRY_ASSIGN(L.dn_gate, weight(W.in_gate));
    TRY_ASSIGN(L.dn_beta, weight(W.beta));
    TRY_ASSIGN(L.dn_alpha, weight(W.alpha));
    TRY_ASSIGN(L.dn_out, weight(W.out));
    TRY_ASSIGN(L.dn_conv_w, vec(W.conv1d));
    TRY_ASSIGN(L.dn_dt, vec(W.dt_bias));
    TRY_ASSIGN(L.dn_a, vec(W.a));
    TRY_ASSIGN(L.dn_norm, vec(W.norm));
    // The recurrent state: the conv's last inputs and the delta rule's matrices
    const uint64_t conv = d.conv_state_floats() * 4, delta = d.delta_state_floats() * 4;
    TRY_ASSIGN(L.conv_state, set_->create(conv, MemoryKind::DeviceLocal));
    // (a float4 view where the rule reads it as a texel buffer)
    const VkFormat view = ops_->tuning().texel_weights ? VK_FORMAT_R32G32B32A32_SFLOAT : VK_FORMAT_UNDEFINED;
    TRY_ASSIGN(L.delta_state, set_->create(delta, MemoryKind::DeviceLocal, view));
    state_bytes_ += conv + delta;
    return {};
}

Status VkModel::create_deltanet_buffers() {
    const HParams& h = file_.hp;
    const DeltaNetParams& d = h.dn;
    const uint64_t B = opts_.max_batch;
    const VkFormat float_view = ops_->tuning().texel_weights ? VK_FORMAT_R32G32B32A32_SFLOAT : VK_FORMAT_UNDEFINED;
    auto act = [&](uint64_t width) { return set_->create(B * width * 4, MemoryKind::DeviceLocal, float_view); };
    TRY_ASSIGN(dn_qkv_, act(d.conv_dim()));
    TRY_ASSIGN(dn_y_, act(d.conv_dim()));
    TRY_ASSIGN(dn_z_, act(d.value_dim()));
    TRY_ASSIGN(dn_beta_, act(d.n_v_heads));
    TRY_ASSIGN(dn_alpha_, act(d.n_v_heads));
    TRY_ASSIGN(dn_o_, act(d.value_dim()));
    TRY_ASSIGN(qg_, act(2 * h.q_dim()));
    // The chunked rule's products per chunk and head: W, U, Qs, Kd [chunks][H][C][D], M [..][C][C]
    if (const uint64_t C = ops_->tuning().deltanet_chunk; C > 0 && B > 1) {
        const uint64_t chunks = (B + C - 1) / C, rows = chunks * C * d.n_v_heads;
        for (vk::Buffer* b : {&dn_cw_, &dn_cu_, &dn_cq_, &dn_ck_}) {
            TRY_ASSIGN(*b, set_->create(rows * d.head_dim * 4, MemoryKind::DeviceLocal));
        }
        TRY_ASSIGN(dn_cm_, set_->create(rows * C * 4, MemoryKind::DeviceLocal));
        TRY_ASSIGN(dn_cg_, set_->create(chunks * d.n_v_heads * 4, MemoryKind::DeviceLocal));
    }
    return {};
}

Status VkModel::reset_recurrent() {
    TRY_STATUS(cmd_->begin());
    for (const Layer& L : layers_) {
        if (!L.recurrent) continue;
        cmd_->fill(L.conv_state, 0, L.conv_state.size, 0);
        cmd_->fill(L.delta_state, 0, L.delta_state.size, 0);
    }
    cmd_->barrier();
    return cmd_->submit_and_wait();
}

Result<std::vector<uint8_t>> VkModel::save_recurrent_state() {
    if (state_bytes_ == 0) return std::vector<uint8_t>{};
    if (!state_readback_.buffer) {
        TRY_ASSIGN(state_readback_, set_->create(state_bytes_, MemoryKind::Readback));
    }
    // Every layer's conv then delta state, in layer order
    TRY_STATUS(cmd_->begin());
    uint64_t at = 0;
    for (const Layer& L : layers_) {
        if (!L.recurrent) continue;
        for (const Buffer* b : {&L.conv_state, &L.delta_state}) {
            cmd_->copy(*b, 0, state_readback_, at, b->size);
            at += b->size;
        }
    }
    cmd_->barrier();
    TRY_STATUS(cmd_->submit_and_wait());
    std::vector<uint8_t> out(state_bytes_);
    std::memcpy(out.data(), state_readback_.mapped, state_bytes_);
    return out;
}

Status VkModel::restore_recurrent_state(std::span<const uint8_t> state, uint32_t pos) {
    if (state.size() != state_bytes_ || state.empty())
        return make_error("a recurrent state of " + std::to_string(state.size()) + " bytes does not fit this model (" +
                          std::to_string(state_bytes_) + ")");
    if (pos > opts_.n_ctx) return make_error("recurrent state position " + std::to_string(pos) + " is past the context");
    if (!state_upload_.buffer) {
        TRY_ASSIGN(state_upload_, set_->create(state_bytes_, MemoryKind::Upload));
    }
    std::memcpy(state_upload_.mapped, state.data(), state_bytes_);
    TRY_STATUS(cmd_->begin());
    uint64_t at = 0;
    for (const Layer& L : layers_) {
        if (!L.recurrent) continue;
        for (const Buffer* b : {&L.conv_state, &L.delta_state}) {
            cmd_->copy(state_upload_, at, *b, 0, b->size);
            at += b->size;
        }
    }
    cmd_->barrier();
    TRY_STATUS(cmd_->submit_and_wait());
    rec_pos_ = pos;
    return {};
}

// qwen35: x += mixer(rmsnorm(x) * attn_norm); x += W_down ffn(rmsnorm(x) * post_attention_norm)
// (qwen35moe: x += experts(rmsnorm(x) * post_attention_norm)).
void VkModel::hybrid_block(Commands& c, uint32_t n, uint32_t l) {
    const Layer& L = layers_[l];
    // Mixer norm: xb[n][E] = rmsnorm(x) * attn_norm (one token: fused into the projections)
    const Input in = norm_input(c, n, L.attn_norm, L.attn_norm_b, xb_);
    if (L.recurrent) {
        // Gated DeltaNet: dn_o[n][value_dim]; output projection and residual: x += W_out dn_o
        deltanet_step(c, n, l, in);
        residual(c, n, L.dn_out, Input{&dn_o_, {}}, L.bo);
    } else {
        // Gated attention: att[n][Q]; output projection and residual: x += Wo att
        gated_attention_step(c, n, l, in);
        residual(c, n, L.wo, Input{&att_, {}}, L.bo);
    }
    if (L.moe) {
        // FFN norm (post_attention_norm), experts and the shared expert (qwen35moe): x += their weighted sum
        moe_ffn_step(c, n, l);
        return;
    }
    // FFN norm (post_attention_norm) and SwiGLU: hb[n][F]
    const Input down_in = ffn_step(c, n, l, norm_input(c, n, L.ffn_norm, L.ffn_norm_b, xb_));
    // Down projection and residual: x += W_down hb
    residual(c, n, L.w_down, down_in, L.b_down);
}

void VkModel::gated_attention_step(Commands& c, uint32_t n, uint32_t l, Input in) {
    const HParams& h = file_.hp;
    const Layer& L = layers_[l];
    const Ops& op = *ops_;
    // Projections: qg[n][2Q] (per head the query then its gate), k[n][KV], v[n][KV]
    proj(c, n, L.wq, *in.buf, qg_, false, nullptr, in.xin);
    proj(c, n, L.wk, *in.buf, k_, false, nullptr, in.xin);
    proj(c, n, L.wv, *in.buf, v_, false, nullptr, in.xin);
    c.barrier();
    // Queries out of qg: q[n][Q]
    op.attn_gate_split(c, qg_, q_, n * h.q_dim(), h.head_dim);
    c.barrier();
    // Q/K norms, RoPE, the cache store and attention: att[n][Q]
    attention_core(c, n, l);
    // Output gate: att *= sigmoid(gate)
    op.attn_gate(c, qg_, att_, n * h.q_dim(), h.head_dim);
    c.barrier();
}

void VkModel::deltanet_step(Commands& c, uint32_t n, uint32_t l, Input in) {
    const HParams& h = file_.hp;
    const DeltaNetParams& d = h.dn;
    const Layer& L = layers_[l];
    const Ops& op = *ops_;
    // Projections: qkv channels [n][conv_dim], z [n][value_dim], beta and alpha [n][n_v_heads]
    proj(c, n, L.dn_qkv, *in.buf, dn_qkv_, false, nullptr, in.xin);
    proj(c, n, L.dn_gate, *in.buf, dn_z_, false, nullptr, in.xin);
    proj(c, n, L.dn_beta, *in.buf, dn_beta_, false, nullptr, in.xin);
    proj(c, n, L.dn_alpha, *in.buf, dn_alpha_, false, nullptr, in.xin);
    c.barrier();
    // Causal conv1d with the conv state, then silu: y[n][conv_dim]
    op.deltanet_conv(c, dn_qkv_, L.dn_conv_w, L.conv_state, dn_y_, shader::DeltaNetConvPush{d.conv_dim(), d.d_conv, n});
    c.barrier();
    // The gated delta rule on the delta state and the gated RMSNorm: dn_o[n][value_dim]
    const shader::DeltaNetRulePush rule{n, d.n_k_heads, d.n_v_heads, d.key_dim(), d.conv_dim(), h.rms_eps, 1.0f / std::sqrt(float(d.head_dim))};
    const Ops::DeltaNetRuleIo io{&dn_y_, &dn_z_, &dn_beta_, &dn_alpha_, &L.dn_dt, &L.dn_a, &L.dn_norm, &L.delta_state, &dn_o_};
    if (n > 1 && dn_cw_.buffer)
        op.deltanet_rule_chunked(c, io, {&dn_cw_, &dn_cu_, &dn_cq_, &dn_ck_, &dn_cm_, &dn_cg_}, rule);  // prefill: in chunks
    else
        op.deltanet_rule(c, io, rule);  // one token (decode), token by token
    c.barrier();
}

}  // namespace causerie
