#version 450
#extension GL_GOOGLE_include_directive : require
// Prefill's (token, slot) pairs grouped by expert (push_constants.h MoeGroupPush), in one
// workgroup: each thread counts the pairs of its experts, an exclusive scan gives each expert's
// first place, then each thread writes its experts' pairs in token order (a stable, deterministic
// list), and the scan also cuts every expert's list into tiles of at most `tile` pairs: the work
// items of the indexed matmul (moe_matmul.comp). Experts no token chose get no tile.
#define USE_MOE_GROUP_PUSH
#include "push_constants.h"

#define MAX_EXPERTS 512  // Ops::moe_group refuses more
layout(local_size_x = 256) in;
layout(binding = 0) readonly buffer Ids { uint ids[]; };   // [n][k]
layout(binding = 1) writeonly buffer List { uint list[]; };  // [n * k]: pair n * k + s, grouped by expert
layout(binding = 2) writeonly buffer Tiles { uint tiles[]; };  // n_tiles, then (expert, begin, end) per tile

shared uint first[MAX_EXPERTS + 1];

void main() {
    const uint tid = gl_LocalInvocationID.x, pairs = pc.n_tokens * pc.k;
    // Count: first[e] = pairs choosing e
    for (uint e = tid; e < pc.n_expert; e += 256u) {
        uint c = 0u;
        for (uint i = 0u; i < pairs; ++i) c += ids[i] == e ? 1u : 0u;
        first[e] = c;
    }
    barrier();
    // Exclusive scan and the tiles (one thread: n_expert steps)
    if (tid == 0u) {
        uint at = 0u, t = 0u;
        for (uint e = 0u; e < pc.n_expert; ++e) {
            const uint c = first[e];
            first[e] = at;
            for (uint b = 0u; b < c; b += pc.tile) {
                tiles[1u + 3u * t] = e;
                tiles[2u + 3u * t] = at + b;
                tiles[3u + 3u * t] = at + min(b + pc.tile, c);
                ++t;
            }
            at += c;
        }
        first[pc.n_expert] = at;
        tiles[0] = t;
    }
    barrier();
    // Scatter, in token order within each expert
    for (uint e = tid; e < pc.n_expert; e += 256u) {
        uint at = first[e];
        for (uint i = 0u; i < pairs; ++i)
            if (ids[i] == e) list[at++] = i;
    }
}
