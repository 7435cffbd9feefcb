// Statements, scopes, calls, attribute/item lookup, limits, globals, and Template.
#include "text/jinja/interpreter.h"

#include "text/jinja/builtins.h"
#include "text/jinja/parser.h"
#include "text/json.h"

#include <algorithm>
#include <ctime>

namespace causerie::jinja {

const Value* Scope::find(std::string_view name) const {
    for (const Scope* s = this; s; s = s->parent.get())
        for (const auto& [k, v] : s->vars)
            if (k == name) return &v;
    return nullptr;
}

void Scope::set(const std::string& name, Value v) {
    for (auto& [k, old] : vars)
        if (k == name) {
            old = std::move(v);
            return;
        }
    vars.emplace_back(name, std::move(v));
}

Interpreter::Interpreter(const RenderOptions& options) : opt_(options) {}

Interpreter::~Interpreter() {
    // Break reference cycles (a namespace holding itself, a macro stored in its own scope).
    for (auto& ns : namespaces_) ns->attrs.clear();
    for (auto& s : captured_) {
        s->vars.clear();
        s->parent.reset();
    }
    if (scope_) scope_->vars.clear();
}

Status Interpreter::work(uint64_t n) {
    steps_ += n;
    if (steps_ > opt_.limits.max_steps)
        return make_error("template rendering stopped: more than " + std::to_string(opt_.limits.max_steps) + " evaluation steps");
    return {};
}

Status Interpreter::charge(size_t bytes) {
    if (bytes > opt_.limits.max_value_size)
        return make_error("template rendering stopped: a value would exceed " + std::to_string(opt_.limits.max_value_size) + " bytes");
    total_bytes_ += bytes;
    if (total_bytes_ > opt_.limits.max_total_bytes)
        return make_error("template rendering stopped: more than " + std::to_string(opt_.limits.max_total_bytes) + " bytes built");
    return {};
}

Status Interpreter::emit(std::string_view text) {
    if (out_->size() + text.size() > opt_.limits.max_output)
        return make_error("template rendering stopped: output exceeds " + std::to_string(opt_.limits.max_output) + " bytes");
    TRY_STATUS(charge(text.size()));
    out_->append(text);
    return {};
}

Status Interpreter::error_undefined(const Value& v) const {
    if (!v.undefined_hint().empty()) return make_error(v.undefined_hint());
    return make_error("undefined value");
}

std::shared_ptr<NamespaceData> Interpreter::new_namespace() {
    auto ns = std::make_shared<NamespaceData>();
    namespaces_.push_back(ns);
    return ns;
}

Result<std::string> Interpreter::capture(const Body& body, std::shared_ptr<Scope> scope) {
    std::string buf;
    std::string* saved_out = out_;
    auto saved_scope = scope_;
    out_ = &buf;
    if (scope) scope_ = std::move(scope);
    auto r = exec(body);
    out_ = saved_out;
    scope_ = saved_scope;
    if (!r) return r.error();
    return buf;
}

Result<Flow> Interpreter::exec(const Body& body) {
    for (const auto& s : body) {
        TRY_ASSIGN(Flow f, exec_stmt(*s));
        if (f != Flow::Normal) return f;
    }
    return Flow::Normal;
}

namespace {
Error at_line(int line, const Error& e) {
    if (e.message.rfind("line ", 0) == 0 || e.message.find(", line ") != std::string::npos) return e;
    return make_error("line " + std::to_string(line) + ": " + e.message);
}
}  // namespace

Result<Flow> Interpreter::exec_stmt(const Stmt& s) {
    TRY_STATUS(work());
    struct FrameGuard {
        int& f;
        ~FrameGuard() { --f; }
    } guard{++frames_};
    if (frames_ > 10 * opt_.limits.max_nesting) return make_error("template rendering stopped: recursion too deep");
    switch (s.kind) {
        case Stmt::Kind::Text: TRY_STATUS(emit(s.text)); return Flow::Normal;
        case Stmt::Kind::Emit: {
            auto v = eval(*s.expr);
            if (!v) return at_line(s.line, v.error());
            if (v->is_string()) TRY_STATUS(emit(v->as_string()));
            else TRY_STATUS(emit(v->str()));
            return Flow::Normal;
        }
        case Stmt::Kind::If: {
            for (const auto& [cond, body] : s.branches) {
                auto c = eval(*cond);
                if (!c) return at_line(s.line, c.error());
                if (c->truthy()) return exec(body);
            }
            return exec(s.else_body);
        }
        case Stmt::Kind::For: return exec_for(s);
        case Stmt::Kind::Set: {
            auto st = exec_set(s);
            if (!st) return at_line(s.line, st.error());
            return Flow::Normal;
        }
        case Stmt::Kind::SetBlock: {
            TRY_ASSIGN(std::string text, capture(s.body, nullptr));
            Value v(std::move(text));
            if (s.filter) {
                block_input_ = v;
                auto r = eval(*s.filter);
                if (!r) return at_line(s.line, r.error());
                v = std::move(r).value();
            }
            scope_->set(s.targets[0], std::move(v));
            return Flow::Normal;
        }
        case Stmt::Kind::Macro: scope_->set(s.text, make_macro(s, scope_, s.text)); return Flow::Normal;
        case Stmt::Kind::CallBlock: {
            const Expr& call = *s.expr;
            Value caller = make_macro(s, scope_, "caller");
            auto callee = eval(*call.a);
            if (!callee) return at_line(s.line, callee.error());
            CallArgs args;
            for (const auto& a : call.args) {
                auto v = eval(*a);
                if (!v) return at_line(s.line, v.error());
                args.positional.push_back(std::move(v).value());
            }
            for (const auto& [k, a] : call.kwargs) {
                auto v = eval(*a);
                if (!v) return at_line(s.line, v.error());
                args.named.emplace_back(k, std::move(v).value());
            }
            args.named.emplace_back("caller", std::move(caller));
            auto r = this->call(*callee, args);
            if (!r) return at_line(s.line, r.error());
            TRY_STATUS(emit(r->str()));
            return Flow::Normal;
        }
        case Stmt::Kind::FilterBlock: {
            TRY_ASSIGN(std::string text, capture(s.body, nullptr));
            block_input_ = Value(std::move(text));
            auto r = eval(*s.filter);
            if (!r) return at_line(s.line, r.error());
            TRY_STATUS(emit(r->str()));
            return Flow::Normal;
        }
        case Stmt::Kind::Break: return Flow::Break;
        case Stmt::Kind::Continue: return Flow::Continue;
        case Stmt::Kind::Block: return exec(s.body);
        case Stmt::Kind::With: {
            auto inner = std::make_shared<Scope>();
            inner->parent = scope_;
            for (const auto& [name, expr] : s.params) {
                auto v = eval(*expr);
                if (!v) return at_line(s.line, v.error());
                inner->set(name, std::move(v).value());
            }
            auto saved = scope_;
            scope_ = inner;
            auto f = exec(s.body);
            scope_ = saved;
            return f;
        }
    }
    return Flow::Normal;
}

Status Interpreter::assign(const std::vector<std::string>& targets, const Value& v, Scope& scope) {
    if (targets.size() == 1) {
        scope.set(targets[0], v);
        return {};
    }
    TRY_ASSIGN(std::vector<Value> items, iterate(v));
    if (items.size() != targets.size())
        return make_error(items.size() > targets.size() ? "too many values to unpack (expected " + std::to_string(targets.size()) + ")"
                                                        : "not enough values to unpack (expected " + std::to_string(targets.size()) + ")");
    for (size_t i = 0; i < targets.size(); ++i) scope.set(targets[i], items[i]);
    return {};
}

Status Interpreter::exec_set(const Stmt& s) {
    TRY_ASSIGN(Value v, eval(*s.expr));
    if (!s.text.empty()) {
        const Value* target = scope_->find(s.targets[0]);
        if (!target || !target->is_namespace()) return make_error("cannot assign attribute on non-namespace object");
        target->as_namespace().set(s.text, std::move(v));
        return {};
    }
    return assign(s.targets, v, *scope_);
}

Result<Flow> Interpreter::exec_for(const Stmt& s) {
    auto iterable = eval(*s.expr);
    if (!iterable) return at_line(s.line, iterable.error());
    auto all = iterate_bounded(*this, *iterable);
    if (!all) return at_line(s.line, all.error());
    auto list = std::make_shared<ListData>();
    auto saved = scope_;
    if (s.filter) {
        for (auto& item : *all) {
            auto iter_scope = std::make_shared<Scope>();
            iter_scope->parent = saved;
            auto st = assign(s.targets, item, *iter_scope);
            if (!st) return at_line(s.line, st.error());
            scope_ = iter_scope;
            auto keep = eval(*s.filter);
            scope_ = saved;
            if (!keep) return at_line(s.line, keep.error());
            if (keep->truthy()) list->items.push_back(std::move(item));
        }
    } else {
        list->items = std::move(all).value();
    }
    if (list->items.empty()) return exec(s.else_body);
    for (size_t i = 0; i < list->items.size(); ++i) {
        if (++iterations_ > opt_.limits.max_loop_iterations)
            return make_error("template rendering stopped: more than " + std::to_string(opt_.limits.max_loop_iterations) + " loop iterations");
        auto iter_scope = std::make_shared<Scope>();
        iter_scope->parent = saved;
        auto st = assign(s.targets, list->items[i], *iter_scope);
        if (!st) return at_line(s.line, st.error());
        auto loop = std::make_shared<LoopData>();
        loop->items = list;
        loop->index0 = i;
        iter_scope->set("loop", Value::loop(std::move(loop)));
        scope_ = iter_scope;
        auto f = exec(s.body);
        scope_ = saved;
        if (!f) return f.error();
        if (*f == Flow::Break) break;
    }
    return Flow::Normal;
}

Value Interpreter::make_macro(const Stmt& s, std::shared_ptr<Scope> scope, const std::string& name) {
    captured_.push_back(scope);
    const Stmt* def = &s;
    std::weak_ptr<Scope> weak = scope;
    return Value::callable(name, [def, weak, name](Interpreter& in, CallArgs& args) -> Result<Value> {
        auto parent = weak.lock();
        if (!parent) return make_error("macro '" + name + "' called after its scope ended");
        TRY_STATUS(in.work(32));  // a call costs about as much as 32 ordinary steps
        if (in.call_depth_ >= in.opt_.limits.max_call_depth)
            return make_error("template rendering stopped: macro calls nested deeper than " + std::to_string(in.opt_.limits.max_call_depth));
        auto local = std::make_shared<Scope>();
        local->parent = parent;
        size_t n = def->params.size();
        std::vector<Value> extra;
        for (size_t i = 0; i < args.positional.size(); ++i) {
            if (i < n) local->set(def->params[i].first, args.positional[i]);
            else extra.push_back(args.positional[i]);
        }
        DictData kwargs;
        for (auto& [k, v] : args.named) {
            bool known = k == "caller";
            for (const auto& p : def->params)
                if (p.first == k) known = true;
            if (known) local->set(k, v);
            else kwargs.entries.emplace_back(Value(k), v);
        }
        if (def->kind == Stmt::Kind::Macro) {
            if (!extra.empty() && !def->catch_varargs)
                return make_error("macro '" + name + "' takes not more than " + std::to_string(n) + " argument(s)");
            if (!kwargs.entries.empty() && !def->catch_kwargs)
                return make_error("macro '" + name + "' takes no keyword argument '" + kwargs.entries[0].first.str() + "'");
        }
        local->set("varargs", Value::list(std::move(extra), true));
        local->set("kwargs", Value::dict(std::move(kwargs)));
        auto saved = in.scope_;
        in.scope_ = local;
        for (const auto& p : def->params) {
            if (local->vars.end() != std::find_if(local->vars.begin(), local->vars.end(), [&](const auto& kv) { return kv.first == p.first; }))
                continue;
            if (p.second) {
                auto v = in.eval(*p.second);
                if (!v) {
                    in.scope_ = saved;
                    return v.error();
                }
                local->set(p.first, std::move(v).value());
            } else {
                local->set(p.first, Value::undefined("parameter '" + p.first + "' was not provided"));
            }
        }
        in.scope_ = saved;
        ++in.call_depth_;
        auto text = in.capture(def->body, local);
        --in.call_depth_;
        if (!text) return text.error();
        return Value(std::move(text).value());
    });
}

Result<Value> Interpreter::call(const Value& callee, CallArgs& args) {
    if (callee.is_callable()) {
        TRY_STATUS(work());
        return callee.as_callable().fn(*this, args);
    }
    if (callee.is_undefined()) {
        TRY_STATUS(error_undefined(callee));
    }
    return make_error("'" + callee.type_name() + "' object is not callable");
}

Result<Value> Interpreter::filter(const std::string& name, const Value& input, CallArgs& args) {
    FilterFn f = find_filter(name);
    if (!f) return make_error("no filter named '" + name + "'");
    TRY_STATUS(work());
    return f(*this, input, args);
}

Result<bool> Interpreter::test(const std::string& name, const Value& input, CallArgs& args) {
    TestFn f = find_test(name);
    if (!f) return make_error("no test named '" + name + "'");
    TRY_STATUS(work());
    return f(*this, input, args);
}

Result<Value> Interpreter::get_attr(const Value& obj, const std::string& name) {
    if (obj.is_undefined()) {
        TRY_STATUS(error_undefined(obj));
    }
    MethodKind mk = method_kind(obj, name);
    if (mk == MethodKind::Unsafe)
        return Value::undefined("access to attribute '" + name + "' of '" + obj.type_name() + "' object is unsafe.");
    if (mk == MethodKind::Safe) {
        Value self = obj;
        return Value::callable(name, [self, name](Interpreter& in, CallArgs& args) { return call_method(in, self, name, args); });
    }
    if (obj.is_dict()) {
        if (const Value* v = obj.as_dict().find(std::string_view(name))) return *v;
    } else if (obj.is_namespace()) {
        if (const Value* v = obj.as_namespace().find(name)) return *v;
    } else if (obj.is_loop()) {
        const LoopData& l = obj.as_loop();
        int64_t len = int64_t(l.items->items.size()), i = int64_t(l.index0);
        if (name == "index") return Value(i + 1);
        if (name == "index0") return Value(i);
        if (name == "revindex") return Value(len - i);
        if (name == "revindex0") return Value(len - i - 1);
        if (name == "first") return Value(i == 0);
        if (name == "last") return Value(i == len - 1);
        if (name == "length") return Value(len);
        if (name == "depth") return Value(int64_t(l.depth0) + 1);
        if (name == "depth0") return Value(int64_t(l.depth0));
        if (name == "previtem") return i > 0 ? l.items->items[size_t(i - 1)] : Value::undefined("there is no previous item");
        if (name == "nextitem") return i + 1 < len ? l.items->items[size_t(i + 1)] : Value::undefined("there is no next item");
    }
    std::string what = obj.is_none() ? "'None'" : "'" + obj.type_name() + " object'";
    return Value::undefined(what + " has no attribute '" + name + "'");
}

Result<Value> Interpreter::get_item(const Value& obj, const Value& key) {
    if (obj.is_undefined()) {
        TRY_STATUS(error_undefined(obj));
    }
    if (obj.is_dict()) {
        if (const Value* v = obj.as_dict().find(key)) return *v;
    } else if ((obj.is_list() || obj.is_string()) && key.is_integral()) {
        int64_t n = obj.is_list() ? int64_t(obj.items().size()) : obj.length();
        int64_t i = key.as_int();
        if (i < 0) i += n;
        if (i >= 0 && i < n) {
            if (obj.is_list()) return obj.items()[size_t(i)];
            TRY_ASSIGN(Value s, slice_value(*this, obj, Value(i), Value(i + 1), Value::none()));
            return s;
        }
        return Value::undefined(obj.type_name() + " object has no element " + std::to_string(key.as_int()));
    }
    if (key.is_string()) return get_attr(obj, key.as_string());
    return Value::undefined("'" + obj.type_name() + " object' has no attribute " + key.repr());
}

Status Interpreter::bind_globals(Scope& root) {
    root.set("range", Value::callable("range", [](Interpreter& in, CallArgs& a) -> Result<Value> {
        int64_t start = 0, stop = 0, step = 1;
        for (const auto& v : a.positional)
            if (!v.is_integral()) return make_error("range() expects integers, got '" + v.type_name() + "'");
        if (a.positional.size() == 1) stop = a.positional[0].as_int();
        else if (a.positional.size() >= 2) {
            start = a.positional[0].as_int();
            stop = a.positional[1].as_int();
            if (a.positional.size() >= 3) step = a.positional[2].as_int();
        } else return make_error("range expected at least 1 argument");
        if (step == 0) return make_error("range() arg 3 must not be zero");
        // Count without overflow.
        uint64_t count = 0;
        if (step > 0 && stop > start) {
            uint64_t diff = uint64_t(stop) - uint64_t(start), st = uint64_t(step);
            count = diff / st + (diff % st != 0);
        } else if (step < 0 && start > stop) {
            uint64_t diff = uint64_t(start) - uint64_t(stop), st = uint64_t(-(step + 1)) + 1;
            count = diff / st + (diff % st != 0);
        }
        if (count > 100000) return make_error("Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).");
        TRY_STATUS(in.charge(size_t(count) * sizeof(Value)));
        TRY_STATUS(in.work(uint64_t(count)));
        std::vector<Value> items;
        items.reserve(size_t(count));
        for (int64_t i = 0, v = start; i < int64_t(count); ++i, v += step) items.emplace_back(v);
        return Value::list(std::move(items));
    }));
    root.set("namespace", Value::callable("namespace", [](Interpreter& in, CallArgs& a) -> Result<Value> {
        auto ns = in.new_namespace();
        for (const auto& p : a.positional) {
            if (!p.is_dict()) return make_error("namespace() positional argument must be a dict");
            for (const auto& [k, v] : p.as_dict().entries) ns->set(k.str(), v);
        }
        for (const auto& [k, v] : a.named) ns->set(k, v);
        return Value::make_namespace(ns);
    }));
    root.set("dict", Value::callable("dict", [](Interpreter&, CallArgs& a) -> Result<Value> {
        DictData d;
        for (const auto& p : a.positional) {
            if (!p.is_dict()) return make_error("dict() positional argument must be a dict");
            for (const auto& [k, v] : p.as_dict().entries) d.set(k, v);
        }
        for (const auto& [k, v] : a.named) d.set(Value(k), v);
        return Value::dict(std::move(d));
    }));
    root.set("raise_exception", Value::callable("raise_exception", [](Interpreter&, CallArgs& a) -> Result<Value> {
        const Value* m = a.get(0, "message");
        return make_error(m ? m->str() : std::string("raise_exception called"));
    }));
    root.set("strftime_now", Value::callable("strftime_now", [](Interpreter& in, CallArgs& a) -> Result<Value> {
        const Value* f = a.get(0, "format");
        if (!f || !f->is_string()) return make_error("strftime_now() expects a format string");
        return Value(format_time(in.options().now, f->as_string()));
    }));
    return {};
}

Result<std::string> Interpreter::run(const Body& body, const Value& context) {
    scope_ = std::make_shared<Scope>();
    TRY_STATUS(bind_globals(*scope_));
    if (context.is_dict()) {
        for (const auto& [k, v] : context.as_dict().entries)
            if (k.is_string()) scope_->set(k.as_string(), v);
    } else if (!context.is_undefined()) {
        return make_error("the template context must be a mapping");
    }
    std::string out;
    out_ = &out;
    TRY_ASSIGN(Flow f, exec(body));
    (void)f;
    return out;
}

DateTime DateTime::now_local() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return DateTime{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec};
}

Result<Template> Template::parse(std::string_view source, const Limits& limits) {
    TRY_ASSIGN(auto tokens, tokenize(source));
    ParseOptions po;
    po.max_depth = limits.max_nesting;
    TRY_ASSIGN(Body body, jinja::parse(tokens, po));
    Template t;
    t.body_ = std::make_shared<const Body>(std::move(body));
    return t;
}

Result<std::string> Template::render(const Value& context, const RenderOptions& options) const {
    if (!body_) return make_error("empty template");
    Interpreter in(options);
    return in.run(*body_, context);
}

Result<std::string> Template::render(const Json& context, const RenderOptions& options) const {
    return render(Value::from_json(context), options);
}

}  // namespace causerie::jinja
