// Energy per reply: the RAPL and amdgpu readers on a fake sysfs tree whose counters the test
// advances (wrap-around included), power integration, sources that fail, the sampling thread,
// and NVML on a machine with an NVIDIA driver (skipped without one).
#include "energy/energy_meter.h"
#include "energy/nvml_sources.h"
#include "energy/sysfs_sources.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
using namespace causerie::energy;

namespace {

// A temporary folder laid out like /sys/class.
class FakeSysfs {
public:
    FakeSysfs() {
        root_ = fs::temp_directory_path() / ("causerie-energy-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
        fs::remove_all(root_);
        fs::create_directories(root_);
    }
    ~FakeSysfs() { fs::remove_all(root_); }
    fs::path powercap() const { return root_ / "powercap"; }
    fs::path hwmon() const { return root_ / "hwmon"; }
    void write(const fs::path& file, const std::string& text) const {
        fs::create_directories((root_ / file).parent_path());
        std::ofstream(root_ / file) << text << "\n";
    }
    void remove(const fs::path& file) const { fs::remove(root_ / file); }
    void raplZone(const std::string& zone, const std::string& name, unsigned long long uj, unsigned long long range) const {
        write("powercap/" + zone + "/name", name);
        write("powercap/" + zone + "/energy_uj", std::to_string(uj));
        write("powercap/" + zone + "/max_energy_range_uj", std::to_string(range));
    }

private:
    fs::path root_;
    static inline int counter_ = 0;
};

SystemPaths pathsOf(const FakeSysfs& f) { return {f.powercap(), f.hwmon(), ""}; }

}  // namespace

TEST(Energy, RaplPackagesDifferencedSubzonesIgnored) {
    FakeSysfs f;
    f.raplZone("intel-rapl:0", "package-0", 1'000'000, 262'143'328'850);
    f.raplZone("intel-rapl:1", "package-1", 5'000'000, 262'143'328'850);
    f.raplZone("intel-rapl:0:0", "core", 10, 262'143'328'850);  // part of package-0
    EnergyMeter meter = EnergyMeter::system(pathsOf(f));
    ASSERT_EQ(meter.names(), (std::vector<std::string>{"CPU package-0 (RAPL)", "CPU package-1 (RAPL)"}));
    meter.start(100.0);
    f.raplZone("intel-rapl:0", "package-0", 4'000'000, 262'143'328'850);   // +3 J
    f.raplZone("intel-rapl:0:0", "core", 99'000'000, 262'143'328'850);     // not counted
    meter.sample(101.0);
    f.raplZone("intel-rapl:0", "package-0", 10'000'000, 262'143'328'850);  // +6 J
    f.raplZone("intel-rapl:1", "package-1", 7'500'000, 262'143'328'850);   // +2.5 J
    const Measurement m = meter.stop(102.0);
    EXPECT_DOUBLE_EQ(m.joules, 11.5);
    EXPECT_DOUBLE_EQ(m.seconds, 2.0);
    EXPECT_EQ(m.sources.size(), 2u);
    EXPECT_DOUBLE_EQ(m.wattHours(), 11.5 / 3600.0);
}

TEST(Energy, RaplCounterWrapsAround) {
    FakeSysfs f;
    const unsigned long long range = 65'536'000'000;  // 65 536 J
    f.raplZone("intel-rapl:0", "package-0", range - 2'000'000, range);  // 2 J before the wrap
    EnergyMeter meter = EnergyMeter::system(pathsOf(f));
    ASSERT_FALSE(meter.empty());
    meter.start(0);
    f.raplZone("intel-rapl:0", "package-0", 3'000'000, range);  // wrapped: 2 J + 3 J
    meter.sample(1);
    f.raplZone("intel-rapl:0", "package-0", 4'000'000, range);  // +1 J
    const Measurement m = meter.stop(2);
    EXPECT_NEAR(m.joules, 6.0, 1e-6);
    EXPECT_TRUE(m.measured());
}

TEST(Energy, PsysAloneWhenPresentAndUnreadableZonesLeftOut) {
    FakeSysfs f;
    f.raplZone("intel-rapl:0", "package-0", 1, 1'000'000'000);
    f.raplZone("intel-rapl:1", "psys", 1, 1'000'000'000);
    EXPECT_EQ(EnergyMeter::system(pathsOf(f)).names(), (std::vector<std::string>{"platform (RAPL psys)"}));

    FakeSysfs g;
    g.write("powercap/intel-rapl:0/name", "package-0");  // no energy_uj (e.g. root only)
    EXPECT_TRUE(EnergyMeter::system(pathsOf(g)).empty());
    FakeSysfs nothing;
    EXPECT_TRUE(EnergyMeter::system(pathsOf(nothing)).empty());
    const Measurement none = EnergyMeter::system(pathsOf(nothing)).stop(1);
    EXPECT_FALSE(none.measured());
    EXPECT_EQ(none.joules, 0);
}

TEST(Energy, AmdgpuEnergyCounterOrIntegratedPower) {
    FakeSysfs f;
    f.write("hwmon/hwmon0/name", "k10temp");
    f.write("hwmon/hwmon1/name", "amdgpu");
    f.write("hwmon/hwmon1/energy1_input", "1000000");
    f.write("hwmon/hwmon2/name", "amdgpu");
    f.write("hwmon/hwmon2/power1_average", "40000000");  // 40 W
    EnergyMeter meter = EnergyMeter::system(pathsOf(f));
    ASSERT_EQ(meter.names(), (std::vector<std::string>{"amdgpu (hwmon1)", "amdgpu (hwmon2)"}));
    meter.start(10.0);
    f.write("hwmon/hwmon1/energy1_input", "21000000");    // +20 J
    f.write("hwmon/hwmon2/power1_average", "60000000");   // 60 W
    meter.sample(11.0);                                   // (40 + 60) / 2 W for 1 s: 50 J
    f.write("hwmon/hwmon2/power1_average", "60000000");
    const Measurement m = meter.stop(13.0);               // 60 W for 2 s: 120 J
    EXPECT_NEAR(m.joules, 20 + 50 + 120, 1e-9);
    EXPECT_EQ(m.sources.size(), 2u);
}

TEST(Energy, SourceThatFailsIsLeftOutNotGuessed) {
    FakeSysfs f;
    f.raplZone("intel-rapl:0", "package-0", 1'000'000, 1'000'000'000);
    f.write("hwmon/hwmon3/name", "amdgpu");
    f.write("hwmon/hwmon3/energy1_input", "5000000");
    EnergyMeter meter = EnergyMeter::system(pathsOf(f));
    ASSERT_EQ(meter.names().size(), 2u);
    meter.start(0);
    f.raplZone("intel-rapl:0", "package-0", 2'000'000, 1'000'000'000);
    f.remove("hwmon/hwmon3/energy1_input");  // gone mid-reply
    meter.sample(1);
    f.write("hwmon/hwmon3/energy1_input", "9000000");  // back: still out of this interval
    const Measurement m = meter.stop(2);
    EXPECT_DOUBLE_EQ(m.joules, 1.0);
    EXPECT_EQ(m.sources, (std::vector<std::string>{"CPU package-0 (RAPL)"}));

    // A counter without a range that goes back (reset) is not measured either.
    meter.start(3);
    f.write("hwmon/hwmon3/energy1_input", "1000");
    const Measurement reset = meter.stop(4);
    EXPECT_EQ(reset.sources, (std::vector<std::string>{"CPU package-0 (RAPL)"}));
    // A new interval starts afresh with every source that reads.
    meter.start(5);
    f.write("hwmon/hwmon3/energy1_input", "3001000");
    EXPECT_DOUBLE_EQ(meter.stop(6).joules, 3.0);
}

TEST(Energy, ReadersRejectGarbage) {
    FakeSysfs f;
    f.write("x", "12abc");
    EXPECT_FALSE(readNumber(f.powercap().parent_path() / "x").has_value());
    f.write("y", "-5");
    EXPECT_FALSE(readNumber(f.powercap().parent_path() / "y").has_value());
    f.write("z", "42");
    EXPECT_EQ(readNumber(f.powercap().parent_path() / "z"), 42.0);
    EXPECT_FALSE(readNumber(f.powercap() / "missing").has_value());
}

TEST(Energy, Co2eFromGridIntensity) {
    EXPECT_DOUBLE_EQ(co2eGrams(1000.0, 57.0), 57.0);  // 1 kWh in France: 57 g
    EXPECT_DOUBLE_EQ(co2eGrams(0.5, 57.0), 0.0285);
}

// A constant power integrates exactly over the recorder's own interval, whatever the samples.
class ConstantPower : public EnergySource {
public:
    std::string name() const override { return "bench supply"; }
    Kind kind() const override { return Kind::Power; }
    std::optional<double> read() override { return 50.0; }
};

TEST(Energy, RecorderSamplesOnItsThread) {
    std::vector<std::unique_ptr<EnergySource>> sources;
    sources.push_back(std::make_unique<ConstantPower>());
    EnergyRecorder recorder(EnergyMeter(std::move(sources)), std::chrono::milliseconds(5));
    EXPECT_FALSE(recorder.stop().measured());  // not started
    recorder.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    const Measurement m = recorder.stop();
    ASSERT_TRUE(m.measured());
    EXPECT_GE(m.seconds, 0.035);
    EXPECT_NEAR(m.joules, 50.0 * m.seconds, 1e-9);
    recorder.start();  // again, and destroyed while running: the thread ends
}

TEST(Energy, NvmlAbsentIsNoSource) {
    EXPECT_TRUE(findNvml("libcauserie-no-such-nvml.so.1").empty());
}

// On a machine with an NVIDIA driver: each GPU's counter moves forward (or stays) and the meter
// measures it. Elsewhere the driver's library does not load and the test is skipped.
TEST(Energy, NvmlOnThisMachine) {
    auto gpus = findNvml();
    if (gpus.empty()) GTEST_SKIP() << "no NVML (no NVIDIA driver, or no energy counter)";
    for (auto& g : gpus) {
        auto a = g->read();
        ASSERT_TRUE(a.has_value()) << g->name();
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        auto b = g->read();
        ASSERT_TRUE(b.has_value());
        EXPECT_GE(*b, *a);
        std::printf("%s: %.3f J in 0.3 s (%.1f W), counter %.0f J\n", g->name().c_str(), *b - *a, (*b - *a) / 0.3, *b);
    }
    EnergyMeter meter(std::move(gpus));
    meter.start(0);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const Measurement m = meter.stop(0.5);
    EXPECT_TRUE(m.measured());
    EXPECT_GT(m.joules, 0.0);  // an idle GPU still draws tens of watts
    std::printf("meter: %.3f J over 0.5 s from %zu source(s)\n", m.joules, m.sources.size());
}
