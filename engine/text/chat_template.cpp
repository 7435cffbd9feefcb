// Chat templates: building the Jinja context from a conversation, and the fallback template.
#include "text/chat_template.h"

namespace causerie {

Result<std::string> render_chat_template(std::string_view source, const std::vector<ChatMessage>& messages,
                                         const ChatTemplateOptions& options) {
    Json::Array list;
    list.reserve(messages.size());
    for (const auto& m : messages) {
        Json msg;
        msg.set("role", m.role);
        msg.set("content", m.content);
        list.push_back(std::move(msg));
    }
    Json context;
    context.set("messages", std::move(list));
    context.set("add_generation_prompt", options.add_generation_prompt);
    context.set("bos_token", options.bos_token);
    context.set("eos_token", options.eos_token);
    if (options.enable_thinking) context.set("enable_thinking", *options.enable_thinking);
    return render_chat_template(source, context, options.now, options.limits);
}

Result<std::string> render_chat_template(std::string_view source, const Json& context, const jinja::DateTime& now,
                                         const jinja::Limits& limits) {
    if (!context.is_object()) return make_error("chat template context must be a JSON object");
    TRY_ASSIGN(jinja::Template t, jinja::Template::parse(source, limits));
    jinja::RenderOptions options;
    options.now = now;
    options.limits = limits;
    return t.render(context, options);
}

ThinkingSwitch thinking_switch(std::string_view source) {
    ThinkingSwitch out;
    if (source.find("enable_thinking") == std::string_view::npos) return out;
    const std::vector<ChatMessage> probe{{"user", "?"}};
    ChatTemplateOptions o;
    o.now = jinja::DateTime{2026, 1, 1, 12, 0, 0};
    auto undefined = render_chat_template(source, probe, o);
    o.enable_thinking = true;
    auto on = render_chat_template(source, probe, o);
    o.enable_thinking = false;
    auto off = render_chat_template(source, probe, o);
    if (!undefined || !on || !off || *on == *off) return out;
    out.available = true;
    out.default_on = *undefined != *off;
    return out;
}

DefaultChatTemplate default_chat_template(std::string_view architecture) {
    (void)architecture;
    return DefaultChatTemplate{
        "chatml",
        "{%- for message in messages %}"
        "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
        "{%- endfor %}"
        "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}",
    };
}

}  // namespace causerie
