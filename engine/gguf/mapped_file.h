// A read-only memory map of a file; the only place the engine touches mmap.
#pragma once
#include "core/result.h"

#include <cstdint>
#include <span>
#include <string>

namespace causerie {

class MappedFile {
public:
    static Result<MappedFile> open(const std::string& path);
    MappedFile() = default;
    MappedFile(MappedFile&& o) noexcept;
    MappedFile& operator=(MappedFile&& o) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    std::span<const uint8_t> bytes() const { return {data_, size_}; }
    const std::string& path() const { return path_; }
    // Tells the kernel a range was consumed and its pages may be dropped (bounds RSS while uploading).
    void release(uint64_t offset, uint64_t size) const;

private:
    const uint8_t* data_ = nullptr;
    uint64_t size_ = 0;
    std::string path_;
};

}  // namespace causerie
