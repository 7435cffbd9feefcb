// "Will it fit" estimates against the engine's actual device allocation (VkModel::device_bytes)
// for stories260K and tiny random models of each architecture and a few weight types.
#include "models/fit_estimate.h"
#include "models/gguf_summary.h"

#include "model/model_file.h"
#include "model/random_model.h"
#include "model/vk_model.h"
#include "vulkan/device.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace causerie::models {
namespace {

void expectEstimateMatches(const std::string& path, vk::Device& dev, const char* what) {
  Result<GgufSummary> s = readGgufSummary(QString::fromStdString(path));
  ASSERT_TRUE(s.ok()) << s.error().toStdString();
  ASSERT_TRUE(s->shape.valid()) << what;
  auto file = ModelFile::open(path);
  ASSERT_TRUE(file) << file.error().message;
  for (uint32_t ctx : {64u, 256u, 512u}) {
    auto model = VkModel::create(dev, **file, VkModelOptions{ctx, 256});
    ASSERT_TRUE(model) << model.error().message;
    const double actual = double((*model)->device_bytes());
    const double estimate = double(neededBytes(s->shape, ctx));
    EXPECT_EQ(kvCacheBytes(s->shape, ctx), (*model)->kv_bytes()) << what << " ctx " << ctx;
    // Weights may carry a little alignment padding on the device (split scale arrays).
    EXPECT_NEAR(estimate, actual, actual * 0.01 + 4096) << what << " ctx " << ctx;
    std::printf("%-28s ctx %4u: estimate %10.0f bytes, engine %10.0f bytes (%+.3f%%)\n", what, ctx, estimate, actual,
                100.0 * (estimate - actual) / actual);
  }
}

TEST(FitEstimate, MatchesTheEnginesAllocation) {
  auto dev = vk::Device::create();
  if (!dev) GTEST_SKIP() << "no Vulkan device: " << dev.error().message;
  expectEstimateMatches(CAUSERIE_SHARED_DIR "/models/stories260K.gguf", **dev, "stories260K");
  QTemporaryDir tmp;
  struct Case {
    const char* arch;
    const char* type;
    bool tied;
  };
  for (const Case& c : {Case{"llama", "f32", false}, Case{"llama", "q8_0", true}, Case{"qwen2", "q4_0", false},
                        Case{"qwen3", "q4_k_m", false}, Case{"qwen3", "f16", true}, Case{"phi3", "q8_0", false},
                        Case{"granite", "q4_0", false}, Case{"falcon", "q8_0", true}, Case{"bloom", "f16", false}}) {
    RandomModelSpec spec;
    spec.arch = c.arch;
    // The layouts that add scratch rows: fused QKV and gate+up, falcon 40B's second norm, a
    // residual multiplier.
    spec.fused_qkv = spec.arch == "phi3";
    spec.attn_norm_2 = spec.arch == "falcon";
    spec.residual_scale = spec.arch == "granite" ? 0.22f : 0.f;
    spec.type = c.type;
    spec.tied_embeddings = c.tied;
    spec.n_embd = 256;
    spec.n_ff = 768;
    spec.n_vocab = 1024;
    auto w = make_random_model(spec);
    ASSERT_TRUE(w) << w.error().message;
    const std::string path = QDir(tmp.path()).filePath(QStringLiteral("%1-%2.gguf").arg(c.arch, c.type)).toStdString();
    ASSERT_TRUE(w->write(path));
    expectEstimateMatches(path, **dev, (std::string(c.arch) + " " + c.type + (c.tied ? " tied" : "")).c_str());
  }
  // Experts: the router's and the chosen experts' scratch; all experts' bytes, a quarter active.
  for (const char* arch : {"llama", "qwen3moe"}) {
    RandomModelSpec spec;
    spec.arch = arch;
    spec.type = "q8_0";
    spec.n_embd = 256;
    spec.n_ff = 512;
    spec.n_ff_exp = 128;
    spec.n_expert = 8;
    spec.n_expert_used = 2;
    spec.n_vocab = 1024;
    auto w = make_random_model(spec);
    ASSERT_TRUE(w) << w.error().message;
    const std::string path = QDir(tmp.path()).filePath(QStringLiteral("%1-moe.gguf").arg(arch)).toStdString();
    ASSERT_TRUE(w->write(path));
    expectEstimateMatches(path, **dev, (std::string(arch) + " experts").c_str());
    Result<GgufSummary> s = readGgufSummary(QString::fromStdString(path));
    ASSERT_TRUE(s.ok());
    const quint64 experts = 2ull * 3 * 8 * 256 * 128 / 32 * 34;  // layers x matrices x experts x Q8_0 bytes
    EXPECT_EQ(s->shape.expertBytes, experts) << arch;
    EXPECT_EQ(activeWeightBytes(s->shape), s->shape.weightBytes - experts + experts / 4) << arch;
  }
}

TEST(FitEstimate, VerdictsAndSuggestedContext) {
  ModelShape s;  // roughly Llama 3.2 1B at Q4_K_M
  s.weightBytes = 800ull << 20;
  s.nLayer = 16;
  s.nEmbd = 2048;
  s.nHead = 32;
  s.nHeadKv = 8;
  s.headDim = 64;
  s.nFf = 8192;
  s.nVocab = 128256;
  s.contextTrain = 131072;
  EXPECT_EQ(kvCacheBytes(s, 4096), 16ull * 2 * 512 * 2 * 4096);  // 128 MiB
  const FitEstimate big = estimateFit(s, 4096, 4ull << 30);
  EXPECT_EQ(big.verdict, FitVerdict::Fits);
  EXPECT_EQ(big.suggestedContext % 256, 0u);
  EXPECT_GT(big.suggestedContext, 4096u);
  EXPECT_LT(big.suggestedContext, s.contextTrain);
  EXPECT_LT(double(neededBytes(s, big.suggestedContext)), 0.8 * double(4ull << 30));
  EXPECT_GE(double(neededBytes(s, big.suggestedContext + 256)), 0.8 * double(4ull << 30));  // the largest
  EXPECT_EQ(estimateFit(s, 4096, 64ull << 30).suggestedContext, s.contextTrain);  // capped at the trained context
  const quint64 needed = neededBytes(s, 4096);
  EXPECT_EQ(estimateFit(s, 4096, quint64(double(needed) / 0.9)).verdict, FitVerdict::Tight);
  const FitEstimate small = estimateFit(s, 4096, needed / 2);
  EXPECT_EQ(small.verdict, FitVerdict::TooBig);
  EXPECT_EQ(small.suggestedContext, 0u);  // the weights alone do not fit
  EXPECT_EQ(estimateFit(s, 4096, 0).verdict, FitVerdict::Unknown);
  EXPECT_EQ(estimateFit(ModelShape{}, 4096, 8ull << 30).verdict, FitVerdict::Unknown);
  EXPECT_EQ(fitVerdictName(FitVerdict::Tight), QStringLiteral("tight"));
}

}  // namespace
}  // namespace causerie::models
