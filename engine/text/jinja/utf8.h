// UTF-8 helpers for Python-like string semantics (code points, whitespace, simple case mapping).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace causerie::jinja {

// Decodes the code point at s[i] and advances i; an invalid sequence yields U+FFFD and
// advances one byte (and sets *bad when given).
char32_t decode_utf8(std::string_view s, size_t& i, bool* bad = nullptr);
void append_utf8(std::string& out, char32_t cp);
// Byte offset of the first invalid sequence, or npos when `s` is valid UTF-8.
size_t find_invalid_utf8(std::string_view s);
bool is_ascii(std::string_view s);
size_t utf8_length(std::string_view s);
std::u32string to_code_points(std::string_view s);
std::string from_code_points(std::u32string_view s);

// Python's str.isspace() for one code point.
bool is_space(char32_t c);
bool is_alpha(char32_t c);
bool is_digit(char32_t c);
bool is_alnum(char32_t c);
// Simple one-to-one case mapping (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic).
char32_t to_upper(char32_t c);
char32_t to_lower(char32_t c);
bool is_upper(char32_t c);
bool is_lower(char32_t c);

std::string upper(std::string_view s);
std::string lower(std::string_view s);

}  // namespace causerie::jinja
