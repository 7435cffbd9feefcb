// The energy of one interval (a reply's generation) from every source the system exposes:
// counters are differenced (wrap-around included), powers integrated (trapezoids between
// samples). A source that fails to read during the interval is left out of it: its energy is not
// guessed. Times are seconds on any steady clock, passed in so that tests drive them.
#pragma once
#include "energy/energy_source.h"

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace causerie::energy {

struct Measurement {
    double joules = 0;
    double seconds = 0;
    std::vector<std::string> sources;  // those measured over the whole interval
    bool measured() const { return !sources.empty(); }
    double wattHours() const { return joules / 3600.0; }
};

// Where the system sources are looked for (tests: a fake tree, no NVML).
struct SystemPaths {
    std::filesystem::path powercap = "/sys/class/powercap";
    std::filesystem::path hwmon = "/sys/class/hwmon";
    std::string nvml = "libnvidia-ml.so.1";  // empty: not tried
};

// Grams of CO2-equivalent for `wattHours` at a grid intensity in gCO2e/kWh.
inline double co2eGrams(double wattHours, double gramsPerKwh) { return wattHours * gramsPerKwh / 1000.0; }

class EnergyMeter {
public:
    explicit EnergyMeter(std::vector<std::unique_ptr<EnergySource>> sources);
    // RAPL, amdgpu and NVML, as found now.
    static EnergyMeter system(const SystemPaths& paths = {});

    bool empty() const { return sources_.empty(); }
    std::vector<std::string> names() const;

    void start(double t);
    void sample(double t);  // powers need samples between start and stop; counters take them too
    Measurement stop(double t);

private:
    struct State {
        std::unique_ptr<EnergySource> source;
        bool ok = false;
        double last = 0;  // counter value or power at lastT
        double joules = 0;
    };
    void take(State& s, double t);
    std::vector<State> sources_;
    double startT_ = 0, lastT_ = 0;
};

// An EnergyMeter sampled on its own thread every `interval` between start() and stop() (the
// worker's thread is busy generating meanwhile).
class EnergyRecorder {
public:
    explicit EnergyRecorder(EnergyMeter meter, std::chrono::milliseconds interval = std::chrono::milliseconds(250));
    ~EnergyRecorder();
    bool empty() const { return meter_.empty(); }
    void start();
    Measurement stop();  // nothing measured when not started

private:
    static double now();
    EnergyMeter meter_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::thread thread_;
    bool running_ = false;
};

}  // namespace causerie::energy
