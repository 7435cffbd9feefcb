#include "vulkan/pipelines.h"

#include "shader_registry.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace causerie::vk {
namespace {

// Number of distinct descriptor bindings the SPIR-V declares (OpDecorate ... Binding N).
uint32_t spirv_binding_count(std::span<const uint32_t> code) {
    uint32_t max_binding = 0;
    bool any = false;
    for (size_t i = 5; i < code.size();) {
        uint32_t words = code[i] >> 16, op = code[i] & 0xffff;
        if (words == 0) break;
        if (op == 71 /*OpDecorate*/ && words >= 4 && code[i + 2] == 33 /*Binding*/) {
            max_binding = std::max(max_binding, code[i + 3]);
            any = true;
        }
        i += words;
    }
    return any ? max_binding + 1 : 0;
}

std::string key_of(const PipelineDesc& d) {
    std::string k = d.shader + "/" + std::to_string(d.texel_mask);
    for (uint32_t s : d.spec) k += ":" + std::to_string(s);
    return k;
}

}  // namespace

Pipelines::Pipelines(const Device& dev, std::string cache_file) : dev_(dev), cache_file_(std::move(cache_file)) {
    std::vector<char> data;
    if (!cache_file_.empty()) {
        std::ifstream in(cache_file_, std::ios::binary);
        data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        // Header: length, version, vendor, device, UUID; anything else is dropped.
        VkPhysicalDeviceProperties props;
        vkGetPhysicalDeviceProperties(dev.physical(), &props);
        uint32_t header[4] = {};
        if (data.size() >= 16 + VK_UUID_SIZE) std::memcpy(header, data.data(), 16);
        if (data.size() < 16 + VK_UUID_SIZE || header[2] != props.vendorID || header[3] != props.deviceID ||
            std::memcmp(data.data() + 16, props.pipelineCacheUUID, VK_UUID_SIZE) != 0)
            data.clear();
    }
    VkPipelineCacheCreateInfo ci{VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO};
    ci.initialDataSize = data.size();
    ci.pInitialData = data.empty() ? nullptr : data.data();
    if (vkCreatePipelineCache(dev.handle(), &ci, nullptr, &cache_) != VK_SUCCESS) {
        ci.initialDataSize = 0;
        ci.pInitialData = nullptr;
        if (vkCreatePipelineCache(dev.handle(), &ci, nullptr, &cache_) != VK_SUCCESS) cache_ = VK_NULL_HANDLE;
    }
}

Status Pipelines::save_cache() const {
    if (cache_file_.empty() || !cache_) return {};
    size_t size = 0;
    VK_TRY(vkGetPipelineCacheData(dev_.handle(), cache_, &size, nullptr));
    std::vector<char> data(size);
    VK_TRY(vkGetPipelineCacheData(dev_.handle(), cache_, &size, data.data()));
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(cache_file_).parent_path(), ec);
    std::string tmp = cache_file_ + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(data.data(), std::streamsize(size));
        if (!out) return make_error("cannot write the pipeline cache '" + tmp + "'");
    }
    std::filesystem::rename(tmp, cache_file_, ec);
    if (ec) return make_error("cannot save the pipeline cache: " + ec.message());
    return {};
}

Pipelines::~Pipelines() {
    (void)save_cache();  // best effort: a missing cache only costs compile time
    if (cache_) vkDestroyPipelineCache(dev_.handle(), cache_, nullptr);
    for (auto& [k, p] : pipelines_) {
        if (p->pipeline) vkDestroyPipeline(dev_.handle(), p->pipeline, nullptr);
        if (p->layout) vkDestroyPipelineLayout(dev_.handle(), p->layout, nullptr);
        if (p->set_layout) vkDestroyDescriptorSetLayout(dev_.handle(), p->set_layout, nullptr);
        delete p;
    }
}

Result<const Pipeline*> Pipelines::get(const PipelineDesc& d) {
    std::string key = key_of(d);
    for (auto& [k, p] : pipelines_)
        if (k == key) return static_cast<const Pipeline*>(p);

    auto code = shaders::find(d.shader);
    if (code.empty()) return make_error("no embedded shader '" + d.shader + "'");
    uint32_t declared = spirv_binding_count(code);
    if (declared != d.bindings)
        return make_error("shader '" + d.shader + "' declares " + std::to_string(declared) + " bindings, caller expects " + std::to_string(d.bindings));

    auto p = std::make_unique<Pipeline>();
    p->name = d.shader;
    p->bindings = d.bindings;
    p->texel_mask = d.texel_mask;
    p->push_size = d.push_size;
    p->workgroup = d.spec.empty() ? 1 : d.spec[0];

    std::vector<VkDescriptorSetLayoutBinding> b(d.bindings);
    for (uint32_t i = 0; i < d.bindings; ++i)
        b[i] = {i, (d.texel_mask >> i & 1u) ? VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER : VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1,
                VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo dsl{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    dsl.flags = VK_DESCRIPTOR_SET_LAYOUT_CREATE_PUSH_DESCRIPTOR_BIT_KHR;
    dsl.bindingCount = d.bindings;
    dsl.pBindings = b.data();
    VK_TRY(vkCreateDescriptorSetLayout(dev_.handle(), &dsl, nullptr, &p->set_layout));

    VkPushConstantRange pcr{VK_SHADER_STAGE_COMPUTE_BIT, 0, d.push_size};
    VkPipelineLayoutCreateInfo plc{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    plc.setLayoutCount = 1;
    plc.pSetLayouts = &p->set_layout;
    plc.pushConstantRangeCount = d.push_size ? 1 : 0;
    plc.pPushConstantRanges = &pcr;
    VK_TRY(vkCreatePipelineLayout(dev_.handle(), &plc, nullptr, &p->layout));

    VkShaderModuleCreateInfo smc{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    smc.codeSize = code.size() * sizeof(uint32_t);
    smc.pCode = code.data();
    VkShaderModule module;
    VK_TRY(vkCreateShaderModule(dev_.handle(), &smc, nullptr, &module));

    std::vector<VkSpecializationMapEntry> entries(d.spec.size());
    for (uint32_t i = 0; i < d.spec.size(); ++i) entries[i] = {i, i * 4, 4};
    VkSpecializationInfo si{uint32_t(entries.size()), entries.data(), d.spec.size() * 4, d.spec.data()};
    VkComputePipelineCreateInfo cpc{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    cpc.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
    cpc.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    cpc.stage.module = module;
    cpc.stage.pName = "main";
    cpc.stage.pSpecializationInfo = d.spec.empty() ? nullptr : &si;
    cpc.layout = p->layout;
    VkResult r = vkCreateComputePipelines(dev_.handle(), cache_, 1, &cpc, nullptr, &p->pipeline);
    vkDestroyShaderModule(dev_.handle(), module, nullptr);
    if (r != VK_SUCCESS) {
        Error e = vk_error("vkCreateComputePipelines", r);
        e.message += " [" + d.shader + "]";
        // p's layouts are destroyed with it below through the list.
        pipelines_.emplace_back(key, p.release());
        return e;
    }
    pipelines_.emplace_back(key, p.release());
    return static_cast<const Pipeline*>(pipelines_.back().second);
}

}  // namespace causerie::vk
