// Token sampling: penalties -> top-k -> top-p -> min-p -> temperature -> softmax -> seeded draw,
// the order of llama.cpp's default chain. Deterministic: the same parameters, seed, history and
// logits give the same token on every platform and standard library (the uniform draw is our own
// conversion of std::mt19937_64 output, and candidates are drawn in a canonical order).
#pragma once
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace causerie {

struct SamplerParams {
    float temperature = 0.8f;     // <= 0 (or NaN): greedy
    int32_t top_k = 40;           // <= 0: off
    float top_p = 0.95f;          // >= 1: off
    float min_p = 0.05f;          // <= 0: off
    float repeat_penalty = 1.1f;  // 1: off (divide positive logits, multiply negative ones)
    float frequency_penalty = 0.f, presence_penalty = 0.f;
    int32_t penalty_last_n = 64;  // window over the history; 0: no penalties; < 0: the whole history
    uint64_t seed = 0;            // same seed + same logits -> same choices
};

// Index of the largest logit, the first one on ties. NaN is never chosen unless every value is
// NaN (then 0). Returns -1 for an empty span.
int32_t argmax(std::span<const float> logits);

// Applies the repetition, frequency and presence penalties of `params` in place, over the last
// `params.penalty_last_n` tokens of `history` (all of it when negative, none when 0), with
// llama.cpp's semantics: for each distinct token t of the window seen c times,
//   logit[t] = logit[t] > 0 ? logit[t] / repeat : logit[t] * repeat;
//   logit[t] -= c * frequency + presence;
// Tokens outside [0, logits.size()) are ignored.
void apply_penalties(std::span<float> logits, std::span<const int32_t> history, const SamplerParams& params);

class Sampler {
public:
    explicit Sampler(const SamplerParams& params);

    // Chooses a token from `logits` (one value per vocabulary entry), using the accepted history
    // for the penalties. Does not add the token to the history: call accept() for that.
    // Returns -1 only for an empty span.
    int32_t sample(std::span<const float> logits);

    // Adds a token to the history (prompt tokens too).
    void accept(int32_t token);

    // Forgets the history and restarts the random sequence from the seed.
    void reset();

    const SamplerParams& params() const { return params_; }
    std::span<const int32_t> history() const { return history_; }

    // One line for provenance and logs, e.g.
    // "temp 0.8, top-k 40, top-p 0.95, min-p 0.05, repeat 1.1/64, seed 42".
    std::string describe() const;

private:
    struct Candidate {
        float logit;
        int32_t id;
    };

    std::span<const int32_t> penalty_window() const;
    // Makes cand_[0, want) sorted best-first and no worse than anything after it.
    void sort_prefix(size_t want);
    double uniform01();

    SamplerParams params_;  // as given
    SamplerParams eff_;     // sanitized copy used for sampling
    bool penalties_on_ = false;
    std::vector<int32_t> history_;
    std::mt19937_64 rng_;

    // Buffers reused from call to call.
    std::vector<float> work_;
    std::vector<Candidate> cand_;
    std::vector<double> weights_;
    std::vector<int32_t> scratch_;
    size_t sorted_ = 0;  // cand_[0, sorted_) is sorted best-first and beats the rest
};

}  // namespace causerie
