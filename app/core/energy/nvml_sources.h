// NVIDIA GPUs through NVML, loaded at run time (dlopen of libnvidia-ml.so.1, which comes with
// the driver): no build dependency, and nothing found where the driver is absent. Each GPU whose
// total energy counter (nvmlDeviceGetTotalEnergyConsumption, mJ; Volta and later) reads is a
// source.
#pragma once
#include "energy/energy_source.h"

#include <memory>
#include <string>
#include <vector>

namespace causerie::energy {

// `library`: the file to dlopen (tests pass a missing one).
std::vector<std::unique_ptr<EnergySource>> findNvml(const std::string& library = "libnvidia-ml.so.1");

}  // namespace causerie::energy
