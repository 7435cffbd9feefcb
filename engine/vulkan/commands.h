// Recording of one command buffer: every dispatch goes through dispatch(), which checks the
// push-constant size and the bindings against the pipeline. The first error is kept and
// returned by submit(), so a forward pass records straight through. A buffer recorded as
// reusable can be submitted again without recording (replay()), its inputs rewritten in
// buffers between submissions.
#pragma once
#include "core/result.h"
#include "vulkan/device.h"
#include "vulkan/memory.h"
#include "vulkan/pipelines.h"

#include <initializer_list>
#include <string>
#include <vector>

namespace causerie::vk {

// A range of a buffer bound to one binding; `view` is that range as a texel buffer, for the
// bindings a pipeline declares as uniform texel buffers.
struct BufferRange {
    VkBuffer buffer = VK_NULL_HANDLE;
    uint64_t offset = 0;
    uint64_t range = VK_WHOLE_SIZE;
    VkBufferView view = VK_NULL_HANDLE;
    BufferRange() = default;
    BufferRange(const Buffer& b) : buffer(b.buffer), range(b.size), view(b.view) {}  // NOLINT: whole buffer
    BufferRange(const Buffer& b, uint64_t off, uint64_t n, VkBufferView v = VK_NULL_HANDLE)
        : buffer(b.buffer), offset(off), range(n), view(v) {}
};

struct TimedSpan {
    std::string label;
    double ms = 0;
};

class Commands {
public:
    static Result<std::unique_ptr<Commands>> create(const Device& dev, uint32_t max_timestamps = 1024);
    ~Commands();

    // Starts a recording; a reusable one stays valid for replay() after its first submission.
    Status begin(bool timed = false, bool reusable = false);
    // Dispatches groups_x x groups_y workgroups (groups_x may exceed the device limit: it is
    // folded into y; shaders use linear_group_id()).
    template <class Push>
    void dispatch(const Pipeline* p, std::initializer_list<BufferRange> bindings, const Push& push, uint32_t groups_x,
                  uint32_t groups_y = 1) {
        dispatch_raw(p, bindings, &push, sizeof(Push), groups_x, groups_y);
    }
    void barrier();  // compute writes -> compute reads/writes
    void fill(const Buffer& b, uint64_t offset, uint64_t size, uint32_t value);
    void copy(const Buffer& src, uint64_t src_offset, const Buffer& dst, uint64_t dst_offset, uint64_t size);
    // Ends the recording, submits it and waits for it.
    Status submit_and_wait();
    // Submits the last reusable recording again and waits (timings are measured anew).
    Status replay();
    bool can_replay() const { return replayable_; }
    // After a timed submit: time per label (dispatches with the same pipeline name summed).
    std::vector<TimedSpan> timings() const { return timings_; }
    const Status& status() const { return status_; }
    // Keeps the first recording error (returned by submit_and_wait, nothing submitted).
    void fail(std::string message);

private:
    explicit Commands(const Device& dev) : dev_(dev) {}
    void dispatch_raw(const Pipeline* p, std::initializer_list<BufferRange> bindings, const void* push, uint32_t push_size,
                      uint32_t gx, uint32_t gy);
    Status run();  // submit, wait, read the timestamps

    const Device& dev_;
    VkCommandPool pool_ = VK_NULL_HANDLE;
    VkCommandBuffer cmd_ = VK_NULL_HANDLE;
    VkFence fence_ = VK_NULL_HANDLE;
    VkQueryPool queries_ = VK_NULL_HANDLE;
    uint32_t max_queries_ = 0;
    bool timed_ = false;
    bool recording_ = false;
    bool reusable_ = false;
    bool replayable_ = false;
    std::vector<std::string> query_labels_;  // label of the dispatch ending at query 2i+1
    std::vector<TimedSpan> timings_;
    Status status_;
};

}  // namespace causerie::vk
