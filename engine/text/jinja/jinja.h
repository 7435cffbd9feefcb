// Jinja2 templates as Hugging Face renders chat templates: ImmutableSandboxedEnvironment,
// trim_blocks, lstrip_blocks, loop controls, tojson keeping non-ASCII, raise_exception and
// strftime_now. Rendering is bounded (steps, loop iterations, output, memory, recursion).
#pragma once
#include "core/result.h"
#include "text/jinja/value.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace causerie {
class Json;
}

namespace causerie::jinja {

struct Stmt;

struct DateTime {
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    static DateTime now_local();
};

struct Limits {
    uint64_t max_steps = 50'000'000;          // statements + expressions evaluated, plus items processed (~4 s)
    uint64_t max_loop_iterations = 10'000'000;  // over all loops
    size_t max_output = size_t(16) << 20;      // bytes of rendered text (also any captured block)
    size_t max_value_size = size_t(16) << 20;  // bytes of one string, items of one list
    uint64_t max_total_bytes = uint64_t(256) << 20;  // all strings and lists built while rendering
    int max_call_depth = 100;                  // nested macro calls
    int max_nesting = 200;                     // blocks and expression height (parse time)
};

struct RenderOptions {
    DateTime now;  // what strftime_now() formats
    Limits limits;
};

class Template {
public:
    static Result<Template> parse(std::string_view source, const Limits& limits = {});
    // `context` must be a dict (its keys become template variables) or undefined.
    Result<std::string> render(const Value& context, const RenderOptions& options = {}) const;
    Result<std::string> render(const Json& context, const RenderOptions& options = {}) const;

private:
    std::shared_ptr<const std::vector<std::unique_ptr<Stmt>>> body_;
};

}  // namespace causerie::jinja
