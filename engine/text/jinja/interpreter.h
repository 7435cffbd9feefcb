// The tree-walking evaluator (internal to the Jinja module).
#pragma once
#include "text/jinja/ast.h"
#include "text/jinja/jinja.h"

#include <memory>
#include <string>
#include <vector>

namespace causerie::jinja {

struct Scope {
    std::shared_ptr<Scope> parent;
    std::vector<std::pair<std::string, Value>> vars;
    const Value* find(std::string_view name) const;
    void set(const std::string& name, Value v);
};

enum class Flow { Normal, Break, Continue };

class Interpreter {
public:
    explicit Interpreter(const RenderOptions& options);
    ~Interpreter();
    Result<std::string> run(const Body& body, const Value& context);

    const RenderOptions& options() const { return opt_; }
    // Counts work; fails once the step budget is spent.
    Status work(uint64_t n = 1);
    // Counts bytes of a value about to be built; fails past the per-value or total limits.
    Status charge(size_t bytes);
    Result<Value> call(const Value& callee, CallArgs& args);
    Result<Value> filter(const std::string& name, const Value& input, CallArgs& args);
    Result<bool> test(const std::string& name, const Value& input, CallArgs& args);
    Result<Value> get_attr(const Value& obj, const std::string& name);
    Result<Value> get_item(const Value& obj, const Value& key);
    std::shared_ptr<NamespaceData> new_namespace();
    Result<Value> eval(const Expr& e);
    // The error Jinja raises when an Undefined is used where a value is needed.
    Status error_undefined(const Value& v) const;

private:
    const RenderOptions& opt_;
    std::shared_ptr<Scope> scope_;
    std::string* out_ = nullptr;
    uint64_t steps_ = 0;
    uint64_t iterations_ = 0;
    uint64_t total_bytes_ = 0;
    int call_depth_ = 0;
    int frames_ = 0;
    Value block_input_;
    std::vector<std::shared_ptr<NamespaceData>> namespaces_;
    std::vector<std::shared_ptr<Scope>> captured_;

    Result<Flow> exec(const Body& body);
    Result<Flow> exec_stmt(const Stmt& s);
    Result<Flow> exec_for(const Stmt& s);
    Status exec_set(const Stmt& s);
    Status emit(std::string_view text);
    Result<std::string> capture(const Body& body, std::shared_ptr<Scope> scope);
    Value make_macro(const Stmt& s, std::shared_ptr<Scope> scope, const std::string& name);
    Status assign(const std::vector<std::string>& targets, const Value& v, Scope& scope);
    Status bind_globals(Scope& root);
};

// Helpers shared by the evaluator and the builtins.
Result<Value> binary_op(Interpreter& in, const std::string& op, const Value& a, const Value& b);
// iterate() after charging the step and memory budgets for the items it would create.
Result<std::vector<Value>> iterate_bounded(Interpreter& in, const Value& v);
Result<bool> contains(Interpreter& in, const Value& container, const Value& item);
Result<Value> slice_value(Interpreter& in, const Value& v, const Value& start, const Value& stop, const Value& step);

}  // namespace causerie::jinja
