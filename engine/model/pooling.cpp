#include "model/pooling.h"

#include <cmath>

namespace causerie {

std::vector<float> pool(const float* hidden, uint32_t n, uint32_t dim, Pooling p) {
    switch (p) {
    case Pooling::None: return std::vector<float>(hidden, hidden + size_t(n) * dim);
    case Pooling::Cls: return std::vector<float>(hidden, hidden + dim);
    case Pooling::Last: return std::vector<float>(hidden + size_t(n - 1) * dim, hidden + size_t(n) * dim);
    case Pooling::Mean: break;
    }
    std::vector<double> sum(dim, 0.0);
    for (uint32_t t = 0; t < n; ++t)
        for (uint32_t i = 0; i < dim; ++i) sum[i] += hidden[size_t(t) * dim + i];
    std::vector<float> out(dim);
    for (uint32_t i = 0; i < dim; ++i) out[i] = float(sum[i] / n);
    return out;
}

void l2_normalize(float* v, uint32_t dim) {
    double ss = 0;
    for (uint32_t i = 0; i < dim; ++i) ss += double(v[i]) * v[i];
    const double norm = std::sqrt(ss);
    if (norm <= 0) return;
    const float inv = float(1.0 / norm);
    for (uint32_t i = 0; i < dim; ++i) v[i] *= inv;
}

}  // namespace causerie
