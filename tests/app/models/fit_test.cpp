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
  // The estimate counts a GPU's scratch: the DeltaNet rule in chunks of 64 (lavapipe runs it
  // token by token, without that scratch)
  setenv("CAUSERIE_DELTANET", "1,64", 1);
  struct Unset {
    ~Unset() { unsetenv("CAUSERIE_DELTANET"); }
  } unset;
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
                        Case{"granite", "q4_0", false}, Case{"falcon", "q8_0", true}, Case{"bloom", "f16", false},
                        Case{"gemma2", "q8_0", true}, Case{"gemma3", "q4_k_m", false}}) {
    RandomModelSpec spec;
    spec.arch = c.arch;
    // The layouts that add scratch rows: fused QKV and gate+up, falcon 40B's second norm (and a
    // residual multiplier, which adds none: it is applied in the projection's epilogue).
    spec.fused_qkv = spec.arch == "phi3";
    spec.attn_norm_2 = spec.arch == "falcon";
    spec.residual_scale = spec.arch == "granite" ? 0.22f : 0.f;
    // Sliding-window layers: rings of window + batch rows (ctx 512: 16 + 256 of 512).
    if (spec.arch == "gemma2" || spec.arch == "gemma3") {
      spec.sliding_window = 16;
      spec.n_layer = spec.arch == "gemma3" ? 7 : 3;  // gemma3: 5 local, 1 global, 1 local
    }
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
  // gemma4: local and global head sizes, per-layer embeddings, the last 2 layers without a
  // cache of their own (they read layers 4 and 5's).
  {
    RandomModelSpec spec;
    spec.arch = "gemma4";
    spec.type = "q8_0";
    spec.n_embd = 256;
    spec.n_ff = 768;
    spec.n_vocab = 1024;
    spec.n_layer = 8;
    spec.head_dim = 64;
    spec.head_dim_swa = 32;
    spec.sliding_window = 16;
    spec.n_embd_per_layer = 32;
    spec.shared_kv_layers = 2;
    auto w = make_random_model(spec);
    ASSERT_TRUE(w) << w.error().message;
    const std::string path = QDir(tmp.path()).filePath(QStringLiteral("gemma4.gguf")).toStdString();
    ASSERT_TRUE(w->write(path));
    expectEstimateMatches(path, **dev, "gemma4 q8_0 shared kv");
    Result<GgufSummary> s = readGgufSummary(QString::fromStdString(path));
    ASSERT_TRUE(s.ok());
    // Own caches: local layers 0, 1, 3, 4 (32-wide heads), global 2, 5 (64-wide); 2 KV heads.
    EXPECT_EQ(s->shape.kvLocalRowBytes, 4ull * 2 * 2 * 32 * 2);
    EXPECT_EQ(s->shape.kvGlobalRowBytes, 2ull * 2 * 2 * 64 * 2);
  }
  // Experts: the router's and the chosen experts' scratch; all experts' bytes, a quarter active.
  // (gemma4: the experts beside the dense FFN, gate and up fused; qwen35moe: a DeltaNet layer
  // then a gated attention one, each with experts and a shared expert)
  for (const char* arch : {"llama", "qwen3moe", "gpt-oss", "qwen2moe", "qwen35moe", "gemma4"}) {
    RandomModelSpec spec;
    spec.arch = arch;
    if (spec.arch == "gemma4") spec.sliding_window = 16;
    if (spec.arch == "qwen35moe") spec.full_attn_interval = 2;
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
    // The experts of the first layer (of 2) in system memory: placement only, the device holds
    // that layer's experts less, as the estimate's per-layer share says.
    auto file = ModelFile::open(path);
    ASSERT_TRUE(file) << file.error().message;
    auto all = VkModel::create(**dev, **file, VkModelOptions{64, 256});
    VkModelOptions half{64, 256};
    half.experts_in_system_memory = 1;
    auto split = VkModel::create(**dev, **file, half);
    ASSERT_TRUE(all && split);
    EXPECT_EQ((*all)->system_bytes(), 0u) << arch;
    EXPECT_EQ((*split)->device_bytes() + (*split)->system_bytes(), (*all)->device_bytes()) << arch;
    EXPECT_NEAR(double((*split)->system_bytes()), double(experts / 2), experts * 0.01) << arch;
  }
}

// Too big for the device, a mixture of experts fits with the experts of its first N layers in
// system memory, N the fewest that do (Qwen3-30B-A3B at Q4_K_M on a 16 GiB GPU); the same
// bytes as a dense model stay too big, and so does a device too small for the rest.
TEST(FitEstimate, ExpertsInSystemMemory) {
  ModelShape s;
  s.weightBytes = 18556ull << 20;
  s.expertBytes = 17280ull << 20;
  s.nLayer = 48;
  s.nEmbd = 2048;
  s.nHead = 32;
  s.nHeadKv = 4;
  s.headDim = 128;
  s.nFf = 6144;
  s.nVocab = 151936;
  s.contextTrain = 40960;
  s.nExpert = 128;
  s.nExpertUsed = 8;
  s.nFfExp = 768;
  const quint64 device = 16ull << 30;
  const FitEstimate e = estimateFit(s, 4096, device);
  EXPECT_EQ(e.verdict, FitVerdict::FitsWithExpertsInSystemMemory);
  EXPECT_EQ(fitVerdictName(e.verdict), QStringLiteral("experts in system memory"));
  const quint32 n = e.expertLayersInSystemMemory;
  ASSERT_GT(n, 0u);
  ASSERT_LT(n, s.nLayer);
  const quint64 perLayer = s.expertBytes / s.nLayer;
  EXPECT_EQ(e.systemBytes, n * perLayer);
  EXPECT_LT(double(e.deviceNeededBytes()), 0.8 * double(device));
  EXPECT_GE(double(e.totalBytes - (n - 1) * perLayer), 0.8 * double(device));  // the fewest layers
  EXPECT_GE(e.suggestedContext, 4096u);  // the context counted with those experts off the device
  ModelShape dense = s;
  dense.nExpert = dense.nExpertUsed = dense.nFfExp = 0;
  dense.expertBytes = 0;
  EXPECT_EQ(estimateFit(dense, 4096, device).verdict, FitVerdict::TooBig);
  EXPECT_EQ(estimateFit(s, 4096, 1ull << 30).verdict, FitVerdict::TooBig);  // attention and embeddings alone: 1.2 GiB
  EXPECT_EQ(estimateFit(s, 4096, 32ull << 30).verdict, FitVerdict::Fits);
  EXPECT_EQ(estimateFit(s, 4096, 32ull << 30).expertLayersInSystemMemory, 0u);
}

// qwen35: 3 of 4 layers Gated DeltaNet (a fixed recurrent state, no KV cache), one full.
TEST(FitEstimate, RecurrentLayersPayForTheirStateOnly) {
  auto dev = vk::Device::create();
  if (!dev) GTEST_SKIP() << "no Vulkan device: " << dev.error().message;
  QTemporaryDir tmp;
  RandomModelSpec spec;
  spec.arch = "qwen35";
  spec.type = "q8_0";
  spec.n_embd = 256;
  spec.n_layer = 4;
  spec.n_ff = 512;
  spec.n_vocab = 1024;
  spec.ssm_state = 32;
  spec.ssm_k_heads = 2;
  spec.ssm_v_heads = 4;
  auto w = make_random_model(spec);
  ASSERT_TRUE(w) << w.error().message;
  const std::string path = QDir(tmp.path()).filePath(QStringLiteral("qwen35.gguf")).toStdString();
  ASSERT_TRUE(w->write(path));
  expectEstimateMatches(path, **dev, "qwen35 q8_0");
  Result<GgufSummary> s = readGgufSummary(QString::fromStdString(path));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->shape.nRecurrentLayers, 3u);
  EXPECT_EQ(s->shape.recurrentStateBytes, 3ull * (3 * (2 * 64 + 128) + 4 * 32 * 32) * 4);
  EXPECT_EQ(kvCacheBytes(s->shape, 512), 1ull * 2 * 2 * 64 * 2 * 512);  // the full layer only
  // A fifth block as the multi-token-prediction block: neither loaded nor counted
  spec.n_layer = 5;
  auto w5 = make_random_model(spec);
  ASSERT_TRUE(w5) << w5.error().message;
  w5->set_u32("qwen35.nextn_predict_layers", 1);
  const std::string path5 = QDir(tmp.path()).filePath(QStringLiteral("qwen35-mtp.gguf")).toStdString();
  ASSERT_TRUE(w5->write(path5));
  expectEstimateMatches(path5, **dev, "qwen35 q8_0 + MTP block");
  Result<GgufSummary> s5 = readGgufSummary(QString::fromStdString(path5));
  ASSERT_TRUE(s5.ok());
  EXPECT_EQ(s5->shape.nLayer, 4u);
  EXPECT_EQ(s5->shape.weightBytes, s->shape.weightBytes);
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

// Gemma 3 4B (34 layers, 4 KV heads of 256, window 1024: 29 local layers, 5 global) at 32K:
// the local layers hold rings of 1024 + 256 rows, not 32768; the suggested context grows with
// the global layers only.
TEST(FitEstimate, SlidingWindowLayersPayForTheirRingOnly) {
  ModelShape s;
  s.weightBytes = 2500ull << 20;
  s.nLayer = 34;
  s.nEmbd = 2560;
  s.nHead = 8;
  s.nHeadKv = 4;
  s.headDim = 256;
  s.nFf = 10240;
  s.nVocab = 262144;
  s.contextTrain = 131072;
  ModelShape full = s;
  s.slidingWindow = 1024;
  s.nLocalLayers = 29;
  const quint64 row = 2 * 4 * 256 * 2;  // K and V of one position
  EXPECT_EQ(kvCacheBytes(full, 32768), 34 * row * 32768);                  // 4352 MiB
  EXPECT_EQ(kvCacheBytes(s, 32768), 5 * row * 32768 + 29 * row * 1280);    // 785 MiB
  EXPECT_EQ(kvCacheBytes(s, 512), 34 * row * 512);                         // rings longer than the context: none
  std::printf("Gemma-3-4B shape at 32K: KV %.0f MiB with rings, %.0f MiB without\n", kvCacheBytes(s, 32768) / 1048576.0,
              kvCacheBytes(full, 32768) / 1048576.0);
  const quint64 device = 6ull << 30;
  const FitEstimate ring = estimateFit(s, 32768, device), noring = estimateFit(full, 32768, device);
  EXPECT_EQ(ring.verdict, FitVerdict::Fits);
  EXPECT_EQ(noring.verdict, FitVerdict::TooBig);
  EXPECT_GT(ring.suggestedContext, noring.suggestedContext);
  EXPECT_LT(double(neededBytes(s, ring.suggestedContext)), 0.8 * double(device));
  if (ring.suggestedContext < s.contextTrain) {
    EXPECT_GE(double(neededBytes(s, ring.suggestedContext + 256)), 0.8 * double(device));  // the largest
  }
}

}  // namespace
// Embedding models are told apart from chat models by the file: the encoder architectures
// (bert, nomic-bert) and a decoder whose pooling_type pools (Qwen3-Embedding: last); a decoder
// without the key, or with pooling none, is a chat model.
TEST(GgufSummary, TellsEmbeddingModelsFromChatModels) {
  QTemporaryDir tmp;
  struct Case {
    const char* arch;
    int pooling;
    bool embedding;
  };
  for (const Case& c : {Case{"bert", -1, true}, Case{"nomic-bert", -1, true}, Case{"qwen3", 3, true}, Case{"qwen3", 1, true},
                        Case{"qwen3", 0, false}, Case{"qwen3", -1, false}, Case{"llama", -1, false}}) {
    RandomModelSpec spec;
    spec.arch = c.arch;
    spec.pooling = c.pooling;
    spec.n_embd = 32;
    spec.n_head = 2;
    spec.n_ff = 64;
    spec.n_vocab = 256;
    auto w = make_random_model(spec);
    ASSERT_TRUE(w) << w.error().message;
    const std::string path =
        QDir(tmp.path()).filePath(QStringLiteral("%1-%2.gguf").arg(QLatin1String(c.arch)).arg(c.pooling)).toStdString();
    ASSERT_TRUE(w->write(path));
    Result<GgufSummary> s = readGgufSummary(QString::fromStdString(path));
    ASSERT_TRUE(s.ok()) << s.error().toStdString();
    EXPECT_EQ(s->embedding, c.embedding) << c.arch << " pooling " << c.pooling;
  }
}

}  // namespace causerie::models
