// The engine's chat-template entry point: renders a model's `tokenizer.chat_template` (Jinja)
// with a conversation, as Hugging Face transformers' apply_chat_template does.
#pragma once
#include "core/result.h"
#include "text/jinja/jinja.h"
#include "text/json.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace causerie {

struct ChatMessage {
    std::string role;
    std::string content;
};

struct ChatTemplateOptions {
    bool add_generation_prompt = true;
    std::string bos_token;
    std::string eos_token;
    // The template variable `enable_thinking` (Qwen 3, SmolLM3: whether the model reasons
    // before answering); none: left undefined, so the template's own default applies.
    std::optional<bool> enable_thinking;
    jinja::DateTime now = jinja::DateTime::now_local();  // what strftime_now() sees
    jinja::Limits limits;
};

// Renders `source` with `messages`, add_generation_prompt, bos_token, eos_token and (when set)
// enable_thinking.
Result<std::string> render_chat_template(std::string_view source, const std::vector<ChatMessage>& messages,
                                         const ChatTemplateOptions& options = {});
// Renders with a full context object (e.g. a conversation file as-is: messages, tools,
// add_generation_prompt, bos_token, eos_token, any extra variables).
Result<std::string> render_chat_template(std::string_view source, const Json& context, const jinja::DateTime& now,
                                         const jinja::Limits& limits = {});

// Whether a template takes the variable `enable_thinking` (its rendering changes with it), and
// what it does when the variable is left undefined (found by rendering a one-message probe).
struct ThinkingSwitch {
    bool available = false;
    bool default_on = true;  // undefined renders as enable_thinking=true
};
ThinkingSwitch thinking_switch(std::string_view source);

struct DefaultChatTemplate {
    std::string name;    // shown to the user ("chatml")
    std::string source;  // Jinja source
};
// The template to use for a model that has none. Every architecture currently gets ChatML
// (<|im_start|>role\ncontent<|im_end|>\n), the most widely understood format; Qwen2/Qwen3 were
// trained on it. The architecture is taken so better per-family defaults can be added.
DefaultChatTemplate default_chat_template(std::string_view architecture);

}  // namespace causerie
