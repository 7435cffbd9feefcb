// A device with pipelines, ops and staging for kernel tests, plus helpers to move data.
#pragma once
#include "gguf/gguf_writer.h"
#include "gguf/mapped_file.h"
#include "vulkan/commands.h"
#include "vulkan/device.h"
#include "vulkan/ops.h"
#include "vulkan/tensor.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

namespace causerie::test {

class VkFixture : public ::testing::Test {
protected:
    void SetUp() override {
        auto d = vk::Device::create();
        ASSERT_TRUE(d) << d.error().message;
        dev = std::move(*d);
        set = std::make_unique<vk::BufferSet>(*dev);
        pipes = std::make_unique<vk::Pipelines>(*dev);
        auto u = vk::Uploader::create(*dev, 1 << 20);  // small staging: uploads take several chunks
        ASSERT_TRUE(u) << u.error().message;
        up = std::move(*u);
        auto c = vk::Commands::create(*dev);
        ASSERT_TRUE(c) << c.error().message;
        cmd = std::move(*c);
    }

    // An Ops with tuning `t`, pipelines prepared for `types`.
    std::unique_ptr<vk::Ops> make_ops(const std::vector<TensorType>& types, uint32_t head_dim, vk::Tuning t) {
        auto ops = std::make_unique<vk::Ops>(*dev, *pipes, t);
        auto st = ops->prepare(types, head_dim);
        EXPECT_TRUE(st) << st.error().message;
        return ops;
    }

    vk::Buffer buffer_with(const std::vector<float>& v) {
        auto b = set->create(std::max<size_t>(v.size(), 1) * 4, vk::MemoryKind::DeviceLocal, VK_FORMAT_R32G32B32A32_SFLOAT);
        EXPECT_TRUE(b);
        if (!v.empty()) {
            EXPECT_TRUE(up->upload(*b, 0, v.data(), v.size() * 4));
        }
        return *b;
    }
    vk::Buffer buffer_u32(const std::vector<uint32_t>& v) {
        auto b = set->create(v.size() * 4, vk::MemoryKind::DeviceLocal);
        EXPECT_TRUE(b);
        EXPECT_TRUE(up->upload(*b, 0, v.data(), v.size() * 4));
        return *b;
    }
    std::vector<float> read(const vk::Buffer& b, size_t n) {
        std::vector<float> v(n);
        auto st = up->download(b, 0, v.data(), n * 4);
        EXPECT_TRUE(st) << st.error().message;
        return v;
    }
    std::vector<uint16_t> read_u16(const vk::Buffer& b, size_t n) {
        std::vector<uint16_t> v(n);
        EXPECT_TRUE(up->download(b, 0, v.data(), n * 2));
        return v;
    }

    // Writes one tensor into a GGUF file and uploads it as the engine does for a model.
    vk::GpuTensor upload_matrix(const std::string& name, TensorType type, uint64_t cols, uint64_t rows, const std::vector<uint8_t>& bytes,
                                bool texel_views = true) {
        GgufWriter w;
        w.add_tensor(name, {cols, rows}, type, bytes);
        std::string path = (std::filesystem::temp_directory_path() / ("causerie-test-" + std::to_string(::getpid()) + ".gguf")).string();
        EXPECT_TRUE(w.write(path));
        auto map = MappedFile::open(path);
        EXPECT_TRUE(map);
        auto g = parse_gguf(map->bytes());
        EXPECT_TRUE(g) << (g ? "" : g.error().message);
        // With texel views by default, so that the tensor serves every tuning (storage or texel reads).
        auto t = vk::upload_weight(*dev, *set, *up, g->tensors[0], *map, texel_views);
        EXPECT_TRUE(t) << (t ? "" : t.error().message);
        std::filesystem::remove(path);
        return *t;
    }

    void run(const std::function<void(vk::Commands&)>& record) {
        ASSERT_TRUE(cmd->begin());
        record(*cmd);
        auto st = cmd->submit_and_wait();
        ASSERT_TRUE(st) << st.error().message;
    }

    std::unique_ptr<vk::Device> dev;
    std::unique_ptr<vk::BufferSet> set;
    std::unique_ptr<vk::Pipelines> pipes;
    std::unique_ptr<vk::Uploader> up;
    std::unique_ptr<vk::Commands> cmd;
};

}  // namespace causerie::test
