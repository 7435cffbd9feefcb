// The values a Jinja template computes with: Python-like (None, bool, int, float, str, list,
// tuple, dict, namespace, callables) plus Jinja's Undefined. Lists and dicts are immutable
// (as in Hugging Face's ImmutableSandboxedEnvironment); only namespaces can be assigned to.
#pragma once
#include "core/result.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace causerie {
class Json;
}

namespace causerie::jinja {

class Value;
class Interpreter;

struct ListData {
    std::vector<Value> items;
    bool tuple = false;
};

struct DictData {
    std::vector<std::pair<Value, Value>> entries;  // insertion order
    const Value* find(const Value& key) const;
    const Value* find(std::string_view key) const;
    void set(Value key, Value value);
};

struct NamespaceData {
    std::vector<std::pair<std::string, Value>> attrs;
    const Value* find(std::string_view key) const;
    void set(const std::string& key, Value value);
};

// Positional and keyword arguments of a call.
struct CallArgs {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> named;
    // The argument at `index` or named `name`; nullptr when not given.
    const Value* get(size_t index, std::string_view name) const;
};

struct Callable {
    std::string name;
    std::function<Result<Value>(Interpreter&, CallArgs&)> fn;
};

struct LoopData;

class Value {
public:
    enum class Kind { Undefined, None, Bool, Int, Float, String, List, Dict, Namespace, Callable, Loop };

    Value() = default;  // Undefined
    static Value undefined(std::string hint = {});
    static Value none();
    Value(bool b);
    Value(int i) : Value(int64_t(i)) {}
    Value(int64_t i);
    Value(double d);
    Value(const char* s) : Value(std::string(s)) {}
    Value(std::string s);
    static Value list(std::vector<Value> items, bool tuple = false);
    static Value dict(DictData d);
    static Value make_namespace(std::shared_ptr<NamespaceData> ns);
    static Value callable(std::string name, std::function<Result<Value>(Interpreter&, CallArgs&)> fn);
    static Value loop(std::shared_ptr<LoopData> loop);
    static Value from_json(const Json& j);

    Kind kind() const { return kind_; }
    bool is_undefined() const { return kind_ == Kind::Undefined; }
    bool is_none() const { return kind_ == Kind::None; }
    bool is_bool() const { return kind_ == Kind::Bool; }
    bool is_int() const { return kind_ == Kind::Int; }
    bool is_float() const { return kind_ == Kind::Float; }
    bool is_integral() const { return kind_ == Kind::Int || kind_ == Kind::Bool; }  // Python: bool is an int
    bool is_number() const { return is_integral() || is_float(); }
    bool is_string() const { return kind_ == Kind::String; }
    bool is_list() const { return kind_ == Kind::List; }
    bool is_tuple() const { return kind_ == Kind::List && list_data().tuple; }
    bool is_dict() const { return kind_ == Kind::Dict; }
    bool is_namespace() const { return kind_ == Kind::Namespace; }
    bool is_callable() const { return kind_ == Kind::Callable; }
    bool is_loop() const { return kind_ == Kind::Loop; }

    bool as_bool() const { return b_; }
    int64_t as_int() const { return kind_ == Kind::Bool ? int64_t(b_) : i_; }
    double as_double() const { return kind_ == Kind::Float ? d_ : double(as_int()); }
    const std::string& as_string() const { return *static_cast<const std::string*>(p_.get()); }
    const std::string& undefined_hint() const;
    const std::vector<Value>& items() const { return list_data().items; }
    const DictData& as_dict() const { return *static_cast<const DictData*>(p_.get()); }
    NamespaceData& as_namespace() const { return *const_cast<NamespaceData*>(static_cast<const NamespaceData*>(p_.get())); }
    const Callable& as_callable() const { return *static_cast<const Callable*>(p_.get()); }
    const LoopData& as_loop() const { return *static_cast<const LoopData*>(p_.get()); }
    // The shared object behind a list, dict, namespace, callable or loop (identity comparisons).
    const void* identity() const { return p_.get(); }

    // Python truthiness (Undefined is false).
    bool truthy() const;
    // Python str(): what {{ value }} prints (Undefined prints nothing).
    std::string str() const;
    // Python repr(): strings quoted, used inside containers.
    std::string repr() const;
    // Python type name for messages ("str", "dict", "NoneType"...).
    std::string type_name() const;
    // Number of items (strings count code points); -1 when the value has no length.
    int64_t length() const;

private:
    const ListData& list_data() const { return *static_cast<const ListData*>(p_.get()); }

    Kind kind_ = Kind::Undefined;
    bool b_ = false;
    int64_t i_ = 0;
    double d_ = 0;
    // String or Undefined hint (std::string), ListData, DictData, NamespaceData, Callable, LoopData.
    std::shared_ptr<const void> p_;
};

struct LoopData {
    std::shared_ptr<const ListData> items;
    size_t index0 = 0;
    size_t depth0 = 0;
};

// Python ==: numbers by value (True == 1), containers deeply, dicts ignoring order.
bool equals(const Value& a, const Value& b, int depth = 0);
// Python <: numbers, strings (by code point), lists/tuples lexicographically. Error otherwise.
Result<int> compare(const Value& a, const Value& b);
// Items when iterating: list items, dict keys, string characters; Undefined is empty.
Result<std::vector<Value>> iterate(const Value& v);

// Python's repr of a string.
std::string python_string_repr(const std::string& s);

}  // namespace causerie::jinja
