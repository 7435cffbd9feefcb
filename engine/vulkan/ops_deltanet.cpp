// The Gated DeltaNet operations (qwen35): the causal conv1d, the gated delta rule, and the
// gated attention's query split and output gate.
#include "vulkan/ops.h"

#include <algorithm>

namespace causerie::vk {

using namespace shader;

namespace {
// Value rows per workgroup of the shared-memory state kernel: 16, 8 or 4, what divides the head
// size and keeps its shared memory (the rows, padded, and a chunk's deltas) within Vulkan's 16 KiB.
uint32_t state_rows(uint32_t head_dim, uint32_t chunk) {
    for (uint32_t rows : {16u, 8u})
        if (head_dim % rows == 0 && (rows * (head_dim + 1) + chunk * rows) * 4 <= 16384) return rows;
    return 4;
}
}  // namespace

Status Ops::prepare_deltanet(uint32_t head_dim) {
    if (head_dim == 0 || head_dim > 256 || head_dim % 4 != 0)
        return make_error("DeltaNet head size " + std::to_string(head_dim) + " is not supported (a multiple of 4, at most 256)");
    struct P {
        const char* name;
        uint32_t bindings, push;
        std::vector<uint32_t> spec;
        uint32_t texel_mask = 0;
    };
    const uint32_t rows = tuning_.deltanet_rows == 4 ? 4 : 1;
    // The rule with 4 rows per thread reads y and the state through float4 views where texel
    // buffers are (CPU devices; lavapipe, one token: 8 heads of 64 503 -> 399 us, Qwen3.5 9B 6.4 -> 3.7 ms)
    const bool texel = rows == 4 && tuning_.texel_weights;
    const char* rule = rows == 1 ? "deltanet_rule_row" : texel ? "deltanet_rule_texel" : "deltanet_rule";
    for (const P& p : {P{"deltanet_conv", 4, sizeof(DeltaNetConvPush), {}},
                       P{rule, texel ? 11u : 9u, sizeof(DeltaNetRulePush), {head_dim / rows}, texel ? (3u << 9) : 0u},
                       P{"attn_gate_split", 2, sizeof(AttnGatePush), {}}, P{"attn_gate", 2, sizeof(AttnGatePush), {}}}) {
        TRY_ASSIGN(const Pipeline* pipe, pipes_.get({p.name, p.bindings, p.push, p.spec, p.texel_mask}));
        by_name_[std::string(p.name) == rule ? "deltanet_rule" : p.name] = pipe;
    }
    head_dim_dn_ = head_dim;
    const uint32_t chunk = tuning_.deltanet_chunk;
    if (chunk == 0) return {};
    if (chunk > 64) return make_error("DeltaNet chunks of " + std::to_string(chunk) + " tokens (at most 64)");
    const uint64_t prep_shared = deltanet_prep_shared_bytes(chunk);
    if (dev_.info().max_shared_memory > 0 && prep_shared > dev_.info().max_shared_memory)
        return make_error("DeltaNet chunks of " + std::to_string(chunk) + " tokens need " + std::to_string(prep_shared) +
                          " bytes of shared memory; the device has " + std::to_string(dev_.info().max_shared_memory) +
                          " (set CAUSERIE_DELTANET=1,32)");
    // The chunked rule's state kernel: 4 rows per thread in registers (CPU devices, blocks of at
    // most 32 threads), or blocks of 16 rows in shared memory (256 threads)
    const bool shared = rows == 1;
    const std::vector<uint32_t> state_spec =
        shared ? std::vector<uint32_t>{256, head_dim, chunk, state_rows(head_dim, chunk)} : std::vector<uint32_t>{std::min<uint32_t>(32, head_dim / 4), head_dim, chunk};
    for (const P& p : {P{"deltanet_chunk_prep", 11, sizeof(DeltaNetRulePush), {chunk, head_dim}},
                       P{shared ? "deltanet_chunk_state_shared" : "deltanet_chunk_state", 8, sizeof(DeltaNetRulePush), state_spec},
                       P{"deltanet_gated_norm", 3, sizeof(DeltaNetRulePush), {64, head_dim}}}) {
        TRY_ASSIGN(const Pipeline* pipe, pipes_.get({p.name, p.bindings, p.push, p.spec}));
        by_name_[std::string(p.name) == "deltanet_chunk_state_shared" ? "deltanet_chunk_state" : p.name] = pipe;
    }
    return {};
}

void Ops::deltanet_conv(Commands& c, const Buffer& x, const Buffer& w, const Buffer& state, const Buffer& y, DeltaNetConvPush p) const {
    if (p.d_conv < 2 || p.d_conv > 16) return c.fail("deltanet_conv: conv kernel of " + std::to_string(p.d_conv) + " taps (2 to 16)");
    c.dispatch(find("deltanet_conv"), {x, w, state, y}, p, (p.channels + 63) / 64);
}

void Ops::deltanet_rule(Commands& c, const DeltaNetRuleIo& io, DeltaNetRulePush p) const {
    const Pipeline* pipe = find("deltanet_rule");
    if (pipe && pipe->texel_mask)  // y and the state again, as texel buffers
        return c.dispatch(pipe, {*io.y, *io.z, *io.beta, *io.alpha, *io.dt, *io.a, *io.norm, *io.state, *io.out, *io.y, *io.state}, p,
                          p.n_v_heads);
    c.dispatch(pipe, {*io.y, *io.z, *io.beta, *io.alpha, *io.dt, *io.a, *io.norm, *io.state, *io.out}, p, p.n_v_heads);
}

void Ops::deltanet_rule_chunked(Commands& c, const DeltaNetRuleIo& io, const DeltaNetChunkScratch& s, DeltaNetRulePush p) const {
    const uint32_t chunk = tuning_.deltanet_chunk, D = head_dim_dn_;
    if (chunk == 0 || D == 0) return c.fail("deltanet_rule_chunked: the chunked pipelines were not prepared");
    const uint32_t chunks = (p.n_tokens + chunk - 1) / chunk;
    const uint32_t blocks = tuning_.deltanet_rows == 4 ? (D / 4 + 31) / 32 : D / state_rows(D, chunk);
    // The chunks' products that need no state: W, U, Qs, Kd, M, e^(G_last)
    c.dispatch(find("deltanet_chunk_prep"), {*io.y, *io.beta, *io.alpha, *io.dt, *io.a, *s.w, *s.u, *s.qs, *s.kd, *s.m, *s.g_last}, p, chunks,
               p.n_v_heads);
    c.barrier();
    // The state through the chunks: out before the norm
    c.dispatch(find("deltanet_chunk_state"), {*s.w, *s.u, *s.qs, *s.kd, *s.m, *s.g_last, *io.state, *io.out}, p, blocks, p.n_v_heads);
    c.barrier();
    // The gated RMSNorm in place
    c.dispatch(find("deltanet_gated_norm"), {*io.out, *io.z, *io.norm}, p, (p.n_tokens * p.n_v_heads + 63) / 64);
}

void Ops::attn_gate_split(Commands& c, const Buffer& qg, const Buffer& q, uint32_t n, uint32_t head_dim) const {
    c.dispatch(find("attn_gate_split"), {qg, q}, AttnGatePush{n, head_dim}, (n + 255) / 256);
}

void Ops::attn_gate(Commands& c, const Buffer& qg, const Buffer& att, uint32_t n, uint32_t head_dim) const {
    c.dispatch(find("attn_gate"), {qg, att}, AttnGatePush{n, head_dim}, (n + 255) / 256);
}

}  // namespace causerie::vk
