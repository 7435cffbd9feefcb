#include "energy/energy_meter.h"

#include "energy/nvml_sources.h"
#include "energy/sysfs_sources.h"

#include <chrono>

namespace causerie::energy {

EnergyMeter::EnergyMeter(std::vector<std::unique_ptr<EnergySource>> sources) {
    for (auto& s : sources) sources_.push_back(State{std::move(s)});
}

EnergyMeter EnergyMeter::system(const SystemPaths& paths) {
    std::vector<std::unique_ptr<EnergySource>> all = findRapl(paths.powercap);
    for (auto& s : findAmdgpu(paths.hwmon)) all.push_back(std::move(s));
    if (!paths.nvml.empty())
        for (auto& s : findNvml(paths.nvml)) all.push_back(std::move(s));
    return EnergyMeter(std::move(all));
}

std::vector<std::string> EnergyMeter::names() const {
    std::vector<std::string> out;
    for (const State& s : sources_) out.push_back(s.source->name());
    return out;
}

void EnergyMeter::start(double t) {
    startT_ = lastT_ = t;
    for (State& s : sources_) {
        auto v = s.source->read();
        s.ok = v.has_value();
        s.last = v.value_or(0);
        s.joules = 0;
    }
}

void EnergyMeter::take(State& s, double t) {
    if (!s.ok) return;
    auto v = s.source->read();
    if (!v) {
        s.ok = false;
        return;
    }
    if (s.source->kind() == EnergySource::Kind::Power) {
        s.joules += 0.5 * (s.last + *v) * (t - lastT_);
    } else if (*v >= s.last) {
        s.joules += *v - s.last;
    } else if (s.source->range() > 0) {
        s.joules += s.source->range() - s.last + *v;  // wrapped once since the last sample
    } else {
        s.ok = false;  // a counter that went back without a known range: reset, not measured
        return;
    }
    s.last = *v;
}

void EnergyMeter::sample(double t) {
    for (State& s : sources_) take(s, t);
    lastT_ = t;
}

Measurement EnergyMeter::stop(double t) {
    sample(t);
    Measurement m;
    m.seconds = t - startT_;
    for (const State& s : sources_) {
        if (!s.ok) continue;
        m.joules += s.joules;
        m.sources.push_back(s.source->name());
    }
    return m;
}

EnergyRecorder::EnergyRecorder(EnergyMeter meter, std::chrono::milliseconds interval)
    : meter_(std::move(meter)), interval_(interval) {}

EnergyRecorder::~EnergyRecorder() { stop(); }

double EnergyRecorder::now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void EnergyRecorder::start() {
    stop();
    if (meter_.empty()) return;
    std::lock_guard lock(mutex_);
    meter_.start(now());
    running_ = true;
    thread_ = std::thread([this] {
        std::unique_lock held(mutex_);
        while (running_) {
            if (wake_.wait_for(held, interval_, [this] { return !running_; })) break;
            meter_.sample(now());
        }
    });
}

Measurement EnergyRecorder::stop() {
    {
        std::lock_guard lock(mutex_);
        if (!running_) return {};
        running_ = false;
    }
    wake_.notify_all();
    thread_.join();
    return meter_.stop(now());
}

}  // namespace causerie::energy
