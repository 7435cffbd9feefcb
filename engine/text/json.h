// A small JSON value (objects keep insertion order), a strict parser and a serializer.
#pragma once
#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace causerie {

class Json {
public:
    enum class Type { Null, Bool, Int, Double, String, Array, Object };
    using Array = std::vector<Json>;
    using Object = std::vector<std::pair<std::string, Json>>;

    Json() = default;
    Json(std::nullptr_t) {}
    Json(bool b) : v_(b) {}
    Json(int i) : v_(int64_t(i)) {}
    Json(int64_t i) : v_(i) {}
    Json(double d) : v_(d) {}
    Json(const char* s) : v_(std::string(s)) {}
    Json(std::string s) : v_(std::move(s)) {}
    Json(Array a) : v_(std::move(a)) {}
    Json(Object o) : v_(std::move(o)) {}

    Type type() const { return Type(v_.index()); }
    bool is_null() const { return type() == Type::Null; }
    bool is_bool() const { return type() == Type::Bool; }
    bool is_int() const { return type() == Type::Int; }
    bool is_double() const { return type() == Type::Double; }
    bool is_number() const { return is_int() || is_double(); }
    bool is_string() const { return type() == Type::String; }
    bool is_array() const { return type() == Type::Array; }
    bool is_object() const { return type() == Type::Object; }

    // Accessors: call only after checking the type.
    bool as_bool() const { return std::get<bool>(v_); }
    int64_t as_int() const { return std::get<int64_t>(v_); }
    double as_double() const { return is_int() ? double(as_int()) : std::get<double>(v_); }
    const std::string& as_string() const { return std::get<std::string>(v_); }
    const Array& as_array() const { return std::get<Array>(v_); }
    Array& as_array() { return std::get<Array>(v_); }
    const Object& as_object() const { return std::get<Object>(v_); }
    Object& as_object() { return std::get<Object>(v_); }

    // Object member by key (nullptr when absent or not an object).
    const Json* find(std::string_view key) const;
    // Sets a member, replacing an existing one in place (turns a null into an object).
    void set(std::string key, Json value);

    bool operator==(const Json& o) const { return v_ == o.v_; }

private:
    std::variant<std::nullptr_t, bool, int64_t, double, std::string, Array, Object> v_;
};

struct JsonParseOptions {
    size_t max_depth = 256;           // nested arrays/objects
    size_t max_size = size_t(256) << 20;  // bytes of input
};

// Strict RFC 8259: one value, optional surrounding whitespace, valid UTF-8, no trailing commas,
// no comments. Duplicate keys keep the first position and the last value (as Python does).
// Errors say what went wrong and at which byte offset.
Result<Json> parse_json(std::string_view text, const JsonParseOptions& options = {});

struct JsonWriteOptions {
    int indent = -1;                  // < 0: one line
    bool python_separators = false;   // ", " and ": " on one line (Python's json.dumps default)
    bool ensure_ascii = false;        // escape non-ASCII as \uXXXX
};
std::string to_json(const Json& value, const JsonWriteOptions& options = {});

// Appends `s` as a quoted JSON string (invalid UTF-8 bytes become U+FFFD).
void append_json_string(std::string& out, std::string_view s, bool ensure_ascii = false);
// Python's repr of a float ("1.0", "0.1", "1e+20", "inf", "nan").
std::string python_float_repr(double d);

}  // namespace causerie
