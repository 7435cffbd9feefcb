#include "vulkan/memory.h"

#include "vulkan/commands.h"

#include <cstring>

namespace causerie::vk {
namespace {

int find_memory_type(const Device& dev, uint32_t bits, VkMemoryPropertyFlags want, VkMemoryPropertyFlags avoid = 0) {
    VkPhysicalDeviceMemoryProperties mem;
    vkGetPhysicalDeviceMemoryProperties(dev.physical(), &mem);
    for (uint32_t i = 0; i < mem.memoryTypeCount; ++i)
        if ((bits & (1u << i)) && (mem.memoryTypes[i].propertyFlags & want) == want && !(mem.memoryTypes[i].propertyFlags & avoid))
            return int(i);
    return -1;
}

}  // namespace

Result<Buffer> create_buffer(const Device& dev, uint64_t size, MemoryKind kind) {
    Buffer b;
    b.size = size;
    VkBufferCreateInfo bci{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    bci.size = size ? size : 4;
    bci.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    if (kind == MemoryKind::DeviceLocal || kind == MemoryKind::SystemMemory) bci.usage |= VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT;
    bci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    VK_TRY(vkCreateBuffer(dev.handle(), &bci, nullptr, &b.buffer));
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(dev.handle(), b.buffer, &req);
    int type = -1;
    switch (kind) {
        case MemoryKind::DeviceLocal: type = find_memory_type(dev, req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT); break;
        case MemoryKind::Upload:
            type = find_memory_type(dev, req.memoryTypeBits, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
            break;
        case MemoryKind::Readback:
            type = find_memory_type(dev, req.memoryTypeBits,
                                    VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT | VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
            if (type < 0)
                type = find_memory_type(dev, req.memoryTypeBits, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
            break;
        case MemoryKind::SystemMemory:
            // Host memory proper, not the device's small host-visible window (BAR); where every
            // type is device-local (integrated GPUs, CPU devices), a host-visible one of those.
            type = find_memory_type(dev, req.memoryTypeBits, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                    VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
            if (type < 0)
                type = find_memory_type(dev, req.memoryTypeBits, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
            break;
    }
    if (type < 0) {
        vkDestroyBuffer(dev.handle(), b.buffer, nullptr);
        return make_error("Vulkan: no suitable memory type for a buffer");
    }
    VkMemoryAllocateInfo mai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    mai.allocationSize = req.size;
    mai.memoryTypeIndex = uint32_t(type);
    VkResult r = vkAllocateMemory(dev.handle(), &mai, nullptr, &b.memory);
    if (r != VK_SUCCESS) {
        vkDestroyBuffer(dev.handle(), b.buffer, nullptr);
        Error e = vk_error("vkAllocateMemory", r);
        e.message += " [" + std::to_string(size >> 20) + " MiB]";
        return e;
    }
    r = vkBindBufferMemory(dev.handle(), b.buffer, b.memory, 0);
    const bool mapped = kind == MemoryKind::Upload || kind == MemoryKind::Readback;  // system memory is filled by copies too
    if (r == VK_SUCCESS && mapped) r = vkMapMemory(dev.handle(), b.memory, 0, VK_WHOLE_SIZE, 0, &b.mapped);
    if (r != VK_SUCCESS) {
        destroy_buffer(dev, b);
        return vk_error("vkBindBufferMemory/vkMapMemory", r);
    }
    return b;
}

void destroy_buffer(const Device& dev, Buffer& b) {
    if (b.buffer) vkDestroyBuffer(dev.handle(), b.buffer, nullptr);
    if (b.memory) vkFreeMemory(dev.handle(), b.memory, nullptr);  // unmaps implicitly
    b = Buffer{};
}

BufferSet::~BufferSet() {
    for (VkBufferView v : views_) vkDestroyBufferView(dev_.handle(), v, nullptr);
    for (auto& b : buffers_) destroy_buffer(dev_, b);
}

Result<VkBufferView> BufferSet::view(const Buffer& b, uint64_t offset, uint64_t range, VkFormat format) {
    VkBufferViewCreateInfo ci{VK_STRUCTURE_TYPE_BUFFER_VIEW_CREATE_INFO};
    ci.buffer = b.buffer;
    ci.format = format;
    ci.offset = offset;
    ci.range = range;
    VkBufferView v = VK_NULL_HANDLE;
    VK_TRY(vkCreateBufferView(dev_.handle(), &ci, nullptr, &v));
    views_.push_back(v);
    return v;
}

Result<Buffer> BufferSet::create(uint64_t size, MemoryKind kind, VkFormat view_format) {
    TRY_ASSIGN(Buffer b, create_buffer(dev_, size, kind));
    buffers_.push_back(b);
    if (kind == MemoryKind::DeviceLocal) device_bytes_ += size;
    if (kind == MemoryKind::SystemMemory) system_bytes_ += size;
    const bool viewable = kind == MemoryKind::DeviceLocal || kind == MemoryKind::SystemMemory;
    if (view_format != VK_FORMAT_UNDEFINED && viewable && size >= 16) {
        TRY_ASSIGN(b.view, view(b, 0, size / 16 * 16, view_format));
    }
    return b;
}

Result<std::unique_ptr<Uploader>> Uploader::create(const Device& dev, uint64_t staging_bytes) {
    std::unique_ptr<Uploader> u(new Uploader(dev));
    TRY_ASSIGN(u->staging_, create_buffer(dev, staging_bytes, MemoryKind::Upload));
    TRY_ASSIGN(u->cmd_, Commands::create(dev, 0));
    return u;
}

Uploader::~Uploader() {
    cmd_.reset();
    destroy_buffer(dev_, staging_);
    destroy_buffer(dev_, readback_);
}

// One copy in its own submission: earlier shader writes are visible to it (barrier), host
// writes to the staging buffer by the submission itself, and its result to later reads by the
// barrier that ends every Commands submission.
Status Uploader::copy(const Buffer& from, uint64_t from_off, const Buffer& to, uint64_t to_off, uint64_t n) {
    TRY_STATUS(cmd_->begin());
    cmd_->barrier();
    cmd_->copy(from, from_off, to, to_off, n);
    return cmd_->submit_and_wait();
}

Status Uploader::upload(const Buffer& dst, uint64_t dst_offset, uint64_t size, const Fill& fill, uint64_t granule) {
    if (dst_offset + size > dst.size) return make_error("upload past the end of a buffer");
    uint64_t chunk = granule > 1 ? staging_.size / granule * granule : staging_.size;
    if (chunk == 0) return make_error("staging buffer smaller than one block");
    for (uint64_t done = 0; done < size;) {
        uint64_t n = std::min<uint64_t>(chunk, size - done);
        fill(static_cast<uint8_t*>(staging_.mapped), done, n);
        TRY_STATUS(copy(staging_, 0, dst, dst_offset + done, n));
        done += n;
    }
    return {};
}

Status Uploader::upload(const Buffer& dst, uint64_t dst_offset, const void* src, uint64_t size) {
    const auto* bytes = static_cast<const uint8_t*>(src);
    return upload(dst, dst_offset, size, [bytes](uint8_t* out, uint64_t off, uint64_t n) { std::memcpy(out, bytes + off, n); });
}

Status Uploader::download(const Buffer& src, uint64_t src_offset, void* dst, uint64_t size) {
    if (src_offset + size > src.size) return make_error("download past the end of a buffer");
    if (!readback_.buffer) {
        TRY_ASSIGN(readback_, create_buffer(dev_, staging_.size, MemoryKind::Readback));
    }
    auto* out = static_cast<uint8_t*>(dst);
    for (uint64_t done = 0; done < size;) {
        uint64_t n = std::min<uint64_t>(readback_.size, size - done);
        TRY_STATUS(copy(src, src_offset + done, readback_, 0, n));
        std::memcpy(out + done, readback_.mapped, n);
        done += n;
    }
    return {};
}

}  // namespace causerie::vk
