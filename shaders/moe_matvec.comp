#version 450
#extension GL_GOOGLE_include_directive : require
// Matrix-vector products of the experts the router chose (push_constants.h MoeMatvecPush): the
// expert ids are read on the device, each workgroup computes NR rows of one expert's matrix for
// one (token, slot), or for one token summed over its slots with the router's weights (the down
// projection with the weighted gather fused). Threads stride over the row's units as in
// matvec.comp, then reduce with subgroup adds and shared memory.
#extension GL_KHR_shader_subgroup_arithmetic : require
#define USE_MOE_MATVEC_PUSH
#include "push_constants.h"
#define GRID_BINDING 8  // the grid i-quants' grid (weights.glsl)
#include "weights.glsl"
#include "activations.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint NR = 2;

layout(binding = 2) readonly buffer X { vec4 x4[]; };
layout(binding = 3) buffer Y { float y[]; };
layout(binding = 4) readonly buffer Ids { uint ids[]; };          // [n][k]
layout(binding = 5) readonly buffer Weights { float wts[]; };     // [n][k]
layout(binding = 6) readonly buffer Aux { vec4 aux4[]; };         // the up projection (MATVEC_X_SWIGLU, _GEGLU, _SWIGLU_OAI)
layout(binding = 7) readonly buffer Bias { float bias[]; };       // [n_expert][M]

shared float partial[NR * 32];

vec4 x_at(uint idx) {
    vec4 v = x4[idx];
    if (pc.x_mode == MATVEC_X_SWIGLU) return silu(v) * aux4[idx];
    if (pc.x_mode == MATVEC_X_SWIGLU_OAI) return swiglu_oai(v, aux4[idx], pc.act_alpha, pc.act_limit);
    if (pc.x_mode == MATVEC_X_GEGLU) return gelu_tanh(v) * aux4[idx];
    if (pc.x_mode == MATVEC_X_GEGLU_SPLIT) return gelu_tanh(v) * x4[idx + pc.K / 4];
    return v;
}

// acc[r] += scale * (W_e[row0 + r] . x[xo..]) for this thread's units.
void expert_rows(uint e, uint row0, uint xo, float scale, inout float acc[NR]) {
    const uint U = pc.K / UNIT;
    const uint first = e * pc.M + row0;  // the expert's row0 in the whole tensor
    if (UNIT == 16 || (U & 1u) == 0u) {
        const uint P = U / 2;
        for (uint p = gl_LocalInvocationID.x; p < P; p += gl_WorkGroupSize.x) {
            const uint ua = pair_unit(p), ub = ua + PAIR_STEP;
            vec4 xa[NV], xb[NV];
            vec4 sa4 = vec4(0.0), sb4 = vec4(0.0);
            for (uint i = 0; i < NV; ++i) {
                xa[i] = x_at(xo + ua * NV + i);
                xb[i] = x_at(xo + ub * NV + i);
                sa4 += xa[i];
                sb4 += xb[i];
            }
            const float xsa = dot(sa4, vec4(1.0)), xsb = dot(sb4, vec4(1.0));
            for (uint r = 0; r < NR; ++r) {
                if (row0 + r < pc.M) {
                    vec4 qa[NV], qb[NV];
                    vec2 soa, sob;
                    load_pair((first + r) * P + p, qa, soa, qb, sob);
                    float da = 0.0, db = 0.0;
                    for (uint i = 0; i < NV; ++i) {
                        da += dot(qa[i], xa[i]);
                        db += dot(qb[i], xb[i]);
                    }
                    acc[r] += scale * ((soa.x * da + soa.y * xsa) + (sob.x * db + sob.y * xsb));
                }
            }
        }
    } else {
        for (uint u = gl_LocalInvocationID.x; u < U; u += gl_WorkGroupSize.x) {
            vec4 xv[NV];
            vec4 xs4 = vec4(0.0);
            for (uint i = 0; i < NV; ++i) {
                xv[i] = x_at(xo + u * NV + i);
                xs4 += xv[i];
            }
            const float xs = dot(xs4, vec4(1.0));
            for (uint r = 0; r < NR; ++r) {
                if (row0 + r < pc.M) {
                    vec4 q[NV];
                    vec2 so;
                    load_raw((first + r) * U + u, q, so);
                    float d = 0.0;
                    for (uint i = 0; i < NV; ++i) d += dot(q[i], xv[i]);
                    acc[r] += scale * (so.x * d + so.y * xs);
                }
            }
        }
    }
}

void main() {
    const uint wg = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    const uint rg = wg % pc.row_groups, rest = wg / pc.row_groups;
    const uint row0 = rg * NR;
    const uint n = pc.sum_slots != 0 ? rest : rest / pc.k;
    if (n >= pc.n_tokens) return;  // groups past the folded dispatch
    const uint first_slot = pc.sum_slots != 0 ? 0u : rest % pc.k;
    const uint end_slot = pc.sum_slots != 0 ? pc.k : first_slot + 1u;
    float acc[NR];
    for (uint r = 0; r < NR; ++r) acc[r] = 0.0;
    float bias_acc[NR];
    for (uint r = 0; r < NR; ++r) bias_acc[r] = 0.0;

    for (uint s = first_slot; s < end_slot; ++s) {
        const uint e = ids[n * pc.k + s];
        const float w = pc.sum_slots != 0 ? wts[n * pc.k + s] : 1.0;
        const uint x_row = pc.x_mode == MATVEC_X_GEGLU_SPLIT ? pc.K / 2 : pc.K / 4;  // vec4s per x row (split: gate and up)
        const uint xo = (pc.x_per_slot != 0 ? n * pc.k + s : n) * x_row;
        expert_rows(e, row0, xo, w, acc);
        if (pc.has_bias != 0)
            for (uint r = 0; r < NR; ++r)
                if (row0 + r < pc.M) bias_acc[r] += w * bias[e * pc.M + row0 + r];
    }

    for (uint r = 0; r < NR; ++r) acc[r] = subgroupAdd(acc[r]);
    if (gl_NumSubgroups > 1) {
        if (subgroupElect())
            for (uint r = 0; r < NR; ++r) partial[r * 32 + gl_SubgroupID] = acc[r];
        barrier();
        if (gl_LocalInvocationID.x == 0)
            for (uint r = 0; r < NR; ++r) {
                acc[r] = 0.0;
                for (uint sg = 0; sg < gl_NumSubgroups; ++sg) acc[r] += partial[r * 32 + sg];
            }
    }
    if (gl_LocalInvocationID.x == 0) {
        const uint out0 = pc.sum_slots != 0 ? n * pc.M : (n * pc.k + first_slot) * pc.M;
        for (uint r = 0; r < NR; ++r) {
            const uint row = row0 + r;
            if (row >= pc.M) break;
            float v = acc[r] + bias_acc[r];
            if (pc.accumulate != 0) v += y[out0 + row];
            y[out0 + row] = v;
        }
    }
}
