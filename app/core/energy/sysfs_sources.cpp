#include "energy/sysfs_sources.h"

#include <algorithm>
#include <charconv>
#include <fstream>

namespace fs = std::filesystem;

namespace causerie::energy {

std::optional<std::string> readLine(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    if (!in || !std::getline(in, line)) return std::nullopt;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    return line;
}

std::optional<double> readNumber(const fs::path& file) {
    auto line = readLine(file);
    if (!line || line->empty()) return std::nullopt;
    unsigned long long value = 0;
    const char* end = line->data() + line->size();
    auto [ptr, ec] = std::from_chars(line->data(), end, value);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return double(value);
}

namespace {

// A sysfs file holding a count of micro-units: µJ (a counter) or µW (a power).
class MicroFile : public EnergySource {
public:
    MicroFile(std::string name, Kind kind, fs::path file, double rangeJoules)
        : name_(std::move(name)), kind_(kind), file_(std::move(file)), range_(rangeJoules) {}
    std::string name() const override { return name_; }
    Kind kind() const override { return kind_; }
    std::optional<double> read() override {
        auto v = readNumber(file_);
        if (!v) return std::nullopt;
        return *v * 1e-6;
    }
    double range() const override { return range_; }

private:
    std::string name_;
    Kind kind_;
    fs::path file_;
    double range_;
};

std::vector<fs::path> sortedEntries(const fs::path& root, const std::string& prefix) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(root, ec)) {
        const std::string n = e.path().filename().string();
        if (n.rfind(prefix, 0) == 0) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

std::vector<std::unique_ptr<EnergySource>> findRapl(const fs::path& root) {
    struct Zone {
        std::string name;
        fs::path dir;
        double range;
    };
    std::vector<Zone> zones;
    for (const fs::path& dir : sortedEntries(root, "intel-rapl:")) {
        // Top-level zones only ("intel-rapl:0"); subzones ("intel-rapl:0:1": core, uncore) are
        // parts of their package.
        if (dir.filename().string().find(':', std::string("intel-rapl:").size()) != std::string::npos) continue;
        if (!readNumber(dir / "energy_uj")) continue;  // unreadable (root only) or absent
        const double range = readNumber(dir / "max_energy_range_uj").value_or(0) * 1e-6;
        zones.push_back({readLine(dir / "name").value_or(dir.filename().string()), dir, range});
    }
    const bool psys = std::any_of(zones.begin(), zones.end(), [](const Zone& z) { return z.name == "psys"; });
    std::vector<std::unique_ptr<EnergySource>> out;
    for (const Zone& z : zones) {
        if (psys && z.name != "psys") continue;
        const std::string label = z.name == "psys" ? "platform (RAPL psys)" : "CPU " + z.name + " (RAPL)";
        out.push_back(std::make_unique<MicroFile>(label, EnergySource::Kind::Counter, z.dir / "energy_uj", z.range));
    }
    return out;
}

std::vector<std::unique_ptr<EnergySource>> findAmdgpu(const fs::path& root) {
    std::vector<std::unique_ptr<EnergySource>> out;
    for (const fs::path& dir : sortedEntries(root, "hwmon")) {
        if (readLine(dir / "name").value_or("") != "amdgpu") continue;
        const std::string label = "amdgpu (" + dir.filename().string() + ")";
        if (readNumber(dir / "energy1_input")) {
            out.push_back(std::make_unique<MicroFile>(label, EnergySource::Kind::Counter, dir / "energy1_input", 0.0));
            continue;
        }
        for (const char* file : {"power1_average", "power1_input"}) {
            if (readNumber(dir / file)) {
                out.push_back(std::make_unique<MicroFile>(label, EnergySource::Kind::Power, dir / file, 0.0));
                break;
            }
        }
    }
    return out;
}

}  // namespace causerie::energy
