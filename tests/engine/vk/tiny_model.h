// What the tiny-model tests share (test_vk_models, test_vk_moe, test_vk_ring): a random model
// from our GGUF writer in a temporary file, opened, and how two runs' logits agree.
#pragma once

#include "model/model_file.h"
#include "model/random_model.h"
#include "model/vk_model.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <unistd.h>
#include <vector>

namespace causerie::test {

// The file is removed when the test ends (after the model that maps it is closed).
struct TinyFile {
    std::string path;
    std::unique_ptr<ModelFile> file;
    ~TinyFile() {
        file.reset();
        if (!path.empty()) std::filesystem::remove(path);
    }
};

inline void write_tiny(const std::string& name, const RandomModelSpec& spec, TinyFile& out) {
    auto w = make_random_model(spec);
    ASSERT_TRUE(w) << w.error().message;
    out.path = (std::filesystem::temp_directory_path() / ("causerie-tiny-" + std::to_string(::getpid()) + "-" + name + ".gguf")).string();
    ASSERT_TRUE(w->write(out.path));
    auto mf = ModelFile::open(out.path);
    ASSERT_TRUE(mf) << mf.error().message;
    out.file = std::move(*mf);
}

// Largest |a - b| over the largest |b|, and on how many rows of V the argmax agrees (rows from
// first_row on).
struct Agreement {
    double rel = 0;
    size_t argmax = 0, rows = 0;
};
inline Agreement compare(const std::vector<float>& a, const std::vector<float>& b, size_t V, size_t first_row = 0) {
    double max_ref = 0, max_diff = 0;
    Agreement r;
    for (size_t t = first_row; t < b.size() / V; ++t, ++r.rows) {
        std::span<const float> x(a.data() + t * V, V), y(b.data() + t * V, V);
        for (size_t i = 0; i < V; ++i) {
            max_ref = std::max(max_ref, double(std::fabs(y[i])));
            max_diff = std::max(max_diff, double(std::fabs(x[i] - y[i])));
        }
        r.argmax += argmax(x) == argmax(y);
    }
    r.rel = max_diff / max_ref;
    return r;
}

// The prompt's first 9 tokens in batches of 4 then the rest one at a time, against one batch of
// everything: the same logits within 2e-3 of max |logit| and the same argmax on every row.
inline void expect_batches_then_decode_equal_one_batch(const std::string& name, const ModelFile& file,
                                                        const std::vector<int32_t>& tokens, VkModelOptions options = {}) {
    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    options.n_ctx = 64;
    auto with_batch = [&](uint32_t b) {
        VkModelOptions o = options;
        o.max_batch = b;
        return o;
    };
    auto split = VkModel::create(**dev, file, with_batch(4));
    ASSERT_TRUE(split) << split.error().message;
    auto got = (*split)->forward(std::span(tokens).first(9), 0, true);
    ASSERT_TRUE(got) << got.error().message;
    for (uint32_t i = 9; i < tokens.size(); ++i) {
        auto step = (*split)->forward(std::span(tokens).subspan(i, 1), i, false);
        ASSERT_TRUE(step) << step.error().message;
        got->insert(got->end(), step->begin(), step->end());
    }
    split->reset();
    auto whole = VkModel::create(**dev, file, with_batch(64));
    ASSERT_TRUE(whole) << whole.error().message;
    auto want = (*whole)->forward(tokens, 0, true);
    ASSERT_TRUE(want) << want.error().message;
    ASSERT_EQ(got->size(), want->size());
    const Agreement a = compare(*got, *want, file.hp.n_vocab);
    std::printf("%-28s batches+decode vs one batch: max|dlogit| / max|logit| = %.2e, argmax %zu/%zu\n", name.c_str(), a.rel,
                a.argmax, a.rows);
    EXPECT_LE(a.rel, 2e-3) << name;
    EXPECT_EQ(a.argmax, a.rows) << name;
}

}  // namespace causerie::test
