#include "sampling/sampler.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

namespace causerie {

namespace {

// Up to this top-k, candidates are selected with a bounded heap in one pass.
constexpr size_t kHeapTopK = 512;

// The candidate order: logit descending, then id ascending. A strict total order, so every
// truncation keeps a well-defined set, whatever the standard library's algorithms do with ties.
template <class C>
bool better(const C& a, const C& b) {
    return a.logit > b.logit || (a.logit == b.logit && a.id < b.id);
}

// Penalties over `window`, counting tokens with `scratch` (a reused buffer).
void penalize(std::span<float> logits, std::span<const int32_t> window, const SamplerParams& p,
              std::vector<int32_t>& scratch) {
    if (window.empty() || logits.empty()) return;
    scratch.assign(window.begin(), window.end());
    std::sort(scratch.begin(), scratch.end());
    const auto n = static_cast<int64_t>(logits.size());
    for (size_t i = 0; i < scratch.size();) {
        size_t j = i + 1;
        while (j < scratch.size() && scratch[j] == scratch[i]) ++j;
        const int32_t token = scratch[i];
        const auto count = static_cast<float>(j - i);
        i = j;
        if (token < 0 || token >= n) continue;
        float& l = logits[static_cast<size_t>(token)];
        if (std::isnan(l)) continue;
        l = l > 0.f ? l / p.repeat_penalty : l * p.repeat_penalty;
        l -= count * p.frequency_penalty + p.presence_penalty;
    }
}

std::span<const int32_t> window_of(std::span<const int32_t> history, int32_t last_n) {
    if (last_n == 0) return {};
    if (last_n < 0 || static_cast<size_t>(last_n) >= history.size()) return history;
    return history.subspan(history.size() - static_cast<size_t>(last_n));
}

// Parameters with NaN and meaningless values turned into their "off" forms.
SamplerParams sanitized(SamplerParams p) {
    if (!(p.temperature > 0.f)) p.temperature = 0.f;  // NaN too; +inf stays: a uniform draw
    if (std::isnan(p.top_p)) p.top_p = 1.f;
    if (std::isnan(p.min_p)) p.min_p = 0.f;
    if (!(p.repeat_penalty > 0.f) || std::isinf(p.repeat_penalty)) p.repeat_penalty = 1.f;
    if (!std::isfinite(p.frequency_penalty)) p.frequency_penalty = 0.f;
    if (!std::isfinite(p.presence_penalty)) p.presence_penalty = 0.f;
    return p;
}

std::string fmt(float v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", static_cast<double>(v));
    return buf;
}

}  // namespace

int32_t argmax(std::span<const float> logits) {
    if (logits.empty()) return -1;
    // Comparisons with NaN are false, so NaN never becomes the best; a strict > keeps the first.
    size_t best = 0;
    float best_v = -INFINITY;
    for (size_t i = 0; i < logits.size(); ++i) {
        if (logits[i] > best_v) {
            best_v = logits[i];
            best = i;
        }
    }
    if (best_v == -INFINITY) {  // nothing above -inf: the first value that is not NaN, else 0
        for (size_t i = 0; i < logits.size(); ++i)
            if (!std::isnan(logits[i])) return static_cast<int32_t>(i);
        return 0;
    }
    return static_cast<int32_t>(best);
}

void apply_penalties(std::span<float> logits, std::span<const int32_t> history, const SamplerParams& params) {
    std::vector<int32_t> scratch;
    penalize(logits, window_of(history, params.penalty_last_n), params, scratch);
}

Sampler::Sampler(const SamplerParams& params) : params_(params), eff_(sanitized(params)), rng_(params.seed) {
    penalties_on_ = eff_.penalty_last_n != 0 &&
                    (eff_.repeat_penalty != 1.f || eff_.frequency_penalty != 0.f || eff_.presence_penalty != 0.f);
}

void Sampler::accept(int32_t token) {
    history_.push_back(token);
    // Only the window matters: trim now and then, so the history stays bounded.
    if (eff_.penalty_last_n >= 0) {
        const size_t keep = static_cast<size_t>(eff_.penalty_last_n);
        if (history_.size() >= 2 * keep + 1024) history_.erase(history_.begin(), history_.end() - static_cast<ptrdiff_t>(keep));
    }
}

void Sampler::reset() {
    history_.clear();
    rng_.seed(params_.seed);
}

std::span<const int32_t> Sampler::penalty_window() const { return window_of(history_, eff_.penalty_last_n); }

double Sampler::uniform01() {
    // 53 random bits -> [0, 1), the same on every standard library.
    return static_cast<double>(rng_() >> 11) * 0x1.0p-53;
}

void Sampler::sort_prefix(size_t want) {
    want = std::min(want, cand_.size());
    if (want <= sorted_) return;
    const auto first = cand_.begin() + static_cast<ptrdiff_t>(sorted_);
    const auto mid = cand_.begin() + static_cast<ptrdiff_t>(want);
    if (mid != cand_.end()) std::nth_element(first, mid - 1, cand_.end(), better<Candidate>);
    std::sort(first, mid, better<Candidate>);
    sorted_ = want;
}

int32_t Sampler::sample(std::span<const float> logits) {
    if (logits.empty()) return -1;
    const size_t n = logits.size();
    if (eff_.temperature <= 0.f && !penalties_on_) return argmax(logits);

    // NaN never wins; +inf becomes the largest finite value so the arithmetic below stays finite.
    work_.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const float v = logits[i];
        work_[i] = v == v ? std::min(v, FLT_MAX) : -INFINITY;
    }
    if (penalties_on_) penalize(work_, penalty_window(), eff_, scratch_);

    if (eff_.temperature <= 0.f) return argmax(work_);

    // Candidates, -inf excluded (no probability).
    cand_.clear();
    cand_.reserve(n);
    sorted_ = 0;
    bool id_order = true;  // cand_ is still in id order: a canonical order for the draw
    const size_t k = eff_.top_k > 0 ? static_cast<size_t>(eff_.top_k) : 0;
    float max_logit = -INFINITY;
    if (k > 0 && k <= kHeapTopK && k < n) {
        // Small k: one pass with a bounded heap whose front is the worst kept candidate; most
        // logits fail the first comparison. Ids rise, so an equal logit never displaces.
        for (size_t i = 0; i < n; ++i) {
            const float v = work_[i];
            if (v == -INFINITY) continue;
            if (cand_.size() < k) {
                cand_.push_back({v, static_cast<int32_t>(i)});
                std::push_heap(cand_.begin(), cand_.end(), better<Candidate>);
            } else if (v > cand_.front().logit) {
                std::pop_heap(cand_.begin(), cand_.end(), better<Candidate>);
                cand_.back() = {v, static_cast<int32_t>(i)};
                std::push_heap(cand_.begin(), cand_.end(), better<Candidate>);
            }
        }
        std::sort_heap(cand_.begin(), cand_.end(), better<Candidate>);
        sorted_ = cand_.size();
        id_order = false;
        if (!cand_.empty()) max_logit = cand_.front().logit;
    } else {
        for (size_t i = 0; i < n; ++i) {
            const float v = work_[i];
            if (v == -INFINITY) continue;
            cand_.push_back({v, static_cast<int32_t>(i)});
            max_logit = std::max(max_logit, v);
        }
        if (k > 0 && k < cand_.size()) {
            sort_prefix(k);
            cand_.resize(k);
            id_order = false;
        }
    }
    if (cand_.empty()) return argmax(logits);

    // top-p needs the mass of what top-k kept, before min-p removes anything.
    const bool top_p_on = eff_.top_p < 1.f;
    double z = 0.0;
    if (top_p_on)
        for (const Candidate& c : cand_) z += std::exp(static_cast<double>(c.logit) - max_logit);

    // min-p: p_i >= min_p * p_max. It keeps a best-first prefix like top-p does, so applying it
    // before top-p gives the same set as after, and leaves top-p far fewer candidates to sort.
    if (eff_.min_p > 0.f) {
        // p_i / p_max = exp(l_i - max) >= min_p, without an exp per candidate.
        const double threshold = static_cast<double>(max_logit) + std::log(static_cast<double>(eff_.min_p));
        const auto keep = [&](const Candidate& c) { return static_cast<double>(c.logit) >= threshold; };
        if (sorted_ == cand_.size()) {
            const auto end = std::partition_point(cand_.begin(), cand_.end(), keep);
            cand_.resize(std::max<size_t>(1, static_cast<size_t>(end - cand_.begin())));
            sorted_ = cand_.size();
        } else {
            size_t kept = 0;  // stable compaction keeps id order if we still have it
            for (size_t i = 0; i < cand_.size(); ++i)
                if (keep(cand_[i])) cand_[kept++] = cand_[i];
            cand_.resize(std::max<size_t>(1, kept));  // the maximum always passes; guard anyway
            sorted_ = std::min(sorted_, kept);
        }
    }

    // top-p: the smallest best-first prefix whose mass reaches p, sorting only as far as needed.
    if (top_p_on && cand_.size() > 1) {
        double cum = 0.0;
        size_t i = 0;
        size_t chunk = 64;
        while (i < cand_.size()) {
            if (i >= sorted_) {
                sort_prefix(sorted_ + chunk);
                chunk *= 2;
                id_order = false;
            }
            cum += std::exp(static_cast<double>(cand_[i].logit) - max_logit) / z;
            ++i;
            if (cum >= eff_.top_p) break;
        }
        cand_.resize(i);
        sorted_ = std::min(sorted_, i);
    }

    // Draw in a canonical order: id order if nothing reordered the candidates, else best-first.
    if (!id_order) sort_prefix(cand_.size());

    // Temperature and softmax: exp((l - max) / T) stays finite even for huge logits.
    const double inv_t = 1.0 / static_cast<double>(eff_.temperature);
    weights_.resize(cand_.size());
    double total = 0.0;
    for (size_t i = 0; i < cand_.size(); ++i) {
        const double w = std::exp((static_cast<double>(cand_[i].logit) - max_logit) * inv_t);
        weights_[i] = w;
        total += w;
    }
    if (!(total > 0.0) || !std::isfinite(total)) {
        // Cannot happen with finite logits (the maximum weighs 1); be safe anyway.
        size_t best = 0;
        for (size_t i = 1; i < cand_.size(); ++i)
            if (cand_[i].logit > cand_[best].logit) best = i;
        return cand_[best].id;
    }
    const double target = uniform01() * total;
    double cum = 0.0;
    size_t last_nonzero = 0;
    for (size_t i = 0; i < cand_.size(); ++i) {
        if (weights_[i] <= 0.0) continue;
        cum += weights_[i];
        last_nonzero = i;
        if (cum > target) return cand_[i].id;
    }
    return cand_[last_nonzero].id;  // rounding left target at the very end
}

std::string Sampler::describe() const {
    const SamplerParams& p = params_;
    std::string s;
    if (eff_.temperature <= 0.f) {
        s = "greedy";
    } else {
        s = "temp " + fmt(p.temperature);
        s += eff_.top_k > 0 ? ", top-k " + std::to_string(p.top_k) : ", top-k off";
        s += eff_.top_p < 1.f ? ", top-p " + fmt(p.top_p) : ", top-p off";
        s += eff_.min_p > 0.f ? ", min-p " + fmt(p.min_p) : ", min-p off";
    }
    if (penalties_on_) {
        const std::string window = eff_.penalty_last_n < 0 ? "all" : std::to_string(eff_.penalty_last_n);
        if (eff_.repeat_penalty != 1.f) s += ", repeat " + fmt(p.repeat_penalty) + "/" + window;
        if (eff_.frequency_penalty != 0.f) s += ", frequency " + fmt(p.frequency_penalty) + "/" + window;
        if (eff_.presence_penalty != 0.f) s += ", presence " + fmt(p.presence_penalty) + "/" + window;
    }
    if (eff_.temperature > 0.f) s += ", seed " + std::to_string(p.seed);
    return s;
}

}  // namespace causerie
