#include "models/gguf_summary.h"

#include "models/catalog.h"

#include "gguf/gguf.h"
#include "gguf/mapped_file.h"
#include "model/hparams.h"

#include <cstdlib>
#include <map>

namespace causerie::models {

QString fileTypeName(quint32 fileType) {
  static const char* const names[] = {
      "F32",    "F16",    "Q4_0",    "Q4_1",    nullptr,  nullptr, nullptr, "Q8_0",   "Q5_0",   "Q5_1",
      "Q2_K",   "Q3_K_S", "Q3_K_M",  "Q3_K_L",  "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M", "Q6_K",  "IQ2_XXS",
      "IQ2_XS", "Q2_K_S", "IQ3_XS",  "IQ3_XXS", "IQ1_S",  "IQ4_NL", "IQ3_S",  "IQ3_M",  "IQ2_S", "IQ2_M",
      "IQ4_XS", "IQ1_M",  "BF16",    nullptr,   nullptr,  nullptr, "TQ1_0",  "TQ2_0",  "MXFP4_MOE"};
  if (fileType < std::size(names) && names[fileType]) return QString::fromLatin1(names[fileType]);
  return {};
}

QString formatParameterCount(quint64 n) {
  if (n >= 1'000'000'000ull) return QString::number(double(n) / 1e9, 'f', n >= 10'000'000'000ull ? 0 : 1) + QLatin1Char('B');
  if (n >= 1'000'000ull) return QString::number(double(n) / 1e6, 'f', 0) + QLatin1Char('M');
  if (n >= 1'000ull) return QString::number(double(n) / 1e3, 'f', 0) + QLatin1Char('K');
  return QString::number(n);
}

GgufSummary summarize(const Gguf& g) {
  GgufSummary s;
  const std::string arch = g.string_or("general.architecture", "");
  s.architecture = QString::fromStdString(arch);
  s.name = QString::fromStdString(g.string_or("general.name", ""));
  s.supported = isSupportedArchitecture(s.architecture);
  s.hasChatTemplate = g.find("tokenizer.chat_template") != nullptr;
  const std::string p = arch + ".";
  s.contextLength = quint32(g.uint_or(p + "context_length", 0));
  s.embedding = arch == "bert" || arch == "nomic-bert";
  if (const GgufValue* pooling = g.find(p + "pooling_type"); pooling && pooling->is_integer())
    s.embedding = s.embedding || pooling->as_int() > 0;

  std::map<TensorType, quint64> bytesByType;
  ModelShape& m = s.shape;
  for (const TensorInfo& t : g.tensors) {
    s.parameterCount += t.n_elements;
    // The engine uploads 1-D tensors (norms, biases) as f32 and matrices in their own type.
    m.weightBytes += t.dims.size() == 1 ? t.n_elements * 4 : t.n_bytes;
    if (t.dims.size() == 2) bytesByType[t.type] += t.n_bytes;
    if (t.dims.size() == 3 && t.name.find("_exps.") != std::string::npos) m.expertBytes += t.n_bytes;
    m.expertsGateUp = m.expertsGateUp || t.name.find(".ffn_gate_up_exps.") != std::string::npos;
    m.expertsBesideDense = m.expertsBesideDense || t.name.find(".pre_ffw_norm_2.") != std::string::npos;
  }
  if (const GgufValue* ft = g.find("general.file_type"); ft && ft->is_integer())
    s.quantization = fileTypeName(quint32(ft->as_int()));
  if (s.quantization.isEmpty() && !bytesByType.empty()) {
    auto best = bytesByType.begin();
    for (auto it = bytesByType.begin(); it != bytesByType.end(); ++it)
      if (it->second > best->second) best = it;
    s.quantization = QString::fromLatin1(type_name(best->first).data(), qsizetype(type_name(best->first).size())).toUpper();
  }

  m.nLayer = quint32(g.uint_or(p + "block_count", 0));
  m.nEmbd = quint32(g.uint_or(p + "embedding_length", 0));
  m.nHead = quint32(g.uint_or(p + "attention.head_count", 0));
  m.nHeadKv = quint32(g.uint_or(p + "attention.head_count_kv", m.nHead));
  m.headDim = quint32(g.uint_or(p + "attention.key_length", m.nHead ? m.nEmbd / m.nHead : 0));
  m.nFf = quint32(g.uint_or(p + "feed_forward_length", 0));
  m.contextTrain = s.contextLength;
  if (const GgufArray* tokens = g.array("tokenizer.ggml.tokens")) m.nVocab = quint32(tokens->size());
  if (const TensorInfo* embd = g.tensor("token_embd.weight"); embd && embd->dims.size() == 2)
    m.nVocab = quint32(embd->dims[1]);
  m.fusedQkv = g.tensor("blk.0.attn_qkv.weight") != nullptr;
  if (const TensorInfo* up = g.tensor("blk.0.ffn_up.weight"); up && up->dims.size() == 2)
    m.fusedGateUp = m.nFf && up->dims[1] == 2 * quint64(m.nFf);
  m.secondNorm = g.tensor("blk.0.attn_norm_2.weight") != nullptr;
  // gemma's sliding-window layers as the engine reads them (engine/model/hparams.cpp
  // read_gemma): gemma2 window 4096 by default, gemma3 none without the key; layer i local when
  // i % period < period - 1 (period 2 for gemma2, 6 for gemma3, or the file's); gpt-oss (read_gpt_oss)
  // as gemma2 with the file's window.
  if (arch == "gemma2" || arch == "gemma3" || arch == "gpt-oss") {
    const bool gemma2 = arch == "gemma2", period2 = gemma2 || arch == "gpt-oss";
    m.slidingWindow = quint32(g.uint_or(p + "attention.sliding_window", gemma2 ? 4096 : 0));
    const quint64 period = g.uint_or(p + "attention.sliding_window_pattern", period2 ? 2 : 6);
    for (quint32 i = 0; m.slidingWindow && i < m.nLayer; ++i)
      if (period == 0 || i % period < period - 1) ++m.nLocalLayers;
  }
  // qwen35's (and qwen35moe's) Gated DeltaNet layers as the engine reads them (engine/model/deltanet_hparams.cpp):
  // multi-token-prediction blocks counted in block_count are not loaded; the recurrent layers
  // from the per-layer array, or all but every full_attention_interval-th (default 4).
  if (arch == "qwen35" || arch == "qwen35moe") {
    const quint32 nextn = quint32(g.uint_or(p + "nextn_predict_layers", 0));
    const quint32 all = m.nLayer;
    if (nextn < m.nLayer) m.nLayer -= nextn;
    // The MTP blocks' tensors (blk.N. with N >= the main layers) are not uploaded
    for (const TensorInfo& t : g.tensors) {
      if (t.name.rfind("blk.", 0) != 0) continue;
      const unsigned long block = std::strtoul(t.name.c_str() + 4, nullptr, 10);
      if (block >= m.nLayer && block < all) m.weightBytes -= t.dims.size() == 1 ? t.n_elements * 4 : t.n_bytes;
    }
    const quint64 conv = g.uint_or(p + "ssm.conv_kernel", 0), dState = g.uint_or(p + "ssm.state_size", 0);
    const quint64 kHeads = g.uint_or(p + "ssm.group_count", 0), vHeads = g.uint_or(p + "ssm.time_step_rank", 0);
    if (const GgufArray* recr = g.array(p + "attention.recurrent_layers"); recr && recr->items.size() == all) {
      for (quint32 i = 0; i < m.nLayer; ++i) m.nRecurrentLayers += recr->items[i].u != 0 ? 1 : 0;
    } else {
      const quint64 interval = std::max<quint64>(g.uint_or(p + "full_attention_interval", 4), 1);
      for (quint32 i = 0; i < m.nLayer; ++i) m.nRecurrentLayers += (i + 1) % interval != 0 ? 1 : 0;
    }
    const quint64 convDim = 2 * dState * kHeads + dState * vHeads, valueDim = dState * vHeads;
    const quint64 perLayer = (conv ? conv - 1 : 0) * convDim + vHeads * dState * dState;
    m.recurrentStateBytes = quint64(m.nRecurrentLayers) * perLayer * 4;
    // Per batch token: the projections, the conv output and the rule's output, the gated
    // attention's query; and (GPUs) the chunked rule's W, U, Qs, Kd and M rows, chunks of 64
    m.recurrentRowFloats = 2 * convDim + 2 * valueDim + 2 * vHeads + 2 * quint64(m.nHead) * m.headDim + 4 * valueDim + 64 * vHeads;
    m.fusedQkv = false;  // attn_qkv is the DeltaNet's input projection, not a fused attention QKV
  }
  // gemma4: head sizes, counts and the shared-KV layers per layer, as the engine reads them
  // (engine/model/hparams.cpp read_gemma4); unreadable metadata leaves the plain shape.
  if (arch == "gemma4") {
    if (auto hp = causerie::read_hparams(g)) {
      m.nHead = hp->n_head;
      m.nHeadKv = hp->n_head_kv;
      m.headDim = hp->head_dim;
      m.nFf = hp->n_ff;
      m.slidingWindow = hp->sliding_window;
      m.nEmbdPerLayer = hp->n_embd_per_layer;
      m.perLayerKv = true;
      for (quint32 i = 0; i < hp->n_layer; ++i) {
        const LayerAttention& la = hp->layer_attn[i];
        if (la.window) ++m.nLocalLayers;
        if (!hp->owns_kv(i)) continue;
        (la.window ? m.kvLocalRowBytes : m.kvGlobalRowBytes) += 2ull * la.kv_dim() * 2;
      }
    }
  }
  // Experts (engine/model/hparams.cpp read_moe: qwen3moe's, qwen2moe's and qwen35moe's experts default
  // to ff / used wide). The shared expert of qwen2moe and qwen35moe as wide as
  // expert_shared_feed_forward_length (default the FFN).
  m.nExpert = quint32(g.uint_or(p + "expert_count", 0));
  if (m.nExpert) {
    m.nExpertUsed = quint32(g.uint_or(p + "expert_used_count", 0));
    const bool shared = arch == "qwen2moe" || arch == "qwen35moe";
    const bool splitFf = arch == "qwen3moe" || shared;  // (gemma4's key is required: no default)
    const quint32 defaultFf = splitFf && m.nExpertUsed ? m.nFf / m.nExpertUsed : m.nFf;
    m.nFfExp = quint32(g.uint_or(p + "expert_feed_forward_length", defaultFf));
    if (shared) m.nFfShexp = quint32(g.uint_or(p + "expert_shared_feed_forward_length", m.nFf));
  }
  return s;
}

Result<GgufSummary> readGgufSummary(const QString& path) {
  auto map = MappedFile::open(path.toStdString());
  if (!map) return fail(QString::fromStdString(map.error().message));
  auto parsed = parse_gguf(map->bytes());
  if (!parsed) return fail(QStringLiteral("%1: %2").arg(path, QString::fromStdString(parsed.error().message)));
  return summarize(*parsed);
}

}  // namespace causerie::models
