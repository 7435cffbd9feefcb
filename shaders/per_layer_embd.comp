#version 450
#extension GL_GOOGLE_include_directive : require
// gemma4's per-layer embeddings, element-wise (push_constants.h PerLayerPush). COMBINE: the
// per-layer inputs pl[n][layers][width] = (normed projection + token rows * tok_scale) * scale.
// GATE: a layer's gate g[n][width] = gelu_tanh(g) * its slice of the per-layer inputs.
#define USE_PER_LAYER_PUSH
#include "push_constants.h"
#include "activations.glsl"

layout(local_size_x = 256) in;
#if defined(COMBINE)
layout(binding = 0) readonly buffer Tok { float tok[]; };
layout(binding = 1) buffer Pl { float pl[]; };
#else
layout(binding = 0) buffer G { float g[]; };
layout(binding = 1) readonly buffer Pl { float pl[]; };
#endif

void main() {
    const uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    if (i >= pc.n) return;
#if defined(COMBINE)
    pl[i] = (pl[i] + tok[i] * pc.tok_scale) * pc.scale;
#else
    const uint t = i / pc.width, j = i % pc.width;
    g[i] = gelu_tanh(g[i]) * pl[(t * pc.layers + pc.layer) * pc.width + j];
#endif
}
