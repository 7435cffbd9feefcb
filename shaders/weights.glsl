// Weight decoding, one variant per TYPE_* define. The GPU layout (engine/quant/gpu_pack.h):
// binding 0 holds the blocks' bodies (rearranged so that quants sit at 16-byte boundaries),
// binding 1 the scales some formats keep apart: an f16 d (Q4_0, Q5_0, Q8_0, Q3_K, Q6_K and the
// i-quants but IQ4_XS and IQ1_M), an f16 pair d|m (Q4_1, Q2_K), IQ4_XS's 8-byte header, or
// MXFP4's one-byte exponent.
// load_raw(gu, q, so) reads unit `gu` (units counted over the whole bound range, row-major):
// UNIT consecutive elements as raw values q (NV vec4s: 1 + q/2^B for the quantized formats,
// see mant4) with one scale and offset, the weights being q * so.x + so.y; a dot product can
// then scale once per unit. load_unit() returns the decoded weights.
// The i-quants (RAW_VALUES) give the unit's values themselves (table levels or signed grid
// values, exact in f32) with so = (dl, 0): the weights are q * dl, one product as on the CPU.
// The grid i-quants also read their grid, bound at GRID_BINDING (each kernel defines it).

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
#elif defined(TYPE_IQ4_NL) || defined(TYPE_IQ4_XS) || defined(TYPE_MXFP4)
#define RAW_VALUES
// ggml's kvalues_iq4nl (engine/quant/iq_tables.h) as 16 signed bytes in 4 words: level q is
// byte q & 3 of word q >> 2. Selects and shifts, not an indexed constant array (which lavapipe
// turns into a per-lane loop: IQ4_XS decoded 5x slower than Q4_K).
// MXFP4: ggml's kvalues_mxfp4 (E2M1 values doubled) the same way.
#if defined(TYPE_MXFP4)
const uvec4 IQ4_LEVELS = uvec4(0x03020100u, 0x0c080604u, 0xfdfeff00u, 0xf4f8fafcu);
#else
const uvec4 IQ4_LEVELS = uvec4(0xbfad9881u, 0xf6eaddcfu, 0x26190d01u, 0x71594535u);
#endif
// The levels of the low nibbles of the 4 bytes of w.
vec4 iq4_levels(uint w) {
    uvec4 q = (uvec4(w) >> uvec4(0u, 8u, 16u, 24u)) & 0xFu;
    bvec4 odd = notEqual(q & 4u, uvec4(0u)), high = greaterThanEqual(q, uvec4(8u));
    uvec4 word = mix(mix(uvec4(IQ4_LEVELS.x), uvec4(IQ4_LEVELS.y), odd), mix(uvec4(IQ4_LEVELS.z), uvec4(IQ4_LEVELS.w), odd), high);
    return vec4(ivec4(word << (24u - 8u * (q & 3u))) >> 24);
}
#if defined(TYPE_IQ4_NL)
// body: qs[16] (one uvec4) per block, d apart; unit 0 = low nibbles, unit 1 = high nibbles
float iq4_scale(uint gu) { return scale_at(gu >> 1); }
#elif defined(TYPE_MXFP4)
// body: qs[16] (one uvec4) per block; apart: the E8M0 exponent e, one byte per block; the
// scale 2^(e - 128) built from its bits as ggml's e8m0 "half" does (denormal below e = 2).
float iq4_scale(uint gu) {
    uint b = gu >> 1, e = (sword(b >> 2) >> (8u * (b & 3u))) & 0xFFu;
    return uintBitsToFloat(e < 2u ? 0x00200000u << e : (e - 1u) << 23);
}
#else
// body: qs[128] (8 uvec4) per block; apart: d | scales_h << 16, then scales_l[4]. Unit u of a
// block: sub-block u / 2, low (u even) or high nibbles; its 6-bit scale is the nibble u / 2 of
// scales_l with bits u .. u+1 of scales_h on top.
float iq4_scale(uint gu) {
    uint blk = gu >> 4, ib = (gu & 15u) >> 1;
    uint w0 = sword(2u * blk), w1 = sword(2u * blk + 1u);
    uint ls = ((w1 >> (4u * ib)) & 0xFu) | (((w0 >> (16u + 2u * ib)) & 3u) << 4);
    return unpackHalf2x16(w0).x * float(int(ls) - 32);
}
#endif
void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    uvec4 q = wvec(gu >> 1) >> ((gu & 1u) * 4u);  // both: unit gu's 16 bytes are vector gu / 2
    for (uint i = 0; i < 4; ++i) v[i] = iq4_levels(q[i]);
    so = vec2(iq4_scale(gu), 0.0);
}
#elif defined(TYPE_IQ2_XXS) || defined(TYPE_IQ2_XS) || defined(TYPE_IQ2_S) || defined(TYPE_IQ3_XXS) || defined(TYPE_IQ3_S) || \
    defined(TYPE_IQ1_S) || defined(TYPE_IQ1_M)
// Grid i-quants: a unit is 2 groups of 8 elements (groups 2u' and 2u'+1 of its block, u' the
// unit within the block), each a grid entry with 8 sign bits (IQ2, IQ3) or a shift delta (IQ1);
// the unit's sub-block scale is so.x.
#define RAW_VALUES
// The grid's words (engine/quant/iq_grids.h: 8-element entries as two words, 4-element ones as
// one), bound after the kernel's other buffers.
#if defined(TEXEL_WEIGHTS)
layout(binding = GRID_BINDING) uniform usamplerBuffer grid_texels;
uint grid_word(uint i) { return texelFetch(grid_texels, int(i)).x; }
#else
layout(binding = GRID_BINDING) readonly buffer Grid { uint grid_words[]; };
uint grid_word(uint i) { return grid_words[i]; }
#endif

// ggml's ksigns_iq2xs: 7 stored sign bits, the 8th their parity.
uint iq_signs(uint s7) { return s7 | ((uint(bitCount(s7)) & 1u) << 7); }
// The 4 bytes of w, negated where the low 4 bits of s are set.
vec4 signed_bytes(uint w, uint s) {
    vec4 m = vec4(w & 0xFFu, (w >> 8) & 0xFFu, (w >> 16) & 0xFFu, w >> 24);
    return m * (vec4(1.0) - 2.0 * vec4(s & 1u, (s >> 1) & 1u, (s >> 2) & 1u, (s >> 3) & 1u));
}
// The 4 signed bytes of w (IQ1 grid values -1, 0, 1) plus delta.
vec4 int8_bytes(uint w, float delta) {
    int i = int(w);
    return vec4(bitfieldExtract(i, 0, 8), bitfieldExtract(i, 8, 8), bitfieldExtract(i, 16, 8), bitfieldExtract(i, 24, 8)) + delta;
}
uint byte_in(uint w, uint i) { return (w >> (8u * i)) & 0xFFu; }

void load_raw(uint gu, out vec4 v[NV], out vec2 so) {
    const uint blk = gu >> 4, u = gu & 15u, ib = u >> 1;
#if defined(TYPE_IQ2_XXS)
    // body: 8 sub-blocks of 2 words: 4 grid indices, then 4 x 7 sign bits and the 4-bit scale
    const uint base = blk * 16u + 2u * ib;
    const uint idx = wword(base), aux = wword(base + 1u);
    for (uint h = 0; h < 2; ++h) {
        const uint l = 2u * (u & 1u) + h, e = byte_in(idx, l), sg = iq_signs((aux >> (7u * l)) & 127u);
        v[2 * h] = signed_bytes(grid_word(2u * e), sg);
        v[2 * h + 1] = signed_bytes(grid_word(2u * e + 1u), sg >> 4);
    }
    so = vec2(scale_at(blk) * (0.5 + float(aux >> 28)) * 0.25, 0.0);
#elif defined(TYPE_IQ2_XS)
    // body: qs[32] (16-bit: 9-bit grid index, 7 sign bits) = 16 words, scales[8] = 2 words;
    // unit u: word u, and scale nibble u
    const uint base = blk * 18u;
    const uint q2 = wword(base + u);
    for (uint h = 0; h < 2; ++h) {
        const uint q = (q2 >> (16u * h)) & 0xFFFFu, e = q & 511u, sg = iq_signs(q >> 9);
        v[2 * h] = signed_bytes(grid_word(2u * e), sg);
        v[2 * h + 1] = signed_bytes(grid_word(2u * e + 1u), sg >> 4);
    }
    const uint sc = (wword(base + 16u + (u >> 3)) >> (4u * (u & 7u))) & 0xFu;
    so = vec2(scale_at(blk) * (0.5 + float(sc)) * 0.25, 0.0);
#elif defined(TYPE_IQ2_S)
    // body: grid low bytes (8 words), sign bytes (8 words), qh[8] (2 words), scales[8] (2 words)
    const uint base = blk * 20u;
    const uint lo = wword(base + (u >> 1)), sgn = wword(base + 8u + (u >> 1));
    const uint qh = byte_in(wword(base + 16u + (ib >> 2)), ib & 3u);
    for (uint h = 0; h < 2; ++h) {
        const uint k = 2u * (u & 1u) + h;  // group within the sub-block, byte within the words
        const uint e = byte_in(lo, k) | (((qh >> (2u * k)) & 3u) << 8), sg = byte_in(sgn, k);
        v[2 * h] = signed_bytes(grid_word(2u * e), sg);
        v[2 * h + 1] = signed_bytes(grid_word(2u * e + 1u), sg >> 4);
    }
    const uint sc = (wword(base + 18u + (u >> 3)) >> (4u * (u & 7u))) & 0xFu;
    so = vec2(scale_at(blk) * (0.5 + float(sc)) * 0.25, 0.0);
#elif defined(TYPE_IQ3_XXS)
    // body: 64 grid bytes (4 elements each; unit u: word u), then per sub-block a word of
    // 4 x 7 sign bits and the 4-bit scale
    const uint base = blk * 24u;
    const uint idx = wword(base + u), aux = wword(base + 16u + ib);
    for (uint h = 0; h < 2; ++h) {
        const uint l = 2u * (u & 1u) + h, sg = iq_signs((aux >> (7u * l)) & 127u);
        v[2 * h] = signed_bytes(grid_word(byte_in(idx, 2u * h)), sg);
        v[2 * h + 1] = signed_bytes(grid_word(byte_in(idx, 2u * h + 1u)), sg >> 4);
    }
    so = vec2(scale_at(blk) * (0.5 + float(aux >> 28)) * 0.5, 0.0);
#elif defined(TYPE_IQ3_S)
    // body: qs[64] (unit u: word u), qh[8] (2 words), signs[32] (8 words), scales[4] (1 word)
    const uint base = blk * 27u;
    const uint idx = wword(base + u), qh = byte_in(wword(base + 16u + (ib >> 2)), ib & 3u);
    const uint sgn = wword(base + 18u + (u >> 1));
    for (uint h = 0; h < 2; ++h) {
        const uint sg = byte_in(sgn, 2u * (u & 1u) + h);
        for (uint k = 2u * h; k < 2u * h + 2u; ++k) {
            const uint bit = 4u * (u & 1u) + k;  // grid byte within the sub-block: its bit of qh
            v[k] = signed_bytes(grid_word(byte_in(idx, k) | (((qh >> bit) & 1u) << 8)), sg >> (4u * (k & 1u)));
        }
    }
    const uint sc = (wword(base + 26u) >> (4u * ib)) & 0xFu;
    so = vec2(scale_at(blk) * float(1u + 2u * sc), 0.0);
#elif defined(TYPE_IQ1_S)
    // body: qs[32] (8 words), qh[8] (16-bit: 4 x 3 grid bits, 3-bit scale, delta sign; 4 words)
    const uint base = blk * 12u;
    const uint lo = wword(base + (u >> 1)), qh = (wword(base + 8u + (ib >> 1)) >> (16u * (ib & 1u))) & 0xFFFFu;
    const float delta = (qh & 0x8000u) != 0u ? -0.125 : 0.125;
    for (uint h = 0; h < 2; ++h) {
        const uint l = 2u * (u & 1u) + h, e = byte_in(lo, l) | (((qh >> (3u * l)) & 7u) << 8);
        v[2 * h] = int8_bytes(grid_word(2u * e), delta);
        v[2 * h + 1] = int8_bytes(grid_word(2u * e + 1u), delta);
    }
    so = vec2(scale_at(blk) * float(2u * ((qh >> 12) & 7u) + 1u), 0.0);
#else
    // IQ1_M body (as stored): qs[32] (8 words), qh[16] (a nibble per group: 3 grid bits, delta
    // sign; 4 words), scales[8] (4 x 16 bits: 3-bit scales, the f16 d in the top nibbles)
    const uint base = blk * 14u;
    const uint lo = wword(base + (u >> 1)), qh = byte_in(wword(base + 8u + (u >> 2)), u & 3u);
    const uint s01 = wword(base + 12u), s23 = wword(base + 13u);
    const uint dbits = ((s01 >> 12) & 0xFu) | ((s01 >> 28) << 4) | (((s23 >> 12) & 0xFu) << 8) | ((s23 >> 28) << 12);
    for (uint h = 0; h < 2; ++h) {
        const uint nib = (qh >> (4u * h)) & 0xFu, e = byte_in(lo, 2u * (u & 1u) + h) | ((nib & 7u) << 8);
        const float delta = (nib & 8u) != 0u ? -0.125 : 0.125;
        v[2 * h] = int8_bytes(grid_word(2u * e), delta);
        v[2 * h + 1] = int8_bytes(grid_word(2u * e + 1u), delta);
    }
    const uint k = ib >> 1, sc16 = ((k < 2u ? s01 : s23) >> (16u * (k & 1u))) & 0xFFFFu;  // scale word ib / 2
    const uint s3 = (sc16 >> (6u * (ib & 1u) + 3u * (u & 1u))) & 7u;
    so = vec2(unpackHalf2x16(dbits).x * float(2u * s3 + 1u), 0.0);
#endif
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

#elif defined(TYPE_IQ4_NL) || defined(TYPE_IQ4_XS) || defined(TYPE_MXFP4)
void load_pair(uint gp, out vec4 a[NV], out vec2 sa, out vec4 b[NV], out vec2 sb) {
    uvec4 q = wvec(gp);  // units 2 gp (low nibbles) and 2 gp + 1 (high), one scale
    for (uint i = 0; i < 4; ++i) {
        a[i] = iq4_levels(q[i]);
        b[i] = iq4_levels(q[i] >> 4);
    }
    sa = vec2(iq4_scale(2u * gp), 0.0);
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
#if defined(RAW_VALUES)
    for (uint i = 0; i < NV; ++i) v[i] = v[i] * so.x;
#elif UNIT == 16
    // (f - 1) * S + (O + S) = q * s + o with one rounding, as the CPU decodes it.
    for (uint i = 0; i < NV; ++i) v[i] = (v[i] - 1.0) * so.x + (so.x + so.y);
#else
    for (uint i = 0; i < NV; ++i) v[i] = v[i] * so.x + so.y;
#endif
}
