// Value formatting Python-style: json.dumps (tojson), `%` formatting, str.format, strftime.
#include "text/jinja/builtins.h"
#include "text/jinja/utf8.h"
#include "text/json.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace causerie::jinja {

Result<int64_t> arg_int(const CallArgs& args, size_t index, std::string_view name, int64_t fallback) {
    const Value* v = args.get(index, name);
    if (!v || v->is_none() || v->is_undefined()) return fallback;
    if (v->is_integral()) return v->as_int();
    if (v->is_float()) return int64_t(v->as_double());
    return make_error("argument '" + std::string(name) + "' must be an integer, not '" + v->type_name() + "'");
}

Result<bool> arg_bool(const CallArgs& args, size_t index, std::string_view name, bool fallback) {
    const Value* v = args.get(index, name);
    if (!v) return fallback;
    return v->truthy();
}

Result<std::string> arg_str(const CallArgs& args, size_t index, std::string_view name, const std::string& fallback) {
    const Value* v = args.get(index, name);
    if (!v || v->is_none()) return fallback;
    return v->str();
}

namespace {

Result<std::string> json_key(const Value& k) {
    if (k.is_string()) return k.as_string();
    if (k.is_bool()) return std::string(k.as_bool() ? "true" : "false");
    if (k.is_int()) return std::to_string(k.as_int());
    if (k.is_float()) return python_float_repr(k.as_double());
    if (k.is_none()) return std::string("null");
    return make_error("keys must be str, int, float, bool or None, not " + k.type_name());
}

Status json_into(Interpreter& in, std::string& out, const Value& v, const JsonStyle& st, int level) {
    if (level > 512) return make_error("tojson: value nested too deeply");
    TRY_STATUS(in.work());
    if (out.size() > in.options().limits.max_value_size) return make_error("tojson: output too large");
    auto newline = [&](int lvl) {
        if (st.indent < 0) return;
        out += '\n';
        out.append(size_t(st.indent) * size_t(lvl), ' ');
    };
    const std::string& item_sep = st.item_sep;
    const std::string& key_sep = st.key_sep;
    switch (v.kind()) {
        case Value::Kind::None: out += "null"; return {};
        case Value::Kind::Bool: out += v.as_bool() ? "true" : "false"; return {};
        case Value::Kind::Int: out += std::to_string(v.as_int()); return {};
        case Value::Kind::Float: {
            double d = v.as_double();
            if (std::isnan(d)) out += "NaN";
            else if (std::isinf(d)) out += d < 0 ? "-Infinity" : "Infinity";
            else out += python_float_repr(d);
            return {};
        }
        case Value::Kind::String: append_json_string(out, v.as_string(), st.ensure_ascii); return {};
        case Value::Kind::List: {
            out += '[';
            const auto& items = v.items();
            for (size_t i = 0; i < items.size(); ++i) {
                if (i) out += item_sep;
                newline(level + 1);
                TRY_STATUS(json_into(in, out, items[i], st, level + 1));
            }
            if (!items.empty()) newline(level);
            out += ']';
            return {};
        }
        case Value::Kind::Dict: {
            std::vector<std::pair<std::string, const Value*>> entries;
            for (const auto& [k, e] : v.as_dict().entries) {
                TRY_ASSIGN(std::string key, json_key(k));
                entries.emplace_back(std::move(key), &e);
            }
            if (st.sort_keys)
                std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            out += '{';
            for (size_t i = 0; i < entries.size(); ++i) {
                if (i) out += item_sep;
                newline(level + 1);
                append_json_string(out, entries[i].first, st.ensure_ascii);
                out += key_sep;
                TRY_STATUS(json_into(in, out, *entries[i].second, st, level + 1));
            }
            if (!entries.empty()) newline(level);
            out += '}';
            return {};
        }
        default: return make_error("Object of type " + v.type_name() + " is not JSON serializable");
    }
}

std::string pad(std::string s, int64_t width, bool left_align, char fill = ' ') {
    int64_t len = int64_t(utf8_length(s));
    if (width <= len) return s;
    std::string p(size_t(width - len), fill);
    return left_align ? s + p : p + s;
}

}  // namespace

Result<std::string> to_json_text(Interpreter& in, const Value& v, const JsonStyle& style) {
    JsonStyle st = style;
    if (st.item_sep.empty()) st.item_sep = st.indent >= 0 ? "," : ", ";
    if (st.key_sep.empty()) st.key_sep = ": ";
    std::string out;
    TRY_STATUS(json_into(in, out, v, st, 0));
    TRY_STATUS(in.charge(out.size()));
    return out;
}

Result<std::string> percent_format(Interpreter& in, const std::string& fmt, const Value& args) {
    std::vector<Value> positional;
    const DictData* mapping = nullptr;
    if (args.is_tuple()) positional = args.items();
    else if (args.is_dict()) mapping = &args.as_dict(), positional.push_back(args);
    else positional.push_back(args);
    size_t next = 0;
    std::string out;
    for (size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%') {
            out += fmt[i];
            continue;
        }
        if (++i >= fmt.size()) return make_error("incomplete format");
        const Value* key_value = nullptr;
        if (fmt[i] == '(') {
            size_t close = fmt.find(')', i);
            if (close == std::string::npos || !mapping) return make_error("format requires a mapping");
            key_value = mapping->find(std::string_view(fmt).substr(i + 1, close - i - 1));
            if (!key_value) return make_error("KeyError: '" + fmt.substr(i + 1, close - i - 1) + "'");
            i = close + 1;
        }
        bool left = false, plus = false, space = false, zero = false, alt = false;
        for (; i < fmt.size(); ++i) {
            if (fmt[i] == '-') left = true;
            else if (fmt[i] == '+') plus = true;
            else if (fmt[i] == ' ') space = true;
            else if (fmt[i] == '0') zero = true;
            else if (fmt[i] == '#') alt = true;
            else break;
        }
        int64_t width = 0, prec = -1;
        while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9' && width < 100000) width = width * 10 + (fmt[i++] - '0');
        if (i < fmt.size() && fmt[i] == '.') {
            prec = 0;
            ++i;
            while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9' && prec < 1000) prec = prec * 10 + (fmt[i++] - '0');
        }
        if (i >= fmt.size()) return make_error("incomplete format");
        char conv = fmt[i];
        if (conv == '%') {
            out += '%';
            continue;
        }
        if (width > 10000) return make_error("format width too large");
        Value arg;
        if (key_value) {
            arg = *key_value;
        } else {
            if (next >= positional.size()) return make_error("not enough arguments for format string");
            arg = positional[next++];
        }
        std::string piece;
        char buf[512];
        std::string flags = std::string(left ? "-" : "") + (plus ? "+" : "") + (space ? " " : "") + (zero ? "0" : "") + (alt ? "#" : "");
        std::string spec = "%" + flags + (width ? std::to_string(width) : "") + (prec >= 0 ? "." + std::to_string(std::min<int64_t>(prec, 300)) : "");
        switch (conv) {
            case 's': piece = arg.str(); break;
            case 'r':
            case 'a': piece = arg.repr(); break;
            case 'd':
            case 'i':
            case 'u':
            case 'x':
            case 'X':
            case 'o':
                if (!arg.is_number()) return make_error(std::string("%") + conv + " format: a number is required, not " + arg.type_name());
                std::snprintf(buf, sizeof buf, (spec + "ll" + (conv == 'i' || conv == 'u' ? 'd' : conv)).c_str(),
                              (long long)(arg.is_float() ? int64_t(std::trunc(arg.as_double())) : arg.as_int()));
                piece = buf;
                break;
            case 'f':
            case 'F':
            case 'e':
            case 'E':
            case 'g':
            case 'G':
                if (!arg.is_number()) return make_error(std::string("%") + conv + " format: a real number is required, not " + arg.type_name());
                std::snprintf(buf, sizeof buf, (spec + conv).c_str(), arg.as_double());
                piece = buf;
                break;
            case 'c':
                if (arg.is_integral()) append_utf8(piece, char32_t(arg.as_int()));
                else piece = arg.str();
                break;
            default: return make_error(std::string("unsupported format character '") + conv + "'");
        }
        if (conv == 's' || conv == 'r' || conv == 'a' || conv == 'c') {
            if (prec >= 0 && conv != 'c') piece = from_code_points(to_code_points(piece).substr(0, size_t(prec)));
            piece = pad(piece, width, left);
        }
        TRY_STATUS(in.charge(piece.size()));
        out += piece;
    }
    if (!mapping && next < positional.size()) return make_error("not all arguments converted during string formatting");
    return out;
}

Result<std::string> str_format(Interpreter& in, const std::string& fmt, const CallArgs& args) {
    std::string out;
    size_t auto_index = 0;
    for (size_t i = 0; i < fmt.size(); ++i) {
        char c = fmt[i];
        if (c == '}') {
            if (i + 1 < fmt.size() && fmt[i + 1] == '}') ++i;
            else return make_error("Single '}' encountered in format string");
            out += '}';
            continue;
        }
        if (c != '{') {
            out += c;
            continue;
        }
        if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
            out += '{';
            ++i;
            continue;
        }
        size_t close = fmt.find('}', i);
        if (close == std::string::npos) return make_error("Single '{' encountered in format string");
        std::string field = fmt.substr(i + 1, close - i - 1);
        i = close;
        std::string spec, conv;
        if (size_t colon = field.find(':'); colon != std::string::npos) spec = field.substr(colon + 1), field.resize(colon);
        if (size_t bang = field.find('!'); bang != std::string::npos) conv = field.substr(bang + 1), field.resize(bang);
        const Value* arg = nullptr;
        if (field.empty()) {
            arg = auto_index < args.positional.size() ? &args.positional[auto_index] : nullptr;
            ++auto_index;
            if (!arg) return make_error("Replacement index " + std::to_string(auto_index - 1) + " out of range for positional args tuple");
        } else if (std::all_of(field.begin(), field.end(), [](char d) { return d >= '0' && d <= '9'; })) {
            size_t k = field.size() > 6 ? SIZE_MAX : std::stoul(field);
            if (k >= args.positional.size()) return make_error("Replacement index " + field + " out of range for positional args tuple");
            arg = &args.positional[k];
        } else {
            for (const auto& [name, v] : args.named)
                if (name == field) arg = &v;
            if (!arg) return make_error("KeyError: '" + field + "'");
        }
        std::string piece = conv == "r" ? arg->repr() : arg->str();
        if (!spec.empty()) {
            // [[fill]align][0][width][.precision][type]
            size_t p = 0;
            char fill = ' ', align = '\0';
            if (spec.size() >= 2 && (spec[1] == '<' || spec[1] == '>' || spec[1] == '^')) fill = spec[0], align = spec[1], p = 2;
            else if (spec[0] == '<' || spec[0] == '>' || spec[0] == '^') align = spec[0], p = 1;
            if (p < spec.size() && spec[p] == '0') fill = '0', align = align ? align : '>', ++p;
            int64_t width = 0, prec = -1;
            while (p < spec.size() && std::isdigit((unsigned char)spec[p]) && width < 10000) width = width * 10 + (spec[p++] - '0');
            if (p < spec.size() && spec[p] == '.') {
                prec = 0;
                ++p;
                while (p < spec.size() && std::isdigit((unsigned char)spec[p]) && prec < 300) prec = prec * 10 + (spec[p++] - '0');
            }
            char type = p < spec.size() ? spec[p] : '\0';
            if (type == 'f' || type == 'e' || type == 'g' || type == '%') {
                if (!arg->is_number()) return make_error("Unknown format code '" + std::string(1, type) + "' for object of type '" + arg->type_name() + "'");
                char buf[512];
                double d = arg->as_double() * (type == '%' ? 100 : 1);
                std::snprintf(buf, sizeof buf, ("%." + std::to_string(prec < 0 ? 6 : prec) + (type == '%' ? 'f' : type)).c_str(), d);
                piece = buf;
                if (type == '%') piece += '%';
            } else if (type == 'd') {
                if (!arg->is_integral()) return make_error("Unknown format code 'd' for object of type '" + arg->type_name() + "'");
            } else if (prec >= 0 && arg->is_string()) {
                piece = from_code_points(to_code_points(piece).substr(0, size_t(prec)));
            }
            if (!align) align = arg->is_number() ? '>' : '<';
            int64_t len = int64_t(utf8_length(piece));
            if (width > len) {
                size_t total = size_t(width - len);
                size_t left = align == '<' ? 0 : (align == '>' ? total : total / 2);
                piece = std::string(left, fill) + piece + std::string(total - left, fill);
            }
        }
        TRY_STATUS(in.charge(piece.size()));
        out += piece;
    }
    return out;
}

std::string format_time(const DateTime& t, std::string_view fmt) {
    static const char* kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    static const char* kMonths[] = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"};
    int month = std::clamp(t.month, 1, 12);
    // Day of week (0 = Sunday) and day of year from the civil date.
    int y = t.year - (month < 3 ? 1 : 0);
    static const int kOffsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int wday = ((y + y / 4 - y / 100 + y / 400 + kOffsets[month - 1] + t.day) % 7 + 7) % 7;
    static const int kCum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    bool leap = (t.year % 4 == 0 && t.year % 100 != 0) || t.year % 400 == 0;
    int yday = kCum[month - 1] + t.day + (leap && month > 2 ? 1 : 0);
    std::string out;
    char buf[64];
    for (size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%' || i + 1 >= fmt.size()) {
            out += fmt[i];
            continue;
        }
        char c = fmt[++i];
        bool no_pad = false;
        if (c == '-' && i + 1 < fmt.size()) {
            no_pad = true;
            c = fmt[++i];
        }
        auto num = [&](int v, int width) {
            std::snprintf(buf, sizeof buf, no_pad ? "%d" : "%0*d", no_pad ? v : width, v);
            if (no_pad) std::snprintf(buf, sizeof buf, "%d", v);
            out += buf;
        };
        int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
        switch (c) {
            case 'Y': num(t.year, 4); break;
            case 'y': num(((t.year % 100) + 100) % 100, 2); break;
            case 'm': num(month, 2); break;
            case 'd': num(t.day, 2); break;
            case 'e': std::snprintf(buf, sizeof buf, "%2d", t.day), out += buf; break;
            case 'H': num(t.hour, 2); break;
            case 'I': num(hour12, 2); break;
            case 'M': num(t.minute, 2); break;
            case 'S': num(t.second, 2); break;
            case 'j': num(yday, 3); break;
            case 'p': out += t.hour < 12 ? "AM" : "PM"; break;
            case 'b':
            case 'h': out += std::string(kMonths[month - 1]).substr(0, 3); break;
            case 'B': out += kMonths[month - 1]; break;
            case 'a': out += std::string(kDays[wday]).substr(0, 3); break;
            case 'A': out += kDays[wday]; break;
            case 'w': num(wday, 1); break;
            case 'u': num(wday == 0 ? 7 : wday, 1); break;
            case 'F': out += format_time(t, "%Y-%m-%d"); break;
            case 'D':
            case 'x': out += format_time(t, "%m/%d/%y"); break;
            case 'T':
            case 'X': out += format_time(t, "%H:%M:%S"); break;
            case 'R': out += format_time(t, "%H:%M"); break;
            case 'c': out += format_time(t, "%a %b %e %H:%M:%S %Y"); break;
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'z':
            case 'Z': break;
            case '%': out += '%'; break;
            default:
                out += '%';
                if (no_pad) out += '-';
                out += c;
        }
    }
    return out;
}

}  // namespace causerie::jinja
