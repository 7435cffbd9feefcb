// Jinja filters (`value|name(args)`), with Jinja2 3.1's semantics.
#include "text/jinja/builtins.h"
#include "text/jinja/utf8.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <utility>

namespace causerie::jinja {

namespace {

using R = Result<Value>;

Result<std::vector<Value>> seq(Interpreter& in, const Value& v) {
    return iterate_bounded(in, v);
}

// Jinja's attribute getter: "a.b.0" looks up each part as an item, then as an attribute.
Result<Value> attr_path(Interpreter& in, const Value& obj, const std::string& path) {
    Value cur = obj;
    size_t start = 0;
    while (true) {
        size_t dot = path.find('.', start);
        std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        bool digits = !part.empty() && part.size() < 18 && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (cur.is_undefined()) return cur;
        TRY_ASSIGN(cur, in.get_item(cur, digits ? Value(int64_t(std::stoll(part))) : Value(part)));
        if (dot == std::string::npos) return cur;
        start = dot + 1;
    }
}

// Sort/unique key: lowercased strings unless case sensitive.
Value fold(const Value& v, bool case_sensitive) {
    if (!case_sensitive && v.is_string()) return Value(lower(v.as_string()));
    return v;
}

R f_trim(Interpreter& in, const Value& v, CallArgs& a) {
    CallArgs m;
    if (const Value* chars = a.get(0, "chars")) m.positional.push_back(*chars);
    return call_method(in, Value(v.str()), "strip", m);
}

R f_length(Interpreter&, const Value& v, CallArgs&) {
    int64_t n = v.length();
    if (n < 0) {
        if (v.is_namespace()) return Value(int64_t(v.as_namespace().attrs.size()));
        return make_error("object of type '" + v.type_name() + "' has no len()");
    }
    return Value(n);
}

R f_tojson(Interpreter& in, const Value& v, CallArgs& a) {
    // Hugging Face's tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False).
    JsonStyle st;
    TRY_ASSIGN(st.ensure_ascii, arg_bool(a, 0, "ensure_ascii", false));
    if (const Value* ind = a.get(1, "indent"); ind && !ind->is_none()) {
        if (!ind->is_integral()) return make_error("tojson: indent must be an integer");
        st.indent = int(std::clamp<int64_t>(ind->as_int(), 0, 64));
    }
    if (const Value* sep = a.get(2, "separators"); sep && !sep->is_none()) {
        if (!sep->is_list() || sep->items().size() != 2) return make_error("tojson: separators must be a pair of strings");
        st.item_sep = sep->items()[0].str();
        st.key_sep = sep->items()[1].str();
    }
    TRY_ASSIGN(st.sort_keys, arg_bool(a, 3, "sort_keys", false));
    TRY_ASSIGN(std::string s, to_json_text(in, v, st));
    return Value(std::move(s));
}

R f_join(Interpreter& in, const Value& v, CallArgs& a) {
    TRY_ASSIGN(std::string d, arg_str(a, 0, "d", ""));
    const Value* attr = a.get(1, "attribute");
    TRY_ASSIGN(std::vector<Value> items, seq(in, v));
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        Value item = items[i];
        if (attr && !attr->is_none()) {
            TRY_ASSIGN(item, attr_path(in, item, attr->str()));
        }
        std::string s = item.str();
        TRY_STATUS(in.charge(s.size() + d.size()));
        if (i) out += d;
        out += s;
    }
    return Value(std::move(out));
}

R f_default(Interpreter&, const Value& v, CallArgs& a) {
    const Value* def = a.get(0, "default_value");
    bool boolean = false;
    if (const Value* b = a.get(1, "boolean")) boolean = b->truthy();
    if (v.is_undefined() || (boolean && !v.truthy())) return def ? *def : Value("");
    return v;
}

R f_first(Interpreter& in, const Value& v, CallArgs&) {
    TRY_ASSIGN(std::vector<Value> items, seq(in, v));
    if (items.empty()) return Value::undefined("No first item, sequence was empty.");
    return items.front();
}

R f_last(Interpreter& in, const Value& v, CallArgs&) {
    TRY_ASSIGN(std::vector<Value> items, seq(in, v));
    if (items.empty()) return Value::undefined("No last item, sequence was empty.");
    return items.back();
}

// select/reject/selectattr/rejectattr.
R select_impl(Interpreter& in, const Value& v, CallArgs& a, bool by_attr, bool keep) {
    TRY_ASSIGN(std::vector<Value> items, seq(in, v));
    size_t k = 0;
    std::string attr;
    if (by_attr) {
        if (a.positional.empty()) return make_error("selectattr/rejectattr need an attribute name");
        attr = a.positional[k++].str();
    }
    std::string test;
    if (k < a.positional.size()) test = a.positional[k++].str();
    CallArgs targs;
    targs.positional.assign(a.positional.begin() + long(k), a.positional.end());
    targs.named = a.named;
    std::vector<Value> out;
    for (const auto& item : items) {
        Value x = item;
        if (by_attr) {
            TRY_ASSIGN(x, attr_path(in, item, attr));
        }
        bool r;
        if (test.empty()) {
            r = x.truthy();
        } else {
            CallArgs copy = targs;
            TRY_ASSIGN(r, in.test(test, x, copy));
        }
        if (r == keep) out.push_back(item);
    }
    return Value::list(std::move(out));
}
R f_select(Interpreter& in, const Value& v, CallArgs& a) { return select_impl(in, v, a, false, true); }
R f_reject(Interpreter& in, const Value& v, CallArgs& a) { return select_impl(in, v, a, false, false); }
R f_selectattr(Interpreter& in, const Value& v, CallArgs& a) { return select_impl(in, v, a, true, true); }
R f_rejectattr(Interpreter& in, const Value& v, CallArgs& a) { return select_impl(in, v, a, true, false); }

R f_map(Interpreter& in, const Value& v, CallArgs& a) {
    TRY_ASSIGN(std::vector<Value> items, seq(in, v));
    std::vector<Value> out;
    const Value* attr = nullptr;
    const Value* def = nullptr;
    for (const auto& [k, x] : a.named) {
        if (k == "attribute") attr = &x;
        if (k == "default") def = &x;
    }
    if (attr && a.positional.empty()) {
        for (const auto& item : items) {
            TRY_ASSIGN(Value x, attr_path(in, item, attr->str()));
            if (x.is_undefined() && def) x = *def;
            out.push_back(std::move(x));
        }
        return Value::list(std::move(out));
    }
    if (a.positional.empty()) return make_error("map requires a filter argument");
    std::string name = a.positional[0].str();
    CallArgs fargs;
    fargs.positional.assign(a.positional.begin() + 1, a.positional.end());
    fargs.named = a.named;
    for (const auto& item : items) {
        CallArgs copy = fargs;
        TRY_ASSIGN(Value x, in.filter(name, item, copy));
        out.push_back(std::move(x));
    }
    return Value::list(std::move(out));
}

R f_list(Interpreter& in, const Value& v, CallArgs&) {
    TRY_ASSIGN(std::vector<Value> items, seq(in, v));
    TRY_STATUS(in.charge(items.size() * sizeof(Value)));
    return Value::list(std::move(items));
}

R f_string(Interpreter& in, const Value& v, CallArgs&) {
    std::string s = v.str();
    TRY_STATUS(in.charge(s.size()));
    return Value(std::move(s));
}

R f_int(Interpreter&, const Value& v, CallArgs& a) {
    const Value* def = a.get(0, "default");
    Value fallback = def ? *def : Value(int64_t(0));
    TRY_ASSIGN(int64_t base, arg_int(a, 1, "base", 10));
    if (v.is_integral()) return Value(v.as_int());
    if (v.is_float()) {
        double d = std::trunc(v.as_double());
        if (!std::isfinite(d) || std::fabs(d) > 9.2e18) return fallback;
        return Value(int64_t(d));
    }
    if (v.is_string()) {
        std::string s = v.as_string();
        size_t b = s.find_first_not_of(" \t\n\r\f\v"), e = s.find_last_not_of(" \t\n\r\f\v");
        if (b == std::string::npos) return fallback;
        s = s.substr(b, e - b + 1);
        std::string digits;
        for (char c : s)
            if (c != '_') digits += c;
        if (!digits.empty() && digits[0] == '+') digits.erase(0, 1);
        bool neg = !digits.empty() && digits[0] == '-';
        if (neg) digits.erase(0, 1);
        int b10 = int(base < 0 || base == 1 || base > 36 ? 10 : base);
        if (digits.size() > 2 && digits[0] == '0') {
            char p = char(digits[1] | 0x20);
            int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
            if (pb && (b10 == 0 || b10 == pb)) digits.erase(0, 2), b10 = pb;
        }
        if (b10 == 0) b10 = 10;
        if (neg) digits.insert(0, "-");
        int64_t r = 0;
        auto ri = std::from_chars(digits.data(), digits.data() + digits.size(), r, b10);
        if (ri.ec == std::errc() && ri.ptr == digits.data() + digits.size()) return Value(r);
        double d = 0;
        auto rd = std::from_chars(digits.data(), digits.data() + digits.size(), d);
        if (rd.ec == std::errc() && rd.ptr == digits.data() + digits.size() && std::isfinite(d) && std::fabs(d) < 9.2e18)
            return Value(int64_t(std::trunc(d)));
    }
    return fallback;
}

R f_float(Interpreter&, const Value& v, CallArgs& a) {
    const Value* def = a.get(0, "default");
    Value fallback = def ? *def : Value(0.0);
    if (v.is_number()) return Value(v.as_double());
    if (v.is_string()) {
        std::string s = v.as_string();
        size_t b = s.find_first_not_of(" \t\n\r\f\v"), e = s.find_last_not_of(" \t\n\r\f\v");
        if (b == std::string::npos) return fallback;
        s = s.substr(b, e - b + 1);
        if (s[0] == '+') s.erase(0, 1);
        double d = 0;
        auto rd = std::from_chars(s.data(), s.data() + s.size(), d);
        if (rd.ec == std::errc() && rd.ptr == s.data() + s.size()) return Value(d);
    }
    return fallback;
}

R str_method(Interpreter& in, const Value& v, const char* name, CallArgs& a) { return call_method(in, Value(v.str()), name, a); }
R f_upper(Interpreter& in, const Value& v, CallArgs& a) { return str_method(in, v, "upper", a); }
R f_lower(Interpreter& in, const Value& v, CallArgs& a) { return str_method(in, v, "lower", a); }
R f_capitalize(Interpreter& in, const Value& v, CallArgs& a) { return str_method(in, v, "capitalize", a); }
R f_center(Interpreter& in, const Value& v, CallArgs& a) {
    CallArgs m;
    TRY_ASSIGN(int64_t w, arg_int(a, 0, "width", 80));
    m.positional.push_back(Value(w));
    return str_method(in, v, "center", m);
}

R f_replace(Interpreter& in, const Value& v, CallArgs& a) {
    CallArgs m;
    const Value* o = a.get(0, "old");
    const Value* n = a.get(1, "new");
    if (!o || !n) return make_error("replace needs old and new");
    m.positional = {Value(o->str()), Value(n->str())};
    if (const Value* c = a.get(2, "count"); c && !c->is_none()) m.positional.push_back(*c);
    return str_method(in, v, "replace", m);
}

R f_title(Interpreter&, const Value& v, CallArgs&) {
    // Jinja: words start after whitespace, '-', and opening brackets.
    std::string s = v.str(), out;
    bool start = true;
    for (size_t i = 0; i < s.size();) {
        char32_t c = decode_utf8(s, i);
        append_utf8(out, start ? to_upper(c) : to_lower(c));
        start = is_space(c) || c == '-' || c == '(' || c == '{' || c == '[' || c == '<';
    }
    return Value(std::move(out));
}

R f_safe(Interpreter&, const Value& v, CallArgs&) { return v.is_string() ? v : Value(v.str()); }

R f_escape(Interpreter& in, const Value& v, CallArgs&) {
    std::string s = v.str(), out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&#34;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    TRY_STATUS(in.charge(out.size()));
    return Value(std::move(out));
}

R f_indent(Interpreter& in, const Value& v, CallArgs& a) {
    if (!v.is_string()) return make_error("indent: unsupported operand type(s) for +=: '" + v.type_name() + "' and 'str'");
    std::string ind;
    const Value* w = a.get(0, "width");
    if (w && w->is_string()) ind = w->as_string();
    else {
        TRY_ASSIGN(int64_t n, arg_int(a, 0, "width", 4));
        ind.assign(size_t(std::clamp<int64_t>(n, 0, 1000)), ' ');
    }
    TRY_ASSIGN(bool first, arg_bool(a, 1, "first", false));
    TRY_ASSIGN(bool blank, arg_bool(a, 2, "blank", false));
    std::string s = v.str() + "\n";
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i)
        if (s[i] == '\n' || s[i] == '\r') {
            lines.push_back(s.substr(start, i - start));
            if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
            start = i + 1;
        }
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (i) out += "\n";
        if (i && (blank || !lines[i].empty())) out += ind;
        out += lines[i];
        TRY_STATUS(in.charge(lines[i].size() + ind.size() + 1));
    }
    if (first) out = ind + out;
    return Value(std::move(out));
}

R f_items(Interpreter& in, const Value& v, CallArgs& a) {
    if (v.is_undefined()) return Value::list({});
    if (!v.is_dict()) return make_error("Can only get item pairs from a mapping.");
    return call_method(in, v, "items", a);
}

R f_unique(Interpreter& in, const Value& v, CallArgs& a) {
    TRY_ASSIGN(std::vector<Value> items, seq(in, v));
    TRY_ASSIGN(bool cs, arg_bool(a, 0, "case_sensitive", false));
    const Value* attr = a.get(1, "attribute");
    std::vector<Value> out, seen;
    for (const auto& item : items) {
        Value key = item;
        if (attr && !attr->is_none()) {
            TRY_ASSIGN(key, attr_path(in, item, attr->str()));
        }
        key = fold(key, cs);
        TRY_STATUS(in.work(seen.size()));
        if (std::any_of(seen.begin(), seen.end(), [&](const Value& s) { return equals(s, key); })) continue;
        seen.push_back(key);
        out.push_back(item);
    }
    return Value::list(std::move(out));
}

Status sort_values(Interpreter& in, std::vector<Value>& items, bool reverse, bool cs, const Value* attr) {
    std::vector<std::pair<Value, Value>> keyed;
    for (const auto& item : items) {
        Value key = item;
        if (attr && !attr->is_none()) {
            TRY_ASSIGN(key, attr_path(in, item, attr->str()));
        }
        keyed.emplace_back(fold(key, cs), item);
    }
    TRY_STATUS(in.work(items.size() * 20));
    Error err{};
    bool failed = false;
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& x, const auto& y) {
        auto c = reverse ? compare(y.first, x.first) : compare(x.first, y.first);
        if (!c) {
            if (!failed) err = c.error();
            failed = true;
            return false;
        }
        return *c < 0;
    });
    if (failed) return err;
    for (size_t i = 0; i < items.size(); ++i) items[i] = keyed[i].second;
    return {};
}

R f_sort(Interpreter& in, const Value& v, CallArgs& a) {
    TRY_ASSIGN(std::vector<Value> items, seq(in, v));
    TRY_ASSIGN(bool reverse, arg_bool(a, 0, "reverse", false));
    TRY_ASSIGN(bool cs, arg_bool(a, 1, "case_sensitive", false));
    TRY_STATUS(sort_values(in, items, reverse, cs, a.get(2, "attribute")));
    return Value::list(std::move(items));
}

R f_dictsort(Interpreter& in, const Value& v, CallArgs& a) {
    if (!v.is_dict()) return make_error("dictsort expects a mapping");
    TRY_ASSIGN(bool cs, arg_bool(a, 0, "case_sensitive", false));
    TRY_ASSIGN(std::string by, arg_str(a, 1, "by", "key"));
    TRY_ASSIGN(bool reverse, arg_bool(a, 2, "reverse", false));
    std::vector<Value> items;
    for (const auto& [k, x] : v.as_dict().entries) items.push_back(Value::list({k, x}, true));
    Value path(std::string(by == "value" ? "1" : "0"));
    TRY_STATUS(sort_values(in, items, reverse, cs, &path));
    return Value::list(std::move(items));
}

R f_reverse(Interpreter& in, const Value& v, CallArgs&) {
    if (v.is_string()) {
        std::u32string cps = to_code_points(v.as_string());
        std::reverse(cps.begin(), cps.end());
        return Value(from_code_points(cps));
    }
    TRY_ASSIGN(std::vector<Value> items, seq(in, v));
    std::reverse(items.begin(), items.end());
    return Value::list(std::move(items));
}

R f_abs(Interpreter&, const Value& v, CallArgs&) {
    if (v.is_float()) return Value(std::fabs(v.as_double()));
    if (v.is_integral()) {
        if (v.as_int() == INT64_MIN) return make_error("integer overflow");
        return Value(v.as_int() < 0 ? -v.as_int() : v.as_int());
    }
    return make_error("bad operand type for abs(): '" + v.type_name() + "'");
}

R f_round(Interpreter&, const Value& v, CallArgs& a) {
    TRY_ASSIGN(int64_t prec, arg_int(a, 0, "precision", 0));
    TRY_ASSIGN(std::string method, arg_str(a, 1, "method", "common"));
    if (!v.is_number()) return make_error("round: a number is required, not " + v.type_name());
    if (method != "common" && method != "ceil" && method != "floor") return make_error("method must be common, ceil or floor");
    prec = std::clamp<int64_t>(prec, -300, 300);
    if (method == "common" && v.is_integral() && prec >= 0) return Value(v.as_int());
    if (method == "common" && prec > 0) {  // correctly rounded, as Python's round()
        char buf[512];
        std::snprintf(buf, sizeof buf, "%.*f", int(prec), v.as_double());
        double r = 0;
        std::from_chars(buf, buf + std::strlen(buf), r);
        return Value(r);
    }
    double scale = std::pow(10.0, double(prec));
    double x = v.as_double() * scale;
    double r = method == "ceil" ? std::ceil(x) : method == "floor" ? std::floor(x) : std::nearbyint(x);
    if (method == "common" && v.is_integral()) return Value(int64_t(r / scale));
    return Value(r / scale);
}

R f_wordcount(Interpreter&, const Value& v, CallArgs&) {
    std::string s = v.str();
    int64_t n = 0;
    bool in_word = false;
    for (size_t i = 0; i < s.size();) {
        char32_t c = decode_utf8(s, i);
        bool w = is_alnum(c) || c == '_';
        if (w && !in_word) ++n;
        in_word = w;
    }
    return Value(n);
}

R minmax(Interpreter& in, const Value& v, CallArgs& a, bool want_max) {
    TRY_ASSIGN(std::vector<Value> items, seq(in, v));
    if (items.empty()) return Value::undefined("No aggregated item, sequence was empty.");
    TRY_ASSIGN(bool cs, arg_bool(a, 0, "case_sensitive", false));
    TRY_STATUS(sort_values(in, items, false, cs, a.get(1, "attribute")));
    return want_max ? items.back() : items.front();
}
R f_min(Interpreter& in, const Value& v, CallArgs& a) { return minmax(in, v, a, false); }
R f_max(Interpreter& in, const Value& v, CallArgs& a) { return minmax(in, v, a, true); }

R f_sum(Interpreter& in, const Value& v, CallArgs& a) {
    TRY_ASSIGN(std::vector<Value> items, seq(in, v));
    const Value* attr = a.get(0, "attribute");
    const Value* start = a.get(1, "start");
    Value total = start ? *start : Value(int64_t(0));
    for (const auto& item : items) {
        Value x = item;
        if (attr && !attr->is_none()) {
            TRY_ASSIGN(x, attr_path(in, item, attr->str()));
        }
        TRY_ASSIGN(total, binary_op(in, "+", total, x));
    }
    return total;
}

R f_attr(Interpreter& in, const Value& v, CallArgs& a) {
    const Value* name = a.get(0, "name");
    if (!name) return make_error("attr needs a name");
    // Only attributes, not items: a dict's keys are not attributes.
    if (v.is_dict() && method_kind(v, name->str()) == MethodKind::None) return Value::undefined("'dict object' has no attribute '" + name->str() + "'");
    return in.get_attr(v, name->str());
}

R f_format(Interpreter& in, const Value& v, CallArgs& a) {
    TRY_ASSIGN(std::string s, percent_format(in, v.str(), Value::list(a.positional, true)));
    return Value(std::move(s));
}

R f_truncate(Interpreter&, const Value& v, CallArgs& a) {
    if (!v.is_string()) return make_error("truncate: object of type '" + v.type_name() + "' has no len()");
    TRY_ASSIGN(int64_t length, arg_int(a, 0, "length", 255));
    TRY_ASSIGN(bool killwords, arg_bool(a, 1, "killwords", false));
    TRY_ASSIGN(std::string end, arg_str(a, 2, "end", "..."));
    TRY_ASSIGN(int64_t leeway, arg_int(a, 3, "leeway", 5));
    std::u32string s = to_code_points(v.str());
    if (int64_t(s.size()) <= length + leeway) return Value(from_code_points(s));
    int64_t keep = std::max<int64_t>(0, length - int64_t(utf8_length(end)));
    std::u32string head = s.substr(0, size_t(keep));
    if (!killwords) {
        size_t sp = head.rfind(U' ');
        if (sp != std::u32string::npos) head.resize(sp);
    }
    return Value(from_code_points(head) + end);
}

R f_pprint(Interpreter&, const Value& v, CallArgs&) { return Value(v.repr()); }

R f_batch(Interpreter& in, const Value& v, CallArgs& a) {
    TRY_ASSIGN(std::vector<Value> items, seq(in, v));
    TRY_ASSIGN(int64_t n, arg_int(a, 0, "linecount", 1));
    if (n <= 0) return make_error("batch size must be positive");
    const Value* fill = a.get(1, "fill_with");
    std::vector<Value> out, cur;
    for (auto& item : items) {
        cur.push_back(item);
        if (int64_t(cur.size()) == n) out.push_back(Value::list(std::move(cur))), cur.clear();
    }
    if (!cur.empty()) {
        if (fill && !fill->is_none())
            while (int64_t(cur.size()) < n) cur.push_back(*fill);
        out.push_back(Value::list(std::move(cur)));
    }
    return Value::list(std::move(out));
}

const std::pair<std::string_view, FilterFn> kFilters[] = {
    {"trim", f_trim},         {"length", f_length},       {"count", f_length},     {"tojson", f_tojson},
    {"join", f_join},         {"default", f_default},     {"d", f_default},        {"first", f_first},
    {"last", f_last},         {"select", f_select},       {"reject", f_reject},    {"selectattr", f_selectattr},
    {"rejectattr", f_rejectattr}, {"map", f_map},         {"list", f_list},        {"string", f_string},
    {"int", f_int},           {"float", f_float},         {"upper", f_upper},      {"lower", f_lower},
    {"capitalize", f_capitalize}, {"center", f_center},   {"replace", f_replace},  {"title", f_title},
    {"safe", f_safe},         {"escape", f_escape},       {"e", f_escape},         {"forceescape", f_escape},
    {"indent", f_indent},     {"items", f_items},         {"unique", f_unique},    {"sort", f_sort},
    {"dictsort", f_dictsort}, {"reverse", f_reverse},     {"abs", f_abs},          {"round", f_round},
    {"wordcount", f_wordcount}, {"min", f_min},           {"max", f_max},          {"sum", f_sum},
    {"attr", f_attr},         {"format", f_format},       {"pprint", f_pprint}, {"truncate", f_truncate},    {"batch", f_batch},
};

}  // namespace

FilterFn find_filter(std::string_view name) {
    for (const auto& [n, f] : kFilters)
        if (n == name) return f;
    return nullptr;
}

}  // namespace causerie::jinja
