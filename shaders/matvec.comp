#version 450
#extension GL_GOOGLE_include_directive : require
// Decode matrix-vector: each workgroup computes NR rows; threads stride over the row's units,
// then reduce with subgroup adds and shared memory. Epilogue fuses bias and residual add.
#extension GL_KHR_shader_subgroup_arithmetic : require
#define USE_MATVEC_PUSH
#include "push_constants.h"
#define GRID_BINDING 6  // the grid i-quants' grid (weights.glsl)
#include "weights.glsl"
#include "activations.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint NR = 2;

layout(binding = 2) readonly buffer X { vec4 x4[]; };
layout(binding = 3) buffer Y { float y[]; };
layout(binding = 4) readonly buffer Bias { float bias[]; };
layout(binding = 5) readonly buffer Aux { vec4 aux4[]; };

shared float partial[NR * 32];
shared float norm_scale;

// x[u] as the fused pre-op defines it (see MATVEC_X_* in push_constants.h).
vec4 x_at(uint xo, uint idx, float scale) {
    vec4 v = x4[xo + idx];
    if (pc.x_mode == MATVEC_X_RMSNORM) return v * scale * aux4[idx];
    if (pc.x_mode == MATVEC_X_SWIGLU) return silu(v) * aux4[xo + idx];
    if (pc.x_mode == MATVEC_X_GEGLU) return gelu_tanh(v) * aux4[xo + idx];
    if (pc.x_mode == MATVEC_X_GELU) return gelu_tanh(v);
    if (pc.x_mode == MATVEC_X_SWIGLU_SPLIT) return silu(v) * x4[xo + pc.K / 4 + idx];
    return v;
}

void main() {
    const uint wg = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    const uint row0 = wg * NR;
    const uint U = pc.K / UNIT;
    const uint xo = pc.x_offset / 4;
    float acc[NR];
    for (uint r = 0; r < NR; ++r) acc[r] = 0.0;

    // Fused RMSNorm: every workgroup computes the scale of x itself (x is small).
    float scale = 1.0;
    if (pc.x_mode == MATVEC_X_RMSNORM) {
        float ss = 0.0;
        for (uint i = gl_LocalInvocationID.x; i < pc.K / 4; i += gl_WorkGroupSize.x) {
            vec4 v = x4[xo + i];
            ss += dot(v, v);
        }
        ss = subgroupAdd(ss);
        if (gl_NumSubgroups > 1) {
            if (subgroupElect()) partial[gl_SubgroupID] = ss;
            barrier();
            if (gl_LocalInvocationID.x == 0) {
                float t = 0.0;
                for (uint i = 0; i < gl_NumSubgroups; ++i) t += partial[i];
                norm_scale = t;
            }
            barrier();
            ss = norm_scale;
        }
        scale = inversesqrt(ss / float(pc.K) + pc.eps);
    }

    if (UNIT == 16 || (U & 1u) == 0u) {
        // Pairs of units that share their loads (weights.glsl, load_pair): always for quantized
        // rows, for unquantized rows of an even number of units.
        const uint P = U / 2;
        for (uint p = gl_LocalInvocationID.x; p < P; p += gl_WorkGroupSize.x) {
            const uint ua = pair_unit(p), ub = ua + PAIR_STEP;
            vec4 xa[NV], xb[NV];
            vec4 sa4 = vec4(0.0), sb4 = vec4(0.0);
            for (uint i = 0; i < NV; ++i) {
                xa[i] = x_at(xo, ua * NV + i, scale);
                xb[i] = x_at(xo, ub * NV + i, scale);
                sa4 += xa[i];
                sb4 += xb[i];
            }
            // dot(q * s + o, x) = s * dot(q, x) + o * sum(x): one scale per unit and row.
            const float xsa = dot(sa4, vec4(1.0)), xsb = dot(sb4, vec4(1.0));
            for (uint r = 0; r < NR; ++r) {
                if (row0 + r < pc.M) {
                    vec4 qa[NV], qb[NV];
                    vec2 soa, sob;
                    load_pair((row0 + r) * P + p, qa, soa, qb, sob);
                    float da = 0.0, db = 0.0;
                    for (uint i = 0; i < NV; ++i) {
                        da += dot(qa[i], xa[i]);
                        db += dot(qb[i], xb[i]);
                    }
                    acc[r] += (soa.x * da + soa.y * xsa) + (sob.x * db + sob.y * xsb);
                }
            }
        }
    } else {
        for (uint u = gl_LocalInvocationID.x; u < U; u += gl_WorkGroupSize.x) {
            vec4 xv[NV];
            vec4 xs4 = vec4(0.0);
            for (uint i = 0; i < NV; ++i) {
                xv[i] = x_at(xo, u * NV + i, scale);
                xs4 += xv[i];
            }
            const float xs = dot(xs4, vec4(1.0));
            for (uint r = 0; r < NR; ++r) {
                if (row0 + r < pc.M) {
                    vec4 q[NV];
                    vec2 so;
                    load_raw((row0 + r) * U + u, q, so);
                    float d = 0.0;
                    for (uint i = 0; i < NV; ++i) d += dot(q[i], xv[i]);
                    acc[r] += so.x * d + so.y * xs;
                }
            }
        }
    }

    for (uint r = 0; r < NR; ++r) acc[r] = subgroupAdd(acc[r]);
    if (gl_NumSubgroups > 1) {
        if (subgroupElect())
            for (uint r = 0; r < NR; ++r) partial[r * 32 + gl_SubgroupID] = acc[r];
        barrier();
        if (gl_LocalInvocationID.x == 0)
            for (uint r = 0; r < NR; ++r) {
                acc[r] = 0.0;
                for (uint s = 0; s < gl_NumSubgroups; ++s) acc[r] += partial[r * 32 + s];
            }
    }
    if (gl_LocalInvocationID.x == 0) {
        for (uint r = 0; r < NR; ++r) {
            uint row = row0 + r;
            if (row >= pc.M) break;
            uint out_idx = pc.y_offset + pc.row_offset + row;
            float v = acc[r];
            if (pc.has_bias != 0) v += bias[pc.row_offset + row];
            v *= pc.y_scale;
            if (pc.accumulate != 0) v += y[out_idx];
            y[out_idx] = v;
        }
    }
}
