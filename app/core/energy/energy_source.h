// Where the system reports energy: a cumulative counter (RAPL's energy_uj, amdgpu's
// energy1_input, NVML's total energy) or an instantaneous power (amdgpu's power1_average), read
// on demand. Plain C++ (no Qt): the engine worker and the tests use it as is.
#pragma once
#include <optional>
#include <string>

namespace causerie::energy {

class EnergySource {
public:
    enum class Kind { Counter, Power };
    virtual ~EnergySource() = default;
    // For the reply's details: "CPU package-0 (RAPL)", "amdgpu (hwmon1)", "NVIDIA H200 (NVML)".
    virtual std::string name() const = 0;
    virtual Kind kind() const = 0;
    // Counter: its value in joules; Power: watts now. None: it cannot be read now.
    virtual std::optional<double> read() = 0;
    // Counter: the value (joules) at which it wraps back to 0; 0 when it does not wrap.
    virtual double range() const { return 0; }
};

}  // namespace causerie::energy
