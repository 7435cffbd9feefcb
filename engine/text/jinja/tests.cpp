// Jinja tests (`x is defined`, `x is divisibleby 3`...).
#include "text/jinja/builtins.h"
#include "text/jinja/utf8.h"

#include <string_view>
#include <utility>

namespace causerie::jinja {

namespace {

using R = Result<bool>;

const Value& arg0(const CallArgs& a) {
    static const Value undefined;
    return a.positional.empty() ? (a.named.empty() ? undefined : a.named[0].second) : a.positional[0];
}

R t_defined(Interpreter&, const Value& v, CallArgs&) { return !v.is_undefined(); }
R t_undefined(Interpreter&, const Value& v, CallArgs&) { return v.is_undefined(); }
R t_none(Interpreter&, const Value& v, CallArgs&) { return v.is_none(); }
R t_boolean(Interpreter&, const Value& v, CallArgs&) { return v.is_bool(); }
R t_true(Interpreter&, const Value& v, CallArgs&) { return v.is_bool() && v.as_bool(); }
R t_false(Interpreter&, const Value& v, CallArgs&) { return v.is_bool() && !v.as_bool(); }
R t_integer(Interpreter&, const Value& v, CallArgs&) { return v.is_int(); }
R t_float(Interpreter&, const Value& v, CallArgs&) { return v.is_float(); }
R t_number(Interpreter&, const Value& v, CallArgs&) { return v.is_number(); }
R t_string(Interpreter&, const Value& v, CallArgs&) { return v.is_string(); }
R t_mapping(Interpreter&, const Value& v, CallArgs&) { return v.is_dict(); }
R t_iterable(Interpreter&, const Value& v, CallArgs&) {
    return v.is_string() || v.is_list() || v.is_dict() || v.is_undefined() || v.is_loop();
}
R t_sequence(Interpreter&, const Value& v, CallArgs&) { return v.is_string() || v.is_list() || v.is_dict() || v.is_undefined(); }
R t_callable(Interpreter&, const Value& v, CallArgs&) { return v.is_callable(); }
R t_escaped(Interpreter&, const Value&, CallArgs&) { return false; }
R t_sameas(Interpreter&, const Value& v, CallArgs& a) {
    const Value& o = arg0(a);
    if (v.kind() != o.kind()) return false;
    if (v.is_none() || v.is_bool() || v.is_undefined()) return equals(v, o);
    if (v.is_int()) return v.as_int() == o.as_int() && v.as_int() >= -5 && v.as_int() <= 256;  // CPython's small ints
    return false;
}
R t_odd(Interpreter& in, const Value& v, CallArgs&) {
    TRY_ASSIGN(Value r, binary_op(in, "%", v, Value(int64_t(2))));
    return equals(r, Value(int64_t(1)));
}
R t_even(Interpreter& in, const Value& v, CallArgs&) {
    TRY_ASSIGN(Value r, binary_op(in, "%", v, Value(int64_t(2))));
    return equals(r, Value(int64_t(0)));
}
R t_divisibleby(Interpreter& in, const Value& v, CallArgs& a) {
    TRY_ASSIGN(Value r, binary_op(in, "%", v, arg0(a)));
    return !r.truthy();
}
R cmp(Interpreter& in, const Value& v, CallArgs& a, const char* op) {
    TRY_ASSIGN(Value r, binary_op(in, op, v, arg0(a)));
    return r.truthy();
}
R t_eq(Interpreter& in, const Value& v, CallArgs& a) { return cmp(in, v, a, "=="); }
R t_ne(Interpreter& in, const Value& v, CallArgs& a) { return cmp(in, v, a, "!="); }
R t_lt(Interpreter& in, const Value& v, CallArgs& a) { return cmp(in, v, a, "<"); }
R t_le(Interpreter& in, const Value& v, CallArgs& a) { return cmp(in, v, a, "<="); }
R t_gt(Interpreter& in, const Value& v, CallArgs& a) { return cmp(in, v, a, ">"); }
R t_ge(Interpreter& in, const Value& v, CallArgs& a) { return cmp(in, v, a, ">="); }
R t_in(Interpreter& in, const Value& v, CallArgs& a) { return contains(in, arg0(a), v); }
R t_lower(Interpreter&, const Value& v, CallArgs&) {
    std::string s = v.str();
    return lower(s) == s && upper(s) != s;
}
R t_upper(Interpreter&, const Value& v, CallArgs&) {
    std::string s = v.str();
    return upper(s) == s && lower(s) != s;
}
R t_filter(Interpreter&, const Value& v, CallArgs&) { return v.is_string() && find_filter(v.as_string()) != nullptr; }
R t_test(Interpreter&, const Value& v, CallArgs&) { return v.is_string() && find_test(v.as_string()) != nullptr; }

const std::pair<std::string_view, TestFn> kTests[] = {
    {"defined", t_defined},   {"undefined", t_undefined}, {"none", t_none},         {"boolean", t_boolean},
    {"true", t_true},         {"false", t_false},         {"integer", t_integer},   {"float", t_float},
    {"number", t_number},     {"string", t_string},       {"mapping", t_mapping},   {"iterable", t_iterable},
    {"sequence", t_sequence}, {"callable", t_callable},   {"escaped", t_escaped},   {"sameas", t_sameas},
    {"odd", t_odd},           {"even", t_even},           {"divisibleby", t_divisibleby},
    {"eq", t_eq},             {"equalto", t_eq},          {"==", t_eq},             {"ne", t_ne},
    {"!=", t_ne},             {"lt", t_lt},               {"lessthan", t_lt},       {"<", t_lt},
    {"le", t_le},             {"<=", t_le},               {"gt", t_gt},             {"greaterthan", t_gt},
    {">", t_gt},              {"ge", t_ge},               {">=", t_ge},             {"in", t_in},
    {"lower", t_lower},       {"upper", t_upper},         {"filter", t_filter},     {"test", t_test},
};

}  // namespace

TestFn find_test(std::string_view name) {
    for (const auto& [n, f] : kTests)
        if (n == name) return f;
    return nullptr;
}

}  // namespace causerie::jinja
