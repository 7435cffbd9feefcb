// Python methods that templates call on strings, dicts, lists and loop objects.
#include "text/jinja/builtins.h"
#include "text/jinja/utf8.h"

#include <algorithm>
#include <array>

namespace causerie::jinja {

namespace {

constexpr std::array kStrMethods = {"strip", "lstrip", "rstrip", "split", "rsplit", "splitlines", "startswith", "endswith",
                                    "replace", "upper", "lower", "title", "capitalize", "swapcase", "casefold", "format",
                                    "find", "rfind", "index", "rindex", "count", "join", "isdigit", "isnumeric",
                                    "isdecimal", "isalpha", "isalnum", "isspace", "isupper", "islower", "zfill", "center",
                                    "ljust", "rjust", "partition", "rpartition", "removeprefix", "removesuffix"};
constexpr std::array kDictMethods = {"items", "keys", "values", "get", "copy"};
constexpr std::array kDictUnsafe = {"pop", "popitem", "setdefault", "update", "clear"};
constexpr std::array kListMethods = {"index", "count", "copy"};
constexpr std::array kListUnsafe = {"append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear"};

template <size_t N>
bool in_list(const std::array<const char*, N>& a, std::string_view name) {
    for (const char* s : a)
        if (name == s) return true;
    return false;
}

// Python's str.strip family: `chars` (a set of code points) or whitespace.
std::string strip_impl(const std::string& s, const Value* chars, bool left, bool right) {
    std::u32string set;
    bool ws = !chars || chars->is_none() || chars->is_undefined();
    if (!ws) set = to_code_points(chars->str());
    auto drop = [&](char32_t c) { return ws ? is_space(c) : set.find(c) != std::u32string::npos; };
    std::u32string cps = to_code_points(s);
    size_t b = 0, e = cps.size();
    if (left)
        while (b < e && drop(cps[b])) ++b;
    if (right)
        while (e > b && drop(cps[e - 1])) --e;
    return from_code_points(std::u32string_view(cps).substr(b, e - b));
}

std::vector<Value> split_impl(const std::string& s, const Value* sep_v, int64_t maxsplit, bool from_right) {
    std::vector<std::string> parts;
    if (!sep_v || sep_v->is_none()) {
        std::u32string cps = to_code_points(s);
        std::vector<std::pair<size_t, size_t>> words;
        size_t i = 0;
        while (i < cps.size()) {
            while (i < cps.size() && is_space(cps[i])) ++i;
            if (i >= cps.size()) break;
            size_t j = i;
            while (j < cps.size() && !is_space(cps[j])) ++j;
            words.emplace_back(i, j);
            i = j;
        }
        if (maxsplit >= 0 && int64_t(words.size()) > maxsplit + 1) {
            if (!from_right) {
                size_t keep = size_t(maxsplit);
                size_t tail = words[keep].first;
                size_t end = cps.size();
                while (end > tail && is_space(cps[end - 1])) --end;
                words.resize(keep);
                words.emplace_back(tail, end);
            } else {
                size_t first = words.size() - size_t(maxsplit);
                size_t head_end = words[first - 1].second;
                size_t begin = 0;
                while (begin < head_end && is_space(cps[begin])) ++begin;
                std::vector<std::pair<size_t, size_t>> w{{begin, head_end}};
                w.insert(w.end(), words.begin() + long(first), words.end());
                words = std::move(w);
            }
        }
        for (auto [b, e] : words) parts.push_back(from_code_points(std::u32string_view(cps).substr(b, e - b)));
    } else {
        std::string sep = sep_v->str();
        if (!from_right) {
            size_t pos = 0;
            int64_t n = 0;
            while (maxsplit < 0 || n < maxsplit) {
                size_t f = s.find(sep, pos);
                if (f == std::string::npos) break;
                parts.push_back(s.substr(pos, f - pos));
                pos = f + sep.size();
                ++n;
            }
            parts.push_back(s.substr(pos));
        } else {
            size_t end = s.size();
            int64_t n = 0;
            std::vector<std::string> rev;
            while (maxsplit < 0 || n < maxsplit) {
                if (end < sep.size()) break;
                size_t f = s.rfind(sep, end - sep.size());
                if (f == std::string::npos) break;
                rev.push_back(s.substr(f + sep.size(), end - f - sep.size()));
                end = f;
                ++n;
            }
            rev.push_back(s.substr(0, end));
            parts.assign(rev.rbegin(), rev.rend());
        }
    }
    std::vector<Value> out;
    out.reserve(parts.size());
    for (auto& p : parts) out.emplace_back(std::move(p));
    return out;
}

Result<Value> string_method(Interpreter& in, const std::string& s, std::string_view name, CallArgs& args) {
    TRY_STATUS(in.work(s.size() / 64 + 1));
    const Value* a0 = args.get(0, "");
    auto bool_all = [&](auto pred) {
        if (s.empty()) return Value(false);
        std::u32string cps = to_code_points(s);
        return Value(std::all_of(cps.begin(), cps.end(), pred));
    };
    if (name == "strip") return Value(strip_impl(s, a0, true, true));
    if (name == "lstrip") return Value(strip_impl(s, a0, true, false));
    if (name == "rstrip") return Value(strip_impl(s, a0, false, true));
    if (name == "split" || name == "rsplit") {
        const Value* sep = args.get(0, "sep");
        if (sep && sep->is_string() && sep->as_string().empty()) return make_error("empty separator");
        TRY_ASSIGN(int64_t maxsplit, arg_int(args, 1, "maxsplit", -1));
        auto parts = split_impl(s, sep, maxsplit, name == "rsplit");
        TRY_STATUS(in.charge(s.size() + parts.size() * sizeof(Value)));
        return Value::list(std::move(parts));
    }
    if (name == "splitlines") {
        std::vector<Value> out;
        size_t start = 0;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\n' || s[i] == '\r') {
                out.emplace_back(s.substr(start, i - start));
                if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
                start = i + 1;
            }
        }
        if (start < s.size()) out.emplace_back(s.substr(start));
        TRY_STATUS(in.charge(s.size() + out.size() * sizeof(Value)));
        return Value::list(std::move(out));
    }
    if (name == "startswith" || name == "endswith") {
        if (!a0) return make_error(std::string(name) + "() takes at least 1 argument");
        std::vector<Value> cands = a0->is_tuple() ? a0->items() : std::vector<Value>{*a0};
        for (const auto& c : cands) {
            if (!c.is_string()) return make_error(std::string(name) + " first arg must be str or a tuple of str, not " + c.type_name());
            const std::string& p = c.as_string();
            bool hit = name == "startswith" ? s.compare(0, p.size(), p) == 0 && s.size() >= p.size()
                                            : s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
            if (hit) return Value(true);
        }
        return Value(false);
    }
    if (name == "replace") {
        const Value* o = args.get(0, "old");
        const Value* n = args.get(1, "new");
        if (!o || !n || !o->is_string() || !n->is_string()) return make_error("replace() expects two strings");
        TRY_ASSIGN(int64_t count, arg_int(args, 2, "count", -1));
        const std::string& old_s = o->as_string();
        const std::string& new_s = n->as_string();
        std::string out;
        if (old_s.empty()) {
            std::u32string cps = to_code_points(s);
            int64_t done = 0;
            for (size_t i = 0; i <= cps.size(); ++i) {
                if (count < 0 || done < count) {
                    out += new_s;
                    ++done;
                }
                if (i < cps.size()) append_utf8(out, cps[i]);
                TRY_STATUS(in.charge(new_s.size() + 4));
            }
            return Value(std::move(out));
        }
        size_t pos = 0;
        int64_t done = 0;
        while (count < 0 || done < count) {
            size_t f = s.find(old_s, pos);
            if (f == std::string::npos) break;
            out.append(s, pos, f - pos);
            out += new_s;
            TRY_STATUS(in.charge(f - pos + new_s.size()));
            pos = f + old_s.size();
            ++done;
        }
        out.append(s, pos, std::string::npos);
        TRY_STATUS(in.charge(s.size() - pos));
        return Value(std::move(out));
    }
    if (name == "upper") return Value(upper(s));
    if (name == "lower" || name == "casefold") return Value(lower(s));
    if (name == "swapcase") {
        std::string out;
        for (size_t i = 0; i < s.size();) {
            char32_t c = decode_utf8(s, i);
            append_utf8(out, is_upper(c) ? to_lower(c) : to_upper(c));
        }
        return Value(std::move(out));
    }
    if (name == "title") {
        std::string out;
        bool prev_cased = false;
        for (size_t i = 0; i < s.size();) {
            char32_t c = decode_utf8(s, i);
            bool cased = is_upper(c) || is_lower(c);
            append_utf8(out, prev_cased ? to_lower(c) : to_upper(c));
            prev_cased = cased;
        }
        return Value(std::move(out));
    }
    if (name == "capitalize") {
        std::string out;
        bool first = true;
        for (size_t i = 0; i < s.size();) {
            char32_t c = decode_utf8(s, i);
            append_utf8(out, first ? to_upper(c) : to_lower(c));
            first = false;
        }
        return Value(std::move(out));
    }
    if (name == "format") {
        TRY_ASSIGN(std::string r, str_format(in, s, args));
        return Value(std::move(r));
    }
    if (name == "find" || name == "rfind" || name == "index" || name == "rindex" || name == "count") {
        if (!a0 || !a0->is_string()) return make_error(std::string(name) + "() expects a string");
        const std::string& sub = a0->as_string();
        if (name == "count") {
            if (sub.empty()) return Value(int64_t(utf8_length(s)) + 1);
            int64_t n = 0;
            for (size_t p = s.find(sub); p != std::string::npos; p = s.find(sub, p + sub.size())) ++n;
            return Value(n);
        }
        size_t f = (name == "find" || name == "index") ? s.find(sub) : s.rfind(sub);
        if (f == std::string::npos) {
            if (name == "index" || name == "rindex") return make_error("substring not found");
            return Value(int64_t(-1));
        }
        return Value(int64_t(utf8_length(std::string_view(s).substr(0, f))));
    }
    if (name == "join") {
        if (!a0) return make_error("join() takes exactly one argument");
        TRY_ASSIGN(std::vector<Value> items, iterate_bounded(in, *a0));
        std::string out;
        for (size_t i = 0; i < items.size(); ++i) {
            if (!items[i].is_string()) return make_error("sequence item " + std::to_string(i) + ": expected str instance, " + items[i].type_name() + " found");
            if (i) out += s;
            out += items[i].as_string();
            TRY_STATUS(in.charge(s.size() + items[i].as_string().size()));
        }
        return Value(std::move(out));
    }
    if (name == "isdigit" || name == "isnumeric" || name == "isdecimal") return bool_all(is_digit);
    if (name == "isalpha") return bool_all(is_alpha);
    if (name == "isalnum") return bool_all(is_alnum);
    if (name == "isspace") return bool_all(is_space);
    if (name == "isupper" || name == "islower") {
        bool any_cased = false, ok = true;
        for (size_t i = 0; i < s.size();) {
            char32_t c = decode_utf8(s, i);
            if (is_upper(c)) {
                any_cased = true;
                if (name == "islower") ok = false;
            } else if (is_lower(c)) {
                any_cased = true;
                if (name == "isupper") ok = false;
            }
        }
        return Value(any_cased && ok);
    }
    if (name == "zfill" || name == "center" || name == "ljust" || name == "rjust") {
        TRY_ASSIGN(int64_t width, arg_int(args, 0, "width", 0));
        TRY_ASSIGN(std::string fill, arg_str(args, 1, "fillchar", name == "zfill" ? "0" : " "));
        int64_t len = int64_t(utf8_length(s));
        if (width <= len) return Value(s);
        TRY_STATUS(in.charge(size_t(width) * fill.size()));
        int64_t pad = width - len;
        auto rep = [&](int64_t n) {
            std::string r;
            for (int64_t i = 0; i < n; ++i) r += fill;
            return r;
        };
        if (name == "ljust") return Value(s + rep(pad));
        if (name == "rjust") return Value(rep(pad) + s);
        if (name == "zfill") {
            if (!s.empty() && (s[0] == '-' || s[0] == '+')) return Value(s.substr(0, 1) + rep(pad) + s.substr(1));
            return Value(rep(pad) + s);
        }
        int64_t left = pad / 2 + (pad & width & 1);
        return Value(rep(left) + s + rep(pad - left));
    }
    if (name == "partition" || name == "rpartition") {
        if (!a0 || !a0->is_string() || a0->as_string().empty()) return make_error(std::string(name) + "() expects a non-empty separator");
        const std::string& sep = a0->as_string();
        size_t f = name == "partition" ? s.find(sep) : s.rfind(sep);
        if (f == std::string::npos) {
            if (name == "partition") return Value::list({Value(s), Value(""), Value("")}, true);
            return Value::list({Value(""), Value(""), Value(s)}, true);
        }
        return Value::list({Value(s.substr(0, f)), Value(sep), Value(s.substr(f + sep.size()))}, true);
    }
    if (name == "removeprefix" || name == "removesuffix") {
        if (!a0 || !a0->is_string()) return make_error(std::string(name) + "() expects a string");
        const std::string& p = a0->as_string();
        if (name == "removeprefix") return Value(s.compare(0, p.size(), p) == 0 ? s.substr(p.size()) : s);
        if (s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0) return Value(s.substr(0, s.size() - p.size()));
        return Value(s);
    }
    return make_error("'str' object has no attribute '" + std::string(name) + "'");
}

}  // namespace

MethodKind method_kind(const Value& obj, std::string_view name) {
    switch (obj.kind()) {
        case Value::Kind::String: return in_list(kStrMethods, name) ? MethodKind::Safe : MethodKind::None;
        case Value::Kind::Dict:
            if (in_list(kDictMethods, name)) return MethodKind::Safe;
            return in_list(kDictUnsafe, name) ? MethodKind::Unsafe : MethodKind::None;
        case Value::Kind::List:
            if (in_list(kListMethods, name)) return MethodKind::Safe;
            return in_list(kListUnsafe, name) ? MethodKind::Unsafe : MethodKind::None;
        case Value::Kind::Loop: return name == "cycle" ? MethodKind::Safe : MethodKind::None;
        default: return MethodKind::None;
    }
}

Result<Value> call_method(Interpreter& in, const Value& obj, std::string_view name, CallArgs& args) {
    if (obj.is_string()) return string_method(in, obj.as_string(), name, args);
    if (obj.is_dict()) {
        const DictData& d = obj.as_dict();
        TRY_STATUS(in.work(d.entries.size()));
        if (name == "get") {
            const Value* k = args.get(0, "key");
            if (!k) return make_error("get expected at least 1 argument");
            if (const Value* v = d.find(*k)) return *v;
            const Value* def = args.get(1, "default");
            return def ? *def : Value::none();
        }
        if (name == "copy") return obj;
        std::vector<Value> out;
        out.reserve(d.entries.size());
        TRY_STATUS(in.charge(d.entries.size() * sizeof(Value)));
        for (const auto& [k, v] : d.entries) {
            if (name == "items") out.push_back(Value::list({k, v}, true));
            else if (name == "keys") out.push_back(k);
            else out.push_back(v);
        }
        return Value::list(std::move(out));
    }
    if (obj.is_list()) {
        const auto& items = obj.items();
        TRY_STATUS(in.work(items.size()));
        if (name == "copy") return Value::list(items);
        const Value* x = args.get(0, "value");
        if (!x) return make_error(std::string(name) + "() takes exactly one argument");
        if (name == "count") return Value(int64_t(std::count_if(items.begin(), items.end(), [&](const Value& v) { return equals(v, *x); })));
        for (size_t i = 0; i < items.size(); ++i)
            if (equals(items[i], *x)) return Value(int64_t(i));
        return make_error(x->repr() + " is not in list");
    }
    if (obj.is_loop() && name == "cycle") {
        if (args.positional.empty()) return make_error("no items for cycling given");
        return args.positional[obj.as_loop().index0 % args.positional.size()];
    }
    return make_error("'" + obj.type_name() + "' object has no attribute '" + std::string(name) + "'");
}

}  // namespace causerie::jinja
