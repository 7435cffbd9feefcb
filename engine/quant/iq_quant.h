// The i-quants on the CPU (decoders in dequantize_iq.cpp, encoders in quantize_iq.cpp); callers
// go through quant.h, which dispatches here for the IQ types.
#pragma once
#include "gguf/tensor_type.h"

#include <cstdint>

namespace causerie {

bool is_iq_type(TensorType t);
void dequantize_iq_row(TensorType type, const uint8_t* src, float* dst, uint64_t n);
void quantize_iq_row(TensorType type, const float* src, uint8_t* dst, uint64_t n);

}  // namespace causerie
