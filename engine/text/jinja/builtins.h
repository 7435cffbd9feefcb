// Jinja's filters, tests, the Python methods templates call, and value formatting.
#pragma once
#include "text/jinja/interpreter.h"

#include <string>
#include <string_view>

namespace causerie::jinja {

using FilterFn = Result<Value> (*)(Interpreter&, const Value&, CallArgs&);
using TestFn = Result<bool> (*)(Interpreter&, const Value&, CallArgs&);
FilterFn find_filter(std::string_view name);
TestFn find_test(std::string_view name);

enum class MethodKind { None, Safe, Unsafe };
// Whether `obj.name` is a method (Unsafe: it would modify a list or dict, which the immutable
// sandbox forbids).
MethodKind method_kind(const Value& obj, std::string_view name);
Result<Value> call_method(Interpreter& in, const Value& obj, std::string_view name, CallArgs& args);

struct JsonStyle {
    int indent = -1;  // < 0: one line
    bool sort_keys = false;
    bool ensure_ascii = false;
    std::string item_sep;  // empty: Python's default for the indent
    std::string key_sep;
};
// Python's json.dumps of a value (as Hugging Face's tojson filter does).
Result<std::string> to_json_text(Interpreter& in, const Value& v, const JsonStyle& style);
// Python's `fmt % args`.
Result<std::string> percent_format(Interpreter& in, const std::string& fmt, const Value& args);
// Python's str.format (auto/explicit positional and named fields, no format specs beyond basics).
Result<std::string> str_format(Interpreter& in, const std::string& fmt, const CallArgs& args);
// Python's datetime.strftime for the common directives (English names).
std::string format_time(const DateTime& t, std::string_view fmt);

// Argument helpers.
Result<int64_t> arg_int(const CallArgs& args, size_t index, std::string_view name, int64_t fallback);
Result<bool> arg_bool(const CallArgs& args, size_t index, std::string_view name, bool fallback);
Result<std::string> arg_str(const CallArgs& args, size_t index, std::string_view name, const std::string& fallback);

}  // namespace causerie::jinja
