// "Will it fit": device memory a model needs at a context length, against the device's memory.
//
// needed = weights (tensor bytes; 1-D tensors as f32, as the engine uploads them)
//        + KV cache  (2 x kv_dim x 2 bytes (f16) per row: context rows on a global layer, and
//                     on a sliding-window layer a ring of min(context, window + B) rows)
//        + scratch   (activations for a batch of B = min(256, context) tokens:
//                     B x 4 x (2 n_embd + 2 q_dim + 2 kv_dim + 2 n_ff)
//                     + logits rows: clamp(256 MiB / (vocab x 4), 1, B) x vocab x 4
//                     + experts: B x 4 x (n_expert + 2 used x ff_exp) and the router's
//                       choices, 2 x n_layer x (B x used x 4 rounded up to 256); for B > 1
//                       prefill's grouping: P = B x used pairs, P x 4 (list) + 4 (1 + 3 (P +
//                       min(n_expert, P))) (tiles) + P x n_embd x 4 (down projections));
//                       gemma4: B x 4 x used x ff_exp more (gate and up fused) and B x 4 x
//                       2 n_embd (the experts' input and output beside the dense FFN)
//                     + Gated DeltaNet layers (qwen35): B x 4 x (2 conv_dim + 2 value_dim
//                       + 2 v heads + 2 q_dim)
//                     + gemma4: per-layer embeddings B x 4 x (2 n_layer + 1) x P, the V norm's
//                       [head_dim] of ones; its shared-KV layers have no cache
//        + recurrent state (qwen35's DeltaNet layers, f32, in place of their KV cache):
//                     (d_conv - 1) x conv_dim + v heads x state_size^2 floats per layer
// This mirrors VkModel's device-local allocations (engine/model/vk_model.cpp); the tests check
// the estimate against VkModel::device_bytes() on tiny models.
#pragma once

#include <QString>
#include <QtGlobal>

namespace causerie::models {

// The shape of a model, from GGUF metadata (see ggufSummary()).
struct ModelShape {
  quint64 weightBytes = 0;  // as held on the device
  quint32 nLayer = 0;
  quint32 nEmbd = 0;
  quint32 nHead = 0;
  quint32 nHeadKv = 0;
  quint32 headDim = 0;  // attention.key_length, default n_embd / n_head
  quint32 nFf = 0;
  quint32 nVocab = 0;
  quint32 contextTrain = 0;
  // Scratch rows the engine adds for some layouts (engine/model/vk_model.cpp load()).
  bool fusedQkv = false;        // attn_qkv: a [q_dim + 2 kv_dim] row per token
  bool fusedGateUp = false;     // phi3's ffn_up of 2 ff rows: the up row is 2 ff wide
  bool secondNorm = false;      // falcon 40B's attn_norm_2: another [embd] row
  // Sliding-window layers (gemma2, gemma3): their KV cache is a ring of window + batch rows
  // (engine/model/kv_ring.h), not the whole context.
  quint32 slidingWindow = 0;
  quint32 nLocalLayers = 0;  // of nLayer
  // Mixture of experts: every token reads only nExpertUsed of nExpert experts.
  quint32 nExpert = 0;
  quint32 nExpertUsed = 0;
  quint32 nFfExp = 0;           // rows of one expert's gate and up
  quint32 nFfShexp = 0;         // rows of the shared expert's gate and up (qwen2moe), 0: none
  quint64 expertBytes = 0;      // all experts' tensors (ffn_*_exps), part of weightBytes
  // gemma4: gate and up fused (ffn_gate_up_exps: the gate outputs hold both), and the experts
  // beside a dense FFN (pre_ffw_norm_2: their input and output rows of their own).
  bool expertsGateUp = false;
  bool expertsBesideDense = false;
  // Gated DeltaNet layers (qwen35): a recurrent state instead of a KV cache, of a fixed size.
  quint32 nRecurrentLayers = 0;     // of nLayer
  quint64 recurrentStateBytes = 0;  // all of them together
  quint64 recurrentRowFloats = 0;   // their activations per batch token
  // gemma4: head sizes and counts per layer, and the last layers reading an earlier layer's
  // cache (no cache of their own). When perLayerKv is set, the K and V bytes of one position
  // summed over the global layers with a cache, and over the local ones, replace the uniform
  // rows above (nHead, nHeadKv, headDim, nFf are then the largest, as the engine's buffers).
  bool perLayerKv = false;
  quint64 kvGlobalRowBytes = 0, kvLocalRowBytes = 0;
  quint32 nEmbdPerLayer = 0;    // per-layer embeddings: 2 B x n_layer x P + B x P floats of scratch
  bool valid() const { return nLayer && nEmbd && nHead && nHeadKv && headDim && nVocab; }
};

enum class FitVerdict {
  Unknown,  // device memory or the model's shape unknown
  Fits,     // needed < 80% of the device memory
  Tight,    // 80% .. 100%
  TooBig,   // more than the device memory
  // Too big, but a mixture of experts that fits under 80% with the experts of some layers in
  // system memory (read by the GPU in place: engine VkModelOptions::experts_in_system_memory).
  FitsWithExpertsInSystemMemory,
};
// "unknown", "fits", "tight", "too big", "experts in system memory"
QString fitVerdictName(FitVerdict v);

struct FitEstimate {
  quint64 weightBytes = 0;
  quint64 kvBytes = 0;
  quint64 scratchBytes = 0;
  quint64 stateBytes = 0;  // recurrent state (ModelShape::recurrentStateBytes)
  quint64 totalBytes = 0;
  quint64 deviceBytes = 0;
  quint32 context = 0;
  FitVerdict verdict = FitVerdict::Unknown;
  // The largest context (a multiple of 256, at most the trained context, at least 256) that
  // fits under 80%; 0 when even 256 tokens do not fit or the shape is unknown.
  quint32 suggestedContext = 0;
  // FitsWithExpertsInSystemMemory: the fewest layers whose experts (expertBytes / nLayer each)
  // leave the device under 80%, and those bytes (in totalBytes, not on the device; the
  // suggested context counts them off the device too).
  quint32 expertLayersInSystemMemory = 0;
  quint64 systemBytes = 0;
  quint64 deviceNeededBytes() const { return totalBytes - systemBytes; }
};

// Weight bytes one token reads: everything but the experts, and nExpertUsed / nExpert of those.
quint64 activeWeightBytes(const ModelShape& s);
quint64 kvCacheBytes(const ModelShape& s, quint32 context);
quint64 scratchBytes(const ModelShape& s, quint32 context);
quint64 neededBytes(const ModelShape& s, quint32 context);

// deviceBytes 0 = unknown (verdict Unknown, still the byte counts).
FitEstimate estimateFit(const ModelShape& s, quint32 context, quint64 deviceBytes);

}  // namespace causerie::models
