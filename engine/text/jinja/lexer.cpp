// The Jinja lexer: text/tag splitting with whitespace control, then expression tokens.
#include "text/jinja/lexer.h"

#include "text/jinja/utf8.h"

#include <charconv>

namespace causerie::jinja {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }
bool is_digit_c(char c) { return c >= '0' && c <= '9'; }

std::string rstrip_ws(std::string_view s) {
    size_t n = s.size();
    while (n > 0 && is_ws(s[n - 1])) --n;
    return std::string(s.substr(0, n));
}

// Python's unicode-escape decoding of a string literal's body.
std::string unescape(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c != '\\' || i + 1 >= s.size()) {
            out += c;
            continue;
        }
        char e = s[++i];
        auto hex = [&](size_t n) -> long {
            if (i + n >= s.size()) return -1;
            long v = 0;
            for (size_t k = 1; k <= n; ++k) {
                char h = s[i + k];
                v <<= 4;
                if (h >= '0' && h <= '9') v |= h - '0';
                else if (h >= 'a' && h <= 'f') v |= h - 'a' + 10;
                else if (h >= 'A' && h <= 'F') v |= h - 'A' + 10;
                else return -1;
            }
            return v;
        };
        switch (e) {
            case '\n': break;
            case '\\': out += '\\'; break;
            case '\'': out += '\''; break;
            case '"': out += '"'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'v': out += '\v'; break;
            case 'x':
            case 'u':
            case 'U': {
                size_t n = e == 'x' ? 2 : (e == 'u' ? 4 : 8);
                long v = hex(n);
                if (v < 0 || v > 0x10FFFF) {
                    out += '\\';
                    out += e;
                } else {
                    append_utf8(out, char32_t(v));
                    i += n;
                }
                break;
            }
            default:
                if (e >= '0' && e <= '7') {
                    int v = 0, k = 0;
                    while (k < 3 && i < s.size() && s[i] >= '0' && s[i] <= '7') v = v * 8 + (s[i++] - '0'), ++k;
                    --i;
                    append_utf8(out, char32_t(v));
                } else {
                    out += '\\';
                    out += e;
                }
        }
    }
    return out;
}

class Lexer {
public:
    Lexer(std::string src, const LexOptions& o) : s_(std::move(src)), opt_(o) {}

    Result<std::vector<Token>> run() {
        bool line_starting = true;
        while (pos_ < s_.size()) {
            size_t start = s_.find('{', pos_);
            while (start != std::string::npos && start + 1 < s_.size() && s_[start + 1] != '{' && s_[start + 1] != '%' && s_[start + 1] != '#')
                start = s_.find('{', start + 1);
            if (start == std::string::npos || start + 1 >= s_.size()) {
                emit_data(s_.substr(pos_));
                pos_ = s_.size();
                break;
            }
            char kind = s_[start + 1];
            char sign = start + 2 < s_.size() ? s_[start + 2] : '\0';
            std::string text = s_.substr(pos_, start - pos_);
            if (sign == '-') {
                text = rstrip_ws(text);
            } else if (sign != '+' && opt_.lstrip_blocks && kind != '{') {
                size_t l_pos = text.rfind('\n');
                l_pos = l_pos == std::string::npos ? 0 : l_pos + 1;
                if (l_pos > 0 || line_starting) {
                    bool all_ws = l_pos < text.size();
                    for (size_t k = l_pos; k < text.size(); ++k)
                        if (!is_ws(text[k])) all_ws = false;
                    if (all_ws) text.resize(l_pos);
                }
            }
            emit_data(std::move(text));
            pos_ = start + 2 + ((sign == '-' || (sign == '+' && kind != '{')) ? 1 : 0);
            if (kind == '#') {
                TRY_STATUS(comment(line_starting));
            } else if (kind == '%' && is_raw_begin()) {
                TRY_STATUS(raw(line_starting));
            } else {
                TRY_STATUS(tag(kind == '{', line_starting));
            }
            if (toks_.size() > opt_.max_tokens) return make_error("template too large: more than " + std::to_string(opt_.max_tokens) + " tokens");
        }
        toks_.push_back(Token{Token::Type::Eof, "", 0, 0, line_});
        return std::move(toks_);
    }

private:
    std::string s_;
    const LexOptions& opt_;
    size_t pos_ = 0;
    int line_ = 1;
    std::vector<Token> toks_;

    Error fail(const std::string& what) const { return make_error("template syntax error, line " + std::to_string(line_) + ": " + what); }

    void advance_to(size_t p) {
        for (size_t k = pos_; k < p && k < s_.size(); ++k)
            if (s_[k] == '\n') ++line_;
        pos_ = p;
    }

    void emit_data(std::string text) {
        int line = line_;
        for (char c : text)
            if (c == '\n') ++line_;
        if (!text.empty()) toks_.push_back(Token{Token::Type::Data, std::move(text), 0, 0, line});
    }

    // After a tag's closing delimiter at pos_: whitespace control and trim_blocks.
    void after_end(bool strip, bool plus, bool trim, bool& line_starting) {
        size_t p = pos_;
        if (strip) {
            while (p < s_.size() && is_ws(s_[p])) ++p;
        } else if (trim && !plus && opt_.trim_blocks && p < s_.size() && s_[p] == '\n') {
            ++p;
        }
        line_starting = p > 0 && s_[p - 1] == '\n';
        advance_to(p);
    }

    Status comment(bool& line_starting) {
        size_t end = s_.find("#}", pos_);
        if (end == std::string::npos) return fail("unterminated comment");
        bool strip = end > pos_ && s_[end - 1] == '-';
        advance_to(end + 2);
        after_end(strip, false, true, line_starting);
        return {};
    }

    bool is_raw_begin() const {
        size_t p = pos_;
        while (p < s_.size() && is_ws(s_[p])) ++p;
        if (s_.compare(p, 3, "raw") != 0) return false;
        p += 3;
        if (p < s_.size() && is_name_char(s_[p])) return false;
        while (p < s_.size() && is_ws(s_[p])) ++p;
        if (p < s_.size() && s_[p] == '-') ++p;
        return s_.compare(p, 2, "%}") == 0;
    }

    Status raw(bool& line_starting) {
        size_t close = s_.find("%}", pos_);
        bool strip_after_begin = close > 0 && s_[close - 1] == '-';
        advance_to(close + 2);
        if (strip_after_begin)
            while (pos_ < s_.size() && is_ws(s_[pos_])) advance_to(pos_ + 1);
        // Find {%[-+]? endraw [-+]?%}
        size_t search = pos_;
        while (true) {
            size_t b = s_.find("{%", search);
            if (b == std::string::npos) return fail("missing endraw");
            size_t p = b + 2;
            char sign = p < s_.size() ? s_[p] : '\0';
            if (sign == '-' || sign == '+') ++p;
            while (p < s_.size() && is_ws(s_[p])) ++p;
            if (s_.compare(p, 6, "endraw") != 0) {
                search = b + 2;
                continue;
            }
            p += 6;
            while (p < s_.size() && is_ws(s_[p])) ++p;
            char esign = p < s_.size() ? s_[p] : '\0';
            if (esign == '-' || esign == '+') ++p;
            if (s_.compare(p, 2, "%}") != 0) {
                search = b + 2;
                continue;
            }
            std::string text = s_.substr(pos_, b - pos_);
            if (sign == '-') {
                text = rstrip_ws(text);
            } else if (sign != '+' && opt_.lstrip_blocks) {
                size_t l_pos = text.rfind('\n');
                l_pos = l_pos == std::string::npos ? 0 : l_pos + 1;
                if (l_pos > 0) {
                    bool all_ws = l_pos < text.size();
                    for (size_t k = l_pos; k < text.size(); ++k)
                        if (!is_ws(text[k])) all_ws = false;
                    if (all_ws) text.resize(l_pos);
                }
            }
            emit_data(std::move(text));
            advance_to(p + 2);
            after_end(esign == '-', esign == '+', true, line_starting);
            return {};
        }
    }

    Status tag(bool variable, bool& line_starting) {
        toks_.push_back(Token{variable ? Token::Type::VarBegin : Token::Type::BlockBegin, "", 0, 0, line_});
        int balance = 0;
        const char close = variable ? '}' : '%';
        while (true) {
            while (pos_ < s_.size() && is_ws(s_[pos_])) advance_to(pos_ + 1);
            if (pos_ >= s_.size()) return fail(variable ? "unexpected end of template, expected '}}'" : "unexpected end of template, expected '%}'");
            if (balance == 0) {
                bool minus = s_[pos_] == '-' && pos_ + 2 < s_.size() && s_[pos_ + 1] == close && s_[pos_ + 2] == '}';
                bool plus = !variable && s_[pos_] == '+' && pos_ + 2 < s_.size() && s_[pos_ + 1] == close && s_[pos_ + 2] == '}';
                bool plain = s_[pos_] == close && pos_ + 1 < s_.size() && s_[pos_ + 1] == '}';
                if (minus || plus || plain) {
                    toks_.push_back(Token{variable ? Token::Type::VarEnd : Token::Type::BlockEnd, "", 0, 0, line_});
                    advance_to(pos_ + (plain ? 2 : 3));
                    after_end(minus, plus, !variable, line_starting);
                    return {};
                }
            }
            TRY_STATUS(expression_token(balance));
            if (toks_.size() > opt_.max_tokens) return fail("too many tokens");
        }
    }

    Status expression_token(int& balance) {
        char c = s_[pos_];
        size_t start = pos_;
        if (is_name_start(c)) {
            size_t p = pos_;
            while (p < s_.size() && is_name_char(s_[p])) ++p;
            toks_.push_back(Token{Token::Type::Name, s_.substr(pos_, p - pos_), 0, 0, line_});
            advance_to(p);
            return {};
        }
        if (is_digit_c(c)) return number();
        if (c == '\'' || c == '"') {
            size_t p = pos_ + 1;
            while (p < s_.size() && s_[p] != c) p += (s_[p] == '\\') ? 2 : 1;
            if (p >= s_.size()) return fail("unterminated string");
            Token t{Token::Type::String, unescape(std::string_view(s_).substr(start + 1, p - start - 1)), 0, 0, line_};
            toks_.push_back(std::move(t));
            advance_to(p + 1);
            return {};
        }
        static const char* two[] = {"//", "**", "==", "!=", ">=", "<="};
        for (const char* op : two)
            if (s_.compare(pos_, 2, op) == 0) {
                toks_.push_back(Token{Token::Type::Op, op, 0, 0, line_});
                advance_to(pos_ + 2);
                return {};
            }
        static const std::string_view one = "+-*/%~|.,:()[]{}<>=";
        if (one.find(c) == std::string_view::npos) return fail(std::string("unexpected character '") + c + "'");
        if (c == '(' || c == '[' || c == '{') ++balance;
        if (c == ')' || c == ']' || c == '}') {
            if (balance == 0) return fail(std::string("unexpected '") + c + "'");
            --balance;
        }
        toks_.push_back(Token{Token::Type::Op, std::string(1, c), 0, 0, line_});
        advance_to(pos_ + 1);
        return {};
    }

    Status number() {
        size_t p = pos_;
        std::string digits;
        auto take_digits = [&]() {
            while (p < s_.size() && (is_digit_c(s_[p]) || (s_[p] == '_' && p + 1 < s_.size() && is_digit_c(s_[p + 1])))) {
                if (s_[p] != '_') digits += s_[p];
                ++p;
            }
        };
        take_digits();
        bool is_float = false;
        if (p + 1 < s_.size() && s_[p] == '.' && is_digit_c(s_[p + 1])) {
            is_float = true;
            digits += '.';
            ++p;
            take_digits();
        }
        if (p < s_.size() && (s_[p] == 'e' || s_[p] == 'E')) {
            size_t q = p + 1;
            if (q < s_.size() && (s_[q] == '+' || s_[q] == '-')) ++q;
            if (q < s_.size() && is_digit_c(s_[q])) {
                is_float = true;
                digits += 'e';
                digits.append(s_, p + 1, q - p - 1);
                p = q;
                take_digits();
            }
        }
        Token t{is_float ? Token::Type::Float : Token::Type::Int, s_.substr(pos_, p - pos_), 0, 0, line_};
        const char* b = digits.data();
        const char* e = b + digits.size();
        if (is_float) {
            auto r = std::from_chars(b, e, t.float_value);
            if (r.ec != std::errc()) return fail("invalid float literal");
        } else {
            auto r = std::from_chars(b, e, t.int_value);
            if (r.ec != std::errc()) return fail("integer literal too large");
        }
        toks_.push_back(std::move(t));
        advance_to(p);
        return {};
    }
};

}  // namespace

Result<std::vector<Token>> tokenize(std::string_view source, const LexOptions& options) {
    std::string src;
    src.reserve(source.size());
    for (size_t i = 0; i < source.size(); ++i) {
        if (source[i] == '\r') {
            src += '\n';
            if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
        } else {
            src += source[i];
        }
    }
    if (!src.empty() && src.back() == '\n') src.pop_back();
    return Lexer(std::move(src), options).run();
}

}  // namespace causerie::jinja
