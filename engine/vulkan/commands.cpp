#include "vulkan/commands.h"

#include <map>

namespace causerie::vk {

Result<std::unique_ptr<Commands>> Commands::create(const Device& dev, uint32_t max_timestamps) {
    std::unique_ptr<Commands> c(new Commands(dev));
    VkCommandPoolCreateInfo pci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pci.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pci.queueFamilyIndex = dev.queue_family();
    VK_TRY(vkCreateCommandPool(dev.handle(), &pci, nullptr, &c->pool_));
    VkCommandBufferAllocateInfo cai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    cai.commandPool = c->pool_;
    cai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    cai.commandBufferCount = 1;
    VK_TRY(vkAllocateCommandBuffers(dev.handle(), &cai, &c->cmd_));
    VkFenceCreateInfo fci{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VK_TRY(vkCreateFence(dev.handle(), &fci, nullptr, &c->fence_));
    if (dev.timestamps() && max_timestamps > 0) {
        VkQueryPoolCreateInfo qci{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
        qci.queryType = VK_QUERY_TYPE_TIMESTAMP;
        qci.queryCount = max_timestamps * 2;
        VK_TRY(vkCreateQueryPool(dev.handle(), &qci, nullptr, &c->queries_));
        c->max_queries_ = qci.queryCount;
    }
    return c;
}

Commands::~Commands() {
    if (queries_) vkDestroyQueryPool(dev_.handle(), queries_, nullptr);
    if (fence_) vkDestroyFence(dev_.handle(), fence_, nullptr);
    if (pool_) vkDestroyCommandPool(dev_.handle(), pool_, nullptr);
}

void Commands::fail(std::string message) {
    if (status_.ok()) status_ = Error{std::move(message)};
}

Status Commands::begin(bool timed, bool reusable) {
    status_ = {};
    reusable_ = reusable;
    replayable_ = false;
    timings_.clear();
    query_labels_.clear();
    timed_ = timed && queries_ != VK_NULL_HANDLE;
    VK_TRY(vkResetCommandBuffer(cmd_, 0));
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = reusable ? 0 : VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    VK_TRY(vkBeginCommandBuffer(cmd_, &bi));
    if (timed_) vkCmdResetQueryPool(cmd_, queries_, 0, max_queries_);
    recording_ = true;
    return {};
}

void Commands::dispatch_raw(const Pipeline* p, std::initializer_list<BufferRange> bindings, const void* push, uint32_t push_size,
                            uint32_t gx, uint32_t gy) {
    if (!recording_) return fail("dispatch outside begin()/submit()");
    if (!p) return fail("dispatch of a missing pipeline");
    if (push_size != p->push_size)
        return fail(p->name + ": push constants of " + std::to_string(push_size) + " bytes, pipeline expects " + std::to_string(p->push_size));
    if (bindings.size() != p->bindings)
        return fail(p->name + ": " + std::to_string(bindings.size()) + " bindings given, pipeline expects " + std::to_string(p->bindings));
    if (gx == 0 || gy == 0) return;  // nothing to do
    VkDescriptorBufferInfo infos[16];
    VkWriteDescriptorSet writes[16];
    if (bindings.size() > 16) return fail(p->name + ": too many bindings");
    uint32_t i = 0;
    for (const BufferRange& b : bindings) {
        if (!b.buffer) return fail(p->name + ": binding " + std::to_string(i) + " is empty");
        writes[i] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        writes[i].dstBinding = i;
        writes[i].descriptorCount = 1;
        if (p->texel_mask & (1u << i)) {
            if (!b.view) return fail(p->name + ": binding " + std::to_string(i) + " is a texel buffer and has no view");
            writes[i].descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER;
            writes[i].pTexelBufferView = &b.view;
        } else {
            if (b.range != VK_WHOLE_SIZE && b.range > dev_.limits().maxStorageBufferRange)
                return fail(p->name + ": binding " + std::to_string(i) + " spans " + std::to_string(b.range) + " bytes, over the device limit");
            if (b.offset % dev_.limits().minStorageBufferOffsetAlignment != 0)
                return fail(p->name + ": binding " + std::to_string(i) + " offset is misaligned");
            infos[i] = {b.buffer, b.offset, b.range};
            writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
            writes[i].pBufferInfo = &infos[i];
        }
        ++i;
    }
    vkCmdBindPipeline(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, p->pipeline);
    dev_.push_descriptor_fn()(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, p->layout, 0, i, writes);
    if (push_size) vkCmdPushConstants(cmd_, p->layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, push_size, push);
    // Fold an x count over the device limit into y.
    const uint32_t max_x = dev_.limits().maxComputeWorkGroupCount[0];
    if (gx > max_x) {
        if (gy != 1) return fail(p->name + ": 2-D dispatch too large");
        gy = (gx + 65535 - 1) / 65535;
        gx = 65535;
    }
    bool stamp = timed_ && query_labels_.size() * 2 + 2 <= max_queries_;
    if (stamp) vkCmdWriteTimestamp(cmd_, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, queries_, uint32_t(query_labels_.size() * 2));
    vkCmdDispatch(cmd_, gx, gy, 1);
    if (stamp) {
        vkCmdWriteTimestamp(cmd_, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, queries_, uint32_t(query_labels_.size() * 2 + 1));
        query_labels_.push_back(p->name);
    }
}

void Commands::barrier() {
    if (!recording_) return;
    VkMemoryBarrier mb{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    mb.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT;
    vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &mb, 0, nullptr, 0, nullptr);
}

void Commands::fill(const Buffer& b, uint64_t offset, uint64_t size, uint32_t value) {
    if (!recording_) return fail("fill outside begin()/submit()");
    vkCmdFillBuffer(cmd_, b.buffer, offset, size, value);
}

void Commands::copy(const Buffer& src, uint64_t src_offset, const Buffer& dst, uint64_t dst_offset, uint64_t size) {
    if (!recording_) return fail("copy outside begin()/submit()");
    if (src_offset + size > src.size || dst_offset + size > dst.size) return fail("copy out of bounds");
    VkBufferCopy region{src_offset, dst_offset, size};
    vkCmdCopyBuffer(cmd_, src.buffer, dst.buffer, 1, &region);
}

Status Commands::submit_and_wait() {
    if (!recording_) return make_error("submit without begin()");
    recording_ = false;
    // Everything written here becomes visible to the host and to later submissions.
    VkMemoryBarrier mb{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    mb.dstAccessMask = VK_ACCESS_HOST_READ_BIT | VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT |
                       VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;
    vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_HOST_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &mb,
                         0, nullptr, 0, nullptr);
    VK_TRY(vkEndCommandBuffer(cmd_));
    if (!status_) return status_;  // recording error: nothing is submitted
    return run();
}

Status Commands::replay() {
    if (recording_) return make_error("replay while recording");
    if (!replayable_) return make_error("replay without a reusable recording");
    return run();
}

Status Commands::run() {
    VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    si.commandBufferCount = 1;
    si.pCommandBuffers = &cmd_;
    timings_.clear();
    // A failed submission or wait leaves the buffer in an unknown state: record anew.
    replayable_ = false;
    VK_TRY(vkQueueSubmit(dev_.queue(), 1, &si, fence_));
    VK_TRY(vkWaitForFences(dev_.handle(), 1, &fence_, VK_TRUE, UINT64_MAX));
    VK_TRY(vkResetFences(dev_.handle(), 1, &fence_));
    replayable_ = reusable_;
    if (timed_ && !query_labels_.empty()) {
        std::vector<uint64_t> stamps(query_labels_.size() * 2);
        VK_TRY(vkGetQueryPoolResults(dev_.handle(), queries_, 0, uint32_t(stamps.size()), stamps.size() * 8, stamps.data(), 8,
                                     VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT));
        std::map<std::string, double> sum;
        for (size_t i = 0; i < query_labels_.size(); ++i)
            sum[query_labels_[i]] += double(stamps[2 * i + 1] - stamps[2 * i]) * dev_.timestamp_period_ns() * 1e-6;
        for (auto& [label, ms] : sum) timings_.push_back({label, ms});
    }
    return {};
}

}  // namespace causerie::vk
