// Weight decoding, one variant per TYPE_* define. The GPU layout (engine/quant/gpu_pack.h):
// binding 0 holds the blocks' bodies as 32-bit words, binding 1 the f16 scales of the formats
// whose block is not a multiple of 4 bytes (Q4_0, Q5_0, Q8_0, Q3_K, Q6_K).
// load_raw(gu, q, so) reads unit `gu` (units counted over the whole bound range, row-major):
// UNIT consecutive elements as small integers q (NV vec4s) with one scale and offset, the
// weights being q * so.x + so.y; a dot product can then scale once per unit. load_unit()
// returns the decoded weights.

layout(binding = 0) readonly buffer WeightWords { uint wb[]; };
layout(binding = 0) readonly buffer WeightVecs { uvec4 wb4[]; };
layout(binding = 1) readonly buffer WeightScales { uint ws[]; };

float scale_at(uint b) { return unpackHalf2x16(ws[b >> 1])[b & 1u]; }
vec4 bytes4(uint w) { return vec4(w & 0xFFu, (w >> 8) & 0xFFu, (w >> 16) & 0xFFu, w >> 24); }
vec4 sbytes4(uint w) {
    int i = int(w);
    return vec4(bitfieldExtract(i, 0, 8), bitfieldExtract(i, 8, 8), bitfieldExtract(i, 16, 8), bitfieldExtract(i, 24, 8));
}
uint byte_at(uint word_base, uint idx) { return (wb[word_base + (idx >> 2)] >> (8u * (idx & 3u))) & 0xFFu; }

#if defined(TYPE_F32) || defined(TYPE_F16) || defined(TYPE_BF16)
#define UNIT 4
#define NV 1
#else
#define UNIT 16
#define NV 4
#endif

#if defined(TYPE_F32)
void load_raw(uint gu, out vec4 v[NV], out vec2 so) { v[0] = uintBitsToFloat(wb4[gu]); so = vec2(1.0, 0.0); }

#elif defined(TYPE_F16)
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    v[0] = vec4(unpackHalf2x16(wb[2 * gu]), unpackHalf2x16(wb[2 * gu + 1]));
    so = vec2(1.0, 0.0);
}

#elif defined(TYPE_BF16)
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uint a = wb[2 * gu], b = wb[2 * gu + 1];
    v[0] = uintBitsToFloat(uvec4(a << 16, a & 0xFFFF0000u, b << 16, b & 0xFFFF0000u));
    so = vec2(1.0, 0.0);
}

#elif defined(TYPE_Q4_0)
// body: qs[16] (one uvec4) per block; unit 0 = low nibbles, unit 1 = high nibbles
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uint b = gu >> 1;
    float d = scale_at(b);
    uvec4 q = (wb4[b] >> ((gu & 1u) * 4u)) & 0x0F0F0F0Fu;
    for (uint i = 0; i < 4; ++i) v[i] = bytes4(q[i]);
    so = vec2(d, -8.0 * d);
}

#elif defined(TYPE_Q4_1)
// body: d|m, qs[16] = 5 words per block
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uint base = (gu >> 1) * 5u;
    so = unpackHalf2x16(wb[base]);
    uint shift = (gu & 1u) * 4u;
    for (uint i = 0; i < 4; ++i) v[i] = bytes4((wb[base + 1 + i] >> shift) & 0x0F0F0F0Fu);
}

#elif defined(TYPE_Q5_0) || defined(TYPE_Q5_1)
// Q5_0 body: qh, qs[16] = 5 words (d apart); Q5_1 body: d|m, qh, qs[16] = 6 words
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
#if defined(TYPE_Q5_0)
    uint base = (gu >> 1) * 5u;
    float d = scale_at(gu >> 1), m = -16.0 * d;
#else
    uint base = (gu >> 1) * 6u + 1u;
    vec2 dm = unpackHalf2x16(wb[base - 1u]);
    float d = dm.x, m = dm.y;
#endif
    uint hb = wb[base] >> ((gu & 1u) * 16u);
    uint shift = (gu & 1u) * 4u;
    for (uint i = 0; i < 4; ++i) {
        uint h = hb >> (4u * i);
        vec4 hi = vec4(h & 1u, (h >> 1) & 1u, (h >> 2) & 1u, (h >> 3) & 1u) * 16.0;
        v[i] = bytes4((wb[base + 1 + i] >> shift) & 0x0F0F0F0Fu) + hi;
    }
    so = vec2(d, m);
}

#elif defined(TYPE_Q8_0)
// body: qs[32] = two uvec4 per block
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uvec4 q = wb4[gu];
    for (uint i = 0; i < 4; ++i) v[i] = sbytes4(q[i]);
    so = vec2(scale_at(gu >> 1), 0.0);
}

#elif defined(TYPE_Q2_K)
// body: scales[16], qs[64], d|dmin = 21 words; unit u = 16-element sub-block u
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uint base = (gu >> 4) * 21u, u = gu & 15u;
    vec2 dm = unpackHalf2x16(wb[base + 20u]);
    uint sc = byte_at(base, u);
    float dl = dm.x * float(sc & 0xFu), ml = dm.y * float(sc >> 4);
    uint qw = base + 4u + (u >> 3) * 8u + (u & 1u) * 4u, shift = ((u >> 1) & 3u) * 2u;
    for (uint i = 0; i < 4; ++i) v[i] = bytes4((wb[qw + i] >> shift) & 0x03030303u);
    so = vec2(dl, -ml);
}

#elif defined(TYPE_Q3_K)
// body: hmask[32], qs[64], scales[12] = 27 words (d apart)
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uint blk = gu >> 4, base = blk * 27u, u = gu & 15u;
    uint low = u < 8u ? (byte_at(base + 24u, u) & 0xFu) : (byte_at(base + 24u, u - 8u) >> 4);
    uint high = (byte_at(base + 24u, 8u + (u & 3u)) >> (2u * (u >> 2))) & 3u;
    float dl = scale_at(blk) * float(int(low | (high << 4)) - 32);
    uint n = u >> 3, j = (u >> 1) & 3u, half_ = u & 1u;
    uint qw = base + 8u + n * 8u + half_ * 4u, hw = base + half_ * 4u;
    for (uint i = 0; i < 4; ++i) {
        vec4 q = bytes4((wb[qw + i] >> (2u * j)) & 0x03030303u);
        vec4 h = bytes4((wb[hw + i] >> (n * 4u + j)) & 0x01010101u);
        v[i] = q + 4.0 * h;
    }
    so = vec2(dl, -4.0 * dl);
}

#elif defined(TYPE_Q4_K) || defined(TYPE_Q5_K)
// Q4_K body: d|dmin, scales[12], qs[128] = 36 words; Q5_K adds qh[32] before qs = 44 words
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
#if defined(TYPE_Q4_K)
    uint base = (gu >> 4) * 36u, qs = 4u;
#else
    uint base = (gu >> 4) * 44u, qs = 12u;
#endif
    uint u = gu & 15u, c = u >> 2, r = u & 3u, j = 2u * c + (r >> 1);
    vec2 dm = unpackHalf2x16(wb[base]);
    uint sb = base + 1u;  // scale bytes
    uint sc, mn;
    if (j < 4u) {
        sc = byte_at(sb, j) & 63u;
        mn = byte_at(sb, j + 4u) & 63u;
    } else {
        sc = (byte_at(sb, j + 4u) & 0xFu) | ((byte_at(sb, j - 4u) >> 6) << 4);
        mn = (byte_at(sb, j + 4u) >> 4) | ((byte_at(sb, j) >> 6) << 4);
    }
    float dl = dm.x * float(sc), ml = dm.y * float(mn);
    uint qw = base + qs + 8u * c + 4u * (r & 1u), shift = 4u * (r >> 1);
    for (uint i = 0; i < 4; ++i) {
        vec4 q = bytes4((wb[qw + i] >> shift) & 0x0F0F0F0Fu);
#if defined(TYPE_Q5_K)
        q += 16.0 * bytes4((wb[base + 4u + 4u * (r & 1u) + i] >> j) & 0x01010101u);
#endif
        v[i] = q;
    }
    so = vec2(dl, -ml);
}

#elif defined(TYPE_Q6_K)
// body: ql[128], qh[64], scales[16] = 52 words (d apart)
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uint blk = gu >> 4, base = blk * 52u, u = gu & 15u;
    uint n = u >> 3, k = (u >> 1) & 3u, l0 = (u & 1u) * 16u;
    uint lw = base + (n * 64u + (k & 1u) * 32u + l0) / 4u, lshift = 4u * (k >> 1);
    uint hw = base + 32u + (n * 32u + l0) / 4u, hshift = 2u * k;
    uint si = n * 8u + l0 / 16u + 2u * k;
    float dl = scale_at(blk) * float(bitfieldExtract(int(wb[base + 48u + (si >> 2)]), int(8u * (si & 3u)), 8));
    for (uint i = 0; i < 4; ++i) {
        vec4 q = bytes4((wb[lw + i] >> lshift) & 0x0F0F0F0Fu) + 16.0 * bytes4((wb[hw + i] >> hshift) & 0x03030303u);
        v[i] = q;
    }
    so = vec2(dl, -32.0 * dl);
}
#else
#error "weights.glsl: define one TYPE_*"
#endif

void load_unit(uint gu, out vec4 v[NV]) {
    vec2 so;
    load_raw(gu, v, so);
    for (uint i = 0; i < NV; ++i) v[i] = v[i] * so.x + so.y;
}
