// Compute pipelines from the embedded SPIR-V: one pushed descriptor set of storage buffers (or
// uniform texel buffers where PipelineDesc::texel_mask says), one push-constant block,
// specialization constants 0..n-1 (constant 0 is the workgroup size).
#pragma once
#include "core/result.h"
#include "vulkan/device.h"

#include <string>
#include <vector>

namespace causerie::vk {

struct PipelineDesc {
    std::string shader;            // variant name in the shader registry
    uint32_t bindings = 0;         // storage buffers 0..bindings-1
    uint32_t push_size = 0;        // bytes of the push-constant struct
    std::vector<uint32_t> spec;    // specialization constants by id; spec[0] = workgroup size x
    uint32_t texel_mask = 0;       // bit i: binding i is a uniform texel buffer, not a storage buffer
};

struct Pipeline {
    std::string name;
    VkPipeline pipeline = VK_NULL_HANDLE;
    VkPipelineLayout layout = VK_NULL_HANDLE;
    VkDescriptorSetLayout set_layout = VK_NULL_HANDLE;
    uint32_t bindings = 0;
    uint32_t texel_mask = 0;
    uint32_t push_size = 0;
    uint32_t workgroup = 0;
};

// Creates pipelines and destroys them with itself. Checks that the SPIR-V declares exactly
// `bindings` storage buffers.
class Pipelines {
public:
    // With a cache file, compiled pipelines are kept on disk so that a second start compiles
    // nothing; a file from another device or driver is ignored.
    explicit Pipelines(const Device& dev, std::string cache_file = "");
    ~Pipelines();
    Pipelines(const Pipelines&) = delete;
    Pipelines& operator=(const Pipelines&) = delete;
    Result<const Pipeline*> get(const PipelineDesc& desc);  // cached by name + spec
    size_t count() const { return pipelines_.size(); }
    Status save_cache() const;  // also done by the destructor

private:
    const Device& dev_;
    std::string cache_file_;
    VkPipelineCache cache_ = VK_NULL_HANDLE;
    std::vector<std::pair<std::string, Pipeline*>> pipelines_;
};

}  // namespace causerie::vk
