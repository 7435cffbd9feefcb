// Recursive-descent parser following Jinja2's parser.py; depth and tree height are bounded.
#include "text/jinja/parser.h"

#include <algorithm>
#include <initializer_list>

namespace causerie::jinja {

namespace {

using T = Token::Type;

bool uses_name(const Expr* e, std::string_view name) {
    if (!e) return false;
    if (e->kind == Expr::Kind::Name && e->name == name) return true;
    for (const Expr* c : {e->a.get(), e->b.get(), e->c.get(), e->d.get()})
        if (uses_name(c, name)) return true;
    for (const auto& c : e->args)
        if (uses_name(c.get(), name)) return true;
    for (const auto& kv : e->kwargs)
        if (uses_name(kv.second.get(), name)) return true;
    return false;
}

// Whether a macro body refers to `name` (Jinja only accepts extra arguments when it does).
bool uses_name(const Body& body, std::string_view name) {
    for (const auto& s : body) {
        if (uses_name(s->expr.get(), name) || uses_name(s->filter.get(), name)) return true;
        for (const auto& [cond, b] : s->branches)
            if (uses_name(cond.get(), name) || uses_name(b, name)) return true;
        for (const auto& p : s->params)
            if (uses_name(p.second.get(), name)) return true;
        if (uses_name(s->body, name) || uses_name(s->else_body, name)) return true;
    }
    return false;
}

class Parser {
public:
    Parser(const std::vector<Token>& toks, const ParseOptions& o) : t_(toks), opt_(o) {}

    Result<Body> run() {
        std::string found;
        TRY_ASSIGN(Body body, parse_until({}, found));
        return body;
    }

private:
    const std::vector<Token>& t_;
    const ParseOptions& opt_;
    size_t p_ = 0;
    int depth_ = 0;
    int loop_depth_ = 0;  // `break`/`continue` are only valid inside a for body

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

    // ---- statements ----

    Result<Body> parse_until(std::initializer_list<const char*> ends, std::string& found) {
        DepthGuard g(depth_);
        if (depth_ > opt_.max_depth) return fail("blocks nested too deeply");
        Body body;
        while (true) {
            const Token& tk = cur();
            if (tk.type == T::Eof) {
                if (ends.size() == 0) return body;
                return fail(std::string("unexpected end of template, expected '") + *ends.begin() + "'");
            }
            if (tk.type == T::Data) {
                auto s = std::make_unique<Stmt>();
                s->kind = Stmt::Kind::Text;
                s->line = tk.line;
                s->text = tk.text;
                body.push_back(std::move(s));
                next();
                continue;
            }
            if (tk.type == T::VarBegin) {
                next();
                auto s = std::make_unique<Stmt>();
                s->kind = Stmt::Kind::Emit;
                s->line = tk.line;
                TRY_ASSIGN(s->expr, parse_tuple(true, false));
                TRY_STATUS(expect(T::VarEnd, "'}}'"));
                body.push_back(std::move(s));
                continue;
            }
            if (tk.type != T::BlockBegin) return fail("unexpected " + describe(tk));
            const Token& name = peek();
            if (name.type != T::Name) return fail("expected a tag name, got " + describe(name));
            for (const char* e : ends)
                if (name.text == e) {
                    found = e;
                    next();
                    next();
                    return body;
                }
            next();
            TRY_ASSIGN(StmtPtr s, parse_statement());
            body.push_back(std::move(s));
        }
    }

    Status end_tag() { return expect(T::BlockEnd, "'%}'"); }

    Result<StmtPtr> parse_statement() {
        auto s = std::make_unique<Stmt>();
        s->line = cur().line;
        std::string tag = cur().text;
        next();
        if (tag == "if") return parse_if(std::move(s));
        if (tag == "for") return parse_for(std::move(s));
        if (tag == "set") return parse_set(std::move(s));
        if (tag == "macro") return parse_macro(std::move(s));
        if (tag == "call") return parse_call_block(std::move(s));
        if (tag == "filter") return parse_filter_block(std::move(s));
        if (tag == "break" || tag == "continue") {
            if (loop_depth_ == 0) return fail("'" + tag + "' outside of a loop");
            s->kind = tag == "break" ? Stmt::Kind::Break : Stmt::Kind::Continue;
            TRY_STATUS(end_tag());
            return s;
        }
        if (tag == "generation") {  // Hugging Face's AssistantTracker extension: renders its body
            s->kind = Stmt::Kind::Block;
            TRY_STATUS(end_tag());
            std::string found;
            TRY_ASSIGN(s->body, parse_until({"endgeneration"}, found));
            TRY_STATUS(end_tag());
            return s;
        }
        return fail("unknown tag '" + tag + "'");
    }

    Result<StmtPtr> parse_if(StmtPtr s) {
        s->kind = Stmt::Kind::If;
        while (true) {
            TRY_ASSIGN(ExprPtr cond, parse_tuple(false, false));
            TRY_STATUS(end_tag());
            std::string found;
            TRY_ASSIGN(Body body, parse_until({"endif", "elif", "else"}, found));
            s->branches.emplace_back(std::move(cond), std::move(body));
            if (found == "elif") continue;
            if (found == "else") {
                TRY_STATUS(end_tag());
                TRY_ASSIGN(s->else_body, parse_until({"endif"}, found));
            }
            TRY_STATUS(end_tag());
            return s;
        }
    }

    Status parse_targets(std::vector<std::string>& out) {
        bool paren = skip_op("(");
        while (true) {
            TRY_ASSIGN(std::string n, expect_name());
            out.push_back(std::move(n));
            if (!skip_op(",")) break;
            if (paren && is_op(")")) break;
            if (!paren && cur().type != T::Name) break;
        }
        if (paren) TRY_STATUS(expect_op(")"));
        return {};
    }

    Result<StmtPtr> parse_for(StmtPtr s) {
        s->kind = Stmt::Kind::For;
        TRY_STATUS(parse_targets(s->targets));
        if (!skip_name("in")) return fail("expected 'in' in for loop");
        TRY_ASSIGN(s->expr, parse_tuple(false, false, true));
        if (skip_name("if")) {
            TRY_ASSIGN(s->filter, parse_expression(true));
        }
        if (is_name("recursive")) return fail("recursive for loops are not supported");
        TRY_STATUS(end_tag());
        std::string found;
        ++loop_depth_;
        auto body = parse_until({"endfor", "else"}, found);
        --loop_depth_;
        if (!body) return body.error();
        s->body = std::move(body).value();
        if (found == "else") {
            TRY_STATUS(end_tag());
            TRY_ASSIGN(s->else_body, parse_until({"endfor"}, found));
        }
        TRY_STATUS(end_tag());
        return s;
    }

    Result<StmtPtr> parse_set(StmtPtr s) {
        s->kind = Stmt::Kind::Set;
        if (cur().type == T::Name && peek().type == T::Op && peek().text == ".") {
            s->targets.push_back(cur().text);
            next();
            next();
            TRY_ASSIGN(s->text, expect_name());
        } else {
            TRY_STATUS(parse_targets(s->targets));
        }
        if (skip_op("=")) {
            TRY_ASSIGN(s->expr, parse_tuple(true, false));
            TRY_STATUS(end_tag());
            return s;
        }
        if (!s->text.empty() || s->targets.size() != 1) return fail("expected '=' in set");
        s->kind = Stmt::Kind::SetBlock;
        if (is_op("|")) {
            TRY_ASSIGN(s->filter, parse_filter_chain(nullptr));
        }
        TRY_STATUS(end_tag());
        std::string found;
        TRY_ASSIGN(s->body, parse_until({"endset"}, found));
        TRY_STATUS(end_tag());
        return s;
    }

    Status parse_params(std::vector<std::pair<std::string, ExprPtr>>& params) {
        TRY_STATUS(expect_op("("));
        bool defaults = false;
        while (!is_op(")")) {
            if (!params.empty()) TRY_STATUS(expect_op(","));
            if (is_op(")")) break;
            TRY_ASSIGN(std::string n, expect_name());
            ExprPtr def;
            if (skip_op("=")) {
                TRY_ASSIGN(def, parse_expression(true));
                defaults = true;
            } else if (defaults) {
                return fail("non-default argument follows default argument");
            }
            params.emplace_back(std::move(n), std::move(def));
        }
        next();
        return {};
    }

    Result<StmtPtr> parse_macro(StmtPtr s) {
        s->kind = Stmt::Kind::Macro;
        TRY_ASSIGN(s->text, expect_name());
        TRY_STATUS(parse_params(s->params));
        TRY_STATUS(end_tag());
        std::string found;
        int saved = loop_depth_;
        loop_depth_ = 0;
        auto body = parse_until({"endmacro"}, found);
        loop_depth_ = saved;
        if (!body) return body.error();
        s->body = std::move(body).value();
        s->catch_varargs = uses_name(s->body, "varargs");
        s->catch_kwargs = uses_name(s->body, "kwargs");
        if (cur().type == T::Name) next();  // {% endmacro name %}
        TRY_STATUS(end_tag());
        return s;
    }

    Result<StmtPtr> parse_call_block(StmtPtr s) {
        s->kind = Stmt::Kind::CallBlock;
        if (is_op("(")) TRY_STATUS(parse_params(s->params));
        TRY_ASSIGN(s->expr, parse_expression(true));
        if (s->expr->kind != Expr::Kind::Call) return fail("expected a call in call block");
        TRY_STATUS(end_tag());
        std::string found;
        int saved = loop_depth_;
        loop_depth_ = 0;
        auto body = parse_until({"endcall"}, found);
        loop_depth_ = saved;
        if (!body) return body.error();
        s->body = std::move(body).value();
        TRY_STATUS(end_tag());
        return s;
    }

    Result<StmtPtr> parse_filter_block(StmtPtr s) {
        s->kind = Stmt::Kind::FilterBlock;
        TRY_ASSIGN(s->filter, parse_filter_chain(nullptr, true));
        TRY_STATUS(end_tag());
        std::string found;
        TRY_ASSIGN(s->body, parse_until({"endfilter"}, found));
        TRY_STATUS(end_tag());
        return s;
    }

    // ---- expressions ----

    bool tuple_end(bool in_for) const {
        const Token& tk = cur();
        if (tk.type == T::VarEnd || tk.type == T::BlockEnd || tk.type == T::Eof) return true;
        if (tk.type == T::Op && (tk.text == ")" || tk.text == "]" || tk.text == "}" || tk.text == "=")) return true;
        return in_for && tk.type == T::Name && (tk.text == "if" || tk.text == "recursive");
    }

    Result<ExprPtr> parse_tuple(bool with_condexpr, bool explicit_parens, bool in_for = false) {
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

    Result<ExprPtr> parse_expression(bool with_condexpr) {
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

    Result<ExprPtr> binary(const std::string& op, ExprPtr l, ExprPtr r, int line) {
        auto n = node(Expr::Kind::Binary, line);
        n->name = op;
        n->a = std::move(l);
        n->b = std::move(r);
        return done(std::move(n));
    }

    Result<ExprPtr> parse_or() {
        TRY_ASSIGN(ExprPtr l, parse_and());
        while (is_name("or")) {
            int line = cur().line;
            next();
            TRY_ASSIGN(ExprPtr r, parse_and());
            TRY_ASSIGN(l, binary("or", std::move(l), std::move(r), line));
        }
        return l;
    }

    Result<ExprPtr> parse_and() {
        TRY_ASSIGN(ExprPtr l, parse_not());
        while (is_name("and")) {
            int line = cur().line;
            next();
            TRY_ASSIGN(ExprPtr r, parse_not());
            TRY_ASSIGN(l, binary("and", std::move(l), std::move(r), line));
        }
        return l;
    }

    Result<ExprPtr> parse_not() {
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

    Result<ExprPtr> parse_compare() {
        TRY_ASSIGN(ExprPtr l, parse_math1());
        while (true) {
            int line = cur().line;
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
                return l;
            }
            TRY_ASSIGN(ExprPtr r, parse_math1());
            // Chained comparisons (a < b < c) are rare in templates; evaluate left to right.
            TRY_ASSIGN(l, binary(op, std::move(l), std::move(r), line));
        }
    }

    Result<ExprPtr> parse_math1() {
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

    Result<ExprPtr> parse_concat() {
        TRY_ASSIGN(ExprPtr l, parse_math2());
        while (is_op("~")) {
            int line = cur().line;
            next();
            TRY_ASSIGN(ExprPtr r, parse_math2());
            TRY_ASSIGN(l, binary("~", std::move(l), std::move(r), line));
        }
        return l;
    }

    Result<ExprPtr> parse_math2() {
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

    Result<ExprPtr> parse_pow() {
        TRY_ASSIGN(ExprPtr l, parse_unary(true));
        while (is_op("**")) {
            int line = cur().line;
            next();
            TRY_ASSIGN(ExprPtr r, parse_unary(true));
            TRY_ASSIGN(l, binary("**", std::move(l), std::move(r), line));
        }
        return l;
    }

    Result<ExprPtr> parse_unary(bool with_filter) {
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

    Result<ExprPtr> parse_primary() {
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

    Status parse_call_args(Expr& call) {
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

    Result<ExprPtr> parse_postfix(ExprPtr e) {
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

    Result<ExprPtr> parse_subscript(ExprPtr base, int line) {
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

    // One filter (`|name(args)` or, for a filter block, `name(args)`) applied to `input`.
    Result<ExprPtr> parse_one_filter(ExprPtr input) {
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

    Result<ExprPtr> parse_filter_chain(ExprPtr input, bool start_inline = false) {
        ExprPtr e = std::move(input);
        if (start_inline) {
            TRY_ASSIGN(e, parse_one_filter(std::move(e)));
        }
        while (skip_op("|")) {
            TRY_ASSIGN(e, parse_one_filter(std::move(e)));
        }
        return e;
    }

    Result<ExprPtr> parse_filter_expr(ExprPtr e) {
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
};

}  // namespace

Result<Body> parse(const std::vector<Token>& tokens, const ParseOptions& options) {
    if (tokens.empty()) return Body{};
    return Parser(tokens, options).run();
}

}  // namespace causerie::jinja
