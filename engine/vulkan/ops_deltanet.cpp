// The Gated DeltaNet operations (qwen35): the causal conv1d, the gated delta rule, and the
// gated attention's query split and output gate.
#include "vulkan/ops.h"

namespace causerie::vk {

using namespace shader;

Status Ops::prepare_deltanet(uint32_t head_dim) {
    if (head_dim == 0 || head_dim > 256 || head_dim % 4 != 0)
        return make_error("DeltaNet head size " + std::to_string(head_dim) + " is not supported (a multiple of 4, at most 256)");
    struct P {
        const char* name;
        uint32_t bindings, push;
        std::vector<uint32_t> spec;
    };
    const uint32_t rows = tuning_.deltanet_rows == 4 ? 4 : 1;
    for (const P& p : {P{"deltanet_conv", 4, sizeof(DeltaNetConvPush), {}},
                       P{rows == 4 ? "deltanet_rule" : "deltanet_rule_row", 9, sizeof(DeltaNetRulePush), {head_dim / rows}},
                       P{"attn_gate_split", 2, sizeof(AttnGatePush), {}}, P{"attn_gate", 2, sizeof(AttnGatePush), {}}}) {
        TRY_ASSIGN(const Pipeline* pipe, pipes_.get({p.name, p.bindings, p.push, p.spec}));
        by_name_[std::string(p.name) == "deltanet_rule_row" ? "deltanet_rule" : p.name] = pipe;
    }
    return {};
}

void Ops::deltanet_conv(Commands& c, const Buffer& x, const Buffer& w, const Buffer& state, const Buffer& y, DeltaNetConvPush p) const {
    if (p.d_conv < 2 || p.d_conv > 16) return c.fail("deltanet_conv: conv kernel of " + std::to_string(p.d_conv) + " taps (2 to 16)");
    c.dispatch(find("deltanet_conv"), {x, w, state, y}, p, (p.channels + 63) / 64);
}

void Ops::deltanet_rule(Commands& c, const DeltaNetRuleIo& io, DeltaNetRulePush p) const {
    c.dispatch(find("deltanet_rule"), {*io.y, *io.z, *io.beta, *io.alpha, *io.dt, *io.a, *io.norm, *io.state, *io.out}, p, p.n_v_heads);
}

void Ops::attn_gate_split(Commands& c, const Buffer& qg, const Buffer& q, uint32_t n, uint32_t head_dim) const {
    c.dispatch(find("attn_gate_split"), {qg, q}, AttnGatePush{n, head_dim}, (n + 255) / 256);
}

void Ops::attn_gate(Commands& c, const Buffer& qg, const Buffer& att, uint32_t n, uint32_t head_dim) const {
    c.dispatch(find("attn_gate"), {qg, att}, AttnGatePush{n, head_dim}, (n + 255) / 256);
}

}  // namespace causerie::vk
