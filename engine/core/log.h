// Named spdlog loggers, one per engine subsystem ("gguf", "vulkan", "model", "text", "session").
#pragma once
#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace causerie {

// Returns the logger of that name, creating it (stderr sink) on first use.
std::shared_ptr<spdlog::logger> logger(const std::string& name);

}  // namespace causerie
