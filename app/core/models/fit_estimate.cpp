#include "models/fit_estimate.h"

#include <algorithm>

namespace causerie::models {

QString fitVerdictName(FitVerdict v) {
  switch (v) {
    case FitVerdict::Fits: return QStringLiteral("fits");
    case FitVerdict::Tight: return QStringLiteral("tight");
    case FitVerdict::TooBig: return QStringLiteral("too big");
    case FitVerdict::FitsWithExpertsInSystemMemory: return QStringLiteral("experts in system memory");
    case FitVerdict::Unknown: break;
  }
  return QStringLiteral("unknown");
}

quint64 activeWeightBytes(const ModelShape& s) {
  if (!s.nExpert) return s.weightBytes;
  const quint64 dense = s.weightBytes - std::min(s.expertBytes, s.weightBytes);
  return dense + quint64(double(s.expertBytes) * s.nExpertUsed / s.nExpert);
}

quint64 kvCacheBytes(const ModelShape& s, quint32 context) {
  const quint64 row = 2 * quint64(s.nHeadKv) * s.headDim * 2;  // K and V of one position, f16
  const quint32 local = std::min(s.nLocalLayers, s.nLayer);
  const quint64 batch = std::min<quint64>(256, std::max<quint32>(context, 1));
  const quint64 ring = s.slidingWindow ? std::min<quint64>(context, s.slidingWindow + batch) : context;
  if (s.perLayerKv) return s.kvGlobalRowBytes * context + s.kvLocalRowBytes * ring;
  const quint32 attention = s.nLayer - std::min(s.nRecurrentLayers + local, s.nLayer);
  return quint64(attention) * row * context + quint64(local) * row * ring;
}

quint64 scratchBytes(const ModelShape& s, quint32 context) {
  const quint64 batch = std::min<quint64>(256, std::max<quint32>(context, 1));
  const quint64 qDim = quint64(s.nHead) * s.headDim, kvDim = quint64(s.nHeadKv) * s.headDim;
  const quint64 rows = 2 * quint64(s.nEmbd) + 2 * qDim + 2 * kvDim + 2 * quint64(s.nFf) + (s.fusedQkv ? qDim + 2 * kvDim : 0) +
                       (s.fusedGateUp ? quint64(s.nFf) : 0) + (s.secondNorm ? quint64(s.nEmbd) : 0);
  const quint64 activations = batch * 4 * rows;
  const quint64 rowBytes = std::max<quint64>(quint64(s.nVocab) * 4, 1);
  const quint64 logitRows = std::clamp<quint64>((256ull << 20) / rowBytes, 1, batch);
  // Split decode attention: a partial (max, sum, head_dim values) per head and 256 positions
  // (vk::Tuning::attn_split_len), and the 4-byte position buffer.
  const quint64 splits = (quint64(std::max<quint32>(context, 1)) + 255) / 256;
  const quint64 partials = quint64(s.nHead) * splits * (s.headDim + 2) * 4;
  quint64 experts = 0;
  if (s.nExpert) {
    const quint64 choice = (batch * s.nExpertUsed * 4 + 255) / 256 * 256;
    experts = batch * 4 * (quint64(s.nExpert) + 2 * quint64(s.nExpertUsed) * s.nFfExp) + 2 * quint64(s.nLayer) * choice;
    if (batch > 1) {  // prefill's grouping: the pairs' list and tiles, the down projections per pair
      const quint64 pairs = batch * s.nExpertUsed;
      experts += pairs * 4 + 4 * (1 + 3 * (pairs + std::min<quint64>(s.nExpert, pairs))) + pairs * s.nEmbd * 4;
    }
    // The shared expert: its gate's logit, id and weight, its gate and up outputs.
    if (s.nFfShexp) experts += batch * 4 * (3 + 2 * quint64(s.nFfShexp));
    // gemma4: the gate outputs twice as wide (gate and up fused), the experts' input and output rows.
    if (s.expertsGateUp) experts += batch * 4 * quint64(s.nExpertUsed) * s.nFfExp;
    if (s.expertsBesideDense) experts += batch * 4 * 2 * quint64(s.nEmbd);
  }
  const quint64 perLayer = s.nEmbdPerLayer ? batch * 4 * (2 * quint64(s.nLayer) + 1) * s.nEmbdPerLayer : 0;
  const quint64 ones = s.perLayerKv ? quint64(s.headDim) * 4 : 0;
  return activations + logitRows * rowBytes + partials + 4 + experts + batch * 4 * s.recurrentRowFloats + perLayer + ones;
}

quint64 neededBytes(const ModelShape& s, quint32 context) {
  return s.weightBytes + kvCacheBytes(s, context) + scratchBytes(s, context) + s.recurrentStateBytes;
}

namespace {
FitVerdict verdictFor(quint64 needed, quint64 device) {
  if (!device) return FitVerdict::Unknown;
  if (double(needed) < 0.8 * double(device)) return FitVerdict::Fits;
  if (needed <= device) return FitVerdict::Tight;
  return FitVerdict::TooBig;
}
}  // namespace

FitEstimate estimateFit(const ModelShape& s, quint32 context, quint64 deviceBytes) {
  FitEstimate e;
  e.context = context;
  e.deviceBytes = deviceBytes;
  e.weightBytes = s.weightBytes;
  e.kvBytes = kvCacheBytes(s, context);
  e.scratchBytes = scratchBytes(s, context);
  e.stateBytes = s.recurrentStateBytes;
  e.totalBytes = e.weightBytes + e.kvBytes + e.scratchBytes + e.stateBytes;
  if (!s.valid()) return e;
  e.verdict = verdictFor(e.totalBytes, deviceBytes);
  if (!deviceBytes) return e;
  const double budget = 0.8 * double(deviceBytes);
  // Too big: a mixture of experts may fit with the experts of its first layers in system memory.
  ModelShape onDevice = s;
  if (e.verdict == FitVerdict::TooBig && s.nExpert && s.expertBytes && s.nLayer) {
    const quint64 perLayer = std::min(s.expertBytes, s.weightBytes) / s.nLayer;
    for (quint32 n = 1; n <= s.nLayer; ++n)
      if (double(e.totalBytes - n * perLayer) < budget) {
        e.verdict = FitVerdict::FitsWithExpertsInSystemMemory;
        e.expertLayersInSystemMemory = n;
        e.systemBytes = n * perLayer;
        onDevice.weightBytes -= e.systemBytes;
        break;
      }
  }
  // What grows with the context: the global layers' rows (the rings stop growing at their
  // window + batch); with none, the trained context bounds it.
  const quint32 global = s.nLayer - std::min(s.nLocalLayers + s.nRecurrentLayers, s.nLayer);
  const quint64 perToken = s.perLayerKv ? s.kvGlobalRowBytes : quint64(global) * 2 * quint64(s.nHeadKv) * s.headDim * 2;
  if (double(neededBytes(onDevice, 256)) >= budget) return e;
  const quint64 cap = s.contextTrain ? s.contextTrain : 131072;
  quint64 ctx = cap;
  if (perToken)
    ctx = std::min(cap, quint64((budget - double(onDevice.weightBytes + scratchBytes(s, 256) + s.recurrentStateBytes)) / double(perToken)));
  ctx -= ctx % 256;
  // The decode attention's partials grow with the context too (a few KiB per 256 tokens), and
  // the rings up to their full size.
  while (ctx >= 256 && double(neededBytes(onDevice, quint32(ctx))) > budget) ctx -= 256;
  if (ctx >= 256) e.suggestedContext = quint32(ctx);
  return e;
}

}  // namespace causerie::models
