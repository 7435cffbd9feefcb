// CPU reference of the quantized block formats: dequantize (the reference every shader is
// checked against) and a plain round-to-nearest quantizer (for make-model and tests).
#pragma once
#include "core/result.h"
#include "gguf/tensor_type.h"

#include <cstdint>
#include <span>
#include <vector>

namespace causerie {

// Writes n floats decoded from `src` (n must be a multiple of the type's block).
void dequantize_row(TensorType type, const uint8_t* src, float* dst, uint64_t n);

// Encodes n floats into `dst` (row_bytes(type, n) bytes).
void quantize_row(TensorType type, const float* src, uint8_t* dst, uint64_t n);

// Whole tensor helper: rows x cols floats -> bytes.
Result<std::vector<uint8_t>> quantize(TensorType type, std::span<const float> values, uint64_t cols);

// Dot product of one encoded row with x (n elements), in f32, for the CPU reference.
float dot_row(TensorType type, const uint8_t* row, const float* x, uint64_t n);

}  // namespace causerie
