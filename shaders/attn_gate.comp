#version 450
#extension GL_GOOGLE_include_directive : require
// qwen35's gated attention (push_constants.h AttnGatePush). qg[t][h][2 D] holds per head the
// query then its gate. SPLIT: q[t][h][i] = the query part. Otherwise att[t][h][i] *=
// sigmoid(gate[t][h][i]).
#define USE_ATTN_GATE_PUSH
#include "push_constants.h"

layout(local_size_x = 256) in;
layout(binding = 0) readonly buffer QG { float qg[]; };
layout(binding = 1) buffer Out { float o[]; };

void main() {
    const uint idx = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    if (idx >= pc.n) return;
    const uint head = idx / pc.head_dim, i = idx % pc.head_dim;
    const uint src = head * 2 * pc.head_dim + i;
#ifdef SPLIT
    o[idx] = qg[src];
#else
    o[idx] *= 1.0 / (1.0 + exp(-qg[src + pc.head_dim]));
#endif
}
