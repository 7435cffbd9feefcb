// Expression evaluation and Python's operators (arithmetic, comparison, membership, slicing).
#include "text/jinja/builtins.h"
#include "text/jinja/interpreter.h"
#include "text/jinja/utf8.h"

#include <cmath>

namespace causerie::jinja {

namespace {

Error unsupported(const std::string& op, const Value& a, const Value& b) {
    return make_error("unsupported operand type(s) for " + op + ": '" + a.type_name() + "' and '" + b.type_name() + "'");
}

Result<Value> int_result(bool overflow, int64_t r) {
    if (overflow) return make_error("integer overflow");
    return Value(r);
}

Result<Value> repeat(Interpreter& in, const Value& seq, int64_t n) {
    if (n < 0) n = 0;
    if (seq.is_string()) {
        const std::string& s = seq.as_string();
        if (n > 0 && s.size() > 0 && uint64_t(n) > in.options().limits.max_value_size / s.size())
            return make_error("template rendering stopped: a value would exceed " + std::to_string(in.options().limits.max_value_size) + " bytes");
        TRY_STATUS(in.charge(s.size() * size_t(n)));
        std::string out;
        out.reserve(s.size() * size_t(n));
        for (int64_t i = 0; i < n; ++i) out += s;
        return Value(std::move(out));
    }
    const auto& items = seq.items();
    if (n > 0 && items.size() > 0 && uint64_t(n) > in.options().limits.max_value_size / items.size())
        return make_error("template rendering stopped: a list would exceed " + std::to_string(in.options().limits.max_value_size) + " items");
    TRY_STATUS(in.charge(items.size() * size_t(n) * sizeof(Value)));
    std::vector<Value> out;
    for (int64_t i = 0; i < n; ++i) out.insert(out.end(), items.begin(), items.end());
    return Value::list(std::move(out), seq.is_tuple());
}

}  // namespace

Result<std::vector<Value>> iterate_bounded(Interpreter& in, const Value& v) {
    int64_t n = v.is_string() ? int64_t(v.as_string().size()) : v.length();
    if (n > 0) {
        TRY_STATUS(in.work(uint64_t(n)));
        TRY_STATUS(in.charge(size_t(n) * sizeof(Value)));
    }
    return iterate(v);
}

Result<bool> contains(Interpreter& in, const Value& container, const Value& item) {
    switch (container.kind()) {
        case Value::Kind::String:
            if (!item.is_string()) return make_error("'in <string>' requires string as left operand, not " + item.type_name());
            TRY_STATUS(in.work(container.as_string().size() / 64 + 1));
            return container.as_string().find(item.as_string()) != std::string::npos;
        case Value::Kind::List:
            TRY_STATUS(in.work(container.items().size()));
            for (const auto& v : container.items())
                if (equals(v, item)) return true;
            return false;
        case Value::Kind::Dict:
            TRY_STATUS(in.work(container.as_dict().entries.size()));
            return container.as_dict().find(item) != nullptr;
        case Value::Kind::Undefined: return false;
        case Value::Kind::Namespace: return item.is_string() && container.as_namespace().find(item.as_string()) != nullptr;
        default: return make_error("argument of type '" + container.type_name() + "' is not iterable");
    }
}

Result<Value> slice_value(Interpreter& in, const Value& v, const Value& start_v, const Value& stop_v, const Value& step_v) {
    if (v.is_undefined()) TRY_STATUS(in.error_undefined(v));
    for (const Value* x : {&start_v, &stop_v, &step_v})
        if (!x->is_none() && !x->is_undefined() && !x->is_integral())
            return make_error("slice indices must be integers or None");
    int64_t step = step_v.is_integral() ? step_v.as_int() : 1;
    if (step == 0) return make_error("slice step cannot be zero");
    bool ascii = v.is_string() && is_ascii(v.as_string());
    std::u32string cps;
    int64_t n;
    if (v.is_list()) n = int64_t(v.items().size());
    else if (v.is_string()) {
        if (!ascii) cps = to_code_points(v.as_string());
        n = ascii ? int64_t(v.as_string().size()) : int64_t(cps.size());
    } else {
        return Value::undefined("'" + v.type_name() + " object' has no attribute 'slice'");  // as Jinja's getitem
    }
    auto norm = [&](const Value& x, int64_t def_pos, int64_t def_neg) -> int64_t {
        if (!x.is_integral()) return step > 0 ? def_pos : def_neg;
        int64_t i = x.as_int();
        if (i < 0) i += n;
        if (step > 0) return std::clamp<int64_t>(i, 0, n);
        return std::clamp<int64_t>(i, -1, n - 1);
    };
    int64_t start = norm(start_v, 0, n - 1);
    int64_t stop = norm(stop_v, n, -1);
    std::vector<int64_t> idx;
    for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) idx.push_back(i);
    TRY_STATUS(in.work(idx.size()));
    if (v.is_list()) {
        TRY_STATUS(in.charge(idx.size() * sizeof(Value)));
        std::vector<Value> out;
        out.reserve(idx.size());
        for (int64_t i : idx) out.push_back(v.items()[size_t(i)]);
        return Value::list(std::move(out), v.is_tuple());
    }
    std::string out;
    if (ascii && step == 1) {
        out = v.as_string().substr(size_t(start), size_t(stop > start ? stop - start : 0));
    } else {
        for (int64_t i : idx) {
            if (ascii) out += v.as_string()[size_t(i)];
            else append_utf8(out, cps[size_t(i)]);
        }
    }
    TRY_STATUS(in.charge(out.size()));
    return Value(std::move(out));
}

Result<Value> binary_op(Interpreter& in, const std::string& op, const Value& a, const Value& b) {
    if (op == "~") {
        std::string s = a.str();
        std::string t = b.str();
        TRY_STATUS(in.charge(s.size() + t.size()));
        return Value(s + t);
    }
    if (op == "==") return Value(equals(a, b));
    if (op == "!=") return Value(!equals(a, b));
    if (op == "<" || op == ">" || op == "<=" || op == ">=") {
        TRY_ASSIGN(int c, compare(a, b));
        if (op == "<") return Value(c < 0);
        if (op == ">") return Value(c > 0);
        if (op == "<=") return Value(c <= 0);
        return Value(c >= 0);
    }
    if (op == "in" || op == "notin") {
        TRY_ASSIGN(bool r, contains(in, b, a));
        return Value(op == "in" ? r : !r);
    }
    if (a.is_undefined()) TRY_STATUS(in.error_undefined(a));
    if (b.is_undefined()) TRY_STATUS(in.error_undefined(b));
    bool nums = a.is_number() && b.is_number();
    bool ints = a.is_integral() && b.is_integral();
    if (op == "+") {
        if (ints) {
            int64_t r = 0;
            bool overflow = __builtin_add_overflow(a.as_int(), b.as_int(), &r);
            return int_result(overflow, r);
        }
        if (nums) return Value(a.as_double() + b.as_double());
        if (a.is_string() && b.is_string()) {
            TRY_STATUS(in.charge(a.as_string().size() + b.as_string().size()));
            return Value(a.as_string() + b.as_string());
        }
        if (a.is_list() && b.is_list() && a.is_tuple() == b.is_tuple()) {
            TRY_STATUS(in.charge((a.items().size() + b.items().size()) * sizeof(Value)));
            std::vector<Value> out = a.items();
            out.insert(out.end(), b.items().begin(), b.items().end());
            return Value::list(std::move(out), a.is_tuple());
        }
        if (a.is_string() || b.is_string()) return make_error("can only concatenate str (not \"" + (a.is_string() ? b : a).type_name() + "\") to str");
        return unsupported(op, a, b);
    }
    if (op == "-") {
        if (ints) {
            int64_t r = 0;
            bool overflow = __builtin_sub_overflow(a.as_int(), b.as_int(), &r);
            return int_result(overflow, r);
        }
        if (nums) return Value(a.as_double() - b.as_double());
        return unsupported(op, a, b);
    }
    if (op == "*") {
        if (ints) {
            int64_t r = 0;
            bool overflow = __builtin_mul_overflow(a.as_int(), b.as_int(), &r);
            return int_result(overflow, r);
        }
        if (nums) return Value(a.as_double() * b.as_double());
        if ((a.is_string() || a.is_list()) && b.is_integral()) return repeat(in, a, b.as_int());
        if ((b.is_string() || b.is_list()) && a.is_integral()) return repeat(in, b, a.as_int());
        return unsupported(op, a, b);
    }
    if (op == "/") {
        if (!nums) return unsupported(op, a, b);
        if (b.as_double() == 0) return make_error("division by zero");
        return Value(a.as_double() / b.as_double());
    }
    if (op == "//") {
        if (!nums) return unsupported(op, a, b);
        if (ints) {
            if (b.as_int() == 0) return make_error("integer division or modulo by zero");
            if (a.as_int() == INT64_MIN && b.as_int() == -1) return make_error("integer overflow");
            int64_t q = a.as_int() / b.as_int();
            if ((a.as_int() % b.as_int() != 0) && ((a.as_int() < 0) != (b.as_int() < 0))) --q;
            return Value(q);
        }
        if (b.as_double() == 0) return make_error("float floor division by zero");
        return Value(std::floor(a.as_double() / b.as_double()));
    }
    if (op == "%") {
        if (a.is_string()) {
            TRY_ASSIGN(std::string s, percent_format(in, a.as_string(), b));
            return Value(std::move(s));
        }
        if (!nums) return unsupported(op, a, b);
        if (ints) {
            if (b.as_int() == 0) return make_error("integer division or modulo by zero");
            if (b.as_int() == -1) return Value(int64_t(0));
            int64_t r = a.as_int() % b.as_int();
            if (r != 0 && ((r < 0) != (b.as_int() < 0))) r += b.as_int();
            return Value(r);
        }
        if (b.as_double() == 0) return make_error("float modulo");
        double r = std::fmod(a.as_double(), b.as_double());
        if (r != 0 && ((r < 0) != (b.as_double() < 0))) r += b.as_double();
        return Value(r);
    }
    if (op == "**") {
        if (!nums) return unsupported(op, a, b);
        if (ints && b.as_int() >= 0) {
            int64_t r = 1, base = a.as_int();
            for (int64_t e = b.as_int(); e > 0; --e) {
                if (__builtin_mul_overflow(r, base, &r)) return make_error("integer overflow");
                if (r == 0 || r == 1) break;
                if (r == -1) {
                    r = (e % 2 == 1) ? -1 : 1;  // remaining exponent decides the sign
                    break;
                }
            }
            return Value(r);
        }
        if (a.as_double() == 0 && b.as_double() < 0) return make_error("zero to a negative power");
        return Value(std::pow(a.as_double(), b.as_double()));
    }
    return make_error("unknown operator '" + op + "'");
}

Result<Value> Interpreter::eval(const Expr& e) {
    TRY_STATUS(work());
    struct FrameGuard {
        int& f;
        ~FrameGuard() { --f; }
    } guard{++frames_};
    if (frames_ > 10 * opt_.limits.max_nesting) return make_error("template rendering stopped: recursion too deep");
    switch (e.kind) {
        case Expr::Kind::Literal: return e.value;
        case Expr::Kind::Name: {
            if (const Value* v = scope_->find(e.name)) return *v;
            return Value::undefined("'" + e.name + "' is undefined");
        }
        case Expr::Kind::List:
        case Expr::Kind::Tuple: {
            TRY_STATUS(charge(e.args.size() * sizeof(Value)));
            std::vector<Value> items;
            items.reserve(e.args.size());
            for (const auto& a : e.args) {
                TRY_ASSIGN(Value v, eval(*a));
                items.push_back(std::move(v));
            }
            return Value::list(std::move(items), e.kind == Expr::Kind::Tuple);
        }
        case Expr::Kind::Dict: {
            TRY_STATUS(charge(e.args.size() * sizeof(Value)));
            DictData d;
            for (size_t i = 0; i + 1 < e.args.size(); i += 2) {
                TRY_ASSIGN(Value k, eval(*e.args[i]));
                TRY_ASSIGN(Value v, eval(*e.args[i + 1]));
                if (k.is_list() && !k.is_tuple()) return make_error("unhashable type: 'list'");
                if (k.is_dict()) return make_error("unhashable type: 'dict'");
                d.set(std::move(k), std::move(v));
            }
            return Value::dict(std::move(d));
        }
        case Expr::Kind::Attr: {
            TRY_ASSIGN(Value obj, eval(*e.a));
            return get_attr(obj, e.name);
        }
        case Expr::Kind::Item: {
            TRY_ASSIGN(Value obj, eval(*e.a));
            TRY_ASSIGN(Value key, eval(*e.b));
            return get_item(obj, key);
        }
        case Expr::Kind::Slice: {
            TRY_ASSIGN(Value obj, eval(*e.a));
            Value start = Value::none(), stop = Value::none(), step = Value::none();
            if (e.b) {
                TRY_ASSIGN(start, eval(*e.b));
            }
            if (e.c) {
                TRY_ASSIGN(stop, eval(*e.c));
            }
            if (e.d) {
                TRY_ASSIGN(step, eval(*e.d));
            }
            return slice_value(*this, obj, start, stop, step);
        }
        case Expr::Kind::Call:
        case Expr::Kind::Filter:
        case Expr::Kind::Test: {
            CallArgs args;
            for (const auto& a : e.args) {
                TRY_ASSIGN(Value v, eval(*a));
                args.positional.push_back(std::move(v));
            }
            for (const auto& [k, a] : e.kwargs) {
                TRY_ASSIGN(Value v, eval(*a));
                args.named.emplace_back(k, std::move(v));
            }
            if (e.kind == Expr::Kind::Filter) {
                Value input = block_input_;
                if (e.a) {
                    TRY_ASSIGN(input, eval(*e.a));
                }
                return filter(e.name, input, args);
            }
            if (e.kind == Expr::Kind::Test) {
                TRY_ASSIGN(Value input, eval(*e.a));
                TRY_ASSIGN(bool r, test(e.name, input, args));
                return Value(e.negated ? !r : r);
            }
            if (e.a->kind == Expr::Kind::Attr) {  // method call without a bound-method value
                TRY_ASSIGN(Value obj, eval(*e.a->a));
                if (obj.is_undefined()) TRY_STATUS(error_undefined(obj));
                MethodKind mk = method_kind(obj, e.a->name);
                if (mk == MethodKind::Safe) {
                    TRY_STATUS(work());
                    return call_method(*this, obj, e.a->name, args);
                }
                TRY_ASSIGN(Value callee, get_attr(obj, e.a->name));
                return call(callee, args);
            }
            TRY_ASSIGN(Value callee, eval(*e.a));
            return call(callee, args);
        }
        case Expr::Kind::Unary: {
            TRY_ASSIGN(Value v, eval(*e.a));
            if (e.name == "not") return Value(!v.truthy());
            if (v.is_undefined()) TRY_STATUS(error_undefined(v));
            if (!v.is_number()) return make_error("bad operand type for unary " + e.name + ": '" + v.type_name() + "'");
            if (e.name == "+") return v.is_bool() ? Value(v.as_int()) : v;
            if (v.is_float()) return Value(-v.as_double());
            if (v.as_int() == INT64_MIN) return make_error("integer overflow");
            return Value(-v.as_int());
        }
        case Expr::Kind::Binary: {
            TRY_ASSIGN(Value a, eval(*e.a));
            if (e.name == "and") {
                if (!a.truthy()) return a;
                return eval(*e.b);
            }
            if (e.name == "or") {
                if (a.truthy()) return a;
                return eval(*e.b);
            }
            TRY_ASSIGN(Value b, eval(*e.b));
            return binary_op(*this, e.name, a, b);
        }
        case Expr::Kind::Compare: {
            TRY_ASSIGN(Value left, eval(*e.a));
            for (const auto& [op, operand] : e.kwargs) {
                TRY_ASSIGN(Value right, eval(*operand));
                TRY_ASSIGN(Value r, binary_op(*this, op, left, right));
                if (!r.truthy()) return r;
                left = std::move(right);
            }
            return Value(true);
        }
        case Expr::Kind::Cond: {
            TRY_ASSIGN(Value c, eval(*e.b));
            if (c.truthy()) return eval(*e.a);
            if (e.c) return eval(*e.c);
            return Value::undefined("the inline if-expression evaluated to false and no else section was defined");
        }
    }
    return make_error("unknown expression");
}

}  // namespace causerie::jinja
