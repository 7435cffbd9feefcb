// Buffers and their memory, and the bounded staging path from host bytes to device-local buffers.
#pragma once
#include "core/result.h"
#include "vulkan/device.h"

#include <functional>
#include <memory>
#include <vector>

namespace causerie::vk {

class Commands;

enum class MemoryKind {
    DeviceLocal,  // weights, activations, KV cache
    Upload,       // host-visible, coherent: staging
    Readback,     // host-visible, cached: logits
    // Host-visible system memory that the device reads in place (over the bus on a discrete GPU):
    // weights that do not fit the device (experts of some layers). On integrated GPUs and CPU
    // devices it is the one pool all kinds come from.
    SystemMemory,
};

struct Buffer {
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceMemory memory = VK_NULL_HANDLE;
    uint64_t size = 0;
    void* mapped = nullptr;  // host-visible kinds only
    VkBufferView view = VK_NULL_HANDLE;  // the buffer as 16-byte texels, when made with one
};

Result<Buffer> create_buffer(const Device& dev, uint64_t size, MemoryKind kind);
void destroy_buffer(const Device& dev, Buffer& b);

// Owns buffers and frees them together; counts the device-local bytes it holds, and the
// system-memory ones apart.
class BufferSet {
public:
    explicit BufferSet(const Device& dev) : dev_(dev) {}
    ~BufferSet();
    BufferSet(const BufferSet&) = delete;
    BufferSet& operator=(const BufferSet&) = delete;
    // With a view format (a 16-byte one), a device-local (or system-memory) buffer also gets `view` over its whole
    // texels: activations and the KV cache read as texel buffers on CPU devices.
    Result<Buffer> create(uint64_t size, MemoryKind kind, VkFormat view_format = VK_FORMAT_UNDEFINED);
    // A texel view of bytes [offset, offset + range) of a device-local buffer of this set,
    // destroyed with the set (uniform texel buffers: see weights.glsl, TEXEL_WEIGHTS).
    Result<VkBufferView> view(const Buffer& b, uint64_t offset, uint64_t range, VkFormat format);
    uint64_t device_bytes() const { return device_bytes_; }
    uint64_t system_bytes() const { return system_bytes_; }

private:
    const Device& dev_;
    std::vector<Buffer> buffers_;
    std::vector<VkBufferView> views_;
    uint64_t device_bytes_ = 0, system_bytes_ = 0;
};

// Copies host data into device-local buffers through one staging buffer of fixed size:
// peak host memory stays at the staging size whatever the model's size.
class Uploader {
public:
    static Result<std::unique_ptr<Uploader>> create(const Device& dev, uint64_t staging_bytes);
    ~Uploader();
    uint64_t staging_size() const { return staging_.size; }

    // `fill(dst, offset, n)` writes bytes [offset, offset + n) of the payload into dst.
    using Fill = std::function<void(uint8_t* dst, uint64_t offset, uint64_t n)>;
    // Chunks are multiples of `granule` bytes (the last one excepted).
    Status upload(const Buffer& dst, uint64_t dst_offset, uint64_t size, const Fill& fill, uint64_t granule = 1);
    Status upload(const Buffer& dst, uint64_t dst_offset, const void* src, uint64_t size);
    // Device bytes back to the host through a host-cached staging buffer of the same size (made
    // on the first download: reading the write-combined upload staging is slow on discrete GPUs).
    Status download(const Buffer& src, uint64_t src_offset, void* dst, uint64_t size);

private:
    explicit Uploader(const Device& dev) : dev_(dev) {}
    Status copy(const Buffer& from, uint64_t from_off, const Buffer& to, uint64_t to_off, uint64_t n);
    const Device& dev_;
    Buffer staging_;
    Buffer readback_;
    std::unique_ptr<Commands> cmd_;
};

}  // namespace causerie::vk
