// Energy sources found in sysfs: Linux powercap/RAPL (CPU packages) and amdgpu's hwmon. Each
// finder takes its root folder, so that tests point it at a fake tree.
#pragma once
#include "energy/energy_source.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace causerie::energy {

// <root>/intel-rapl:N (top-level zones; AMD CPUs use the same interface): energy_uj, wrapping at
// max_energy_range_uj. A "psys" zone (the whole platform) includes the packages: when there is
// one, it alone is counted. Zones whose counter cannot be read (root-only on many systems) are
// left out.
std::vector<std::unique_ptr<EnergySource>> findRapl(const std::filesystem::path& root = "/sys/class/powercap");

// <root>/hwmonN named "amdgpu": energy1_input (µJ) when it exists, else power1_average (or
// power1_input) in µW, integrated over time by the meter.
std::vector<std::unique_ptr<EnergySource>> findAmdgpu(const std::filesystem::path& root = "/sys/class/hwmon");

// The first line of a small sysfs file; none when it cannot be read.
std::optional<std::string> readLine(const std::filesystem::path& file);
std::optional<double> readNumber(const std::filesystem::path& file);

}  // namespace causerie::energy
