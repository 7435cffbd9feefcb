// Golden test (llama2.c style): stories260K, greedy from BOS, 256 steps, exact ids.
#include "model/cpu_model.h"
#include "model/model_file.h"
#include "model/vk_model.h"
#include "test_util.h"

#include <gtest/gtest.h>

using namespace causerie;

TEST(Golden, CpuReferenceReproducesStories260K) {
    auto mf = ModelFile::open(test::shared_path("models/stories260K.gguf"));
    ASSERT_TRUE(mf) << mf.error().message;
    auto expected = test::read_ids(test::shared_path("models/stories260K.greedy256.ids.txt"));
    ASSERT_GE(expected.size(), 256u);
    CpuModel model((*mf)->hp, (*mf)->weights, (*mf)->map.bytes(), 512);
    std::vector<int32_t> got;
    int32_t token = 1;
    for (size_t step = 0; step < expected.size(); ++step) {
        auto logits = model.forward(std::span(&token, 1), uint32_t(step), false);
        ASSERT_TRUE(logits) << logits.error().message;
        token = test::argmax(*logits);
        got.push_back(token);
    }
    EXPECT_EQ(got, expected);
}

TEST(Golden, VulkanReproducesStories260K) {
    auto mf = ModelFile::open(test::shared_path("models/stories260K.gguf"));
    ASSERT_TRUE(mf) << mf.error().message;
    auto dev = vk::Device::create();
    ASSERT_TRUE(dev) << dev.error().message;
    auto model = VkModel::create(**dev, **mf, VkModelOptions{512, 64});
    ASSERT_TRUE(model) << model.error().message;
    auto expected = test::read_ids(test::shared_path("models/stories260K.greedy256.ids.txt"));
    std::vector<int32_t> got;
    int32_t token = 1;
    for (size_t step = 0; step < expected.size(); ++step) {
        auto logits = (*model)->forward(std::span(&token, 1), uint32_t(step), false);
        ASSERT_TRUE(logits) << logits.error().message;
        token = test::argmax(*logits);
        got.push_back(token);
    }
    EXPECT_EQ(got, expected);
}
