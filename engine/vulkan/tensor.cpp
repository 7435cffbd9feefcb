#include "vulkan/tensor.h"

#include "quant/gpu_pack.h"
#include "quant/quant.h"

#include <vector>

namespace causerie::vk {
namespace {
uint64_t align_up(uint64_t x, uint64_t a) { return (x + a - 1) / a * a; }
}  // namespace

BufferRange GpuTensor::body(uint32_t c) const {
    // The range is rounded up to whole 16-byte texels (the allocation is padded for it).
    return BufferRange(buffer, chunk_begin(c) * row_body_bytes, align_up(chunk_size(c) * row_body_bytes, 16),
                       has_views() ? body_views[c] : VK_NULL_HANDLE);
}

BufferRange GpuTensor::scales(uint32_t c) const {
    VkBufferView v = has_views() ? scale_views[c] : VK_NULL_HANDLE;
    if (row_scale_bytes == 0) {
        BufferRange b = body(c);
        b.view = v;
        return b;
    }
    return BufferRange(buffer, scale_offset + chunk_begin(c) * row_scale_bytes, align_up(chunk_size(c) * row_scale_bytes, 4), v);
}

Result<GpuTensor> upload_weight(const Device& dev, BufferSet& set, Uploader& up, const TensorInfo& t, const MappedFile& file,
                                bool texel_views, MemoryKind kind) {
    if (!is_supported_weight_type(t.type))
        return make_error("tensor '" + t.name + "': type " + std::string(type_name(t.type)) + " is not supported on the GPU");
    GpuLayout l = gpu_layout(t.type);
    GpuTensor g;
    g.name = t.name;
    g.type = t.type;
    g.cols = t.dims[0];
    g.rows = t.rows();
    if (l.block_elems == 1 && g.cols % 4 != 0)
        return make_error("tensor '" + t.name + "': rows of " + std::to_string(g.cols) + " elements (a multiple of 4 is required)");
    const uint64_t blocks_per_row = g.cols / l.block_elems;
    const uint64_t n_blocks = blocks_per_row * g.rows;
    g.row_body_bytes = blocks_per_row * l.body_bytes;
    g.row_scale_bytes = blocks_per_row * l.scale_bytes;

    // Rows per binding: all of them, or a multiple of 256 rows (keeps chunk offsets aligned).
    uint64_t max_range = dev.limits().maxStorageBufferRange;
    if (texel_views) {
        const uint64_t texels = dev.limits().maxTexelBufferElements;
        max_range = std::min(max_range, texels * 16);  // body texels of 16 bytes
        if (l.scale_bytes) max_range = std::min(max_range, texels * 4 / l.scale_bytes * l.body_bytes);  // scale words
        else max_range = std::min(max_range, texels * 4);  // the body as words
    }
    g.chunk_rows = g.rows;
    if (align_up(g.rows * g.row_body_bytes, 16) > max_range) {
        g.chunk_rows = max_range / g.row_body_bytes / 256 * 256;
        if (g.chunk_rows == 0) return make_error("tensor '" + t.name + "': one row is larger than the device's buffer range");
    }
    const uint64_t body_bytes = n_blocks * l.body_bytes;
    g.scale_offset = align_up(body_bytes, 256);
    uint64_t total = l.scale_bytes ? g.scale_offset + align_up(n_blocks * l.scale_bytes, 4) : align_up(body_bytes, 16);
    if (!l.grid.empty()) {  // the grid after the weights (at a texel-view alignment)
        g.grid_offset = align_up(total, 256);
        g.grid_bytes = l.grid.size_bytes();
        total = g.grid_offset + g.grid_bytes;
    }
    TRY_ASSIGN(g.buffer, set.create(total, kind));
    if (texel_views) {
        for (uint32_t c = 0; c < g.chunks(); ++c) {
            BufferRange b = g.body(c), s = g.scales(c);
            TRY_ASSIGN(VkBufferView bv, set.view(g.buffer, b.offset, b.range, VK_FORMAT_R32G32B32A32_UINT));
            TRY_ASSIGN(VkBufferView sv, set.view(g.buffer, s.offset, s.range, VK_FORMAT_R32_UINT));
            g.body_views.push_back(bv);
            g.scale_views.push_back(sv);
        }
        if (g.has_grid()) {
            TRY_ASSIGN(g.grid_view, set.view(g.buffer, g.grid_offset, g.grid_bytes, VK_FORMAT_R32_UINT));
        }
    }
    if (g.has_grid()) TRY_STATUS(up.upload(g.buffer, g.grid_offset, l.grid.data(), g.grid_bytes));

    const uint8_t* src = file.bytes().data() + t.file_offset;
    TRY_STATUS(up.upload(
        g.buffer, 0, body_bytes,
        [&](uint8_t* dst, uint64_t off, uint64_t n) {
            uint64_t first = off / l.body_bytes, count = n / l.body_bytes;
            pack_blocks(t.type, src, first, count, dst, nullptr);
            file.release(t.file_offset + first * l.src_bytes, count * l.src_bytes);
        },
        l.body_bytes));
    if (l.scale_bytes) {
        const uint64_t sb = l.scale_bytes;
        TRY_STATUS(up.upload(
            g.buffer, g.scale_offset, n_blocks * sb,
            [&](uint8_t* dst, uint64_t off, uint64_t n) { pack_blocks(t.type, src, off / sb, n / sb, nullptr, dst); }, sb));
        file.release(t.file_offset, t.n_bytes);
    }
    return g;
}

Result<Buffer> upload_f32(BufferSet& set, Uploader& up, const TensorInfo& t, const MappedFile& file) {
    std::vector<float> v(t.n_elements);
    dequantize_row(t.type, file.bytes().data() + t.file_offset, v.data(), t.n_elements);
    TRY_ASSIGN(Buffer b, set.create(v.size() * 4, MemoryKind::DeviceLocal));
    TRY_STATUS(up.upload(b, 0, v.data(), v.size() * 4));
    return b;
}

}  // namespace causerie::vk
