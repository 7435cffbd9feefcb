// Jinja features: a table of templates whose expected output (or error) was produced by Python's
// Jinja2 3.1 with Hugging Face's settings, plus targeted tests of the chat-template API.
#include "jinja_cases.h"
#include "text/chat_template.h"
#include "text/jinja/jinja.h"
#include "text/json.h"

#include <gtest/gtest.h>

using namespace causerie;

namespace {

Result<std::string> render(const std::string& src, const std::string& context_json = "{}") {
    auto ctx = parse_json(context_json);
    if (!ctx) return ctx.error();
    return render_chat_template(src, *ctx, jinja::DateTime{2026, 1, 15, 12, 0, 0});
}

std::string ok(const std::string& src, const std::string& context_json = "{}") {
    auto r = render(src, context_json);
    EXPECT_TRUE(r.ok()) << src << "\n -> " << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : "<error>";
}

}  // namespace

TEST(JinjaFeatures, MatchesJinja2OnCaseTable) {
    int n = 0;
    for (const auto& c : kJinjaCases) {
        auto r = render(c.source, kJinjaContext);
        if (c.ok) {
            ASSERT_TRUE(r.ok()) << c.source << "\n -> " << r.error().message;
            EXPECT_EQ(*r, c.expected) << c.source;
        } else {
            EXPECT_FALSE(r.ok()) << c.source << " should fail, rendered: " << *r;
        }
        ++n;
    }
    EXPECT_GT(n, 100);
}

TEST(JinjaFeatures, WhitespaceControl) {
    EXPECT_EQ(ok("a\n  {% if true %}\n  b\n  {% endif %}\nc"), "a\n  b\nc");
    EXPECT_EQ(ok("  {{- 'x' -}}  \n y"), "xy");
    EXPECT_EQ(ok("{% if true %}a{% endif +%}\nb"), "a\nb");
    EXPECT_EQ(ok("  {%+ if true %}a{% endif %}"), "  a");
    EXPECT_EQ(ok("x{# comment #}\ny"), "xy");
    EXPECT_EQ(ok("a\n"), "a");       // one trailing newline is dropped
    EXPECT_EQ(ok("a\n\n"), "a\n");
    EXPECT_EQ(ok("a\r\nb"), "a\nb");  // newlines normalized
}

TEST(JinjaFeatures, UndefinedBehavesAsJinja2) {
    EXPECT_EQ(ok("[{{ nothing }}]{{ nothing|length }}{% for x in nothing %}x{% endfor %}{{ nothing is defined }}"), "[]0False");
    EXPECT_EQ(ok("{{ none.attr is defined }}{{ {'a': 1}.b is defined }}"), "FalseFalse");
    EXPECT_FALSE(render("{{ nothing.attr }}").ok());
    EXPECT_FALSE(render("{{ nothing + 1 }}").ok());
    EXPECT_FALSE(render("{{ nothing() }}").ok());
}

TEST(JinjaFeatures, ImmutableSandbox) {
    auto r = render("{% set l = [1] %}{{ l.append(2) }}");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("unsafe"), std::string::npos);
    EXPECT_FALSE(render("{% set d = {} %}{% set _ = d.update({'a': 1}) %}").ok());
    EXPECT_FALSE(render("{{ range(100001)|length }}").ok());
}

TEST(JinjaFeatures, RaiseExceptionMessage) {
    auto r = render("{{ raise_exception('Roles must alternate') }}");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("Roles must alternate"), std::string::npos);
}

TEST(JinjaFeatures, StrftimeNowUsesInjectedTime) {
    EXPECT_EQ(ok("{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%Y-%m-%dT%H:%M:%S %A') }}"), "15 Jan 2026|2026-01-15T12:00:00 Thursday");
}

TEST(JinjaFeatures, SyntaxErrorsNameTheLine) {
    auto r = render("line1\n{% if x %}\nunterminated");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("line"), std::string::npos);
    EXPECT_FALSE(render("{% break %}").ok());
    EXPECT_FALSE(render("{{ 1 +  }}").ok());
    EXPECT_FALSE(render("{% endif %}").ok());
}

TEST(ChatTemplate, MessagesOverload) {
    std::vector<ChatMessage> msgs{{"system", "Be brief."}, {"user", "Hi"}};
    ChatTemplateOptions opt;
    opt.bos_token = "<s>";
    opt.now = {2026, 1, 15, 12, 0, 0};
    auto def = default_chat_template("qwen2");
    EXPECT_EQ(def.name, "chatml");
    auto r = render_chat_template(def.source, msgs, opt);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    opt.add_generation_prompt = false;
    auto r2 = render_chat_template("{{ bos_token }}{% for m in messages %}{{ m.role }}:{{ m.content }};{% endfor %}{{ add_generation_prompt }}", msgs, opt);
    ASSERT_TRUE(r2.ok());
    EXPECT_EQ(*r2, "<s>system:Be brief.;user:Hi;False");
    EXPECT_EQ(default_chat_template("some-unknown-arch").name, "chatml");
}

TEST(ChatTemplate, ContextMustBeAnObject) {
    EXPECT_FALSE(render_chat_template("x", Json(Json::Array{}), jinja::DateTime{}).ok());
}

TEST(ChatTemplate, TemplateIsReusable) {
    auto t = jinja::Template::parse("{{ a }}-{{ b|default('none') }}");
    ASSERT_TRUE(t.ok());
    auto c1 = parse_json(R"({"a": 1})");
    auto c2 = parse_json(R"({"a": "x", "b": [1, 2]})");
    EXPECT_EQ(*t->render(*c1), "1-none");
    EXPECT_EQ(*t->render(*c2), "x-[1, 2]");
}
