// A weight tensor on the device in the GPU layout of quant/gpu_pack.h, uploaded from the mmap
// through the staging buffer. Tensors larger than the device's storage-buffer range are bound
// in row chunks.
#pragma once
#include "core/result.h"
#include "gguf/gguf.h"
#include "gguf/mapped_file.h"
#include "vulkan/commands.h"
#include "vulkan/memory.h"

namespace causerie::vk {

struct GpuTensor {
    std::string name;
    TensorType type = TensorType::F32;
    uint64_t cols = 0;        // elements per row
    uint64_t rows = 0;
    Buffer buffer;
    uint64_t row_body_bytes = 0;
    uint64_t row_scale_bytes = 0;  // 0 when the format keeps its scales in the body
    uint64_t scale_offset = 0;     // byte offset of the scale array in the buffer
    uint64_t chunk_rows = 0;       // rows per binding
    uint64_t grid_offset = 0, grid_bytes = 0;  // the grid i-quants' table in the buffer (else 0 bytes)
    VkBufferView grid_view = VK_NULL_HANDLE;    // ... as R32_UINT, with texel views
    // Texel views per chunk when uploaded with them (CPU devices): the body as
    // R32G32B32A32_UINT, the scales (or the body again) as R32_UINT.
    std::vector<VkBufferView> body_views, scale_views;

    uint32_t chunks() const { return uint32_t((rows + chunk_rows - 1) / chunk_rows); }
    uint64_t chunk_begin(uint32_t c) const { return uint64_t(c) * chunk_rows; }
    uint64_t chunk_size(uint32_t c) const { return std::min(chunk_rows, rows - chunk_begin(c)); }
    BufferRange body(uint32_t c) const;
    BufferRange scales(uint32_t c) const;  // the body again when there is no scale array
    bool has_grid() const { return grid_bytes != 0; }
    BufferRange grid() const { return BufferRange(buffer, grid_offset, grid_bytes, grid_view); }
    bool has_views() const { return !body_views.empty(); }
};

// Uploads a weight matrix (any supported type) in the GPU layout; pages of the mapping are
// released as they are consumed. With texel_views, the chunks also get the views that the
// TEXEL_WEIGHTS shader variants read through (and respect the device's texel-buffer limit).
// `kind`: device-local, or system memory the device reads in place (memory.h).
Result<GpuTensor> upload_weight(const Device& dev, BufferSet& set, Uploader& up, const TensorInfo& t, const MappedFile& file,
                                bool texel_views = false, MemoryKind kind = MemoryKind::DeviceLocal);

// Uploads a small vector (norm weight, bias) converted to f32.
Result<Buffer> upload_f32(BufferSet& set, Uploader& up, const TensorInfo& t, const MappedFile& file);

}  // namespace causerie::vk
