// The engine's chat-template entry point: renders a model's `tokenizer.chat_template` (Jinja)
// with a conversation, as Hugging Face transformers' apply_chat_template does.
#pragma once
#include "core/result.h"
#include "text/jinja/jinja.h"
#include "text/json.h"

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
    jinja::DateTime now = jinja::DateTime::now_local();  // what strftime_now() sees
    jinja::Limits limits;
};

// Renders `source` with `messages`, add_generation_prompt, bos_token and eos_token.
Result<std::string> render_chat_template(std::string_view source, const std::vector<ChatMessage>& messages,
                                         const ChatTemplateOptions& options = {});
// Renders with a full context object (e.g. a conversation file as-is: messages, tools,
// add_generation_prompt, bos_token, eos_token, any extra variables).
Result<std::string> render_chat_template(std::string_view source, const Json& context, const jinja::DateTime& now,
                                         const jinja::Limits& limits = {});

struct DefaultChatTemplate {
    std::string name;    // shown to the user ("chatml")
    std::string source;  // Jinja source
};
// The template to use for a model that has none. Every architecture currently gets ChatML
// (<|im_start|>role\ncontent<|im_end|>\n), the most widely understood format; Qwen2/Qwen3 were
// trained on it. The architecture is taken so better per-family defaults can be added.
DefaultChatTemplate default_chat_template(std::string_view architecture);

}  // namespace causerie
