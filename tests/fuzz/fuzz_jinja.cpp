// fuzz-link: causerie_text
// The Jinja lexer, parser and renderer (and the JSON parser) on arbitrary bytes: each input must
// end with a rendering or an error, never a crash, a hang or unbounded memory.
#include "text/chat_template.h"
#include "text/json.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    // An optional JSON context precedes the template, separated by a NUL byte.
    causerie::Json context = causerie::Json::Object{};
    size_t nul = input.find('\0');
    if (nul != std::string_view::npos) {
        auto ctx = causerie::parse_json(input.substr(0, nul));
        if (ctx && ctx->is_object()) context = std::move(ctx).value();
        input = input.substr(nul + 1);
    } else {
        context.set("messages", causerie::Json::Array{causerie::Json(causerie::Json::Object{{"role", "user"}, {"content", "Hi"}}),
                                                      causerie::Json(causerie::Json::Object{{"role", "assistant"}, {"content", "Yo"}})});
        context.set("add_generation_prompt", true);
        context.set("bos_token", "<s>");
    }
    causerie::jinja::Limits limits;
    limits.max_steps = 200000;
    limits.max_loop_iterations = 50000;
    limits.max_output = 1 << 20;
    limits.max_value_size = 1 << 20;
    limits.max_total_bytes = 16 << 20;
    auto r = causerie::render_chat_template(input, context, causerie::jinja::DateTime{2026, 1, 15, 12, 0, 0}, limits);
    (void)r;
    return 0;
}

extern "C" void LLVMFuzzerSeeds(std::vector<std::vector<uint8_t>>* out) {
    const char* seeds[] = {
        "{%- for message in messages %}{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
        "{%- endfor %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}",
        "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}"
        "{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
        "{{ raise_exception('Conversation roles must alternate') }}{% endif %}{{ '<start_of_turn>' + message['role'] + '\\n' + "
        "message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}",
        "{%- set ns = namespace(multi_step_tool=true, last_query_index=messages|length - 1) %}\n"
        "{%- for message in messages[::-1] %}\n  {%- set index = (messages|length - 1) - loop.index0 %}\n"
        "  {%- if ns.multi_step_tool and message.role == \"user\" %}{%- set ns.multi_step_tool = false %}"
        "{%- set ns.last_query_index = index %}{%- endif %}\n{%- endfor %}{{ ns.last_query_index }}",
        "{%- macro t(spec) %}{%- if spec.type == 'array' %}{{ 'list[' + t(spec.items) + ']' }}{%- else %}{{ 'Any' }}"
        "{%- endif %}{%- endmacro %}{{ t({'type': 'array', 'items': {'type': 'string'}}) }}",
        "{% set x = [1, 2, 3] %}{{ x|tojson }} {{ x|map('string')|join(', ') }} {{ 'a,b'.split(',') }} {{ x[::-1] }}"
        " {{ {'a': 1}|items|list }} {{ '%s-%d' % ('a', 2) }} {{ strftime_now('%d %b %Y') }}",
        "{% for t in [{'name': 'f', 'args': [1, 2.5, none]}] %}{{ t | tojson(indent=4) }}{% endfor %}"
        "{% raw %}{{ raw }}{% endraw %}{# c #}",
    };
    for (const char* s : seeds) out->emplace_back(reinterpret_cast<const uint8_t*>(s), reinterpret_cast<const uint8_t*>(s) + std::string_view(s).size());
    // A seed with its own JSON context (before the NUL byte).
    const char ctx_seed[] = "{\"messages\": [], \"tools\": [{\"name\": \"f\"}]}\0{{ messages|length }}"
                            "{% for m in messages %}x{% else %}empty{% endfor %}{{ tools[0].name }}";
    out->emplace_back(reinterpret_cast<const uint8_t*>(ctx_seed), reinterpret_cast<const uint8_t*>(ctx_seed) + sizeof ctx_seed - 1);
}
