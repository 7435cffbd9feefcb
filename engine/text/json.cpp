// JSON: strict recursive-descent parser (bounded depth) and serializer.
#include "text/json.h"

#include "text/jinja/utf8.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace causerie {

const Json* Json::find(std::string_view key) const {
    if (!is_object()) return nullptr;
    for (const auto& [k, v] : as_object())
        if (k == key) return &v;
    return nullptr;
}

void Json::set(std::string key, Json value) {
    if (is_null()) v_ = Object{};
    auto& obj = as_object();
    for (auto& [k, v] : obj)
        if (k == key) {
            v = std::move(value);
            return;
        }
    obj.emplace_back(std::move(key), std::move(value));
}

namespace {

class Parser {
public:
    Parser(std::string_view text, const JsonParseOptions& o) : s_(text), opt_(o) {}

    Result<Json> parse_document() {
        if (s_.size() > opt_.max_size) return make_error("JSON input too large (" + std::to_string(s_.size()) + " bytes)");
        skip_ws();
        TRY_ASSIGN(Json v, parse_value(0));
        skip_ws();
        if (pos_ != s_.size()) return fail("unexpected trailing characters");
        return v;
    }

private:
    std::string_view s_;
    const JsonParseOptions& opt_;
    size_t pos_ = 0;

    Error fail(const std::string& what) const { return make_error("JSON: " + what + " at byte " + std::to_string(pos_)); }

    void skip_ws() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
    }

    bool literal(std::string_view word) {
        if (s_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }

    Result<Json> parse_value(size_t depth) {
        if (depth > opt_.max_depth) return fail("nesting deeper than " + std::to_string(opt_.max_depth));
        if (pos_ >= s_.size()) return fail("unexpected end of input");
        char c = s_[pos_];
        if (c == '{') return parse_object(depth);
        if (c == '[') return parse_array(depth);
        if (c == '"') {
            TRY_ASSIGN(std::string str, parse_string());
            return Json(std::move(str));
        }
        if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
        if (literal("true")) return Json(true);
        if (literal("false")) return Json(false);
        if (literal("null")) return Json(nullptr);
        return fail(std::string("unexpected character '") + (c >= 0x20 && c < 0x7F ? std::string(1, c) : "\\x" + std::to_string(int((unsigned char)c))) + "'");
    }

    Result<Json> parse_object(size_t depth) {
        ++pos_;
        Json::Object obj;
        std::unordered_map<std::string, size_t> index;
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == '}') {
            ++pos_;
            return Json(std::move(obj));
        }
        while (true) {
            skip_ws();
            if (pos_ >= s_.size() || s_[pos_] != '"') return fail("expected a string key");
            TRY_ASSIGN(std::string key, parse_string());
            skip_ws();
            if (pos_ >= s_.size() || s_[pos_] != ':') return fail("expected ':'");
            ++pos_;
            skip_ws();
            TRY_ASSIGN(Json value, parse_value(depth + 1));
            auto it = index.find(key);
            if (it != index.end()) {
                obj[it->second].second = std::move(value);
            } else {
                index.emplace(key, obj.size());
                obj.emplace_back(std::move(key), std::move(value));
            }
            skip_ws();
            if (pos_ >= s_.size()) return fail("unterminated object");
            if (s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (s_[pos_] == '}') {
                ++pos_;
                return Json(std::move(obj));
            }
            return fail("expected ',' or '}'");
        }
    }

    Result<Json> parse_array(size_t depth) {
        ++pos_;
        Json::Array arr;
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == ']') {
            ++pos_;
            return Json(std::move(arr));
        }
        while (true) {
            skip_ws();
            TRY_ASSIGN(Json value, parse_value(depth + 1));
            arr.push_back(std::move(value));
            skip_ws();
            if (pos_ >= s_.size()) return fail("unterminated array");
            if (s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (s_[pos_] == ']') {
                ++pos_;
                return Json(std::move(arr));
            }
            return fail("expected ',' or ']'");
        }
    }

    Result<unsigned> hex4() {
        if (pos_ + 4 > s_.size()) return fail("truncated \\u escape");
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = s_[pos_++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= unsigned(c - '0');
            else if (c >= 'a' && c <= 'f') v |= unsigned(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= unsigned(c - 'A' + 10);
            else return fail("invalid \\u escape");
        }
        return v;
    }

    Result<std::string> parse_string() {
        ++pos_;  // opening quote
        std::string out;
        while (true) {
            if (pos_ >= s_.size()) return fail("unterminated string");
            unsigned char c = static_cast<unsigned char>(s_[pos_]);
            if (c == '"') {
                ++pos_;
                return out;
            }
            if (c < 0x20) return fail("control character in string");
            if (c == '\\') {
                if (++pos_ >= s_.size()) return fail("unterminated escape");
                char e = s_[pos_++];
                switch (e) {
                    case '"': out += '"'; break;
                    case '\\': out += '\\'; break;
                    case '/': out += '/'; break;
                    case 'b': out += '\b'; break;
                    case 'f': out += '\f'; break;
                    case 'n': out += '\n'; break;
                    case 'r': out += '\r'; break;
                    case 't': out += '\t'; break;
                    case 'u': {
                        TRY_ASSIGN(unsigned cp, hex4());
                        if (cp >= 0xD800 && cp <= 0xDBFF) {
                            if (!literal("\\u")) return fail("unpaired surrogate");
                            TRY_ASSIGN(unsigned lo, hex4());
                            if (lo < 0xDC00 || lo > 0xDFFF) return fail("unpaired surrogate");
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                            return fail("unpaired surrogate");
                        }
                        jinja::append_utf8(out, cp);
                        break;
                    }
                    default: --pos_; return fail("invalid escape");
                }
                continue;
            }
            if (c < 0x80) {
                out += char(c);
                ++pos_;
                continue;
            }
            size_t start = pos_;
            bool bad = false;
            jinja::decode_utf8(s_, pos_, &bad);
            if (bad) {
                pos_ = start;
                return fail("invalid UTF-8");
            }
            out.append(s_.substr(start, pos_ - start));
        }
    }

    Result<Json> parse_number() {
        size_t start = pos_;
        bool is_float = false;
        if (s_[pos_] == '-') ++pos_;
        if (pos_ >= s_.size()) return fail("truncated number");
        if (s_[pos_] == '0') {
            ++pos_;
        } else if (s_[pos_] >= '1' && s_[pos_] <= '9') {
            while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
        } else {
            return fail("invalid number");
        }
        if (pos_ < s_.size() && s_[pos_] == '.') {
            is_float = true;
            ++pos_;
            size_t d = pos_;
            while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
            if (d == pos_) return fail("digit expected after '.'");
        }
        if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
            is_float = true;
            ++pos_;
            if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
            size_t d = pos_;
            while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
            if (d == pos_) return fail("digit expected in exponent");
        }
        const char* b = s_.data() + start;
        const char* e = s_.data() + pos_;
        Json out;
        if (!is_float) {
            int64_t i = 0;
            auto r = std::from_chars(b, e, i);
            if (r.ec == std::errc() && r.ptr == e) {
                out = Json(i);
                return out;
            }
        }
        double d = 0;
        auto r = std::from_chars(b, e, d);
        if (r.ec == std::errc::result_out_of_range) d = (*b == '-') ? -HUGE_VAL : HUGE_VAL;
        else if (r.ec != std::errc() || r.ptr != e) return fail("invalid number");
        out = Json(d);
        return out;
    }
};

void write(std::string& out, const Json& v, const JsonWriteOptions& o, int level) {
    auto newline = [&](int lvl) {
        out += '\n';
        out.append(size_t(o.indent) * size_t(lvl), ' ');
    };
    const char* item_sep = (o.indent < 0 && o.python_separators) ? ", " : ",";
    const char* key_sep = (o.indent >= 0 || o.python_separators) ? ": " : ":";
    switch (v.type()) {
        case Json::Type::Null: out += "null"; break;
        case Json::Type::Bool: out += v.as_bool() ? "true" : "false"; break;
        case Json::Type::Int: out += std::to_string(v.as_int()); break;
        case Json::Type::Double: {
            double d = v.as_double();
            if (std::isnan(d)) out += "NaN";
            else if (std::isinf(d)) out += d < 0 ? "-Infinity" : "Infinity";
            else out += python_float_repr(d);
            break;
        }
        case Json::Type::String: append_json_string(out, v.as_string(), o.ensure_ascii); break;
        case Json::Type::Array: {
            const auto& a = v.as_array();
            out += '[';
            for (size_t i = 0; i < a.size(); ++i) {
                if (i) out += item_sep;
                if (o.indent >= 0) newline(level + 1);
                write(out, a[i], o, level + 1);
            }
            if (o.indent >= 0 && !a.empty()) newline(level);
            out += ']';
            break;
        }
        case Json::Type::Object: {
            const auto& obj = v.as_object();
            out += '{';
            for (size_t i = 0; i < obj.size(); ++i) {
                if (i) out += item_sep;
                if (o.indent >= 0) newline(level + 1);
                append_json_string(out, obj[i].first, o.ensure_ascii);
                out += key_sep;
                write(out, obj[i].second, o, level + 1);
            }
            if (o.indent >= 0 && !obj.empty()) newline(level);
            out += '}';
            break;
        }
    }
}

}  // namespace

Result<Json> parse_json(std::string_view text, const JsonParseOptions& options) {
    return Parser(text, options).parse_document();
}

std::string to_json(const Json& value, const JsonWriteOptions& options) {
    std::string out;
    write(out, value, options, 0);
    return out;
}

void append_json_string(std::string& out, std::string_view s, bool ensure_ascii) {
    static const char* hex = "0123456789abcdef";
    auto u_escape = [&](unsigned v) {
        out += "\\u";
        for (int sh = 12; sh >= 0; sh -= 4) out += hex[(v >> sh) & 0xF];
    };
    out += '"';
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                default:
                    if (c < 0x20 || (ensure_ascii && c == 0x7F)) u_escape(c);
                    else out += char(c);
            }
            continue;
        }
        char32_t cp = jinja::decode_utf8(s, i);
        if (!ensure_ascii) {
            jinja::append_utf8(out, cp);
        } else if (cp >= 0x10000) {
            unsigned v = unsigned(cp) - 0x10000;
            u_escape(0xD800 + (v >> 10));
            u_escape(0xDC00 + (v & 0x3FF));
        } else {
            u_escape(unsigned(cp));
        }
    }
    out += '"';
}

std::string python_float_repr(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
    if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string sci(buf, r.ptr);  // like "-1.2345e+02"
    bool neg = sci[0] == '-';
    if (neg) sci.erase(0, 1);
    size_t epos = sci.find('e');
    int exp = std::atoi(sci.c_str() + epos + 1);
    std::string digits;
    for (size_t i = 0; i < epos; ++i)
        if (sci[i] != '.') digits += sci[i];
    std::string out = neg ? "-" : "";
    if (exp >= -5 + 1 && exp < 16) {
        if (exp < 0) {
            out += "0." + std::string(size_t(-exp - 1), '0') + digits;
        } else if (size_t(exp) + 1 >= digits.size()) {
            out += digits + std::string(size_t(exp) + 1 - digits.size(), '0') + ".0";
        } else {
            out += digits.substr(0, size_t(exp) + 1) + "." + digits.substr(size_t(exp) + 1);
        }
    } else {
        out += digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char e[16];
        std::snprintf(e, sizeof e, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        out += e;
    }
    return out;
}

}  // namespace causerie
