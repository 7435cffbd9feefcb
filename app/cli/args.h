// Minimal "--key value" / "--flag" parsing for the CLI subcommands.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace causerie::cli {

class Args {
public:
    // `flags` lists the options that take no value.
    Args(int argc, char** argv, int first, std::vector<std::string> flags);
    bool has(const std::string& key) const { return values_.count(key) > 0; }
    std::optional<std::string> get(const std::string& key) const;
    std::string get_or(const std::string& key, const std::string& fallback) const;
    // Numeric options; a malformed number is recorded in error().
    long long get_int(const std::string& key, long long fallback);
    double get_double(const std::string& key, double fallback);
    const std::string& error() const { return error_; }
    const std::vector<std::string>& positional() const { return positional_; }

private:
    std::map<std::string, std::string> values_;
    std::vector<std::string> positional_;
    std::string error_;
};

}  // namespace causerie::cli
