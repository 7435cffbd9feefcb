// The Vulkan mixture-of-experts FFN, mirroring CpuModel::moe_ffn_step: router logits (a
// projection), top-k on the device (moe_topk.comp), then the chosen experts read by id
// with no host round trip. One token (the replayed decode step): the chosen experts' matvecs by
// id (moe_matvec.comp), gate and up per slot, the down projections gathered with the router's
// weights straight into the residual stream. A batch (prefill): the (token, slot) pairs grouped
// by expert on the device (moe_group.comp), one indexed matmul per tensor over all experts
// (moe_matmul*.comp: each weight tile read once for its expert's pairs), then the down
// projections' weighted gather into the residual stream (moe_gather.comp); experts with biases
// or the clamped SwiGLU (gpt-oss) take the matvec path in batches too. A shared expert
// (qwen2moe): gate and up as plain projections, its down projection weighted by its gate's
// sigmoid through the expert matvec as one expert always chosen. gemma4: GELU-gated experts,
// gate and up fused (one product, split by the activation), each expert's output multiplier
// folded into its router weight, beside the dense FFN (dense_and_experts_step).
#include "model/vk_model.h"

#include <cstring>

namespace causerie {

using namespace vk;

namespace {
uint64_t align_up(uint64_t x, uint64_t a) { return (x + a - 1) / a * a; }
}  // namespace

Status VkModel::load_moe(const LayerWeights& lw, Layer& L, uint32_t l,
                         const std::function<Result<GpuTensor>(const TensorInfo*, MemoryKind)>& weight) {
    L.moe = true;
    // The router stays on the device; the experts of the first experts_in_system_memory layers
    // go to system memory, read in place by the same kernels (only placement differs).
    const MemoryKind experts = l < opts_.experts_in_system_memory ? MemoryKind::SystemMemory : MemoryKind::DeviceLocal;
    TRY_ASSIGN(L.moe_gate_inp, weight(lw.moe.gate_inp, MemoryKind::DeviceLocal));
    if (lw.moe.gate_up_exps) {
        // gemma4: gate and up in one tensor, read as one matrix of 2 ff_exp rows per expert
        L.moe_gate_up = true;
        TRY_ASSIGN(L.moe_gate, weight(lw.moe.gate_up_exps, experts));
    } else {
        TRY_ASSIGN(L.moe_gate, weight(lw.moe.gate_exps, experts));
        TRY_ASSIGN(L.moe_up, weight(lw.moe.up_exps, experts));
    }
    TRY_ASSIGN(L.moe_down, weight(lw.moe.down_exps, experts));
    for (const GpuTensor* t : {&L.moe_gate, &L.moe_up, &L.moe_down})
        if (t->buffer.buffer && t->chunks() != 1)
            return make_error("tensor '" + t->name + "' is larger than one binding of this device (not supported for experts)");
    return {};
}

Status VkModel::create_moe_buffers() {
    const MoeParams& m = file_.hp.moe;
    const uint64_t B = opts_.max_batch;
    const VkFormat float_view = ops_->tuning().texel_weights ? VK_FORMAT_R32G32B32A32_SFLOAT : VK_FORMAT_UNDEFINED;
    // Per-layer choices at a binding-offset alignment.
    const uint64_t align = std::max<uint64_t>(256, dev_.limits().minStorageBufferOffsetAlignment);
    moe_layer_stride_ = align_up(B * m.n_used * 4, align);
    const uint64_t choice_bytes = moe_layer_stride_ * file_.hp.n_layer;
    TRY_ASSIGN(moe_logits_, set_->create(B * m.n_expert * 4, MemoryKind::DeviceLocal, float_view));
    TRY_ASSIGN(moe_ids_, set_->create(choice_bytes, MemoryKind::DeviceLocal));
    TRY_ASSIGN(moe_weights_, set_->create(choice_bytes, MemoryKind::DeviceLocal));
    // (gate and up fused: the gate outputs hold both, 2 ff_exp per slot)
    bool gate_up = false, beside_dense = false;
    for (const LayerWeights& lw : file_.weights.layers) {
        gate_up |= lw.moe.gate_up_exps != nullptr;
        beside_dense |= lw.moe.pre_norm_2 != nullptr;
    }
    TRY_ASSIGN(moe_gate_out_, set_->create(B * m.n_used * m.n_ff_exp * (gate_up ? 2 : 1) * 4, MemoryKind::DeviceLocal, float_view));
    TRY_ASSIGN(moe_up_out_, set_->create(B * m.n_used * m.n_ff_exp * 4, MemoryKind::DeviceLocal, float_view));
    if (B > 1) {
        // Batches: the pairs grouped by expert, the tiles (as many as tiles of one pair could be,
        // whatever the device's tile: the fit estimate counts the same), the down projections
        // per pair [B][k][embd].
        TRY_ASSIGN(moe_list_, set_->create(B * m.n_used * 4, MemoryKind::DeviceLocal));
        TRY_ASSIGN(moe_tiles_, set_->create(4 * (1 + 3ull * Ops::moe_max_tiles(uint32_t(B), m.n_used, m.n_expert, 1)), MemoryKind::DeviceLocal));
        TRY_ASSIGN(moe_down_out_, set_->create(B * m.n_used * file_.hp.n_embd * 4, MemoryKind::DeviceLocal));
    }
    if (opts_.keep_routing) {
        TRY_ASSIGN(moe_ids_host_, set_->create(choice_bytes, MemoryKind::Readback));
    }
    if (beside_dense) {  // gemma4: the experts' input and output apart from the dense branch's
        TRY_ASSIGN(moe_x_, set_->create(B * file_.hp.n_embd * 4, MemoryKind::DeviceLocal, float_view));
        TRY_ASSIGN(moe_y_, set_->create(B * file_.hp.n_embd * 4, MemoryKind::DeviceLocal, float_view));
    }
    if (m.n_ff_shexp > 0) {
        TRY_ASSIGN(moe_sh_logits_, set_->create(B * 4, MemoryKind::DeviceLocal));
        TRY_ASSIGN(moe_sh_ids_, set_->create(B * 4, MemoryKind::DeviceLocal));
        TRY_ASSIGN(moe_sh_weights_, set_->create(B * 4, MemoryKind::DeviceLocal));
        TRY_ASSIGN(moe_sh_gate_out_, set_->create(B * m.n_ff_shexp * 4, MemoryKind::DeviceLocal));
        TRY_ASSIGN(moe_sh_up_out_, set_->create(B * m.n_ff_shexp * 4, MemoryKind::DeviceLocal));
    }
    return {};
}

std::vector<uint32_t> VkModel::routing() const {
    std::vector<uint32_t> out;
    if (!moe_ids_host_.buffer) return out;
    const uint32_t k = file_.hp.moe.n_used;
    for (uint32_t l = 0; l < file_.hp.n_layer; ++l) {
        const auto* ids = reinterpret_cast<const uint32_t*>(static_cast<const uint8_t*>(moe_ids_host_.mapped) + l * moe_layer_stride_);
        out.insert(out.end(), ids, ids + size_t(last_batch_) * k);
    }
    return out;
}

void VkModel::moe_ffn_step(Commands& c, uint32_t n, uint32_t l) {
    const Layer& L = layers_[l];
    // FFN norm: xb[n][E] = norm(x) * ffn_norm (its own dispatch: router and experts all read it)
    const Input in = norm_input(c, n, L.ffn_norm, L.ffn_norm_b, xb_, false);
    // Router: logits[n][n_expert] = W_gate_inp xb (+ its bias)
    const auto bias = [](const Buffer& b) { return b.buffer ? &b : nullptr; };
    proj(c, n, L.moe_gate_inp, *in.buf, moe_logits_, false, bias(L.moe_gate_inp_b), XInput{});
    c.barrier();
    // Experts: x[n] += their weighted sum (experts come only with architectures without a
    // residual multiplier: read_moe)
    experts_step(c, n, l, *in.buf, x_, true);
    if (L.moe_shared) shared_expert_step(c, n, l, *in.buf);
}

void VkModel::experts_step(Commands& c, uint32_t n, uint32_t l, const Buffer& in, const Buffer& out, bool accumulate) {
    const HParams& h = file_.hp;
    const MoeParams& m = h.moe;
    const Layer& L = layers_[l];
    const Ops& op = *ops_;
    const auto bias = [](const Buffer& b) { return b.buffer ? &b : nullptr; };
    // Choice: ids[n][k], weights[n][k] of this layer (times the chosen experts' output
    // multipliers where the model has them: gemma4)
    const uint64_t off = uint64_t(l) * moe_layer_stride_, bytes = uint64_t(n) * m.n_used * 4;
    const Ops::MoeChoice choice{BufferRange(moe_ids_, off, bytes), BufferRange(moe_weights_, off, bytes), m.n_used, m.n_expert};
    shader::MoeTopkPush tp{};
    tp.n_expert = m.n_expert;
    tp.k = m.n_used;
    tp.gating = m.gating == ExpertGating::SoftmaxChosen ? 1u : m.gating == ExpertGating::Sigmoid ? 2u : 0u;
    tp.norm = m.norm_weights ? 1u : 0u;
    tp.scale = m.weights_scale;
    op.moe_topk(c, BufferRange(moe_logits_, 0, uint64_t(n) * m.n_expert * 4), choice.ids, choice.weights, n, tp, bias(L.moe_down_scale));
    c.barrier();
    // Prefill grouped by expert where it pays (experts without biases, SwiGLU or GELU-gated)
    const ExpertGrouping gr = opts_.expert_grouping;
    const bool groupable = !L.moe_gate_b.buffer && !L.moe_up_b.buffer && !L.moe_down_b.buffer && m.act != ExpertActivation::SwigluOai;
    if (n > 1 && groupable &&
        (gr == ExpertGrouping::Always || (gr == ExpertGrouping::Auto && op.moe_grouping_pays(n, m.n_used, m.n_expert)))) {
        moe_ffn_batch(c, n, L, in, choice, out, accumulate);
        return;
    }
    // Chosen experts' gate and up: gate_out[n][k][F] = W_gate[e] in (+ b_gate[e]), up_out[n][k][F]
    // = W_up[e] in (+ b_up[e]); fused (gemma4): gate_out[n][k][2F], gate then up
    op.moe_matvec(c, L.moe_gate, choice, in, false, moe_gate_out_, n, false, false, bias(L.moe_gate_b));
    if (!L.moe_gate_up) op.moe_matvec(c, L.moe_up, choice, in, false, moe_up_out_, n, false, false, bias(L.moe_up_b));
    c.barrier();
    // Down projections gathered: out[n] (+)= sum_s weights[n][s] * (W_down[e] act(gate, up)[n][s]
    // (+ b_down[e])), act SwiGLU, the clamped variant or GELU-gated
    uint32_t mode = MATVEC_X_SWIGLU;
    if (m.act == ExpertActivation::SwigluOai) mode = MATVEC_X_SWIGLU_OAI;
    if (m.act == ExpertActivation::Geglu) mode = L.moe_gate_up ? MATVEC_X_GEGLU_SPLIT : MATVEC_X_GEGLU;
    else if (L.moe_gate_up) return c.fail("experts: fused gate and up only with GELU-gated experts");
    const XInput act{mode, L.moe_gate_up ? nullptr : &moe_up_out_, 0, m.act_alpha, m.act_limit};
    op.moe_matvec(c, L.moe_down, choice, moe_gate_out_, true, out, n, true, accumulate, bias(L.moe_down_b), act);
    c.barrier();
}

// gemma4 (src/models/gemma4.cpp): both branches from x_, the stream after attention.
void VkModel::dense_and_experts_step(Commands& c, uint32_t n, uint32_t l) {
    const HParams& h = file_.hp;
    const Layer& L = layers_[l];
    const Ops& op = *ops_;
    const uint32_t E = h.n_embd;
    // Dense branch: hb[n][F] from xb = rmsnorm(x) * ffn_norm; xb[n][E] = W_down hb
    const Input down_in = ffn_step(c, n, l, norm_input(c, n, L.ffn_norm, L.ffn_norm_b, xb_));
    proj(c, n, L.w_down, *down_in.buf, xb_, false, nullptr, down_in.xin);
    c.barrier();
    // Router: logits[n][n_expert] = W_gate_inp (rmsnorm(x) * ffn_gate_inp.scale / sqrt(E)), the
    // norm into moe_x (one token: fused into the projection)
    const Input router_in = norm_input(c, n, L.moe_router_norm, Buffer{}, moe_x_);
    proj(c, n, L.moe_gate_inp, *router_in.buf, moe_logits_, false, nullptr, router_in.xin);
    c.barrier();
    // Experts' input: moe_x[n][E] = rmsnorm(x) * pre_ffw_norm_2; experts: moe_y[n][E] = their weighted sum
    op.rmsnorm(c, x_, L.moe_pre_norm, moe_x_, E, n, h.rms_eps);
    c.barrier();
    experts_step(c, n, l, moe_x_, moe_y_, false);
    // Post-norms and sum: xb = rmsnorm(xb) * post_ffw_norm_1 + rmsnorm(moe_y) * post_ffw_norm_2
    op.rmsnorm(c, xb_, L.moe_post_norm_1, xb_, E, n, h.rms_eps);
    c.barrier();
    op.rmsnorm_add(c, moe_y_, L.moe_post_norm_2, xb_, E, n, h.rms_eps);
    c.barrier();
}

// The shared expert, its down projection as one expert always chosen, weighted by its gate's sigmoid.
void VkModel::shared_expert_step(Commands& c, uint32_t n, uint32_t l, const Buffer& in) {
    const Layer& L = layers_[l];
    const Ops& op = *ops_;
    // Its gate: sh_logits[n] = gate_inp_shexp . xb; the choice ids[n] = 0, weights[n] = sigmoid(sh_logits)
    proj(c, n, L.moe_sh_gate_inp, in, moe_sh_logits_, false, nullptr, XInput{});
    c.barrier();
    const uint64_t bytes = uint64_t(n) * 4;
    const Ops::MoeChoice shared{BufferRange(moe_sh_ids_, 0, bytes), BufferRange(moe_sh_weights_, 0, bytes), 1, 1};
    shader::MoeTopkPush tp{};
    tp.n_expert = 1;
    tp.k = 1;
    tp.gating = 2;  // sigmoid
    op.moe_topk(c, BufferRange(moe_sh_logits_, 0, bytes), shared.ids, shared.weights, n, tp);
    c.barrier();
    // Its gate and up, plain projections (a batch's matmul reads the weights once): sh_gate_out[n][S]
    // = W_gate_sh xb, sh_up_out[n][S] = W_up_sh xb
    proj(c, n, L.moe_sh_gate, in, moe_sh_gate_out_, false, nullptr, XInput{});
    proj(c, n, L.moe_sh_up, in, moe_sh_up_out_, false, nullptr, XInput{});
    c.barrier();
    // Its down projection weighted: x[n] += sigmoid(sh_logits[n]) * W_down_sh (silu(gate) * up)
    op.moe_matvec(c, L.moe_sh_down, shared, moe_sh_gate_out_, true, x_, n, true, true, nullptr, XInput{MATVEC_X_SWIGLU, &moe_sh_up_out_, 0});
    c.barrier();
}

void VkModel::moe_ffn_batch(Commands& c, uint32_t n, const Layer& L, const Buffer& in, const Ops::MoeChoice& choice, const Buffer& out,
                            bool accumulate) {
    const MoeParams& m = file_.hp.moe;
    const Ops& op = *ops_;
    const bool gelu = m.act == ExpertActivation::Geglu;
    // Groups: the pairs t * k + s listed by expert, cut into the matmul's tiles
    const Ops::MoeGroups g{moe_list_, moe_tiles_, m.n_used, m.n_expert, op.moe_tile_pairs(n, m.n_used, m.n_expert)};
    op.moe_group(c, choice.ids, n, g);
    c.barrier();
    const Buffer* act_out = &moe_gate_out_;
    if (L.moe_gate_up) {
        // Gate and up of every pair in one (gemma4): gate_out[n][k][2F] = W_gate_up[e] in[t]
        op.moe_matmul(c, L.moe_gate, g, n, in, false, moe_gate_out_);
        c.barrier();
        // Activation once per element: up_out[n][k][F] = act(gate) * up
        op.glu_split(c, gelu, moe_up_out_, moe_gate_out_, m.n_ff_exp, n * m.n_used);
        act_out = &moe_up_out_;
    } else {
        // Gate and up of every pair: gate_out[n][k][F] = W_gate[e] in[t], up_out[n][k][F] = W_up[e] in[t]
        op.moe_matmul(c, L.moe_gate, g, n, in, false, moe_gate_out_);
        op.moe_matmul(c, L.moe_up, g, n, in, false, moe_up_out_);
        c.barrier();
        // Activation once per element (not per tile of rows reading it): gate_out = act(gate_out) * up_out
        op.glu(c, gelu, moe_gate_out_, moe_up_out_, n * m.n_used * m.n_ff_exp);
    }
    c.barrier();
    // Down of every pair: down_out[n][k][E] = W_down[e] act[n][k]
    op.moe_matmul(c, L.moe_down, g, n, *act_out, true, moe_down_out_);
    c.barrier();
    // Gathered: out[t] (+)= sum_s weights[t][s] * down_out[t][s]
    op.moe_gather(c, moe_down_out_, choice.weights, out, n, m.n_used, file_.hp.n_embd, accumulate);
    c.barrier();
}

}  // namespace causerie
