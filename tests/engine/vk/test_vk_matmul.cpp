// Weight kernels (matvec, matmul, get_rows) of every type against the CPU reference, on
// random data and shapes that are not multiples of the tile sizes, with bias and residual.
#include "model/cpu_model.h"
#include "quant/iq_quant.h"
#include "quant/quant.h"
#include "test_util.h"
#include "vk_fixture.h"

#include <cmath>

using namespace causerie;
using causerie::test::VkFixture;

namespace {

const TensorType kTypes[] = {TensorType::F32, TensorType::F16, TensorType::BF16, TensorType::Q4_0, TensorType::Q4_1,
                             TensorType::Q5_0, TensorType::Q5_1, TensorType::Q8_0, TensorType::Q2_K, TensorType::Q3_K,
                             TensorType::Q4_K, TensorType::Q5_K, TensorType::Q6_K, TensorType::IQ4_NL, TensorType::IQ4_XS,
                             TensorType::IQ3_XXS, TensorType::IQ3_S, TensorType::IQ2_XXS, TensorType::IQ2_XS, TensorType::IQ2_S,
                             TensorType::IQ1_S, TensorType::IQ1_M, TensorType::MXFP4};
// The i-quants and MXFP4 also run at one block and in more batch sizes.
bool is_iq(TensorType t) { return is_iq_type(t) || t == TensorType::MXFP4; }

struct Case {
    TensorType type;
    uint64_t K, M;
};

// K: 3 super-blocks for the K-quants, 5 blocks for the 32-formats; for plain types 172 (not a
// tile multiple, an odd number of 4-element units) and 176 (even: the matvec reads pairs). The
// i-quants also at one block (the minimum).
std::vector<uint64_t> awkward_ks(TensorType t) {
    auto tr = type_traits(uint32_t(t));
    if (tr->block_elems == 256) return is_iq(t) ? std::vector<uint64_t>{768, 256} : std::vector<uint64_t>{768};
    if (tr->block_elems == 32) return is_iq(t) ? std::vector<uint64_t>{160, 32} : std::vector<uint64_t>{160};
    return {172, 176};
}
uint64_t awkward_k(TensorType t) { return awkward_ks(t)[0]; }

// |gpu - ref| within tol * sum|w x| (the scale of the rounding error of any summation order).
void expect_close(const std::vector<float>& got, const std::vector<double>& ref, const std::vector<double>& mag, const std::string& what) {
    ASSERT_EQ(got.size(), ref.size());
    for (size_t i = 0; i < got.size(); ++i)
        ASSERT_NEAR(got[i], ref[i], 2e-4 * mag[i] + 1e-5) << what << " element " << i;
}

}  // namespace

class WeightKernels : public VkFixture, public ::testing::WithParamInterface<TensorType> {};

TEST_P(WeightKernels, MatvecAndMatmulMatchReference) {
    const TensorType type = GetParam();
    for (const uint64_t K : awkward_ks(type)) {
        const uint64_t M = 67;
        auto wf = test::random_floats(K * M, 11);
        auto wq = quantize(type, wf, K);
        ASSERT_TRUE(wq) << wq.error().message;
        const uint64_t rb = *row_bytes(type, K);
        for (vk::Tuning tuning : {vk::Tuning::for_device(dev->info()), vk::Tuning{32, 3, 32, 32}, vk::Tuning{8, 1, 8, 8, true, 3, 2}}) {
            auto ops = make_ops({type}, 64, tuning);
            auto w = upload_matrix("w", type, K, M, *wq);
            const std::vector<uint32_t> batches = is_iq(type) ? std::vector<uint32_t>{1, 2, 5, 37, 70} : std::vector<uint32_t>{1, 5, 37};
            for (uint32_t N : batches) {
                auto x = test::random_floats(K * N, 100 + N);
                auto bias = test::random_floats(M, 7);
                auto y0 = test::random_floats(M * N, 8);  // residual already in y
                std::vector<double> ref(M * N), mag(M * N);
                for (uint32_t n = 0; n < N; ++n)
                    for (uint64_t m = 0; m < M; ++m) {
                        std::vector<float> row(K);
                        dequantize_row(type, wq->data() + m * rb, row.data(), K);
                        double s = 0, a = 0;
                        for (uint64_t k = 0; k < K; ++k) {
                            s += double(row[k]) * x[n * K + k];
                            a += std::fabs(double(row[k]) * x[n * K + k]);
                        }
                        ref[n * M + m] = s + bias[m] + y0[n * M + m];
                        mag[n * M + m] = a + std::fabs(bias[m]) + std::fabs(y0[n * M + m]);
                    }
                auto xb = buffer_with(x), bb = buffer_with(bias), yb = buffer_with(y0);
                run([&](vk::Commands& c) {
                    if (N == 1) ops->matvec(c, w, xb, 0, yb, 0, true, &bb);
                    else ops->matmul(c, w, xb, N, yb, true, &bb);
                });
                expect_close(read(yb, M * N), ref, mag, std::string(type_name(type)) + " N=" + std::to_string(N));
                if (N > 1) {  // matvec of the last row with offsets, as the logits step does
                    auto y1 = buffer_with(std::vector<float>(M + 3, 0.f));
                    run([&](vk::Commands& c) { ops->matvec(c, w, xb, uint32_t((N - 1) * K), y1, 3, false); });
                    auto got = read(y1, M + 3);
                    for (uint64_t m = 0; m < M; ++m)
                        ASSERT_NEAR(got[3 + m], ref[(N - 1) * M + m] - bias[m] - y0[(N - 1) * M + m], 2e-4 * mag[(N - 1) * M + m] + 1e-5);
                }
            }
        }
    }
}

TEST_P(WeightKernels, GetRowsMatchesReference) {
    const TensorType type = GetParam();
    const uint64_t K = awkward_k(type), rows = 41;
    auto wf = test::random_floats(K * rows, 21);
    auto wq = quantize(type, wf, K);
    ASSERT_TRUE(wq);
    auto ops = make_ops({type}, 64, vk::Tuning::for_device(dev->info()));
    auto w = upload_matrix("e", type, K, rows, *wq);
    std::vector<uint32_t> tokens = {0, 40, 7, 7, 13};
    auto tb = buffer_u32(tokens);
    auto out = buffer_with(std::vector<float>(K * tokens.size(), -1.f));
    run([&](vk::Commands& c) { ops->get_rows(c, w, tb, uint32_t(tokens.size()), out); });
    auto got = read(out, K * tokens.size());
    const uint64_t rb = *row_bytes(type, K);
    for (size_t n = 0; n < tokens.size(); ++n) {
        std::vector<float> row(K);
        dequantize_row(type, wq->data() + tokens[n] * rb, row.data(), K);
        for (uint64_t k = 0; k < K; ++k) ASSERT_NEAR(got[n * K + k], row[k], 1e-6 * std::fabs(row[k]) + 1e-7) << type_name(type);
    }
}

INSTANTIATE_TEST_SUITE_P(AllTypes, WeightKernels, ::testing::ValuesIn(kTypes),
                         [](const auto& param_info) { return std::string(type_name(param_info.param)); });

// The pre-ops fused into the decode matvec: RMSNorm of x with its weight, SwiGLU or the
// GELU-gated activation of two inputs, a plain GELU, and SwiGLU of one row holding gate and up.
TEST_F(VkFixture, MatvecFusedRmsNormAndSwiGlu) {
    const uint64_t K = 256, M = 45;
    auto wf = test::random_floats(K * M, 31);
    auto wq = quantize(TensorType::Q4_K, wf, K);
    ASSERT_TRUE(wq);
    const uint64_t rb = *row_bytes(TensorType::Q4_K, K);
    auto x = test::random_floats(K, 32, 2.f), aux = test::random_floats(K, 33);
    for (vk::Tuning tuning : {vk::Tuning::for_device(dev->info()), vk::Tuning{64, 2, 64, 32}}) {
        auto ops = make_ops({TensorType::Q4_K}, 64, tuning);
        auto w = upload_matrix("w", TensorType::Q4_K, K, M, *wq);
        for (uint32_t mode : {uint32_t(MATVEC_X_RMSNORM), uint32_t(MATVEC_X_SWIGLU), uint32_t(MATVEC_X_GEGLU), uint32_t(MATVEC_X_GELU),
                              uint32_t(MATVEC_X_SWIGLU_SPLIT)}) {
            std::vector<float> xin(K);
            if (mode == MATVEC_X_RMSNORM) {
                double ss = 0;
                for (float v : x) ss += double(v) * v;
                float scale = float(1.0 / std::sqrt(ss / K + 1e-5));
                for (uint64_t k = 0; k < K; ++k) xin[k] = x[k] * scale * aux[k];
            } else if (mode == MATVEC_X_SWIGLU || mode == MATVEC_X_SWIGLU_SPLIT) {
                for (uint64_t k = 0; k < K; ++k) xin[k] = x[k] / (1.0f + std::exp(-x[k])) * aux[k];
            } else if (mode == MATVEC_X_GELU) {
                for (uint64_t k = 0; k < K; ++k) xin[k] = ref::gelu_tanh(x[k]);
            } else {
                for (uint64_t k = 0; k < K; ++k) xin[k] = ref::gelu_tanh(x[k]) * aux[k];
            }
            // SWIGLU_SPLIT reads gate and up from one row: x then aux.
            std::vector<float> xs = x;
            if (mode == MATVEC_X_SWIGLU_SPLIT) xs.insert(xs.end(), aux.begin(), aux.end());
            auto xb = buffer_with(xs), ab = buffer_with(aux), yb = buffer_with(std::vector<float>(M));
            run([&](vk::Commands& c) { ops->matvec(c, w, xb, 0, yb, 0, false, nullptr, vk::XInput{mode, &ab, 1e-5f}); });
            auto got = read(yb, M);
            for (uint64_t m = 0; m < M; ++m) {
                std::vector<float> row(K);
                dequantize_row(TensorType::Q4_K, wq->data() + m * rb, row.data(), K);
                double s = 0, a = 0;
                for (uint64_t k = 0; k < K; ++k) {
                    s += double(row[k]) * xin[k];
                    a += std::fabs(double(row[k]) * xin[k]);
                }
                ASSERT_NEAR(got[m], s, 2e-4 * a + 1e-5) << "mode " << mode << " row " << m;
            }
        }
    }
}

// The dispatch helper refuses what the pipeline does not declare (a push-constant block of
// another size, another number of bindings, a texel-buffer binding without its view); the
// recording keeps the first error and submits nothing.
TEST_F(VkFixture, DispatchRefusesWhatThePipelineDoesNotDeclare) {
    vk::Tuning t = vk::Tuning::for_device(dev->info());
    t.texel_weights = true;  // the CPU tuning's reads, on any device
    t.matmul_lanes = true;
    auto ops = make_ops({TensorType::Q4_0}, 64, t);
    const uint64_t K = 64, M = 8;
    auto wq = quantize(TensorType::Q4_0, test::random_floats(K * M, 3), K);
    ASSERT_TRUE(wq);
    auto with_views = upload_matrix("w", TensorType::Q4_0, K, M, *wq);
    auto without = upload_matrix("w", TensorType::Q4_0, K, M, *wq, /*texel_views=*/false);
    auto x = buffer_with(test::random_floats(K, 4)), y = buffer_with(std::vector<float>(M, 0.f));
    auto expect_error = [&](const std::function<void(vk::Commands&)>& record, const std::string& says) {
        ASSERT_TRUE(cmd->begin());
        record(*cmd);
        auto st = cmd->submit_and_wait();
        ASSERT_FALSE(st);
        EXPECT_NE(st.error().message.find(says), std::string::npos) << st.error().message;
    };
    expect_error([&](vk::Commands& c) { ops->matvec(c, without, x, 0, y, 0, false); }, "texel view");
    expect_error([&](vk::Commands& c) { ops->matmul(c, without, x, 1, y, false); }, "texel view");
    run([&](vk::Commands& c) { ops->matvec(c, with_views, x, 0, y, 0, false); });

    auto p = pipes->get({"matvec_tex_q4_0", 6, sizeof(shader::MatvecPush), {8, 2}, 0b11});
    ASSERT_TRUE(p) << p.error().message;
    const shader::MatvecPush push{uint32_t(K), uint32_t(M), 0, 0, 0, 0, 0, 0, 0.f, 1.f};
    expect_error([&](vk::Commands& c) { c.dispatch(*p, {with_views.body(0), with_views.scales(0), x, y, y, x}, uint32_t{0}, 1); },
                 "push constants of 4 bytes");
    expect_error([&](vk::Commands& c) { c.dispatch(*p, {with_views.body(0), with_views.scales(0), x, y}, push, 1); },
                 "4 bindings given, pipeline expects 6");
    expect_error([&](vk::Commands& c) { c.dispatch(*p, {without.body(0), with_views.scales(0), x, y, y, x}, push, 1); },
                 "binding 0 is a texel buffer and has no view");
    run([&](vk::Commands& c) { c.dispatch(*p, {with_views.body(0), with_views.scales(0), x, y, y, x}, push, 1); });
}

// CPU devices read through texel buffers unless those are small (the Vulkan minimum would cut
// weights into many bindings); GPUs keep storage buffers.
TEST(VkTuning, TexelReadsOnlyOnCpuDevicesWithLargeTexelBuffers) {
    vk::DeviceInfo cpu;
    cpu.type = "cpu";
    cpu.subgroup_size = 8;
    cpu.max_texel_elements = 1u << 27;
    EXPECT_TRUE(vk::Tuning::for_device(cpu).texel_weights);
    cpu.max_texel_elements = 65536;
    EXPECT_FALSE(vk::Tuning::for_device(cpu).texel_weights);
    vk::DeviceInfo gpu = cpu;
    gpu.type = "discrete";
    gpu.subgroup_size = 32;
    gpu.max_texel_elements = 1u << 27;
    EXPECT_FALSE(vk::Tuning::for_device(gpu).texel_weights);
}
