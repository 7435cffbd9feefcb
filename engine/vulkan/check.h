// Every VkResult is checked, in every build: VK_TRY returns an Error naming the call.
#pragma once
#include "core/result.h"

#include <vulkan/vulkan.h>

#include <string>

namespace causerie::vk {

const char* result_name(VkResult r);

inline Error vk_error(const char* call, VkResult r) {
    std::string msg = std::string("Vulkan: ") + call + " failed: " + result_name(r);
    if (r == VK_ERROR_OUT_OF_DEVICE_MEMORY) msg += " (the model does not fit in GPU memory: try a smaller model, quantization or context)";
    if (r == VK_ERROR_DEVICE_LOST) msg += " (the GPU driver reset the device)";
    return Error{msg};
}

}  // namespace causerie::vk

#define VK_TRY(call)                                                   \
    do {                                                               \
        VkResult vk_try_r_ = (call);                                   \
        if (vk_try_r_ != VK_SUCCESS) return ::causerie::vk::vk_error(#call, vk_try_r_); \
    } while (0)
