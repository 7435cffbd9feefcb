// The statement parser (if, for, set, macro, call, filter...): recursion depth is bounded.
#include "text/jinja/parser_expressions.h"

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

class Parser : public ExprParser {
public:
    using ExprParser::ExprParser;

    Result<Body> run() {
        std::string found;
        TRY_ASSIGN(Body body, parse_until({}, found));
        return body;
    }


private:
    int loop_depth_ = 0;  // `break`/`continue` are only valid inside a for body

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
        if (tag == "with") {
            s->kind = Stmt::Kind::With;
            while (cur().type != T::BlockEnd) {
                if (!s->params.empty()) TRY_STATUS(expect_op(","));
                TRY_ASSIGN(std::string n, expect_name());
                TRY_STATUS(expect_op("="));
                TRY_ASSIGN(ExprPtr v, parse_expression(true));
                s->params.emplace_back(std::move(n), std::move(v));
            }
            TRY_STATUS(end_tag());
            std::string found;
            TRY_ASSIGN(s->body, parse_until({"endwith"}, found));
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
};

}  // namespace

Result<Body> parse(const std::vector<Token>& tokens, const ParseOptions& options) {
    if (tokens.empty()) return Body{};
    return Parser(tokens, options).run();
}

}  // namespace causerie::jinja
