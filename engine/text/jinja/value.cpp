// Value: construction, Python truthiness, str()/repr(), equality, ordering and iteration.
#include "text/jinja/value.h"

#include "text/jinja/utf8.h"
#include "text/json.h"

#include <cstdio>

namespace causerie::jinja {

namespace {
const std::shared_ptr<const std::string> kEmpty = std::make_shared<const std::string>();
constexpr int kMaxReprDepth = 64;
}

const Value* DictData::find(const Value& key) const {
    for (const auto& [k, v] : entries)
        if (equals(k, key)) return &v;
    return nullptr;
}

const Value* DictData::find(std::string_view key) const {
    for (const auto& [k, v] : entries)
        if (k.is_string() && k.as_string() == key) return &v;
    return nullptr;
}

void DictData::set(Value key, Value value) {
    for (auto& [k, v] : entries)
        if (equals(k, key)) {
            v = std::move(value);
            return;
        }
    entries.emplace_back(std::move(key), std::move(value));
}

const Value* NamespaceData::find(std::string_view key) const {
    for (const auto& [k, v] : attrs)
        if (k == key) return &v;
    return nullptr;
}

void NamespaceData::set(const std::string& key, Value value) {
    for (auto& [k, v] : attrs)
        if (k == key) {
            v = std::move(value);
            return;
        }
    attrs.emplace_back(key, std::move(value));
}

const Value* CallArgs::get(size_t index, std::string_view name) const {
    if (index < positional.size()) return &positional[index];
    for (const auto& [k, v] : named)
        if (k == name) return &v;
    return nullptr;
}

Value Value::undefined(std::string hint) {
    Value v;
    if (!hint.empty()) v.p_ = std::make_shared<const std::string>(std::move(hint));
    return v;
}

const std::string& Value::undefined_hint() const {
    return p_ ? *static_cast<const std::string*>(p_.get()) : *kEmpty;
}

Value Value::none() {
    Value v;
    v.kind_ = Kind::None;
    return v;
}

Value::Value(bool b) : kind_(Kind::Bool), b_(b) {}
Value::Value(int64_t i) : kind_(Kind::Int), i_(i) {}
Value::Value(double d) : kind_(Kind::Float), d_(d) {}
Value::Value(std::string s) : kind_(Kind::String), p_(std::make_shared<const std::string>(std::move(s))) {}

Value Value::list(std::vector<Value> items, bool tuple) {
    Value v;
    v.kind_ = Kind::List;
    auto d = std::make_shared<ListData>();
    d->items = std::move(items);
    d->tuple = tuple;
    v.p_ = std::move(d);
    return v;
}

Value Value::dict(DictData d) {
    Value v;
    v.kind_ = Kind::Dict;
    v.p_ = std::make_shared<const DictData>(std::move(d));
    return v;
}

Value Value::make_namespace(std::shared_ptr<NamespaceData> ns) {
    Value v;
    v.kind_ = Kind::Namespace;
    v.p_ = std::move(ns);
    return v;
}

Value Value::callable(std::string name, std::function<Result<Value>(Interpreter&, CallArgs&)> fn) {
    Value v;
    v.kind_ = Kind::Callable;
    v.p_ = std::make_shared<const Callable>(Callable{std::move(name), std::move(fn)});
    return v;
}

Value Value::loop(std::shared_ptr<LoopData> loop) {
    Value v;
    v.kind_ = Kind::Loop;
    v.p_ = std::move(loop);
    return v;
}

Value Value::from_json(const Json& j) {
    switch (j.type()) {
        case Json::Type::Null: return none();
        case Json::Type::Bool: return Value(j.as_bool());
        case Json::Type::Int: return Value(j.as_int());
        case Json::Type::Double: return Value(j.as_double());
        case Json::Type::String: return Value(j.as_string());
        case Json::Type::Array: {
            std::vector<Value> items;
            items.reserve(j.as_array().size());
            for (const auto& e : j.as_array()) items.push_back(from_json(e));
            return list(std::move(items));
        }
        case Json::Type::Object: {
            DictData d;
            d.entries.reserve(j.as_object().size());
            for (const auto& [k, e] : j.as_object()) d.entries.emplace_back(Value(k), from_json(e));
            return dict(std::move(d));
        }
    }
    return none();
}

bool Value::truthy() const {
    switch (kind_) {
        case Kind::Undefined:
        case Kind::None: return false;
        case Kind::Bool: return b_;
        case Kind::Int: return i_ != 0;
        case Kind::Float: return d_ != 0;
        case Kind::String: return !as_string().empty();
        case Kind::List: return !items().empty();
        case Kind::Dict: return !as_dict().entries.empty();
        default: return true;
    }
}

std::string Value::type_name() const {
    switch (kind_) {
        case Kind::Undefined: return "Undefined";
        case Kind::None: return "NoneType";
        case Kind::Bool: return "bool";
        case Kind::Int: return "int";
        case Kind::Float: return "float";
        case Kind::String: return "str";
        case Kind::List: return is_tuple() ? "tuple" : "list";
        case Kind::Dict: return "dict";
        case Kind::Namespace: return "Namespace";
        case Kind::Callable: return "function";
        case Kind::Loop: return "LoopContext";
    }
    return "object";
}

int64_t Value::length() const {
    switch (kind_) {
        case Kind::Undefined: return 0;
        case Kind::String: return int64_t(utf8_length(as_string()));
        case Kind::List: return int64_t(items().size());
        case Kind::Dict: return int64_t(as_dict().entries.size());
        default: return -1;
    }
}

std::string python_string_repr(const std::string& s) {
    bool has_single = s.find('\'') != std::string::npos;
    bool has_double = s.find('"') != std::string::npos;
    char q = (has_single && !has_double) ? '"' : '\'';
    std::string out(1, q);
    for (size_t i = 0; i < s.size();) {
        char32_t c = decode_utf8(s, i);
        char buf[16];
        if (c == char32_t(q) || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD) {
            std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(c));
            out += buf;
        } else {
            append_utf8(out, c);
        }
    }
    out += q;
    return out;
}

namespace {

void repr_into(std::string& out, const Value& v, int depth);

void repr_items(std::string& out, const std::vector<Value>& items, int depth) {
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        repr_into(out, items[i], depth + 1);
    }
}

void repr_into(std::string& out, const Value& v, int depth) {
    if (depth > kMaxReprDepth) {
        out += "...";
        return;
    }
    switch (v.kind()) {
        case Value::Kind::String: out += python_string_repr(v.as_string()); return;
        case Value::Kind::List:
            if (v.is_tuple()) {
                out += '(';
                repr_items(out, v.items(), depth);
                if (v.items().size() == 1) out += ',';
                out += ')';
            } else {
                out += '[';
                repr_items(out, v.items(), depth);
                out += ']';
            }
            return;
        case Value::Kind::Dict: {
            out += '{';
            bool first = true;
            for (const auto& [k, e] : v.as_dict().entries) {
                if (!first) out += ", ";
                first = false;
                repr_into(out, k, depth + 1);
                out += ": ";
                repr_into(out, e, depth + 1);
            }
            out += '}';
            return;
        }
        case Value::Kind::Namespace: {
            out += "<Namespace {";
            bool first = true;
            for (const auto& [k, e] : v.as_namespace().attrs) {
                if (!first) out += ", ";
                first = false;
                out += python_string_repr(k) + ": ";
                repr_into(out, e, depth + 1);
            }
            out += "}>";
            return;
        }
        case Value::Kind::Undefined: return;
        default: out += v.str(); return;
    }
}

}  // namespace

std::string Value::str() const {
    switch (kind_) {
        case Kind::Undefined: return {};
        case Kind::None: return "None";
        case Kind::Bool: return b_ ? "True" : "False";
        case Kind::Int: return std::to_string(i_);
        case Kind::Float: return python_float_repr(d_);
        case Kind::String: return as_string();
        case Kind::Callable: return "<function " + as_callable().name + ">";
        case Kind::Loop: return "<LoopContext>";
        default: return repr();
    }
}

std::string Value::repr() const {
    std::string out;
    repr_into(out, *this, 0);
    return out;
}

bool equals(const Value& a, const Value& b, int depth) {
    if (depth > kMaxReprDepth) return false;
    if (a.is_number() && b.is_number()) {
        if (a.is_float() || b.is_float()) return a.as_double() == b.as_double();
        return a.as_int() == b.as_int();
    }
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
        case Value::Kind::Undefined:
        case Value::Kind::None: return true;
        case Value::Kind::String: return a.as_string() == b.as_string();
        case Value::Kind::List: {
            if (a.is_tuple() != b.is_tuple() || a.items().size() != b.items().size()) return false;
            for (size_t i = 0; i < a.items().size(); ++i)
                if (!equals(a.items()[i], b.items()[i], depth + 1)) return false;
            return true;
        }
        case Value::Kind::Dict: {
            const auto& da = a.as_dict();
            const auto& db = b.as_dict();
            if (da.entries.size() != db.entries.size()) return false;
            for (const auto& [k, v] : da.entries) {
                const Value* o = db.find(k);
                if (!o || !equals(v, *o, depth + 1)) return false;
            }
            return true;
        }
        case Value::Kind::Namespace:
        case Value::Kind::Callable:
        case Value::Kind::Loop: return a.identity() == b.identity();
        default: return false;
    }
}

Result<int> compare(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) {
        if (a.is_float() || b.is_float()) {
            double x = a.as_double(), y = b.as_double();
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        int64_t x = a.as_int(), y = b.as_int();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.is_string() && b.is_string()) {
        // UTF-8 byte order equals code point order.
        int c = a.as_string().compare(b.as_string());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (a.is_list() && b.is_list() && a.is_tuple() == b.is_tuple()) {
        const auto& x = a.items();
        const auto& y = b.items();
        for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (equals(x[i], y[i])) continue;
            return compare(x[i], y[i]);
        }
        return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    if (a.is_undefined() || b.is_undefined()) {
        const Value& u = a.is_undefined() ? a : b;
        return make_error(u.undefined_hint().empty() ? "undefined value used in a comparison" : u.undefined_hint());
    }
    return make_error("'<' not supported between instances of '" + a.type_name() + "' and '" + b.type_name() + "'");
}

Result<std::vector<Value>> iterate(const Value& v) {
    switch (v.kind()) {
        case Value::Kind::Undefined: return std::vector<Value>{};
        case Value::Kind::List: return v.items();
        case Value::Kind::Dict: {
            std::vector<Value> keys;
            keys.reserve(v.as_dict().entries.size());
            for (const auto& [k, e] : v.as_dict().entries) keys.push_back(k);
            return keys;
        }
        case Value::Kind::String: {
            std::vector<Value> chars;
            const std::string& s = v.as_string();
            for (size_t i = 0; i < s.size();) {
                size_t start = i;
                decode_utf8(s, i);
                chars.emplace_back(s.substr(start, i - start));
            }
            return chars;
        }
        default: return make_error("'" + v.type_name() + "' object is not iterable");
    }
}

}  // namespace causerie::jinja
