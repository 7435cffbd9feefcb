// Internal to the Jinja parser: the token cursor, its helpers, and the expression grammar
// (Jinja2's operator precedence). The statement parser (parser.cpp) derives from it.
#pragma once
#include "text/jinja/parser.h"

#include <algorithm>
#include <string>

namespace causerie::jinja {

class ExprParser {
public:
    ExprParser(const std::vector<Token>& toks, const ParseOptions& o) : t_(toks), opt_(o) {}

protected:
    using T = Token::Type;
    const std::vector<Token>& t_;
    const ParseOptions& opt_;
    size_t p_ = 0;
    int depth_ = 0;

    struct DepthGuard {
        int& d;
        explicit DepthGuard(int& depth) : d(depth) { ++d; }
        ~DepthGuard() { --d; }
    };

    const Token& cur() const { return t_[std::min(p_, t_.size() - 1)]; }
    const Token& peek(size_t k = 1) const { return t_[std::min(p_ + k, t_.size() - 1)]; }
    void next() {
        if (p_ < t_.size() - 1) ++p_;
    }
    bool is_op(const char* op) const { return cur().type == T::Op && cur().text == op; }
    bool is_name(const char* n) const { return cur().type == T::Name && cur().text == n; }
    bool skip_op(const char* op) {
        if (!is_op(op)) return false;
        next();
        return true;
    }
    bool skip_name(const char* n) {
        if (!is_name(n)) return false;
        next();
        return true;
    }

    Error fail(const std::string& what) const {
        return make_error("template syntax error, line " + std::to_string(cur().line) + ": " + what);
    }
    std::string describe(const Token& tk) const {
        switch (tk.type) {
            case T::Eof: return "end of template";
            case T::VarEnd: return "'}}'";
            case T::BlockEnd: return "'%}'";
            case T::VarBegin: return "'{{'";
            case T::BlockBegin: return "'{%'";
            case T::Data: return "text";
            default: return "'" + tk.text + "'";
        }
    }
    Status expect_op(const char* op) {
        if (!skip_op(op)) return fail(std::string("expected '") + op + "', got " + describe(cur()));
        return {};
    }
    Status expect(T type, const char* what) {
        if (cur().type != type) return fail(std::string("expected ") + what + ", got " + describe(cur()));
        next();
        return {};
    }
    Result<std::string> expect_name() {
        if (cur().type != T::Name) return fail("expected a name, got " + describe(cur()));
        std::string n = cur().text;
        next();
        return n;
    }

    ExprPtr node(Expr::Kind k, int line) {
        auto e = std::make_unique<Expr>();
        e->kind = k;
        e->line = line;
        return e;
    }
    // Computes the subtree height and enforces the bound.
    Result<ExprPtr> done(ExprPtr e) {
        int h = 0;
        for (const ExprPtr* c : {&e->a, &e->b, &e->c, &e->d})
            if (*c) h = std::max(h, (*c)->height);
        for (const auto& c : e->args) h = std::max(h, c->height);
        for (const auto& kv : e->kwargs) h = std::max(h, kv.second->height);
        e->height = h + 1;
        if (e->height > opt_.max_depth) return fail("expression too deeply nested");
        return e;
    }

    bool tuple_end(bool in_for) const;
    Result<ExprPtr> parse_tuple(bool with_condexpr, bool explicit_parens, bool in_for = false);
    Result<ExprPtr> parse_expression(bool with_condexpr);
    Result<ExprPtr> binary(const std::string& op, ExprPtr l, ExprPtr r, int line);
    Result<ExprPtr> parse_or();
    Result<ExprPtr> parse_and();
    Result<ExprPtr> parse_not();
    Result<ExprPtr> parse_compare();
    Result<ExprPtr> parse_math1();
    Result<ExprPtr> parse_concat();
    Result<ExprPtr> parse_math2();
    Result<ExprPtr> parse_pow();
    Result<ExprPtr> parse_unary(bool with_filter);
    Result<ExprPtr> parse_primary();
    Status parse_call_args(Expr& call);
    Result<ExprPtr> parse_postfix(ExprPtr e);
    Result<ExprPtr> parse_subscript(ExprPtr base, int line);
    Result<ExprPtr> parse_one_filter(ExprPtr input);
    Result<ExprPtr> parse_filter_chain(ExprPtr input, bool start_inline = false);
    Result<ExprPtr> parse_filter_expr(ExprPtr e);
};

}  // namespace causerie::jinja
