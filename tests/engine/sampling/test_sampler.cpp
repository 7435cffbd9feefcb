// Sampler: reproducibility, greedy, each truncation on known distributions (checked by
// frequencies against the exact distribution with a chi-square bound), penalties exactly,
// hostile logits, a 150k vocabulary.
#include "sampling/sampler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <set>
#include <vector>

using namespace causerie;

namespace {

// Every truncation and penalty off, temperature 1: a draw from softmax(logits).
SamplerParams plain(uint64_t seed = 1) {
    SamplerParams p;
    p.temperature = 1.f;
    p.top_k = 0;
    p.top_p = 1.f;
    p.min_p = 0.f;
    p.repeat_penalty = 1.f;
    p.seed = seed;
    return p;
}

std::vector<float> log_probs(const std::vector<double>& probs) {
    std::vector<float> l;
    for (double p : probs) l.push_back(static_cast<float>(std::log(p)));
    return l;
}

std::vector<float> random_logits(size_t n, uint64_t seed, float scale = 3.f) {
    std::mt19937_64 g(seed);
    std::normal_distribution<float> d(0.f, scale);
    std::vector<float> l(n);
    for (float& v : l) v = d(g);
    return l;
}

std::vector<double> softmax(const std::vector<float>& logits, double temperature = 1.0) {
    const double mx = *std::max_element(logits.begin(), logits.end());
    std::vector<double> p(logits.size());
    double z = 0;
    for (size_t i = 0; i < logits.size(); ++i) z += p[i] = std::exp((logits[i] - mx) / temperature);
    for (double& v : p) v /= z;
    return p;
}

// The distribution the chain should draw from, computed the slow, obvious way.
std::vector<double> reference(const std::vector<float>& logits, const SamplerParams& sp) {
    const size_t n = logits.size();
    std::vector<int32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
        return logits[a] > logits[b] || (logits[a] == logits[b] && a < b);
    });
    size_t keep = n;
    if (sp.top_k > 0) keep = std::min(keep, static_cast<size_t>(sp.top_k));
    const double mx = logits[order[0]];
    if (sp.top_p < 1.f) {
        double z = 0;
        for (size_t i = 0; i < keep; ++i) z += std::exp(logits[order[i]] - mx);
        double cum = 0;
        size_t i = 0;
        while (i < keep) {
            cum += std::exp(logits[order[i]] - mx) / z;
            ++i;
            if (cum >= sp.top_p) break;
        }
        keep = i;
    }
    if (sp.min_p > 0.f) {
        size_t i = 0;
        while (i < keep && std::exp(logits[order[i]] - mx) >= sp.min_p) ++i;
        keep = std::max<size_t>(i, 1);
    }
    std::vector<double> p(n, 0.0);
    double z = 0;
    for (size_t i = 0; i < keep; ++i) z += p[order[i]] = std::exp((logits[order[i]] - mx) / sp.temperature);
    for (double& v : p) v /= z;
    return p;
}

std::vector<int> counts(Sampler& s, const std::vector<float>& logits, int draws) {
    std::vector<int> c(logits.size(), 0);
    for (int i = 0; i < draws; ++i) {
        const int32_t t = s.sample(logits);
        EXPECT_GE(t, 0);
        EXPECT_LT(t, static_cast<int32_t>(logits.size()));
        if (t >= 0 && t < static_cast<int32_t>(logits.size())) ++c[static_cast<size_t>(t)];
    }
    return c;
}

// Tokens with probability 0 must never appear; the others must fit by chi-square, with a bound
// far in the tail (the seeds are fixed, so the test is deterministic anyway).
void expect_matches(const std::vector<int>& c, const std::vector<double>& expected, int draws) {
    double chi2 = 0;
    int support = 0;
    for (size_t i = 0; i < c.size(); ++i) {
        if (expected[i] == 0.0) {
            EXPECT_EQ(c[i], 0) << "token " << i << " has probability 0 but was drawn";
            continue;
        }
        ++support;
        const double e = expected[i] * draws;
        chi2 += (c[i] - e) * (c[i] - e) / e;
    }
    const double df = std::max(1, support - 1);
    EXPECT_LT(chi2, df + 6 * std::sqrt(2 * df) + 10) << "support " << support;
}

int support_of(const std::vector<int>& c) {
    return static_cast<int>(std::count_if(c.begin(), c.end(), [](int v) { return v > 0; }));
}

}  // namespace

TEST(Sampler, ArgmaxTakesTheFirstMaximumAndSkipsNaN) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    EXPECT_EQ(argmax(std::vector<float>{1, 3, 2, 3}), 1);
    EXPECT_EQ(argmax(std::vector<float>{nan, 1, nan, 2}), 3);
    EXPECT_EQ(argmax(std::vector<float>{nan, nan}), 0);
    EXPECT_EQ(argmax(std::vector<float>{nan, -INFINITY, nan}), 1);
    EXPECT_EQ(argmax(std::vector<float>{-INFINITY, nan, 2.f}), 2);
    EXPECT_EQ(argmax(std::vector<float>{-INFINITY, -INFINITY}), 0);
    EXPECT_EQ(argmax(std::vector<float>{}), -1);
    EXPECT_EQ(argmax(std::vector<float>{0, INFINITY, INFINITY}), 1);
}

TEST(Sampler, GreedyIsArgmax) {
    for (float t : {0.f, -1.f, std::numeric_limits<float>::quiet_NaN()}) {
        SamplerParams p;  // default truncations stay on; greedy ignores them
        p.temperature = t;
        p.repeat_penalty = 1.f;
        Sampler s(p);
        for (uint64_t seed = 0; seed < 20; ++seed) {
            auto l = random_logits(1000, seed);
            EXPECT_EQ(s.sample(l), argmax(l));
        }
    }
}

TEST(Sampler, SameSeedSameSequence) {
    const auto l = random_logits(2000, 7, 1.f);
    SamplerParams p;
    p.seed = 42;
    Sampler a(p), b(p);
    std::vector<int32_t> seq_a, seq_b;
    for (int i = 0; i < 300; ++i) {
        seq_a.push_back(a.sample(l));
        seq_b.push_back(b.sample(l));
        a.accept(seq_a.back());
        b.accept(seq_b.back());
    }
    EXPECT_EQ(seq_a, seq_b);
    EXPECT_GT(std::set<int32_t>(seq_a.begin(), seq_a.end()).size(), 5u);  // really random

    a.reset();  // reset replays the same sequence
    std::vector<int32_t> again;
    for (int i = 0; i < 300; ++i) {
        again.push_back(a.sample(l));
        a.accept(again.back());
    }
    EXPECT_EQ(again, seq_a);
}

TEST(Sampler, GoldenSequence) {
    // Pins the whole algorithm (selection, canonical order, our uniform conversion of
    // std::mt19937_64): the same on every standard library. Logits from integer hashing only.
    std::vector<float> l(5000);
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (float& v : l) {
        h ^= h >> 31;
        h *= 0xBF58476D1CE4E5B9ull;
        h ^= h >> 29;
        v = static_cast<float>(h >> 40) / 16777216.f * 8.f - 4.f;
    }
    SamplerParams p;
    p.seed = 42;
    p.top_k = 20;
    p.min_p = 0.f;
    Sampler s(p);
    std::vector<int32_t> seq;
    for (int i = 0; i < 16; ++i) {
        seq.push_back(s.sample(l));
        s.accept(seq.back());
    }
    const std::vector<int32_t> golden = {398, 509, 4665, 231, 4252, 1122, 340, 1894,
                                         2928, 268, 2902, 770, 626, 104, 4501, 4506};
    EXPECT_EQ(seq, golden);
}

TEST(Sampler, DifferentSeedsDiffer) {
    const auto l = random_logits(2000, 7, 1.f);
    std::vector<std::vector<int32_t>> seqs;
    for (uint64_t seed : {0ull, 1ull, 2ull, 12345ull}) {
        SamplerParams p;
        p.seed = seed;
        Sampler s(p);
        std::vector<int32_t> seq;
        for (int i = 0; i < 50; ++i) seq.push_back(s.sample(l));
        seqs.push_back(seq);
    }
    for (size_t i = 0; i < seqs.size(); ++i)
        for (size_t j = i + 1; j < seqs.size(); ++j) EXPECT_NE(seqs[i], seqs[j]) << i << " vs " << j;
}

TEST(Sampler, PlainDrawFollowsSoftmax) {
    const auto l = random_logits(12, 3, 1.f);
    Sampler s(plain(5));
    const int n = 100000;
    auto c = counts(s, l, n);
    expect_matches(c, softmax(l), n);
    EXPECT_EQ(support_of(c), 12);
}

TEST(Sampler, TemperatureSharpensAndFlattens) {
    const std::vector<float> l = {2.f, 1.f, 0.5f, 0.f, -1.f};
    const int n = 100000;
    std::vector<double> top_share;
    for (float t : {0.5f, 1.f, 2.f}) {
        auto p = plain(11);
        p.temperature = t;
        Sampler s(p);
        auto c = counts(s, l, n);
        expect_matches(c, softmax(l, t), n);
        top_share.push_back(double(c[0]) / n);
    }
    EXPECT_GT(top_share[0], top_share[1] + 0.1);  // T=0.5 sharper than T=1
    EXPECT_GT(top_share[1], top_share[2] + 0.1);  // T=2 flatter
}

TEST(Sampler, TopKKeepsExactlyKCandidates) {
    const auto l = random_logits(30, 21, 0.5f);  // fairly flat: every token is likely enough
    auto p = plain(3);
    p.top_k = 5;
    Sampler s(p);
    const int n = 60000;
    auto c = counts(s, l, n);
    EXPECT_EQ(support_of(c), 5);
    std::vector<int32_t> idx(l.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](int32_t a, int32_t b) { return l[a] > l[b]; });
    for (int i = 0; i < 5; ++i) EXPECT_GT(c[idx[i]], 0);
    expect_matches(c, reference(l, p), n);
}

TEST(Sampler, TopKBreaksTiesByLowestId) {
    const std::vector<float> l = {0.f, 1.f, 1.f, 1.f, 1.f};
    auto p = plain(9);
    p.top_k = 2;
    Sampler s(p);
    auto c = counts(s, l, 10000);
    EXPECT_EQ(c[0], 0);
    EXPECT_GT(c[1], 0);
    EXPECT_GT(c[2], 0);
    EXPECT_EQ(c[3], 0);
    EXPECT_EQ(c[4], 0);
}

TEST(Sampler, TopPKeepsTheSmallestSetReachingP) {
    const std::vector<double> probs = {0.4, 0.3, 0.15, 0.1, 0.05};
    const auto l = log_probs(probs);
    const int n = 100000;
    struct Case {
        float top_p;
        int kept;
    };
    for (Case cs : {Case{0.65f, 2}, Case{0.8f, 3}, Case{0.9f, 4}, Case{0.99f, 5}, Case{0.3f, 1}, Case{0.f, 1}}) {
        auto p = plain(17);
        p.top_p = cs.top_p;
        Sampler s(p);
        auto c = counts(s, l, n);
        EXPECT_EQ(support_of(c), cs.kept) << "top-p " << cs.top_p;
        std::vector<double> expected(probs.size(), 0.0);
        double mass = 0;
        for (int i = 0; i < cs.kept; ++i) mass += probs[i];
        for (int i = 0; i < cs.kept; ++i) expected[i] = probs[i] / mass;
        expect_matches(c, expected, n);
    }
}

TEST(Sampler, TopPMeasuresMassAfterTopK) {
    // Alone, top-p 0.7 needs {0.3, 0.25, 0.2}. After top-k 3 the mass is renormalized to
    // {0.4, 0.33, 0.27} and two tokens reach 0.7.
    const auto l = log_probs({0.3, 0.25, 0.2, 0.15, 0.1});
    auto p = plain(23);
    p.top_p = 0.7f;
    {
        Sampler s(p);
        EXPECT_EQ(support_of(counts(s, l, 20000)), 3);
    }
    p.top_k = 3;
    {
        Sampler s(p);
        auto c = counts(s, l, 50000);
        EXPECT_EQ(support_of(c), 2);
        expect_matches(c, {0.3 / 0.55, 0.25 / 0.55, 0, 0, 0}, 50000);
    }
}

TEST(Sampler, MinPKeepsTokensAboveAFractionOfTheBest) {
    // p_max = 0.5; min-p 0.15 keeps p >= 0.075: {0.5, 0.2, 0.1, 0.08}.
    const std::vector<double> probs = {0.5, 0.2, 0.1, 0.08, 0.07, 0.05};
    const auto l = log_probs(probs);
    auto p = plain(29);
    p.min_p = 0.15f;
    Sampler s(p);
    const int n = 100000;
    auto c = counts(s, l, n);
    EXPECT_EQ(support_of(c), 4);
    const double mass = 0.5 + 0.2 + 0.1 + 0.08;
    expect_matches(c, {0.5 / mass, 0.2 / mass, 0.1 / mass, 0.08 / mass, 0, 0}, n);

    p.min_p = 1.f;  // only the best survives
    Sampler only_best(p);
    EXPECT_EQ(support_of(counts(only_best, l, 2000)), 1);
}

TEST(Sampler, FullChainMatchesReferenceOnRandomCases) {
    std::mt19937_64 g(99);
    for (int trial = 0; trial < 12; ++trial) {
        const auto l = random_logits(40, 1000 + trial, 1.5f);
        SamplerParams p = plain(trial);
        p.top_k = std::uniform_int_distribution<int>(0, 25)(g);
        p.top_p = std::uniform_real_distribution<float>(0.5f, 1.05f)(g);
        p.min_p = std::uniform_real_distribution<float>(-0.02f, 0.2f)(g);
        p.temperature = std::uniform_real_distribution<float>(0.3f, 2.f)(g);
        Sampler s(p);
        const int n = 40000;
        auto c = counts(s, l, n);
        SCOPED_TRACE(s.describe());
        expect_matches(c, reference(l, p), n);
    }
}

TEST(Sampler, PenaltiesChangeTheRightLogitsByTheRightAmount) {
    SamplerParams p;
    p.repeat_penalty = 2.f;
    p.frequency_penalty = 0.5f;
    p.presence_penalty = 0.25f;
    p.penalty_last_n = 64;
    const std::vector<float> base = {2.f, -2.f, 1.f, 0.5f, 0.f, 3.f};
    const std::vector<int32_t> history = {5, 0, 1, 0, 3, 4};

    auto l = base;
    apply_penalties(l, history, p);
    EXPECT_FLOAT_EQ(l[0], 2.f / 2 - 2 * 0.5f - 0.25f);   // seen twice, positive: divided
    EXPECT_FLOAT_EQ(l[1], -2.f * 2 - 1 * 0.5f - 0.25f);  // seen once, negative: multiplied
    EXPECT_FLOAT_EQ(l[2], 1.f);                          // never seen: untouched
    EXPECT_FLOAT_EQ(l[3], 0.5f / 2 - 0.5f - 0.25f);
    EXPECT_FLOAT_EQ(l[4], 0.f - 0.5f - 0.25f);           // zero counts as non-positive
    EXPECT_FLOAT_EQ(l[5], 3.f / 2 - 0.5f - 0.25f);

    // The window: only the last 3 tokens {0, 3, 4}.
    p.penalty_last_n = 3;
    l = base;
    apply_penalties(l, history, p);
    EXPECT_FLOAT_EQ(l[0], 2.f / 2 - 0.5f - 0.25f);
    EXPECT_FLOAT_EQ(l[1], -2.f);
    EXPECT_FLOAT_EQ(l[5], 3.f);
    EXPECT_FLOAT_EQ(l[3], 0.5f / 2 - 0.5f - 0.25f);

    // 0: no window; negative: the whole history.
    p.penalty_last_n = 0;
    l = base;
    apply_penalties(l, history, p);
    EXPECT_EQ(l, base);
    p.penalty_last_n = -1;
    l = base;
    apply_penalties(l, history, p);
    EXPECT_FLOAT_EQ(l[0], 2.f / 2 - 2 * 0.5f - 0.25f);

    // Only the repetition penalty; ids outside the vocabulary are ignored.
    SamplerParams rp;
    rp.repeat_penalty = 1.5f;
    l = base;
    apply_penalties(l, std::vector<int32_t>{2, 1, -7, 100}, rp);
    EXPECT_FLOAT_EQ(l[2], 1.f / 1.5f);
    EXPECT_FLOAT_EQ(l[1], -2.f * 1.5f);
    EXPECT_FLOAT_EQ(l[0], 2.f);
}

TEST(Sampler, SampleUsesTheAcceptedHistory) {
    SamplerParams p = plain();
    p.temperature = 0.f;
    p.repeat_penalty = 4.f;
    p.penalty_last_n = 2;
    Sampler s(p);
    const std::vector<float> l = {1.f, 3.f, 2.f, 0.5f};
    EXPECT_EQ(s.sample(l), 1);
    s.accept(1);  // 3 / 4 = 0.75 < 2
    EXPECT_EQ(s.sample(l), 2);
    s.accept(2);  // 2 / 4 = 0.5: token 0 is best now
    EXPECT_EQ(s.sample(l), 0);
    s.accept(0);  // window {2, 0}: token 1 is free again
    EXPECT_EQ(s.sample(l), 1);
    s.reset();
    EXPECT_TRUE(s.history().empty());
    EXPECT_EQ(s.sample(l), 1);

    // Presence penalty shifts the sampled distribution exactly like the penalized logits.
    SamplerParams pp = plain(31);
    pp.presence_penalty = 1.f;
    Sampler ps(pp);
    for (int32_t t : {0, 0, 2}) ps.accept(t);
    const std::vector<float> flat = {0.f, 0.f, 0.f, 0.f};
    const int n = 50000;
    auto c = counts(ps, flat, n);
    expect_matches(c, softmax({-1.f, 0.f, -1.f, 0.f}), n);
}

TEST(Sampler, HistoryStaysBounded) {
    SamplerParams p;
    p.penalty_last_n = 8;
    Sampler s(p);
    for (int i = 0; i < 100000; ++i) s.accept(i);
    EXPECT_LT(s.history().size(), 2000u);
    ASSERT_GE(s.history().size(), 8u);
    EXPECT_EQ(s.history().back(), 99999);
}

TEST(Sampler, HostileLogitsDoNotCrash) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    for (SamplerParams p : {SamplerParams{}, plain(), [] { auto q = plain(); q.temperature = 0; return q; }()}) {
        p.repeat_penalty = 1.3f;
        p.frequency_penalty = 0.2f;
        Sampler s(p);
        s.accept(1);
        s.accept(2);
        // NaN and -inf are never drawn.
        const std::vector<float> mixed = {nan, 1.f, -inf, 0.5f, nan};
        for (int i = 0; i < 200; ++i) {
            const int32_t t = s.sample(mixed);
            EXPECT_TRUE(t == 1 || t == 3) << t;
        }
        // +inf wins outright, even when penalized.
        const std::vector<float> with_inf = {0.f, inf, 5.f, inf};
        for (int i = 0; i < 50; ++i) {
            const int32_t t = s.sample(with_inf);
            EXPECT_TRUE(t == 1 || t == 3) << t;
        }
        // Nothing usable: still a valid token, no crash.
        const std::vector<float> all_nan = {nan, nan, nan};
        const std::vector<float> all_neg_inf = {-inf, -inf, -inf};
        EXPECT_EQ(s.sample(all_nan), 0);
        EXPECT_EQ(s.sample(all_neg_inf), 0);
        EXPECT_EQ(s.sample(std::vector<float>{}), -1);
        const std::vector<float> huge = {3e38f, -3e38f, 3e38f};
        for (int i = 0; i < 20; ++i) {
            const int32_t t = s.sample(huge);
            EXPECT_TRUE(t == 0 || t == 2) << t;
        }
    }
    // Nonsense parameters fall back to something sane.
    SamplerParams bad;
    bad.temperature = inf;
    bad.top_p = nan;
    bad.min_p = nan;
    bad.repeat_penalty = 0.f;
    bad.frequency_penalty = nan;
    bad.top_k = -5;
    Sampler s(bad);
    s.accept(0);
    const auto l = random_logits(100, 4);
    for (int i = 0; i < 100; ++i) {
        const int32_t t = s.sample(l);
        EXPECT_TRUE(t >= 0 && t < 100);
    }
}

TEST(Sampler, LargeVocabularyKeepsTheRightCandidates) {
    const size_t vocab = 151936;  // Qwen2's
    const auto l = random_logits(vocab, 77, 2.f);
    std::vector<int32_t> order(vocab);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return l[a] > l[b] || (l[a] == l[b] && a < b); });
    std::vector<int32_t> rank(vocab);
    for (size_t i = 0; i < vocab; ++i) rank[order[i]] = static_cast<int32_t>(i);

    // Default chain (top-k 40; nothing accepted, so no penalty): always among the 40 best.
    {
        SamplerParams p;
        p.seed = 5;
        Sampler s(p);
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < 200; ++i) {
            const int32_t t = s.sample(l);
            ASSERT_GE(t, 0);
            EXPECT_LT(rank[t], 40);
        }
        const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        std::printf("150k vocabulary, default chain: %.3f ms per token\n", ms / 200);
    }
    // No top-k: top-p 0.9 alone must stop at the right rank, found by the full sort above.
    {
        auto p = plain(6);
        p.top_p = 0.9f;
        const auto probs = softmax(l);
        double cum = 0;
        int32_t last_rank = 0;
        for (size_t i = 0; i < vocab; ++i) {
            cum += probs[order[i]];
            last_rank = static_cast<int32_t>(i);
            if (cum >= 0.9) break;
        }
        Sampler s(p);
        int32_t worst = 0;
        for (int i = 0; i < 120; ++i) worst = std::max(worst, rank[s.sample(l)]);
        EXPECT_LE(worst, last_rank);
        EXPECT_GT(worst, last_rank / 2);  // it really draws from the whole set
    }
    // No truncation at all: draws from the whole vocabulary in id order.
    {
        Sampler s(plain(8));
        for (int i = 0; i < 20; ++i) {
            const int32_t t = s.sample(l);
            EXPECT_TRUE(t >= 0 && t < static_cast<int32_t>(vocab));
        }
    }
}

TEST(Sampler, Describe) {
    SamplerParams p;
    p.seed = 42;
    EXPECT_EQ(Sampler(p).describe(), "temp 0.8, top-k 40, top-p 0.95, min-p 0.05, repeat 1.1/64, seed 42");
    EXPECT_EQ(Sampler(plain(7)).describe(), "temp 1, top-k off, top-p off, min-p off, seed 7");
    SamplerParams g;
    g.temperature = 0.f;
    g.repeat_penalty = 1.f;
    g.presence_penalty = 0.5f;
    g.penalty_last_n = -1;
    EXPECT_EQ(Sampler(g).describe(), "greedy, presence 0.5/all");
}
