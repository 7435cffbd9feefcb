// The template variable enable_thinking on the real Qwen 3 and SmolLM3 templates: passed through
// ChatTemplateOptions, it changes the rendering as the template says; left unset, the rendering is
// the one Jinja2 gave (../shared/templates/expected), and thinking_switch() finds the default.
#include "text/chat_template.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace causerie;

namespace {

std::string read_file(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

const fs::path kTemplates = fs::path(CAUSERIE_SHARED_DIR) / "templates";

// basic.json as messages and options: one user message, bos <s>, eos </s>.
std::string render_basic(const std::string& source, std::optional<bool> thinking) {
    ChatTemplateOptions o;
    o.bos_token = "<s>";
    o.eos_token = "</s>";
    o.now = {2026, 1, 15, 12, 0, 0};
    o.enable_thinking = thinking;
    auto r = render_chat_template(source, {{"user", "Hello!"}}, o);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : std::string();
}

}  // namespace

TEST(EnableThinking, Qwen3) {
    const std::string source = read_file(kTemplates / "Qwen-Qwen3-0.6B.jinja");
    ASSERT_FALSE(source.empty());
    const std::string jinja2 = read_file(kTemplates / "expected" / "Qwen-Qwen3-0.6B.basic.txt");
    ASSERT_FALSE(jinja2.empty());
    // Unset: what Jinja2 rendered. True: the same (Qwen 3 thinks by default).
    EXPECT_EQ(render_basic(source, std::nullopt), jinja2);
    EXPECT_EQ(render_basic(source, true), jinja2);
    // False: the template writes an empty reasoning block after the assistant's header, so the
    // model answers at once.
    const std::string off = render_basic(source, false);
    EXPECT_EQ(off, "<|im_start|>user\nHello!<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n");
    EXPECT_EQ(off, jinja2 + (jinja2.back() == '\n' ? "" : "\n") + "<think>\n\n</think>\n\n");

    const ThinkingSwitch sw = thinking_switch(source);
    EXPECT_TRUE(sw.available);
    EXPECT_TRUE(sw.default_on);
}

TEST(EnableThinking, SmolLM3SaysItInTheSystemHeaderAndClosesTheBlock) {
    const std::string source = read_file(kTemplates / "HuggingFaceTB-SmolLM3-3B.jinja");
    ASSERT_FALSE(source.empty());
    const std::string jinja2 = read_file(kTemplates / "expected" / "HuggingFaceTB-SmolLM3-3B.basic.txt");
    EXPECT_EQ(render_basic(source, std::nullopt), jinja2);
    EXPECT_EQ(render_basic(source, true), jinja2);
    const std::string off = render_basic(source, false);
    EXPECT_NE(off.find("Reasoning Mode: /no_think\n"), std::string::npos) << off;
    EXPECT_EQ(off.find("Reasoning Mode: /think"), std::string::npos);
    // ...and closes an empty reasoning block after the assistant's header.
    const std::string tail = "<|im_start|>assistant\n<think>\n\n</think>\n";
    ASSERT_GE(off.size(), tail.size());
    EXPECT_EQ(off.substr(off.size() - tail.size()), tail);
    EXPECT_NE(off.find("You are a helpful AI assistant named SmolLM, trained by Hugging Face.\n\n<|im_end|>"), std::string::npos) << off;
    EXPECT_TRUE(thinking_switch(source).available);
    EXPECT_TRUE(thinking_switch(source).default_on);
}

TEST(EnableThinking, OtherTemplatesHaveNoSwitch) {
    int checked = 0;
    for (const auto& t : fs::directory_iterator(kTemplates)) {
        if (t.path().extension() != ".jinja") continue;
        const std::string source = read_file(t.path());
        const bool mentions = source.find("enable_thinking") != std::string::npos;
        EXPECT_EQ(thinking_switch(source).available, mentions) << t.path();
        ++checked;
    }
    EXPECT_GE(checked, 10);
    EXPECT_FALSE(thinking_switch(default_chat_template("qwen3").source).available);
}

TEST(EnableThinking, DefaultOffAndUnusedVariable) {
    // A template that thinks only when asked: default off.
    const std::string asked = "{% for m in messages %}{{ m.content }}{% endfor %}{% if enable_thinking is defined and enable_thinking %}<think>{% endif %}";
    EXPECT_TRUE(thinking_switch(asked).available);
    EXPECT_FALSE(thinking_switch(asked).default_on);
    // Named in a comment only: the rendering does not change, no switch.
    EXPECT_FALSE(thinking_switch("{# enable_thinking #}{{ messages[0].content }}").available);
    // A template that fails to render: no switch (and no crash).
    EXPECT_FALSE(thinking_switch("{{ enable_thinking + }}").available);
}
