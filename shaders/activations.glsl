// Element-wise functions shared by several kernels.
#ifndef CAUSERIE_ACTIVATIONS_GLSL
#define CAUSERIE_ACTIVATIONS_GLSL

// tanh without overflow: some drivers compute it from exp(2x), which is inf past x ~ 44;
// |x| >= 10 gives +-1 in f32 anyway.
float tanh_safe(float x) { return tanh(clamp(x, -10.0, 10.0)); }
vec4 tanh_safe(vec4 x) { return tanh(clamp(x, vec4(-10.0), vec4(10.0))); }

float silu(float x) { return x / (1.0 + exp(-x)); }
vec4 silu(vec4 x) { return x / (1.0 + exp(-x)); }

// gpt-oss's clamped SwiGLU (ggml's swiglu_oai): the gate clamped above at limit, the up to
// [-limit, limit], g * sigmoid(alpha g) * (u + 1).
vec4 swiglu_oai(vec4 gate, vec4 up, float alpha, float limit) {
    const vec4 g = min(gate, vec4(limit)), u = clamp(up, vec4(-limit), vec4(limit));
    return g / (1.0 + exp(-alpha * g)) * (u + 1.0);
}

// GELU, tanh approximation (ggml's gelu): 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
#define GELU_SQRT_2_OVER_PI 0.79788456080286535587989211986876
#define GELU_COEF_A 0.044715
float gelu_tanh(float x) { return 0.5 * x * (1.0 + tanh_safe(GELU_SQRT_2_OVER_PI * x * (1.0 + GELU_COEF_A * x * x))); }
vec4 gelu_tanh(vec4 x) { return 0.5 * x * (1.0 + tanh_safe(GELU_SQRT_2_OVER_PI * x * (1.0 + GELU_COEF_A * x * x))); }

// Soft-capping: cap * tanh(x / cap); cap 0 leaves x as it is.
float softcap(float x, float cap) { return cap > 0.0 ? cap * tanh_safe(x / cap) : x; }

// ALiBi slope of head h (ggml's soft_max with max_bias): m0^(h+1) for the first 2^floor(log2 n)
// heads, then the odd powers of m1; 0 without ALiBi.
float alibi_slope(uint h, uint n_head, float max_bias) {
    if (max_bias <= 0.0) return 0.0;
    const uint n_log2 = 1u << findMSB(n_head);
    const float m0 = exp2(-max_bias / float(n_log2)), m1 = exp2(-(max_bias / 2.0) / float(n_log2));
    return h < n_log2 ? pow(m0, float(h + 1)) : pow(m1, float(2 * (h - n_log2) + 1));
}

#endif
