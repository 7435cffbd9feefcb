// Weight decoding, one variant per TYPE_* define. The GPU layout (engine/quant/gpu_pack.h):
// binding 0 holds the blocks' bodies (rearranged so that quants sit at 16-byte boundaries),
// binding 1 the scales some formats keep apart: an f16 d (Q4_0, Q5_0, Q8_0, Q3_K, Q6_K) or an
// f16 pair d|m (Q4_1, Q2_K).
// load_raw(gu, q, so) reads unit `gu` (units counted over the whole bound range, row-major):
// UNIT consecutive elements as raw values q (NV vec4s: 1 + q/2^B for the quantized formats,
// see mant4) with one scale and offset, the weights being q * so.x + so.y; a dot product can
// then scale once per unit. load_unit() returns the decoded weights.

// wvec / wpair / wword read 16, 8 or 4 bytes of the body by index in those units, sword a word
// of the scales.
#if defined(TEXEL_WEIGHTS)
// CPU devices (lavapipe): there a storage-buffer load at a per-lane address is a loop over the
// lanes with a bounds check and a branch per lane and word, while a texel fetch is one gather.
// Binding 0 is viewed as R32G32B32A32_UINT, binding 1 as R32_UINT.
layout(binding = 0) uniform usamplerBuffer weight_texels;
layout(binding = 1) uniform usamplerBuffer scale_texels;
uvec4 wvec(uint i) { return texelFetch(weight_texels, int(i)); }
uvec2 wpair(uint i) {
    uvec4 t = wvec(i >> 1);
    return (i & 1u) != 0u ? t.zw : t.xy;
}
uint wword(uint i) {
    uvec4 t = wvec(i >> 2);
    uint j = i & 3u;
    return j < 2u ? (j == 0u ? t.x : t.y) : (j == 2u ? t.z : t.w);
}
uint sword(uint i) { return texelFetch(scale_texels, int(i)).x; }
#else
layout(binding = 0) readonly buffer WeightWords { uint wb[]; };
layout(binding = 0) readonly buffer WeightVecs { uvec4 wb4[]; };
layout(binding = 0) readonly buffer WeightPairs { uvec2 wb2[]; };
layout(binding = 1) readonly buffer WeightScales { uint ws[]; };
uvec4 wvec(uint i) { return wb4[i]; }
uvec2 wpair(uint i) { return wb2[i]; }
uint wword(uint i) { return wb[i]; }
uint sword(uint i) { return ws[i]; }
#endif

// (No dynamic vector indexing in these helpers: on CPU devices it becomes a spill per lane.)
float scale_at(uint b) {
    uint w = sword(b >> 1);
    return unpackHalf2x16((b & 1u) != 0u ? w >> 16 : w).x;
}
vec2 scale2_at(uint b) { return unpackHalf2x16(sword(b)); }
uint byte_of(uvec4 v, uint i) {
    uint w = i < 8u ? (i < 4u ? v.x : v.y) : (i < 12u ? v.z : v.w);
    return (w >> (8u * (i & 3u))) & 0xFFu;
}
uint byte_at(uint word_base, uint idx) { return (wword(word_base + (idx >> 2)) >> (8u * (idx & 3u))) & 0xFFu; }

// Quantized formats decode without int-to-float conversions (a quarter-rate instruction on
// NVIDIA GPUs, where it bounded the matvec): the B-bit value q in the low bits of each byte of
// w is placed at the top of the mantissa of 1.0, giving f = 1 + q / 2^B exactly with two
// integer operations. A weight s*q + o is then f*(2^B s) + (o - 2^B s) (unit_so), and the
// dot products keep their shape: S * dot(f, x) + O * sum(x). (f stays near 1, so the two terms
// cancel no worse than q*x against o*sum(x) did.)
vec4 mant4(uint w, uint B) {
    uint m = ((1u << B) - 1u) << (23u - B);
    uint third = B <= 7u ? w << ((7u - B) & 31u) : w >> ((B - 7u) & 31u);
    uvec4 r = uvec4(w << (23u - B), w << (15u - B), third, w >> (B + 1u));
    return uintBitsToFloat((r & m) | 0x3F800000u);
}
vec2 unit_so(vec2 so, uint B) {
    float k = float(1u << B);
    return vec2(so.x * k, so.y - so.x * k);
}

#if defined(TYPE_F32) || defined(TYPE_F16) || defined(TYPE_BF16)
#define UNIT 4
#define NV 1
#else
#define UNIT 16
#define NV 4
#endif

#if defined(TYPE_F32)
void load_raw(uint gu, out vec4 v[NV], out vec2 so) { v[0] = uintBitsToFloat(wvec(gu)); so = vec2(1.0, 0.0); }

#elif defined(TYPE_F16)
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uvec2 w = wpair(gu);
    v[0] = vec4(unpackHalf2x16(w.x), unpackHalf2x16(w.y));
    so = vec2(1.0, 0.0);
}

#elif defined(TYPE_BF16)
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uvec2 w = wpair(gu);
    uint a = w.x, b = w.y;
    v[0] = uintBitsToFloat(uvec4(a << 16, a & 0xFFFF0000u, b << 16, b & 0xFFFF0000u));
    so = vec2(1.0, 0.0);
}

#elif defined(TYPE_Q4_0)
// body: qs[16] (one uvec4) per block; unit 0 = low nibbles, unit 1 = high nibbles
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uint b = gu >> 1;
    float d = scale_at(b);
    uvec4 q = wvec(b) >> ((gu & 1u) * 4u);
    for (uint i = 0; i < 4; ++i) v[i] = mant4(q[i], 4u);
    so = unit_so(vec2(d, -8.0 * d), 4u);
}

#elif defined(TYPE_Q4_1)
// body: qs[16] (one uvec4) per block; d|m apart
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uint b = gu >> 1;
    uvec4 q = wvec(b) >> ((gu & 1u) * 4u);
    for (uint i = 0; i < 4; ++i) v[i] = mant4(q[i], 4u);
    so = unit_so(scale2_at(b), 4u);
}

#elif defined(TYPE_Q5_0) || defined(TYPE_Q5_1)
// Q5_0 body: qh, qs[16] = 5 words (d apart); Q5_1 body: d|m, qh, qs[16] = 6 words
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
#if defined(TYPE_Q5_0)
    uint base = (gu >> 1) * 5u;
    float d = scale_at(gu >> 1), m = -16.0 * d;
#else
    uint base = (gu >> 1) * 6u + 1u;
    vec2 dm = unpackHalf2x16(wword(base - 1u));
    float d = dm.x, m = dm.y;
#endif
    uint hb = wword(base) >> ((gu & 1u) * 16u);
    uint shift = (gu & 1u) * 4u;
    for (uint i = 0; i < 4; ++i) {
        uint h = hb >> (4u * i);  // the fifth bits of 4 elements -> bit 4 of their bytes
        uint hi = ((h & 1u) | ((h & 2u) << 7) | ((h & 4u) << 14) | ((h & 8u) << 21)) << 4;
        v[i] = mant4(((wword(base + 1 + i) >> shift) & 0x0F0F0F0Fu) | hi, 5u);
    }
    so = unit_so(vec2(d, m), 5u);
}

#elif defined(TYPE_Q8_0)
// body: qs[32] = two uvec4 per block; signed bytes biased by 128
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uvec4 q = wvec(gu) ^ 0x80808080u;
    for (uint i = 0; i < 4; ++i) v[i] = mant4(q[i], 8u);
    float d = scale_at(gu >> 1);
    so = unit_so(vec2(d, -128.0 * d), 8u);
}

#elif defined(TYPE_Q2_K)
// body: scales[16], qs[64] = 5 uvec4 (d|dmin apart); unit u = 16-element sub-block u
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uint blk = gu >> 4, base = blk * 5u, u = gu & 15u;
    vec2 dm = scale2_at(blk);
    uint sc = byte_of(wvec(base), u);
    uvec4 q = wvec(base + 1u + (u >> 3) * 2u + (u & 1u)) >> (((u >> 1) & 3u) * 2u);
    for (uint i = 0; i < 4; ++i) v[i] = mant4(q[i], 2u);
    so = unit_so(vec2(dm.x * float(sc & 0xFu), -dm.y * float(sc >> 4)), 2u);
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
        uint q = (wword(qw + i) >> (2u * j)) & 0x03030303u;
        uint h = (wword(hw + i) >> (n * 4u + j)) & 0x01010101u;
        v[i] = mant4(q | (h << 2), 3u);
    }
    so = unit_so(vec2(dl, -4.0 * dl), 3u);
}

#elif defined(TYPE_Q4_K) || defined(TYPE_Q5_K)
// 6-bit scale and min of sub-block j of a header (d|dmin, then the 12 scale bytes): bytes j
// and j+4 (j < 4), or the nibbles of byte j+4 with the top bits of bytes j-4 and j
// (branch-free: neighbouring threads differ in j).
vec2 k_scale_min(uvec4 hd, uint j) {
    uint sh = 8u * (j & 3u);
    uint a = (hd.y >> sh) & 0xFFu, b = (hd.z >> sh) & 0xFFu, e = (hd.w >> sh) & 0xFFu;
    bool lo = j < 4u;
    return vec2(lo ? a & 63u : (e & 0xFu) | ((a >> 6) << 4), lo ? b & 63u : (e >> 4) | ((b >> 6) << 4));
}

// Q4_K body: qs[128], then (d|dmin, scales[12]) = 9 uvec4; Q5_K: qs[128], qh[32], header = 11
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
#if defined(TYPE_Q4_K)
    uint base = (gu >> 4) * 9u, header = base + 8u;
#else
    uint base = (gu >> 4) * 11u, header = base + 10u;
#endif
    uint u = gu & 15u, c = u >> 2, r = u & 3u, j = 2u * c + (r >> 1);
    uvec4 hd = wvec(header);  // d|dmin, then the 12 scale bytes
    vec2 dm = unpackHalf2x16(hd.x), sm = k_scale_min(hd, j);
    uvec4 q = wvec(base + 2u * c + (r & 1u)) >> (4u * (r >> 1));
#if defined(TYPE_Q5_K)
    uvec4 h = (wvec(base + 8u + (r & 1u)) >> j) & 0x01010101u;
    for (uint i = 0; i < 4; ++i) v[i] = mant4((q[i] & 0x0F0F0F0Fu) | (h[i] << 4), 5u);
    so = unit_so(vec2(dm.x * sm.x, -dm.y * sm.y), 5u);
#else
    for (uint i = 0; i < 4; ++i) v[i] = mant4(q[i], 4u);
    so = unit_so(vec2(dm.x * sm.x, -dm.y * sm.y), 4u);
#endif
}

#elif defined(TYPE_Q6_K)
// body: ql[128], qh[64], scales[16] = 13 uvec4 (d apart)
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uint blk = gu >> 4, base = blk * 13u, u = gu & 15u;
    uint n = u >> 3, k = (u >> 1) & 3u, l0 = (u & 1u) * 16u;
    uvec4 ql = (wvec(base + (n * 64u + (k & 1u) * 32u + l0) / 16u) >> (4u * (k >> 1))) & 0x0F0F0F0Fu;
    uvec4 qh = (wvec(base + 8u + (n * 32u + l0) / 16u) >> (2u * k)) & 0x03030303u;
    uint si = n * 8u + l0 / 16u + 2u * k;
    int sc8 = bitfieldExtract(int(wword((base + 12u) * 4u + (si >> 2))), int(8u * (si & 3u)), 8);  // signed scale si
    float dl = scale_at(blk) * float(sc8);
    for (uint i = 0; i < 4; ++i) v[i] = mant4(ql[i] | (qh[i] << 4), 6u);
    so = unit_so(vec2(dl, -32.0 * dl), 6u);
}
#else
#error "weights.glsl: define one TYPE_*"
#endif

// Pairs of units that share their loads (the low and high nibbles of one 16-byte vector, one
// scale word; for f16, one 16-byte vector): pair gp holds units pair_unit(gp) and
// pair_unit(gp) + PAIR_STEP, counted like gu; for rows of an even number U of units (always, for
// the quantized formats), a row holds U / 2 pairs and pair_unit(row * U / 2 + p) = row * U +
// pair_unit(p). load_pair reads both, each as load_raw would.
#if defined(TYPE_Q4_K) || defined(TYPE_Q5_K)
#define PAIR_STEP 2u
uint pair_unit(uint gp) { return (gp >> 3) * 16u + ((gp >> 1) & 3u) * 4u + (gp & 1u); }
#elif defined(TYPE_Q6_K)
#define PAIR_STEP 4u
uint pair_unit(uint gp) { return (gp >> 3) * 16u + (gp & 4u) * 2u + (gp & 3u); }
#else
#define PAIR_STEP 1u
uint pair_unit(uint gp) { return 2u * gp; }
#endif

#if defined(TYPE_F16) || defined(TYPE_BF16)
void load_pair(uint gp, out vec4 a[NV], out vec2 sa, out vec4 b[NV], out vec2 sb) {
    uvec4 w = wvec(gp);
#if defined(TYPE_F16)
    a[0] = vec4(unpackHalf2x16(w.x), unpackHalf2x16(w.y));
    b[0] = vec4(unpackHalf2x16(w.z), unpackHalf2x16(w.w));
#else
    a[0] = uintBitsToFloat(uvec4(w.x << 16, w.x & 0xFFFF0000u, w.y << 16, w.y & 0xFFFF0000u));
    b[0] = uintBitsToFloat(uvec4(w.z << 16, w.z & 0xFFFF0000u, w.w << 16, w.w & 0xFFFF0000u));
#endif
    sa = vec2(1.0, 0.0);
    sb = sa;
}

#elif defined(TYPE_Q4_0) || defined(TYPE_Q4_1)
void load_pair(uint gp, out vec4 a[NV], out vec2 sa, out vec4 b[NV], out vec2 sb) {
    uvec4 q = wvec(gp);
    for (uint i = 0; i < 4; ++i) {
        a[i] = mant4(q[i], 4u);
        b[i] = mant4(q[i] >> 4, 4u);
    }
#if defined(TYPE_Q4_0)
    float d = scale_at(gp);
    sa = unit_so(vec2(d, -8.0 * d), 4u);
#else
    sa = unit_so(scale2_at(gp), 4u);
#endif
    sb = sa;
}

#elif defined(TYPE_Q8_0)
void load_pair(uint gp, out vec4 a[NV], out vec2 sa, out vec4 b[NV], out vec2 sb) {
    uvec4 qa = wvec(2u * gp) ^ 0x80808080u, qb = wvec(2u * gp + 1u) ^ 0x80808080u;
    for (uint i = 0; i < 4; ++i) {
        a[i] = mant4(qa[i], 8u);
        b[i] = mant4(qb[i], 8u);
    }
    float d = scale_at(gp);
    sa = unit_so(vec2(d, -128.0 * d), 8u);
    sb = sa;
}

#elif defined(TYPE_Q4_K) || defined(TYPE_Q5_K)
void load_pair(uint gp, out vec4 a[NV], out vec2 sa, out vec4 b[NV], out vec2 sb) {
    uint gu = pair_unit(gp);
#if defined(TYPE_Q4_K)
    uint base = (gu >> 4) * 9u, header = base + 8u;
    const uint B = 4u;
#else
    uint base = (gu >> 4) * 11u, header = base + 10u;
    const uint B = 5u;
#endif
    uint u = gu & 15u, c = u >> 2, r = u & 1u, j = 2u * c;  // units j (low nibbles) and j + 1 (high)
    uvec4 hd = wvec(header);
    vec2 dm = unpackHalf2x16(hd.x);
    vec2 ma = k_scale_min(hd, j), mb = k_scale_min(hd, j + 1u);
    uvec4 q = wvec(base + 2u * c + r);
#if defined(TYPE_Q5_K)
    uvec4 h = wvec(base + 8u + r);
    for (uint i = 0; i < 4; ++i) {
        a[i] = mant4((q[i] & 0x0F0F0F0Fu) | (((h[i] >> j) & 0x01010101u) << 4), 5u);
        b[i] = mant4(((q[i] >> 4) & 0x0F0F0F0Fu) | (((h[i] >> (j + 1u)) & 0x01010101u) << 4), 5u);
    }
#else
    for (uint i = 0; i < 4; ++i) {
        a[i] = mant4(q[i], 4u);
        b[i] = mant4(q[i] >> 4, 4u);
    }
#endif
    sa = unit_so(vec2(dm.x * ma.x, -dm.y * ma.y), B);
    sb = unit_so(vec2(dm.x * mb.x, -dm.y * mb.y), B);
}

#elif defined(TYPE_Q6_K)
void load_pair(uint gp, out vec4 a[NV], out vec2 sa, out vec4 b[NV], out vec2 sb) {
    uint gu = pair_unit(gp);
    uint blk = gu >> 4, base = blk * 13u, u = gu & 15u;
    uint n = u >> 3, k = (u >> 1) & 1u, l0 = (u & 1u) * 16u;  // units k (low nibbles) and k + 2 (high)
    uvec4 ql = wvec(base + (n * 64u + k * 32u + l0) / 16u);
    uvec4 qh = wvec(base + 8u + (n * 32u + l0) / 16u);
    for (uint i = 0; i < 4; ++i) {
        a[i] = mant4((ql[i] & 0x0F0F0F0Fu) | (((qh[i] >> (2u * k)) & 0x03030303u) << 4), 6u);
        b[i] = mant4(((ql[i] >> 4) & 0x0F0F0F0Fu) | (((qh[i] >> (2u * k + 4u)) & 0x03030303u) << 4), 6u);
    }
    uvec4 sc = wvec(base + 12u);
    uint si = n * 8u + l0 / 16u + 2u * k;
    float d = scale_at(blk);
    float da = d * float(int(byte_of(sc, si) << 24) >> 24), db = d * float(int(byte_of(sc, si + 4u) << 24) >> 24);
    sa = unit_so(vec2(da, -32.0 * da), 6u);
    sb = unit_so(vec2(db, -32.0 * db), 6u);
}

#else
void load_pair(uint gp, out vec4 a[NV], out vec2 sa, out vec4 b[NV], out vec2 sb) {
    uint gu = pair_unit(gp);
    load_raw(gu, a, sa);
    load_raw(gu + PAIR_STEP, b, sb);
}
#endif

void load_unit(uint gu, out vec4 v[NV]) {
    vec2 so;
    load_raw(gu, v, so);
#if UNIT == 16
    // (f - 1) * S + (O + S) = q * s + o with one rounding, as the CPU decodes it.
    for (uint i = 0; i < NV; ++i) v[i] = (v[i] - 1.0) * so.x + (so.x + so.y);
#else
    for (uint i = 0; i < NV; ++i) v[i] = v[i] * so.x + so.y;
#endif
}
