// Hostile templates end with an error quickly and within bounded memory.
#include "text/chat_template.h"

#include <gtest/gtest.h>

#include <chrono>

using namespace causerie;

namespace {

// The default limits stop any template within a few seconds (sanitizer builds run ~10x slower).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr double kMaxSeconds = 60.0;
#else
constexpr double kMaxSeconds = 10.0;
#endif

void expect_stops(const std::string& src, const char* what) {
    auto start = std::chrono::steady_clock::now();
    Json ctx = Json::Object{};
    auto r = render_chat_template(src, ctx, jinja::DateTime{});
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_FALSE(r.ok()) << what << ": rendered " << (r.ok() ? r->size() : 0) << " bytes";
    EXPECT_LT(secs, kMaxSeconds) << what;
    if (!r.ok()) {
        EXPECT_FALSE(r.error().message.empty());
    }
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

TEST(JinjaHostile, NestedHugeLoops) {
    expect_stops("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "loop iterations");
}

TEST(JinjaHostile, ExponentialStringGrowth) {
    expect_stops("{% set ns = namespace(s='a') %}{% for i in range(100) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "string doubling");
}

TEST(JinjaHostile, ExponentialListGrowth) {
    expect_stops("{% set ns = namespace(l=[1]) %}{% for i in range(100) %}{% set ns.l = ns.l + ns.l %}{% endfor %}", "list doubling");
}

TEST(JinjaHostile, ExponentialMacroCalls) {
    expect_stops("{% macro f(n) %}{% if n > 0 %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(60) }}", "2^60 calls");
}

TEST(JinjaHostile, InfiniteRecursion) {
    expect_stops("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "macro recursion");
    expect_stops("{% macro m() %}{{ caller() }}{% endmacro %}{% macro f() %}{% call m() %}{{ f() }}{% endcall %}{% endmacro %}{{ f() }}",
                 "call-block recursion");
}

TEST(JinjaHostile, DeepNestingAtParseTime) {
    expect_stops("{{ " + repeat("(", 100000) + "1" + repeat(")", 100000) + " }}", "parentheses");
    expect_stops("{{ 1" + repeat(" + 1", 100000) + " }}", "long operator chain");
    expect_stops("{{ " + repeat("not ", 100000) + "1 }}", "not chain");
    expect_stops("{{ " + repeat("-", 100000) + "1 }}", "unary chain");
    expect_stops("{{ [" + repeat("[", 100000) + " }}", "brackets");
    expect_stops(repeat("{% if 1 %}", 100000), "block nesting");
    expect_stops("{{ x" + repeat("|trim", 100000) + " }}", "filter chain");
}

TEST(JinjaHostile, OutputAndValueBombs) {
    expect_stops("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}", "output size");
    expect_stops("{{ 'x' * 1000000000000 }}", "string repetition");
    expect_stops("{{ [0] * 1000000000000 }}", "list repetition");
    expect_stops("{% for c in 'a' * 10000000 %}{% endfor %}", "iterating a huge string");
    expect_stops("{% set ns = namespace(s='ab') %}{% for i in range(100000) %}{% set ns.s = ns.s ~ ns.s[:1000] %}{% endfor %}",
                 "total bytes built");
}

TEST(JinjaHostile, SelfReferencesDoNotHang) {
    // A namespace holding itself: printing is depth-limited, serializing fails, nothing leaks forever.
    Json ctx = Json::Object{};
    auto r = render_chat_template("{% set ns = namespace() %}{% set ns.me = ns %}{{ ns|length }}", ctx, jinja::DateTime{});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, "1");
    expect_stops("{% set ns = namespace() %}{% set ns.me = ns %}{{ ns|tojson }}", "self-referencing tojson");
}

TEST(JinjaHostile, HugeRangeIsRefusedLikeTheSandbox) {
    expect_stops("{{ range(9223372036854775807)|length }}", "huge range");
    expect_stops("{{ range(-9223372036854775807, 9223372036854775807, 3)|length }}", "huge range with step");
}
