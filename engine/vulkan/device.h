// Vulkan instance, physical-device choice and the logical device with one compute queue.
#pragma once
#include "core/result.h"
#include "vulkan/check.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace causerie::vk {

struct DeviceInfo {
    uint32_t index = 0;             // in the order list_devices() returns (best first)
    std::string name;
    std::string type;               // "discrete", "integrated", "virtual", "cpu", "other"
    std::string driver;
    uint32_t api_version = 0;
    uint64_t device_local_bytes = 0;
    uint32_t subgroup_size = 0;
    bool subgroup_shuffle = false;  // subgroupShuffle in compute shaders
    bool fp16 = false;              // shaderFloat16
    bool int8_dot = false;          // shaderIntegerDotProduct
    bool cooperative_matrix = false;  // VK_KHR_cooperative_matrix
    bool push_descriptor = false;
    uint64_t max_storage_range = 0;
    uint32_t max_texel_elements = 0;  // maxTexelBufferElements
    uint32_t max_shared_memory = 0;
    uint32_t vendor_id = 0;
};

struct DeviceOptions {
    int index = -1;  // -1: CAUSERIE_DEVICE, else the best (discrete > integrated > virtual > cpu)
    bool validation = false;
};

// The devices Vulkan offers, best first. An error when there is no Vulkan at all.
Result<std::vector<DeviceInfo>> list_devices();

class Device {
public:
    static Result<std::unique_ptr<Device>> create(const DeviceOptions& opts = {});
    ~Device();
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;

    VkDevice handle() const { return device_; }
    VkPhysicalDevice physical() const { return physical_; }
    VkQueue queue() const { return queue_; }
    uint32_t queue_family() const { return queue_family_; }
    const DeviceInfo& info() const { return info_; }
    const VkPhysicalDeviceLimits& limits() const { return limits_; }
    float timestamp_period_ns() const { return limits_.timestampPeriod; }
    bool timestamps() const { return timestamps_; }
    PFN_vkCmdPushDescriptorSetKHR push_descriptor_fn() const { return push_descriptor_; }

private:
    Device() = default;
    VkInstance instance_ = VK_NULL_HANDLE;
    VkPhysicalDevice physical_ = VK_NULL_HANDLE;
    VkDevice device_ = VK_NULL_HANDLE;
    VkQueue queue_ = VK_NULL_HANDLE;
    uint32_t queue_family_ = 0;
    DeviceInfo info_;
    VkPhysicalDeviceLimits limits_{};
    bool timestamps_ = false;
    PFN_vkCmdPushDescriptorSetKHR push_descriptor_ = nullptr;
};

}  // namespace causerie::vk
