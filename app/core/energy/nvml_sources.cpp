#include "energy/nvml_sources.h"

#include <dlfcn.h>

namespace causerie::energy {
namespace {

// The few NVML entry points used, as declared in nvml.h (nvmlReturn_t is an int, 0: success;
// nvmlDevice_t an opaque pointer).
using NvmlDevice = void*;
using InitFn = int (*)();
using ShutdownFn = int (*)();
using CountFn = int (*)(unsigned int*);
using HandleFn = int (*)(unsigned int, NvmlDevice*);
using NameFn = int (*)(NvmlDevice, char*, unsigned int);
using EnergyFn = int (*)(NvmlDevice, unsigned long long*);

// The loaded library, initialised; shut down and closed when the last source goes.
class Nvml {
public:
    static std::shared_ptr<Nvml> open(const std::string& file) {
        void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) return nullptr;
        auto lib = std::shared_ptr<Nvml>(new Nvml(handle));
        lib->init_ = reinterpret_cast<InitFn>(dlsym(handle, "nvmlInit_v2"));
        lib->shutdown_ = reinterpret_cast<ShutdownFn>(dlsym(handle, "nvmlShutdown"));
        lib->count = reinterpret_cast<CountFn>(dlsym(handle, "nvmlDeviceGetCount_v2"));
        lib->handle = reinterpret_cast<HandleFn>(dlsym(handle, "nvmlDeviceGetHandleByIndex_v2"));
        lib->name = reinterpret_cast<NameFn>(dlsym(handle, "nvmlDeviceGetName"));
        lib->energy = reinterpret_cast<EnergyFn>(dlsym(handle, "nvmlDeviceGetTotalEnergyConsumption"));
        if (!lib->init_ || !lib->shutdown_ || !lib->count || !lib->handle || !lib->name || !lib->energy) return nullptr;
        if (lib->init_() != 0) return nullptr;
        lib->initialised_ = true;
        return lib;
    }
    ~Nvml() {
        if (initialised_) shutdown_();
        dlclose(library_);
    }
    CountFn count = nullptr;
    HandleFn handle = nullptr;
    NameFn name = nullptr;
    EnergyFn energy = nullptr;

private:
    explicit Nvml(void* library) : library_(library) {}
    void* library_;
    InitFn init_ = nullptr;
    ShutdownFn shutdown_ = nullptr;
    bool initialised_ = false;
};

class NvmlGpu : public EnergySource {
public:
    NvmlGpu(std::shared_ptr<Nvml> lib, NvmlDevice device, std::string name)
        : lib_(std::move(lib)), device_(device), name_(std::move(name)) {}
    std::string name() const override { return name_ + " (NVML)"; }
    Kind kind() const override { return Kind::Counter; }
    std::optional<double> read() override {
        unsigned long long mj = 0;
        if (lib_->energy(device_, &mj) != 0) return std::nullopt;
        return double(mj) * 1e-3;
    }

private:
    std::shared_ptr<Nvml> lib_;
    NvmlDevice device_;
    std::string name_;
};

}  // namespace

std::vector<std::unique_ptr<EnergySource>> findNvml(const std::string& library) {
    std::vector<std::unique_ptr<EnergySource>> out;
    auto lib = Nvml::open(library);
    if (!lib) return out;
    unsigned int count = 0;
    if (lib->count(&count) != 0) return out;
    for (unsigned int i = 0; i < count; ++i) {
        NvmlDevice device = nullptr;
        if (lib->handle(i, &device) != 0) continue;
        char name[96] = {};
        if (lib->name(device, name, sizeof name) != 0) name[0] = '\0';
        auto gpu = std::make_unique<NvmlGpu>(lib, device, name[0] ? name : "NVIDIA GPU " + std::to_string(i));
        if (!gpu->read()) continue;  // no energy counter on this GPU (before Volta)
        out.push_back(std::move(gpu));
    }
    return out;
}

}  // namespace causerie::energy
