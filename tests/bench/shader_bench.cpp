// Google Benchmark microbenchmarks of the weight kernels on the shapes of real models:
// decode matvec in GB/s of weights read, prefill matmul (512 tokens) in GFLOP/s; and the Gated
// DeltaNet rule (one token, and 256 in a batch) token by token and in chunks. GPU time comes
// from Vulkan timestamp queries (manual time). Run: causerie-shader-bench [--benchmark_filter=...]
#include "quant/quant.h"
#include "vulkan/commands.h"
#include "vulkan/device.h"
#include "vulkan/ops.h"
#include "vulkan/tensor.h"
#include "gguf/gguf_writer.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <random>
#include <unistd.h>

using namespace causerie;

namespace {

struct Shape {
    const char* model;
    const char* name;
    uint32_t K, M;
};

// [in, out] of each projection.
const Shape kShapes[] = {
    {"llama3.2-1b", "attn_q", 2048, 2048},   {"llama3.2-1b", "attn_kv", 2048, 512},  {"llama3.2-1b", "ffn_up", 2048, 8192},
    {"llama3.2-1b", "ffn_down", 8192, 2048}, {"llama3.1-8b", "attn_q", 4096, 4096},  {"llama3.1-8b", "attn_kv", 4096, 1024},
    {"llama3.1-8b", "ffn_up", 4096, 14336},  {"llama3.1-8b", "ffn_down", 14336, 4096}, {"qwen2.5-7b", "attn_q", 3584, 3584},
    {"qwen2.5-7b", "ffn_up", 3584, 18944},   {"qwen2.5-7b", "ffn_down", 18944, 3584},
};
const TensorType kTypes[] = {TensorType::Q4_0, TensorType::Q4_K, TensorType::Q5_K, TensorType::Q6_K, TensorType::Q8_0, TensorType::F16};

struct Env {
    std::unique_ptr<vk::Device> dev;
    std::unique_ptr<vk::BufferSet> set;
    std::unique_ptr<vk::Pipelines> pipes;
    std::unique_ptr<vk::Ops> ops;
    std::unique_ptr<vk::Uploader> up;
    std::unique_ptr<vk::Commands> cmd;
};

Env& env() {
    static Env e = [] {
        Env x;
        auto d = vk::Device::create();
        if (!d) {
            std::fprintf(stderr, "error: %s\n", d.error().message.c_str());
            std::exit(1);
        }
        x.dev = std::move(*d);
        x.set = std::make_unique<vk::BufferSet>(*x.dev);
        x.pipes = std::make_unique<vk::Pipelines>(*x.dev);
        x.ops = std::make_unique<vk::Ops>(*x.dev, *x.pipes, vk::Tuning::for_device(x.dev->info()));
        if (!x.ops->prepare(std::vector<TensorType>(std::begin(kTypes), std::end(kTypes)), 128)) std::exit(1);
        x.up = std::move(vk::Uploader::create(*x.dev, 32 << 20).value());
        x.cmd = std::move(vk::Commands::create(*x.dev).value());
        return x;
    }();
    return e;
}

// A weight of the given shape: a few random quantized rows repeated (speed does not depend on values).
vk::GpuTensor make_weight(TensorType type, uint32_t K, uint32_t M) {
    std::mt19937 rng(7);
    std::normal_distribution<float> nd;
    std::vector<float> rows(size_t(K) * 16);
    for (auto& v : rows) v = nd(rng) * 0.02f;
    auto q = *quantize(type, rows, K);
    size_t rb = q.size() / 16;
    std::vector<uint8_t> full(rb * M);
    for (uint32_t r = 0; r < M; ++r) std::memcpy(full.data() + r * rb, q.data() + (r % 16) * rb, rb);
    GgufWriter w;
    w.add_tensor("w", {K, M}, type, std::move(full));
    std::string path = (std::filesystem::temp_directory_path() / ("causerie-bench-" + std::to_string(::getpid()) + ".gguf")).string();
    (void)w.write(path);
    auto map = MappedFile::open(path);
    auto g = parse_gguf(map->bytes());
    auto t = vk::upload_weight(*env().dev, *env().set, *env().up, g->tensors[0], *map, env().ops->tuning().texel_weights);
    std::filesystem::remove(path);
    return *t;
}

double gpu_seconds(const vk::Commands& c) {
    double ms = 0;
    for (const auto& s : c.timings()) ms += s.ms;
    return ms / 1e3;
}

void run(benchmark::State& state, const Shape& s, TensorType type, uint32_t n_tokens) {
    Env& e = env();
    if (!e.dev->timestamps()) {
        state.SkipWithError("device without timestamps");
        return;
    }
    auto w = make_weight(type, s.K, s.M);
    auto x = *e.set->create(uint64_t(s.K) * n_tokens * 4, vk::MemoryKind::DeviceLocal,
                             e.ops->tuning().texel_weights ? VK_FORMAT_R32G32B32A32_SFLOAT : VK_FORMAT_UNDEFINED);
    auto y = *e.set->create(uint64_t(s.M) * n_tokens * 4, vk::MemoryKind::DeviceLocal);
    for (auto _ : state) {
        (void)e.cmd->begin(true);
        if (n_tokens == 1) e.ops->matvec(*e.cmd, w, x, 0, y, 0, false);
        else e.ops->matmul(*e.cmd, w, x, n_tokens, y, false);
        if (!e.cmd->submit_and_wait()) {
            state.SkipWithError("dispatch failed");
            return;
        }
        state.SetIterationTime(gpu_seconds(*e.cmd));
    }
    const double bytes = double(*row_bytes(type, s.K)) * s.M;
    // Rates in units of 1e9 per second (the displayed "/s" value is GB/s or GFLOP/s).
    if (n_tokens == 1) state.counters["GB"] = benchmark::Counter(bytes * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
    state.counters["GFLOP"] = benchmark::Counter(2e-9 * s.K * s.M * n_tokens, benchmark::Counter::kIsIterationInvariantRate);
}

// A DeltaNet layer's heads: q/k heads, v heads, head size.
struct DeltaNetShape {
    const char* model;
    uint32_t k_heads, v_heads, d;
};
const DeltaNetShape kDeltaNetShapes[] = {{"ci-qwen35", 4, 8, 64}, {"qwen3.5-9b", 16, 32, 128}};

// The delta rule with the gated norm on random inputs; rows 4 or 1 per thread, chunk 0 (token by
// token) or the chunk's tokens.
void run_deltanet(benchmark::State& state, const DeltaNetShape& s, uint32_t n, uint32_t rows, uint32_t chunk) {
    Env& e = env();
    if (!e.dev->timestamps()) {
        state.SkipWithError("device without timestamps");
        return;
    }
    vk::Tuning t = e.ops->tuning();
    t.deltanet_rows = rows;
    t.deltanet_chunk = chunk;
    vk::Ops ops(*e.dev, *e.pipes, t);
    if (!ops.prepare_deltanet(s.d)) {
        state.SkipWithError("no DeltaNet pipelines");
        return;
    }
    const uint32_t KD = s.k_heads * s.d, VD = s.v_heads * s.d, CD = 2 * KD + VD;
    std::mt19937 rng(3);
    std::normal_distribution<float> nd;
    // Device-local buffers, filled through staging buffers by one copy submission
    std::vector<vk::Buffer> staging;
    (void)e.cmd->begin();
    auto filled = [&](size_t count, float scale, float offset) {
        auto up = *e.set->create(count * 4, vk::MemoryKind::Upload);
        auto* f = static_cast<float*>(up.mapped);
        for (size_t i = 0; i < count; ++i) f[i] = nd(rng) * scale + offset;
        auto b = *e.set->create(count * 4, vk::MemoryKind::DeviceLocal,
                                e.ops->tuning().texel_weights ? VK_FORMAT_R32G32B32A32_SFLOAT : VK_FORMAT_UNDEFINED);
        e.cmd->copy(up, 0, b, 0, count * 4);
        staging.push_back(up);
        return b;
    };
    auto y = filled(size_t(n) * CD, 1, 0), z = filled(size_t(n) * VD, 1, 0), beta = filled(size_t(n) * s.v_heads, 1, 0);
    auto alpha = filled(size_t(n) * s.v_heads, 1, 0), dt = filled(s.v_heads, 1, 0), a = filled(s.v_heads, 0.1f, -1);
    auto nw = filled(s.d, 1, 0), st = filled(size_t(s.v_heads) * s.d * s.d, 0.1f, 0), out = filled(size_t(n) * VD, 0, 0);
    const size_t c = std::max<uint32_t>(chunk, 1), srows = (n + c - 1) / c * c * s.v_heads;
    auto cw = filled(srows * s.d, 0, 0), cu = filled(srows * s.d, 0, 0), cq = filled(srows * s.d, 0, 0);
    auto ck = filled(srows * s.d, 0, 0), cm = filled(srows * c, 0, 0), cg = filled(srows, 0, 0);
    e.cmd->barrier();
    if (!e.cmd->submit_and_wait()) {
        state.SkipWithError("upload failed");
        return;
    }
    const shader::DeltaNetRulePush push{n, s.k_heads, s.v_heads, KD, CD, 1e-6f, 1.0f / std::sqrt(float(s.d))};
    {  // a first run outside the timing (lavapipe compiles on first use)
        (void)e.cmd->begin(true);
        if (chunk == 0) ops.deltanet_rule(*e.cmd, {&y, &z, &beta, &alpha, &dt, &a, &nw, &st, &out}, push);
        else ops.deltanet_rule_chunked(*e.cmd, {&y, &z, &beta, &alpha, &dt, &a, &nw, &st, &out}, {&cw, &cu, &cq, &ck, &cm, &cg}, push);
        (void)e.cmd->submit_and_wait();
    }
    for (auto _ : state) {
        (void)e.cmd->begin(true);
        if (chunk == 0) ops.deltanet_rule(*e.cmd, {&y, &z, &beta, &alpha, &dt, &a, &nw, &st, &out}, push);
        else ops.deltanet_rule_chunked(*e.cmd, {&y, &z, &beta, &alpha, &dt, &a, &nw, &st, &out}, {&cw, &cu, &cq, &ck, &cm, &cg}, push);
        if (!e.cmd->submit_and_wait()) {
            state.SkipWithError("dispatch failed");
            return;
        }
        state.SetIterationTime(gpu_seconds(*e.cmd));
    }
    state.counters["tokens"] = benchmark::Counter(n, benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

int main(int argc, char** argv) {
    for (const DeltaNetShape& s : kDeltaNetShapes)
        for (uint32_t n : {1u, 256u})
            for (auto [rows, chunk] : {std::pair<uint32_t, uint32_t>{4, 0}, {1, 0}, {4, 8}, {1, 64}}) {
                if (n == 1 && chunk > 0) continue;
                const std::string name = "deltanet" + std::to_string(n) + "/" + s.model + "/rows" + std::to_string(rows) + "/chunk" +
                                         std::to_string(chunk);
                benchmark::RegisterBenchmark(name.c_str(), [s, n, rows, chunk](benchmark::State& st) { run_deltanet(st, s, n, rows, chunk); })
                    ->UseManualTime()
                    ->Unit(benchmark::kMicrosecond)
                    ->MinTime(0.2);
            }
    for (const Shape& s : kShapes)
        for (TensorType t : kTypes)
            for (uint32_t n : {1u, 512u}) {
                std::string name = std::string(n == 1 ? "matvec/" : "matmul512/") + s.model + "/" + s.name + "/" + std::string(type_name(t));
                benchmark::RegisterBenchmark(name.c_str(), [s, t, n](benchmark::State& st) { run(st, s, t, n); })
                    ->UseManualTime()
                    ->Unit(benchmark::kMicrosecond)
                    ->MinTime(0.2);
            }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
