// The expression grammar, following Jinja2's parser.py: condexpr, or, and, not, compare, + -,
// ~, * / // %, **, unary, primary, postfix (attributes, subscripts, calls), filters and tests.
#include "text/jinja/parser_expressions.h"

namespace causerie::jinja {

bool ExprParser::tuple_end(bool in_for) const {
    const Token& tk = cur();
    if (tk.type == T::VarEnd || tk.type == T::BlockEnd || tk.type == T::Eof) return true;
    if (tk.type == T::Op && (tk.text == ")" || tk.text == "]" || tk.text == "}" || tk.text == "=")) return true;
    return in_for && tk.type == T::Name && (tk.text == "if" || tk.text == "recursive");
}

Result<ExprPtr> ExprParser::parse_tuple(bool with_condexpr, bool explicit_parens, bool in_for) {
    int line = cur().line;
    std::vector<ExprPtr> items;
    bool comma = false;
    while (true) {
        if (!items.empty()) {
            if (!skip_op(",")) break;
            comma = true;
        }
        if (tuple_end(in_for)) {
            if (items.empty() && !explicit_parens) return fail("expected an expression, got " + describe(cur()));
            break;
        }
        TRY_ASSIGN(ExprPtr e, parse_expression(with_condexpr));
        items.push_back(std::move(e));
    }
    if (items.size() == 1 && !comma) return std::move(items[0]);
    auto t = node(Expr::Kind::Tuple, line);
    t->args = std::move(items);
    return done(std::move(t));
}

Result<ExprPtr> ExprParser::parse_expression(bool with_condexpr) {
    DepthGuard g(depth_);
    if (depth_ > opt_.max_depth) return fail("expression too deeply nested");
    if (!with_condexpr) return parse_or();
    TRY_ASSIGN(ExprPtr e, parse_or());
    while (is_name("if")) {
        int line = cur().line;
        next();
        TRY_ASSIGN(ExprPtr cond, parse_or());
        ExprPtr other;
        if (skip_name("else")) {
            TRY_ASSIGN(other, parse_expression(true));
        }
        auto n = node(Expr::Kind::Cond, line);
        n->a = std::move(e);
        n->b = std::move(cond);
        n->c = std::move(other);
        TRY_ASSIGN(e, done(std::move(n)));
    }
    return e;
}

Result<ExprPtr> ExprParser::binary(const std::string& op, ExprPtr l, ExprPtr r, int line) {
    auto n = node(Expr::Kind::Binary, line);
    n->name = op;
    n->a = std::move(l);
    n->b = std::move(r);
    return done(std::move(n));
}

Result<ExprPtr> ExprParser::parse_or() {
    TRY_ASSIGN(ExprPtr l, parse_and());
    while (is_name("or")) {
        int line = cur().line;
        next();
        TRY_ASSIGN(ExprPtr r, parse_and());
        TRY_ASSIGN(l, binary("or", std::move(l), std::move(r), line));
    }
    return l;
}

Result<ExprPtr> ExprParser::parse_and() {
    TRY_ASSIGN(ExprPtr l, parse_not());
    while (is_name("and")) {
        int line = cur().line;
        next();
        TRY_ASSIGN(ExprPtr r, parse_not());
        TRY_ASSIGN(l, binary("and", std::move(l), std::move(r), line));
    }
    return l;
}

Result<ExprPtr> ExprParser::parse_not() {
    if (is_name("not")) {
        DepthGuard g(depth_);
        if (depth_ > opt_.max_depth) return fail("expression too deeply nested");
        int line = cur().line;
        next();
        TRY_ASSIGN(ExprPtr a, parse_not());
        auto n = node(Expr::Kind::Unary, line);
        n->name = "not";
        n->a = std::move(a);
        return done(std::move(n));
    }
    return parse_compare();
}

Result<ExprPtr> ExprParser::parse_compare() {
    int line = cur().line;
    TRY_ASSIGN(ExprPtr first, parse_math1());
    std::vector<std::pair<std::string, ExprPtr>> ops;
    while (true) {
        std::string op;
        if (cur().type == T::Op && (cur().text == "==" || cur().text == "!=" || cur().text == "<" || cur().text == ">" ||
                                    cur().text == "<=" || cur().text == ">=")) {
            op = cur().text;
            next();
        } else if (is_name("in")) {
            op = "in";
            next();
        } else if (is_name("not") && peek().type == T::Name && peek().text == "in") {
            op = "notin";
            next();
            next();
        } else {
            break;
        }
        TRY_ASSIGN(ExprPtr r, parse_math1());
        ops.emplace_back(std::move(op), std::move(r));
    }
    if (ops.empty()) return first;
    if (ops.size() == 1) return binary(ops[0].first, std::move(first), std::move(ops[0].second), line);
    auto n = node(Expr::Kind::Compare, line);  // a < b < c: (a < b) and (b < c), b evaluated once
    n->a = std::move(first);
    n->kwargs = std::move(ops);
    return done(std::move(n));
}

Result<ExprPtr> ExprParser::parse_math1() {
    TRY_ASSIGN(ExprPtr l, parse_concat());
    while (is_op("+") || is_op("-")) {
        std::string op = cur().text;
        int line = cur().line;
        next();
        TRY_ASSIGN(ExprPtr r, parse_concat());
        TRY_ASSIGN(l, binary(op, std::move(l), std::move(r), line));
    }
    return l;
}

Result<ExprPtr> ExprParser::parse_concat() {
    TRY_ASSIGN(ExprPtr l, parse_math2());
    while (is_op("~")) {
        int line = cur().line;
        next();
        TRY_ASSIGN(ExprPtr r, parse_math2());
        TRY_ASSIGN(l, binary("~", std::move(l), std::move(r), line));
    }
    return l;
}

Result<ExprPtr> ExprParser::parse_math2() {
    TRY_ASSIGN(ExprPtr l, parse_pow());
    while (is_op("*") || is_op("/") || is_op("//") || is_op("%")) {
        std::string op = cur().text;
        int line = cur().line;
        next();
        TRY_ASSIGN(ExprPtr r, parse_pow());
        TRY_ASSIGN(l, binary(op, std::move(l), std::move(r), line));
    }
    return l;
}

Result<ExprPtr> ExprParser::parse_pow() {
    TRY_ASSIGN(ExprPtr l, parse_unary(true));
    while (is_op("**")) {
        int line = cur().line;
        next();
        TRY_ASSIGN(ExprPtr r, parse_unary(true));
        TRY_ASSIGN(l, binary("**", std::move(l), std::move(r), line));
    }
    return l;
}

Result<ExprPtr> ExprParser::parse_unary(bool with_filter) {
    DepthGuard g(depth_);
    if (depth_ > opt_.max_depth) return fail("expression too deeply nested");
    ExprPtr e;
    if (is_op("-") || is_op("+")) {
        auto n = node(Expr::Kind::Unary, cur().line);
        n->name = cur().text;
        next();
        TRY_ASSIGN(n->a, parse_unary(false));
        TRY_ASSIGN(e, done(std::move(n)));
    } else {
        TRY_ASSIGN(e, parse_primary());
    }
    TRY_ASSIGN(e, parse_postfix(std::move(e)));
    if (with_filter) return parse_filter_expr(std::move(e));
    return e;
}

Result<ExprPtr> ExprParser::parse_primary() {
    const Token& tk = cur();
    int line = tk.line;
    if (tk.type == T::Name) {
        const std::string& n = tk.text;
        auto lit = node(Expr::Kind::Literal, line);
        if (n == "true" || n == "True") lit->value = Value(true);
        else if (n == "false" || n == "False") lit->value = Value(false);
        else if (n == "none" || n == "None") lit->value = Value::none();
        else {
            auto nm = node(Expr::Kind::Name, line);
            nm->name = n;
            next();
            return nm;
        }
        next();
        return lit;
    }
    if (tk.type == T::String) {
        std::string s;
        while (cur().type == T::String) {
            s += cur().text;
            next();
        }
        auto lit = node(Expr::Kind::Literal, line);
        lit->value = Value(std::move(s));
        return lit;
    }
    if (tk.type == T::Int || tk.type == T::Float) {
        auto lit = node(Expr::Kind::Literal, line);
        lit->value = tk.type == T::Int ? Value(tk.int_value) : Value(tk.float_value);
        next();
        return lit;
    }
    if (is_op("(")) {
        next();
        TRY_ASSIGN(ExprPtr e, parse_tuple(true, true));
        TRY_STATUS(expect_op(")"));
        return e;
    }
    if (is_op("[")) {
        next();
        auto l = node(Expr::Kind::List, line);
        while (!is_op("]")) {
            if (!l->args.empty()) TRY_STATUS(expect_op(","));
            if (is_op("]")) break;
            TRY_ASSIGN(ExprPtr e, parse_expression(true));
            l->args.push_back(std::move(e));
        }
        next();
        return done(std::move(l));
    }
    if (is_op("{")) {
        next();
        auto d = node(Expr::Kind::Dict, line);
        while (!is_op("}")) {
            if (!d->args.empty()) TRY_STATUS(expect_op(","));
            if (is_op("}")) break;
            TRY_ASSIGN(ExprPtr k, parse_expression(true));
            TRY_STATUS(expect_op(":"));
            TRY_ASSIGN(ExprPtr v, parse_expression(true));
            d->args.push_back(std::move(k));
            d->args.push_back(std::move(v));
        }
        next();
        return done(std::move(d));
    }
    return fail("unexpected " + describe(tk));
}

Status ExprParser::parse_call_args(Expr& call) {
    TRY_STATUS(expect_op("("));
    while (!is_op(")")) {
        if (!call.args.empty() || !call.kwargs.empty()) TRY_STATUS(expect_op(","));
        if (is_op(")")) break;
        if (is_op("*") || is_op("**")) return fail("*args and **kwargs in calls are not supported");
        if (cur().type == T::Name && peek().type == T::Op && peek().text == "=") {
            std::string n = cur().text;
            next();
            next();
            TRY_ASSIGN(ExprPtr v, parse_expression(true));
            call.kwargs.emplace_back(std::move(n), std::move(v));
        } else {
            if (!call.kwargs.empty()) return fail("positional argument follows keyword argument");
            TRY_ASSIGN(ExprPtr v, parse_expression(true));
            call.args.push_back(std::move(v));
        }
    }
    next();
    return {};
}

Result<ExprPtr> ExprParser::parse_postfix(ExprPtr e) {
    while (true) {
        int line = cur().line;
        if (is_op(".")) {
            next();
            if (cur().type == T::Name) {
                auto n = node(Expr::Kind::Attr, line);
                n->name = cur().text;
                n->a = std::move(e);
                next();
                TRY_ASSIGN(e, done(std::move(n)));
            } else if (cur().type == T::Int) {
                auto n = node(Expr::Kind::Item, line);
                n->a = std::move(e);
                n->b = node(Expr::Kind::Literal, line);
                n->b->value = Value(cur().int_value);
                next();
                TRY_ASSIGN(e, done(std::move(n)));
            } else {
                return fail("expected a name after '.'");
            }
        } else if (is_op("[")) {
            next();
            TRY_ASSIGN(e, parse_subscript(std::move(e), line));
            TRY_STATUS(expect_op("]"));
        } else if (is_op("(")) {
            auto n = node(Expr::Kind::Call, line);
            n->a = std::move(e);
            TRY_STATUS(parse_call_args(*n));
            TRY_ASSIGN(e, done(std::move(n)));
        } else {
            return e;
        }
    }
}

Result<ExprPtr> ExprParser::parse_subscript(ExprPtr base, int line) {
    ExprPtr start;
    if (!is_op(":")) {
        TRY_ASSIGN(start, parse_tuple(true, false));
        if (!is_op(":")) {
            auto n = node(Expr::Kind::Item, line);
            n->a = std::move(base);
            n->b = std::move(start);
            return done(std::move(n));
        }
    }
    next();  // ':'
    auto n = node(Expr::Kind::Slice, line);
    n->a = std::move(base);
    n->b = std::move(start);
    if (!is_op("]") && !is_op(":")) {
        TRY_ASSIGN(n->c, parse_expression(true));
    }
    if (skip_op(":") && !is_op("]")) {
        TRY_ASSIGN(n->d, parse_expression(true));
    }
    return done(std::move(n));
}

Result<ExprPtr> ExprParser::parse_one_filter(ExprPtr input) {
    auto n = node(Expr::Kind::Filter, cur().line);
    TRY_ASSIGN(n->name, expect_name());
    while (is_op(".") && peek().type == T::Name) {
        next();
        n->name += "." + cur().text;
        next();
    }
    n->a = std::move(input);
    if (is_op("(")) TRY_STATUS(parse_call_args(*n));
    return done(std::move(n));
}

Result<ExprPtr> ExprParser::parse_filter_chain(ExprPtr input, bool start_inline) {
    ExprPtr e = std::move(input);
    if (start_inline) {
        TRY_ASSIGN(e, parse_one_filter(std::move(e)));
    }
    while (skip_op("|")) {
        TRY_ASSIGN(e, parse_one_filter(std::move(e)));
    }
    return e;
}

Result<ExprPtr> ExprParser::parse_filter_expr(ExprPtr e) {
    while (true) {
        if (is_op("|")) {
            next();
            TRY_ASSIGN(e, parse_one_filter(std::move(e)));
        } else if (is_name("is")) {
            int line = cur().line;
            next();
            auto n = node(Expr::Kind::Test, line);
            n->negated = skip_name("not");
            TRY_ASSIGN(n->name, expect_name());
            while (is_op(".") && peek().type == T::Name) {
                next();
                n->name += "." + cur().text;
                next();
            }
            n->a = std::move(e);
            const Token& tk = cur();
            if (is_op("(")) {
                TRY_STATUS(parse_call_args(*n));
            } else if ((tk.type == T::Name || tk.type == T::String || tk.type == T::Int || tk.type == T::Float ||
                        (tk.type == T::Op && (tk.text == "[" || tk.text == "{"))) &&
                       !(tk.type == T::Name && (tk.text == "else" || tk.text == "or" || tk.text == "and"))) {
                if (is_name("is")) return fail("you cannot chain multiple tests with is");
                TRY_ASSIGN(ExprPtr arg, parse_primary());
                TRY_ASSIGN(arg, parse_postfix(std::move(arg)));
                n->args.push_back(std::move(arg));
            }
            TRY_ASSIGN(e, done(std::move(n)));
        } else if (is_op("(")) {
            auto n = node(Expr::Kind::Call, cur().line);
            n->a = std::move(e);
            TRY_STATUS(parse_call_args(*n));
            TRY_ASSIGN(e, done(std::move(n)));
        } else {
            return e;
        }
    }
}

}  // namespace causerie::jinja
