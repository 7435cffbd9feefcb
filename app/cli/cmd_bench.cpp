// `bench`: prefill (pp) and decode (tg) speed like llama-bench's pp512/tg128, with spread,
// device memory, time per shader family and decode as a fraction of measured bandwidth.
// -d N decodes after N tokens already in the cache (llama-bench's depth), as in a long chat.
#include "args.h"
#include "commands.h"
#include "model/model_file.h"
#include "model/vk_model.h"
#include "vulkan/commands.h"
#include "vulkan/device.h"
#include "vulkan/pipelines.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>

namespace causerie::cli {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct Stats {
    double median = 0, min = 0, max = 0;
};
Stats stats_of(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    Stats s;
    if (v.empty()) return s;
    s.min = v.front();
    s.max = v.back();
    s.median = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    return s;
}

// Shader family of a pipeline name: "matvec_q4_0" -> "matvec", "attention_lanes_tex" ->
// "attention_lanes" (texel-read variants count with their family).
std::string family(const std::string& name) {
    for (const char* f : {"matvec", "matmul", "get_rows"})
        if (name.rfind(f, 0) == 0) return f;
    if (name.size() > 4 && name.ends_with("_tex")) return name.substr(0, name.size() - 4);
    return name;
}

double total_ms(const std::vector<vk::TimedSpan>& spans) {
    double t = 0;
    for (const auto& s : spans) t += s.ms;
    return t;
}

std::string shares_json(const std::vector<vk::TimedSpan>& spans) {
    std::map<std::string, double> by;
    const double total = total_ms(spans);
    for (const auto& s : spans) by[family(s.label)] += s.ms;
    std::string out = "{";
    for (const auto& [k, ms] : by) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "%s\"%s\": %.3f", out.size() > 1 ? ", " : "", k.c_str(), total > 0 ? ms / total : 0.0);
        out += buf;
    }
    return out + "}";
}

// Peak resident memory of this process (VmHWM), in bytes; 0 if unknown.
uint64_t peak_rss_bytes() {
    FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return 0;
    char line[256];
    uint64_t kb = 0;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmHWM: %llu kB", reinterpret_cast<unsigned long long*>(&kb)) == 1) break;
    std::fclose(f);
    return kb * 1024;
}

}  // namespace

// Copies a large buffer repeatedly with a shader; GB/s counts bytes read plus written.
double measure_bandwidth(int device, std::string& error) {
    auto dev = vk::Device::create(vk::DeviceOptions{device});
    if (!dev) return error = dev.error().message, 0;
    vk::BufferSet set(**dev);
    uint64_t bytes = std::min<uint64_t>((*dev)->limits().maxStorageBufferRange, 256ull << 20) / 16 * 16;
    auto a = set.create(bytes, vk::MemoryKind::DeviceLocal), b = set.create(bytes, vk::MemoryKind::DeviceLocal);
    if (!a || !b) return error = "cannot allocate the test buffers", 0;
    vk::Pipelines pipes(**dev);
    auto p = pipes.get({"copy", 2, 4, {}});
    if (!p) return error = p.error().message, 0;
    auto cmd = vk::Commands::create(**dev);
    if (!cmd) return error = cmd.error().message, 0;
    uint32_t n = uint32_t(bytes / 16);
    auto run = [&](int reps) -> double {
        if (!(*cmd)->begin()) return -1;
        for (int i = 0; i < reps; ++i) {
            (*cmd)->dispatch(*p, {*a, *b}, n, (n + 255) / 256);
            (*cmd)->barrier();
        }
        auto t0 = std::chrono::steady_clock::now();
        if (!(*cmd)->submit_and_wait()) return -1;
        return seconds_since(t0);
    };
    if (run(1) < 0) return error = "copy dispatch failed", 0;
    int reps = (*dev)->info().type == "cpu" ? 3 : 20;
    double t = run(reps);
    if (t <= 0) return error = "copy dispatch failed", 0;
    return 2.0 * double(bytes) * reps / t / 1e9;
}

int cmd_bench(int argc, char** argv) {
    Args args(argc, argv, 2, {"json", "no-bandwidth", "full-kv"});
    auto path = args.get("model");
    if (!path) return fail("bench needs --model FILE");
    const int n_pp = int(args.get_int("p", 512)), n_tg = int(args.get_int("n", 128)), reps = int(args.get_int("reps", 3));
    const int device = int(args.get_int("device", -1)), depth = int(args.get_int("d", 0));
    const int64_t ctx_arg = args.get_int("c", 0);  // context to allocate (memory figures), 0: what the run needs
    const int64_t experts_sys = args.get_int("experts-in-system-memory", 0);
    const std::string grouping = args.get_or("expert-grouping", "auto");
    if (!args.error().empty()) return fail(args.error());
    if (n_pp < 0 || n_tg < 0 || reps < 1 || depth < 0 || ctx_arg < 0 || ctx_arg > (1 << 30) || experts_sys < 0)
        return fail("bad -p/-n/-d/-c/--reps/--experts-in-system-memory");
    if (grouping != "auto" && grouping != "always" && grouping != "never") return fail("--expert-grouping is auto, always or never");

    auto mf = ModelFile::open(*path);
    if (!mf) return fail(mf.error().message);
    auto dev = vk::Device::create(vk::DeviceOptions{device});
    if (!dev) return fail(dev.error().message);
    VkModelOptions o;
    o.n_ctx = uint32_t(std::max<int64_t>({n_pp + n_tg, depth + n_tg, 16, ctx_arg}));
    o.max_batch = uint32_t(std::max({n_pp, std::min(depth, 512), 1}));  // the depth is filled in batches too
    o.ring = !args.has("full-kv");  // sliding-window layers in rings (kv_ring.h), or the whole context
    o.experts_in_system_memory = uint32_t(std::min<int64_t>(experts_sys, 1 << 20));
    // A batch's experts grouped by expert, or each (token, slot) on its own (the baseline)
    o.expert_grouping = grouping == "always" ? ExpertGrouping::Always : grouping == "never" ? ExpertGrouping::Never : ExpertGrouping::Auto;
    auto t_load = std::chrono::steady_clock::now();
    auto model = VkModel::create(**dev, **mf, o);
    if (!model) return fail(model.error().message);
    double load_s = seconds_since(t_load);
    const uint64_t load_rss = peak_rss_bytes();  // weights went through the staging buffer
    VkModel& m = **model;
    const uint32_t vocab = (*mf)->hp.n_vocab;

    std::mt19937 rng(1234);
    std::vector<int32_t> prompt(size_t(std::max(n_pp, 1)));
    for (auto& t : prompt) t = int32_t(rng() % vocab);
    // Depth: the cache holds `depth` tokens before decoding (prefill overwrites only its own rows
    // of it; the values do not change the work done). Filled again (untimed) where a
    // sliding-window ring no longer holds what decoding at the depth attends to.
    std::vector<int32_t> depth_tokens(static_cast<size_t>(depth));
    for (auto& t : depth_tokens) t = int32_t(rng() % vocab);
    auto fill_depth = [&](uint32_t at) -> bool {
        if (depth == 0 || m.can_resume(at)) return true;
        return bool(m.forward(depth_tokens, 0, false));
    };
    if (!fill_depth(uint32_t(depth))) return fail("cannot fill the context to the depth");

    // Warm-up (pipelines, first-touch), then timed repetitions.
    if (auto r = m.forward(std::span(prompt).first(std::min<size_t>(prompt.size(), 16)), 0, false); !r) return fail(r.error().message);
    std::vector<double> pp, tg;
    for (int rep = 0; rep < reps; ++rep) {
        if (n_pp > 0) {
            auto t0 = std::chrono::steady_clock::now();
            auto r = m.forward(prompt, 0, false);
            if (!r) return fail(r.error().message);
            pp.push_back(n_pp / seconds_since(t0));
        }
        if (n_tg > 0) {
            if (!fill_depth(uint32_t(depth))) return fail("cannot fill the context to the depth");
            int32_t tok = prompt[0];
            auto t0 = std::chrono::steady_clock::now();
            for (int i = 0; i < n_tg; ++i) {
                auto r = m.forward(std::span(&tok, 1), uint32_t(depth + i), false);
                if (!r) return fail(r.error().message);
                tok = int32_t(std::max_element(r->begin(), r->end()) - r->begin());
            }
            tg.push_back(n_tg / seconds_since(t0));
        }
    }
    // One timed pass of each for the per-shader shares.
    m.set_timing(true);
    std::string pp_shares = "{}", tg_shares = "{}";
    double tg_kernel_ms = 0, tg_timed_ms = 0;  // one decode step: its kernels alone, and its wall time
    if (n_pp > 0 && m.forward(prompt, 0, false)) pp_shares = shares_json(m.last_timings());
    if (n_tg > 0) {
        int32_t tok = prompt[0];
        // Twice: the first records the step with timestamps, the second replays it. A recurrent
        // state (DeltaNet layers) only continues from its end: there, one position after another.
        const bool recurrent = m.recurrent_bytes() > 0;
        const uint32_t at = recurrent ? uint32_t(n_pp > 0 ? n_pp : 0) : uint32_t(depth + n_tg / 2);
        for (int i = 0; i < 2 && (recurrent || fill_depth(at)); ++i) {
            auto t0 = std::chrono::steady_clock::now();
            if (!m.forward(std::span(&tok, 1), at + (recurrent ? uint32_t(i) : 0u), false)) break;
            tg_timed_ms = seconds_since(t0) * 1000;
            tg_shares = shares_json(m.last_timings());
            tg_kernel_ms = total_ms(m.last_timings());
        }
    }
    m.set_timing(false);

    double bw = 0;
    std::string bw_err;
    if (!args.has("no-bandwidth")) bw = measure_bandwidth(int((*dev)->info().index), bw_err);
    // Bytes read per decoded token: every weight once, plus the KV cache up to the mean position
    // (a sliding-window layer's window of it).
    const HParams& h = (*mf)->hp;
    double kv_read = 0;
    for (const LayerAttention& la : h.layer_attn)
        kv_read += 2.0 * la.kv_dim() * 2.0 * std::min(depth + n_tg / 2.0, la.window ? double(la.window) : 1e300);
    double bytes_per_token = double(m.weight_bytes()) + kv_read;
    Stats sp = stats_of(pp), st = stats_of(tg);
    double frac = bw > 0 ? st.median * bytes_per_token / (bw * 1e9) : 0;

    if (args.has("json")) {
        std::printf("{\"model\": \"%s\", \"device\": \"%s\", \"n_prompt\": %d, \"n_gen\": %d, \"depth\": %d, \"reps\": %d, "
                    "\"pp_tps\": %.3f, \"pp_tps_min\": %.3f, \"pp_tps_max\": %.3f, \"tg_tps\": %.3f, \"tg_tps_min\": %.3f, "
                    "\"tg_tps_max\": %.3f, \"load_s\": %.3f, \"load_peak_rss\": %llu, \"weight_bytes\": %llu, \"kv_bytes\": %llu, "
                    "\"full_context_kv_bytes\": %llu, \"n_ctx\": %u, \"device_bytes\": %llu, \"system_bytes\": %llu, "
                    "\"bandwidth_gbs\": %.2f, \"tg_bandwidth_fraction\": %.4f, \"tg_step_ms\": %.4f, \"tg_kernel_ms\": %.4f, "
                    "\"pp_shader_share\": %s, \"tg_shader_share\": %s}\n",
                    path->c_str(), (*dev)->info().name.c_str(), n_pp, n_tg, depth, reps, sp.median, sp.min, sp.max, st.median, st.min, st.max,
                    load_s, (unsigned long long)load_rss, (unsigned long long)m.weight_bytes(), (unsigned long long)m.kv_bytes(),
                    (unsigned long long)m.full_context_kv_bytes(), m.n_ctx(), (unsigned long long)m.device_bytes(),
                    (unsigned long long)m.system_bytes(), bw, frac, tg_timed_ms, tg_kernel_ms, pp_shares.c_str(), tg_shares.c_str());
    } else {
        std::printf("model %s on %s\n", path->c_str(), (*dev)->info().name.c_str());
        std::printf("load %.2f s, peak RSS %.1f MiB; device memory %.1f MiB (weights %.1f, KV %.1f)\n", load_s, load_rss / 1048576.0,
                    m.device_bytes() / 1048576.0, m.weight_bytes() / 1048576.0, m.kv_bytes() / 1048576.0);
        if (m.system_bytes())
            std::printf("experts of %u layers in system memory: %.1f MiB\n", o.experts_in_system_memory, m.system_bytes() / 1048576.0);
        if (m.recurrent_bytes() > 0) std::printf("recurrent state (DeltaNet layers) %.2f MiB\n", m.recurrent_bytes() / 1048576.0);
        if (m.kv_bytes() != m.full_context_kv_bytes() || args.has("full-kv"))
            std::printf("context %u: KV cache %.1f MiB%s; every layer at the full context: %.1f MiB\n", m.n_ctx(), m.kv_bytes() / 1048576.0,
                        args.has("full-kv") ? " (--full-kv)" : " with sliding-window rings", m.full_context_kv_bytes() / 1048576.0);
        if (n_pp) std::printf("pp%d: %.2f tok/s (min %.2f, max %.2f)\n", n_pp, sp.median, sp.min, sp.max);
        if (n_tg) std::printf("tg%d%s: %.2f tok/s (min %.2f, max %.2f)\n", n_tg, depth ? (" @ d" + std::to_string(depth)).c_str() : "",
                              st.median, st.min, st.max);
        if (bw > 0) std::printf("bandwidth %.1f GB/s measured; decode reads %.1f MB/token = %.1f%% of it\n", bw, bytes_per_token / 1e6, frac * 100);
        else if (!bw_err.empty()) std::printf("bandwidth not measured: %s\n", bw_err.c_str());
        if (tg_kernel_ms > 0)
            std::printf("decode step: kernels %.3f ms of %.3f ms (the rest: gaps between dispatches, barriers, host)\n",
                        tg_kernel_ms, tg_timed_ms);
        std::printf("pp shader share %s\ntg shader share %s\n", pp_shares.c_str(), tg_shares.c_str());
    }
    return 0;
}

}  // namespace causerie::cli
