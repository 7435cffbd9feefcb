// Splits a template into text and tag tokens the way Jinja2's lexer does with trim_blocks and
// lstrip_blocks on (and keep_trailing_newline off), then tags into expression tokens.
#pragma once
#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace causerie::jinja {

struct Token {
    enum class Type { Data, VarBegin, VarEnd, BlockBegin, BlockEnd, Name, String, Int, Float, Op, Eof };
    Type type;
    std::string text;  // data, name, operator, or the decoded string literal
    int64_t int_value = 0;
    double float_value = 0;
    int line = 1;
};

struct LexOptions {
    bool trim_blocks = true;
    bool lstrip_blocks = true;
    size_t max_tokens = 1 << 20;
};

Result<std::vector<Token>> tokenize(std::string_view source, const LexOptions& options = {});

}  // namespace causerie::jinja
