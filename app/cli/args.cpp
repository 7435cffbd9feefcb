#include "args.h"

#include <algorithm>
#include <cstdlib>

namespace causerie::cli {

Args::Args(int argc, char** argv, int first, std::vector<std::string> flags) {
    for (int i = first; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) == 0 || (a.size() == 2 && a[0] == '-' && std::isalpha(static_cast<unsigned char>(a[1])))) {
            std::string key = a.substr(a.rfind("--", 0) == 0 ? 2 : 1);
            if (auto eq = key.find('='); eq != std::string::npos) {
                values_[key.substr(0, eq)] = key.substr(eq + 1);
            } else if (std::find(flags.begin(), flags.end(), key) != flags.end() || i + 1 >= argc) {
                values_[key] = "";
            } else {
                values_[key] = argv[++i];
            }
        } else {
            positional_.push_back(a);
        }
    }
}

std::optional<std::string> Args::get(const std::string& key) const {
    auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::string Args::get_or(const std::string& key, const std::string& fallback) const {
    auto v = get(key);
    return v ? *v : fallback;
}

long long Args::get_int(const std::string& key, long long fallback) {
    auto v = get(key);
    if (!v) return fallback;
    char* end = nullptr;
    long long x = std::strtoll(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0') {
        error_ = "--" + key + " expects an integer, got '" + *v + "'";
        return fallback;
    }
    return x;
}

double Args::get_double(const std::string& key, double fallback) {
    auto v = get(key);
    if (!v) return fallback;
    char* end = nullptr;
    double x = std::strtod(v->c_str(), &end);
    if (v->empty() || *end != '\0') {
        error_ = "--" + key + " expects a number, got '" + *v + "'";
        return fallback;
    }
    return x;
}

}  // namespace causerie::cli
