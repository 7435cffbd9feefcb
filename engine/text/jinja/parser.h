// Parses Jinja tokens into statements (Jinja2's grammar and operator precedence).
#pragma once
#include "text/jinja/ast.h"
#include "text/jinja/lexer.h"

namespace causerie::jinja {

struct ParseOptions {
    int max_depth = 200;  // nesting of blocks and height of expression trees
};

Result<Body> parse(const std::vector<Token>& tokens, const ParseOptions& options = {});

}  // namespace causerie::jinja
