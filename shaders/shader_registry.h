// Lookup of the SPIR-V embedded at build time, by variant name ("matvec_q4_0"...).
#pragma once
#include <cstdint>
#include <span>
#include <string_view>

namespace causerie::shaders {
std::span<const uint32_t> find(std::string_view name);  // empty if unknown
}
