#include "vulkan/device.h"

#include "core/log.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace causerie::vk {
namespace {

int type_rank(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 0;
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 1;
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return 3;
        default: return 4;
    }
}

const char* type_label(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete";
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated";
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual";
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return "cpu";
        default: return "other";
    }
}

bool has_extension(VkPhysicalDevice pd, const char* name) {
    uint32_t n = 0;
    if (vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, nullptr) != VK_SUCCESS) return false;
    std::vector<VkExtensionProperties> exts(n);
    if (vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, exts.data()) != VK_SUCCESS) return false;
    for (const auto& e : exts)
        if (!std::strcmp(e.extensionName, name)) return true;
    return false;
}

Result<VkInstance> create_instance() {
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "Causerie";
    app.pEngineName = "causerie";
    app.apiVersion = VK_API_VERSION_1_2;
    VkInstanceCreateInfo ci{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    ci.pApplicationInfo = &app;
    VkInstance instance = VK_NULL_HANDLE;
    VkResult r = vkCreateInstance(&ci, nullptr, &instance);
    if (r == VK_ERROR_INCOMPATIBLE_DRIVER || r == VK_ERROR_INITIALIZATION_FAILED)
        return make_error("no Vulkan driver found (install your GPU's Vulkan driver, or mesa-vulkan-drivers for the CPU fallback)");
    VK_TRY(r);
    return instance;
}

DeviceInfo describe(VkPhysicalDevice pd) {
    DeviceInfo info;
    VkPhysicalDeviceSubgroupProperties sub{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES};
    VkPhysicalDeviceDriverProperties drv{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
    sub.pNext = &drv;
    VkPhysicalDeviceProperties2 props{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
    props.pNext = &sub;
    vkGetPhysicalDeviceProperties2(pd, &props);
    info.name = props.properties.deviceName;
    info.type = type_label(props.properties.deviceType);
    info.driver = std::string(drv.driverName) + " " + drv.driverInfo;
    info.api_version = props.properties.apiVersion;
    info.subgroup_size = sub.subgroupSize;
    info.subgroup_shuffle = (sub.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) && (sub.supportedOperations & VK_SUBGROUP_FEATURE_SHUFFLE_BIT);
    info.max_storage_range = props.properties.limits.maxStorageBufferRange;
    info.max_texel_elements = props.properties.limits.maxTexelBufferElements;
    info.max_shared_memory = props.properties.limits.maxComputeSharedMemorySize;
    info.vendor_id = props.properties.vendorID;

    VkPhysicalDeviceShaderIntegerDotProductFeatures dot{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES};
    VkPhysicalDeviceVulkan12Features f12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
    bool has_dot = has_extension(pd, VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME) || info.api_version >= VK_API_VERSION_1_3;
    if (has_dot) f12.pNext = &dot;
    VkPhysicalDeviceFeatures2 feats{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
    feats.pNext = &f12;
    vkGetPhysicalDeviceFeatures2(pd, &feats);
    info.fp16 = f12.shaderFloat16;
    info.int8_dot = has_dot && dot.shaderIntegerDotProduct;
    info.cooperative_matrix = has_extension(pd, "VK_KHR_cooperative_matrix");
    info.push_descriptor = has_extension(pd, VK_KHR_PUSH_DESCRIPTOR_EXTENSION_NAME);

    VkPhysicalDeviceMemoryProperties mem;
    vkGetPhysicalDeviceMemoryProperties(pd, &mem);
    for (uint32_t i = 0; i < mem.memoryHeapCount; ++i)
        if (mem.memoryHeaps[i].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) info.device_local_bytes += mem.memoryHeaps[i].size;
    return info;
}

// Physical devices sorted best first (stable within a rank).
Result<std::vector<VkPhysicalDevice>> sorted_devices(VkInstance instance) {
    uint32_t n = 0;
    VK_TRY(vkEnumeratePhysicalDevices(instance, &n, nullptr));
    std::vector<VkPhysicalDevice> pds(n);
    VK_TRY(vkEnumeratePhysicalDevices(instance, &n, pds.data()));
    std::stable_sort(pds.begin(), pds.end(), [](VkPhysicalDevice a, VkPhysicalDevice b) {
        VkPhysicalDeviceProperties pa, pb;
        vkGetPhysicalDeviceProperties(a, &pa);
        vkGetPhysicalDeviceProperties(b, &pb);
        return type_rank(pa.deviceType) < type_rank(pb.deviceType);
    });
    return pds;
}

}  // namespace

Result<std::vector<DeviceInfo>> list_devices() {
    TRY_ASSIGN(VkInstance instance, create_instance());
    auto pds = sorted_devices(instance);
    if (!pds) {
        vkDestroyInstance(instance, nullptr);
        return pds.error();
    }
    std::vector<DeviceInfo> out;
    for (uint32_t i = 0; i < pds->size(); ++i) {
        out.push_back(describe((*pds)[i]));
        out.back().index = i;
    }
    vkDestroyInstance(instance, nullptr);
    return out;
}

Result<std::unique_ptr<Device>> Device::create(const DeviceOptions& opts) {
    auto log = logger("vulkan");
    std::unique_ptr<Device> d(new Device());
    TRY_ASSIGN(d->instance_, create_instance());
    TRY_ASSIGN(auto pds, sorted_devices(d->instance_));
    if (pds.empty()) return make_error("no Vulkan device found");
    int index = opts.index;
    if (index < 0) {
        if (const char* env = std::getenv("CAUSERIE_DEVICE")) index = std::atoi(env);
        else index = 0;
    }
    if (index < 0 || size_t(index) >= pds.size())
        return make_error("Vulkan device " + std::to_string(index) + " does not exist (" + std::to_string(pds.size()) + " found)");
    d->physical_ = pds[size_t(index)];
    d->info_ = describe(d->physical_);
    d->info_.index = uint32_t(index);
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(d->physical_, &props);
    d->limits_ = props.limits;
    if (d->info_.api_version < VK_API_VERSION_1_1) return make_error(d->info_.name + ": Vulkan 1.1 or newer is required");
    if (!d->info_.push_descriptor) return make_error(d->info_.name + ": VK_KHR_push_descriptor is required");

    VkPhysicalDeviceSubgroupProperties sub{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES};
    VkPhysicalDeviceProperties2 p2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
    p2.pNext = &sub;
    vkGetPhysicalDeviceProperties2(d->physical_, &p2);
    const VkSubgroupFeatureFlags need = VK_SUBGROUP_FEATURE_BASIC_BIT | VK_SUBGROUP_FEATURE_ARITHMETIC_BIT;
    if (!(sub.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) || (sub.supportedOperations & need) != need)
        return make_error(d->info_.name + ": subgroup arithmetic in compute shaders is required");

    // A queue family with compute (prefer one that also has timestamps).
    uint32_t nq = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(d->physical_, &nq, nullptr);
    std::vector<VkQueueFamilyProperties> qf(nq);
    vkGetPhysicalDeviceQueueFamilyProperties(d->physical_, &nq, qf.data());
    int family = -1;
    for (uint32_t i = 0; i < nq; ++i)
        if (qf[i].queueFlags & VK_QUEUE_COMPUTE_BIT) {
            family = int(i);
            break;
        }
    if (family < 0) return make_error(d->info_.name + ": no compute queue");
    d->queue_family_ = uint32_t(family);
    d->timestamps_ = qf[size_t(family)].timestampValidBits > 0 && props.limits.timestampComputeAndGraphics;

    float priority = 1.0f;
    VkDeviceQueueCreateInfo qci{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    qci.queueFamilyIndex = d->queue_family_;
    qci.queueCount = 1;
    qci.pQueuePriorities = &priority;
    std::vector<const char*> exts = {VK_KHR_PUSH_DESCRIPTOR_EXTENSION_NAME};
    VkDeviceCreateInfo dci{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    dci.queueCreateInfoCount = 1;
    dci.pQueueCreateInfos = &qci;
    dci.enabledExtensionCount = uint32_t(exts.size());
    dci.ppEnabledExtensionNames = exts.data();
    VK_TRY(vkCreateDevice(d->physical_, &dci, nullptr, &d->device_));
    vkGetDeviceQueue(d->device_, d->queue_family_, 0, &d->queue_);
    d->push_descriptor_ = reinterpret_cast<PFN_vkCmdPushDescriptorSetKHR>(vkGetDeviceProcAddr(d->device_, "vkCmdPushDescriptorSetKHR"));
    if (!d->push_descriptor_) return make_error(d->info_.name + ": vkCmdPushDescriptorSetKHR is missing");
    log->info("device {}: {} ({}), subgroup {}, {} MiB", index, d->info_.name, d->info_.type, d->info_.subgroup_size,
              d->info_.device_local_bytes >> 20);
    return d;
}

Device::~Device() {
    if (device_) {
        vkDeviceWaitIdle(device_);
        vkDestroyDevice(device_, nullptr);
    }
    if (instance_) vkDestroyInstance(instance_, nullptr);
}

const char* result_name(VkResult r) {
    switch (r) {
#define R(x) case x: return #x;
        R(VK_SUCCESS) R(VK_NOT_READY) R(VK_TIMEOUT) R(VK_INCOMPLETE) R(VK_ERROR_OUT_OF_HOST_MEMORY)
        R(VK_ERROR_OUT_OF_DEVICE_MEMORY) R(VK_ERROR_INITIALIZATION_FAILED) R(VK_ERROR_DEVICE_LOST)
        R(VK_ERROR_MEMORY_MAP_FAILED) R(VK_ERROR_LAYER_NOT_PRESENT) R(VK_ERROR_EXTENSION_NOT_PRESENT)
        R(VK_ERROR_FEATURE_NOT_PRESENT) R(VK_ERROR_INCOMPATIBLE_DRIVER) R(VK_ERROR_TOO_MANY_OBJECTS)
        R(VK_ERROR_FORMAT_NOT_SUPPORTED) R(VK_ERROR_FRAGMENTED_POOL) R(VK_ERROR_OUT_OF_POOL_MEMORY)
        R(VK_ERROR_INVALID_SHADER_NV) R(VK_ERROR_UNKNOWN)
#undef R
        default: return "VkResult(other)";
    }
}

}  // namespace causerie::vk
