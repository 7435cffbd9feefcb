// Pooling of an embedding model's per-token outputs into one vector, and the L2 normalization
// llama.cpp's embedding tools apply (common_embd_normalize with 2).
#pragma once
#include "model/hparams.h"

#include <cstdint>
#include <vector>

namespace causerie {

// hidden[n][dim] -> [dim]: the mean of the rows (mean), the first row (cls: BERT's [CLS]) or the
// last (last: decoders, whose last token has seen the whole text). None is not a pooling: the
// rows are returned as they are ([n][dim]).
std::vector<float> pool(const float* hidden, uint32_t n, uint32_t dim, Pooling p);

// v /= |v|_2 (v unchanged when it is all zeros).
void l2_normalize(float* v, uint32_t dim);

}  // namespace causerie
