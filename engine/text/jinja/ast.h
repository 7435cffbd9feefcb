// The syntax tree of a parsed template: expressions and statements.
#pragma once
#include "text/jinja/value.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace causerie::jinja {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
    enum class Kind {
        Literal,   // value
        Name,      // name
        List,      // args
        Tuple,     // args
        Dict,      // args: key, value, key, value...
        Attr,      // a.name
        Item,      // a[b]
        Slice,     // a[b:c:d] (b, c, d may be null)
        Call,      // a(args, kwargs)
        Filter,    // a|name(args, kwargs); a null in a filter block
        Test,      // a is [not] name(args); negated
        Unary,     // op a  ("-", "+", "not")
        Binary,    // a op b (+ - * / // % ** ~ and or == != < <= > >= in notin)
        Compare,   // chained comparison a op1 x op2 y: a, kwargs = (op, operand)...
        Cond,      // a if b else c (c may be null)
    };
    Kind kind;
    int line = 0;
    std::string name;  // Name, Attr, Filter, Test, Call (unused), operator
    Value value;       // Literal
    bool negated = false;
    int height = 1;  // of the subtree, bounded by the parser
    ExprPtr a, b, c, d;
    std::vector<ExprPtr> args;
    std::vector<std::pair<std::string, ExprPtr>> kwargs;
};

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

struct Stmt {
    enum class Kind { Text, Emit, If, For, Set, SetBlock, Macro, CallBlock, FilterBlock, Break, Continue, Block, With };
    Kind kind;
    int line = 0;
    std::string text;                  // Text; Set: namespace attribute; Macro: name
    ExprPtr expr;                      // Emit, For iterable, Set value, CallBlock call, FilterBlock chain
    ExprPtr filter;                    // For: inline `if` condition; SetBlock: filter chain
    std::vector<std::string> targets;  // For/Set/SetBlock names (several: tuple unpacking)
    std::vector<std::pair<ExprPtr, Body>> branches;  // If: condition and body
    Body body;                         // For/Macro/CallBlock/FilterBlock/SetBlock/Block body
    Body else_body;                    // If/For else
    std::vector<std::pair<std::string, ExprPtr>> params;  // Macro/CallBlock parameters, defaults; With assignments
    bool catch_varargs = false;  // Macro: the body uses `varargs` (extra positional arguments allowed)
    bool catch_kwargs = false;   // Macro: the body uses `kwargs` (unknown keyword arguments allowed)
};

}  // namespace causerie::jinja
