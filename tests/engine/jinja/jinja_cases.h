// Generated from cases rendered by Python's Jinja2 3.1 in Hugging Face's setting (see
// test_jinja_features.cpp); each row: template, expected output or error.
#pragma once

struct JinjaCase {
    const char* source;
    bool ok;
    const char* expected;
};

inline const JinjaCase kJinjaCases[] = {
    {R"J({{ 1 + 2 }}|{{ 7 // 2 }}|{{ -7 // 2 }}|{{ 7 % 3 }}|{{ -7 % 3 }}|{{ 2 ** 10 }}|{{ 7 / 2 }}|{{ 4 / 2 }}|{{ 1.5 * 2 }})J", true, R"J(3|3|-4|1|2|1024|3.5|2.0|3.0)J"},
    {R"J({{ "a" ~ 1 ~ none ~ true }}|{{ "ab" * 3 }}|{{ [1] + [2] }}|{{ (1, 2) }}|{{ (1,) }}|{{ {"a": [1, 'x', none, true, 1.0]} }})J", true, R"J(a1NoneTrue|ababab|[1, 2]|(1, 2)|(1,)|{'a': [1, 'x', None, True, 1.0]})J"},
    {R"J({{ s|upper }} {{ s|lower }} {{ s|length }} {{ "héllo"|length }} {{ s|title }} {{ "hELLO wORLD"|capitalize }} {{ "a-b c(d"|title }})J", true, R"J(HELLO WORLD hello world 11 5 Hello World Hello world A-B C(D)J"},
    {R"J({{ s.split() }} {{ s.split("o") }} {{ "a,b,,c".split(",", 1) }} {{ "  x  ".strip() }}|{{ "xxhixx".strip("x") }}|{{ "  x ".lstrip() }}|{{ " x  ".rstrip() }}|)J", true, R"J(['Hello', 'World'] ['Hell', ' W', 'rld'] ['a', 'b,,c'] x|hi|x | x|)J"},
    {R"J({{ s.startswith("He") }} {{ s.endswith(("x", "ld")) }} {{ s.replace("o", "0") }} {{ s.replace("o", "0", 1) }} {{ s.find("W") }} {{ s.count("l") }})J", true, R"J(True True Hell0 W0rld Hell0 World 6 3)J"},
    {R"J({{ "{} and {}".format(1, "b") }} {{ "{0}{1}{0}".format("a", "b") }} {{ "{x}!".format(x=3) }} {{ "%s is %d" % ("a", 3) }} {{ "%.2f" % 3.14159 }} {{ "%05d|%-4s|" % (42, "ab") }})J", true, R"J(1 and b aba 3! a is 3 3.14 00042|ab  |)J"},
    {R"J({{ l|sort }} {{ l|sort(reverse=true) }} {{ l|reverse|list }} {{ l|first }} {{ l|last }} {{ l|join("-") }} {{ l|sum }} {{ l|min }} {{ l|max }} {{ l|length }})J", true, R"J([1, 2, 3] [3, 2, 1] [2, 1, 3] 3 2 3-1-2 6 1 3 3)J"},
    {R"J({{ d|items|list }} {{ d.items()|list }} {{ d.keys()|list }} {{ d.values()|list }} {{ d.get("a") }} {{ d.get("x", 9) }} {{ d.get("x") }} {{ d|dictsort }})J", true, R"J([('b', 1), ('a', 2)] [('b', 1), ('a', 2)] ['b', 'a'] [1, 2] 2 9 None [('a', 2), ('b', 1)])J"},
    {R"J({{ messages|map(attribute="role")|list }} {{ messages|selectattr("role", "equalto", "user")|list|length }} {{ messages|rejectattr("role", "eq", "user")|map(attribute="role")|join(",") }})J", true, R"J(['system', 'user', 'assistant'] 1 system,assistant)J"},
    {R"J({{ [1,2,3,4]|select("odd")|list }} {{ [1,2,3,4]|reject("even")|list }} {{ ["a","B","a"]|unique|list }} {{ ["b","A","c"]|sort }} {{ ["x", "y"]|map("upper")|list }})J", true, R"J([1, 3] [1, 3] ['a', 'B'] ['A', 'b', 'c'] ['X', 'Y'])J"},
    {R"J({{ x|default("def") }} {{ z|default("def") }} {{ z|default("def", true) }} {{ ""|d("empty", boolean=true) }} {{ x is defined }} {{ z is none }} {{ x is undefined }})J", true, R"J(def None def empty False True True)J"},
    {R"J({{ 3 is odd }} {{ 3 is even }} {{ 9 is divisibleby 3 }} {{ "a" is string }} {{ 1 is number }} {{ 1 is integer }} {{ 1.0 is float }} {{ d is mapping }} {{ l is iterable }} {{ s is sequence }} {{ true is boolean }} {{ none is none }})J", true, R"J(True False True True True True True True True True True True)J"},
    {R"J({{ t is true }} {{ t is false }} {{ 1 is true }} {{ "x" is in "xyz" }} {{ 2 is in l }} {{ 3 is gt 2 }} {{ 3 is lt 2 }} {{ 3 is ge 3 }} {{ 3 is ne 3 }} {{ 3 is == 3 }} {{ range is callable }})J", false, R"J()J"},
    {R"J({{ l[0] }} {{ l[-1] }} {{ l[1:] }} {{ l[:-1] }} {{ l[::-1] }} {{ l[::2] }} {{ s[1:4] }} {{ s[::-1] }} {{ "héllo"[1] }} {{ "héllo"[::-1] }} {{ l[10] }}|{{ s[-3:] }})J", true, R"J(3 2 [1, 2] [3, 1] [2, 1, 3] [3, 2] ell dlroW olleH é olléh |rld)J"},
    {R"J({% for i in range(3) %}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.revindex }}{{ loop.revindex0 }} {% endfor %})J", true, R"J(10TrueFalse332 21FalseFalse321 32FalseTrue310 )J"},
    {R"J({% for i in l %}{{ loop.previtem }}-{{ loop.nextitem }}-{{ loop.cycle("a", "b") }};{% endfor %})J", true, R"J(-1-a;3-2-b;1--a;)J"},
    {R"J({% for i in e %}x{% else %}empty{% endfor %}|{% for i in l if i > 1 %}{{ i }}{{ loop.length }}{% endfor %}|{% for k, v in d.items() %}{{ k }}={{ v }},{% endfor %}|{% for k in d %}{{ k }}{% endfor %})J", true, R"J(empty|3222|b=1,a=2,|ba)J"},
    {R"J({% for i in range(10) %}{% if i == 5 %}{% break %}{% endif %}{% if i is odd %}{% continue %}{% endif %}{{ i }}{% endfor %})J", true, R"J(024)J"},
    {R"J({% set a = 1 %}{% if a == 1 %}one{% elif a == 2 %}two{% else %}other{% endif %}{% if not a %}x{% endif %}{% if a and s %}both{% endif %}{{ a or "x" }}{{ 0 or "y" }}{{ 0 and 1 }})J", true, R"J(oneboth1y0)J"},
    {R"J({% set a, b = 1, 2 %}{{ a }}{{ b }}{% set c %}block {{ a }}{% endset %}[{{ c }}]{% set u | upper %}up {{ b }}{% endset %}{{ u }})J", true, R"J(12[block 1]UP 2)J"},
    {R"J({% set ns = namespace(x=1, y="a") %}{% for i in range(3) %}{% set ns.x = ns.x + i %}{% endfor %}{{ ns.x }}{{ ns.y }})J", true, R"J(4a)J"},
    {R"J({% macro m(a, b=2, c="c") %}[{{ a }}{{ b }}{{ c }}]{% endmacro %}{{ m(1) }}{{ m(1, 3) }}{{ m(1, c="z") }}{{ m(b=5, a=0) }})J", true, R"J([12c][13c][12z][05c])J"},
    {R"J({% macro f(n) %}{% if n > 0 %}{{ n }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(5) }})J", true, R"J(54321)J"},
    {R"J({% macro wrap(t) %}<{{ t }}>{{ caller() }}</{{ t }}>{% endmacro %}{% call wrap("b") %}inner {{ s }}{% endcall %})J", true, R"J(<b>inner Hello World</b>)J"},
    {R"J({% filter upper %}hello {{ s }}{% endfilter %}|{% raw %}{{ not parsed }}{% endraw %}|{# comment #}x)J", true, R"J(HELLO HELLO WORLD|{{ not parsed }}|x)J"},
    {R"J({{ "yes" if t else "no" }} {{ "yes" if z else "no" }} {{ "a" if z }}| {{ 1 if 0 else 2 if 0 else 3 }})J", true, R"J(yes no | 3)J"},
    {R"J({{ 1 < 2 }} {{ "a" < "b" }} {{ [1,2] < [1,3] }} {{ 1 == 1.0 }} {{ true == 1 }} {{ "a" in "abc" }} {{ "d" not in "abc" }} {{ "a" in d }} {{ 1 in l }} {{ not 1 in l }})J", true, R"J(True True True True True True True True True False)J"},
    {R"J({{ tools|tojson }}|{{ d|tojson(indent=2) }}|{{ "é
\"x"|tojson }}|{{ [1.0, 1e20, 0.1, none, true]|tojson }}|{{ {"k": {"a": []}}|tojson(indent=4) }}|{{ d|tojson(sort_keys=true) }})J", true, R"J([{"type": "function", "function": {"name": "get_weather", "description": "Get weather", "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "City"}}, "required": ["city"]}}}]|{
  "b": 1,
  "a": 2
}|"é\n\"x"|[1.0, 1e+20, 0.1, null, true]|{
    "k": {
        "a": []
    }
}|{"a": 2, "b": 1})J"},
    {R"J({{ "  a
 b

c"|indent }}|{{ "a
b"|indent(2, true) }}|{{ "a

b"|indent(2, blank=true) }}|{{ "x y  z"|wordcount }}|{{ "  hi  "|trim }}|{{ "xhix"|trim("x") }})J", true, R"J(  a
     b

    c|  a
  b|a
  
  b|3|hi|hi)J"},
    {R"J({{ "42"|int + 1 }} {{ "4.7"|int }} {{ "abc"|int }} {{ "abc"|int(7) }} {{ 3.9|int }} {{ "2.5"|float }} {{ 3|float }} {{ -3|abs }} {{ 2.567|round(2) }} {{ 2.5|round }} {{ 3.5|round }} {{ 2.1|round(method="ceil") }})J", true, R"J(43 4 0 7 3 2.5 3.0 3 2.57 2.0 4.0 3.0)J"},
    {R"J({{ 42|string ~ "x" }} {{ [1,"a"]|string }} {{ none|string }} {{ "abc"|list }} {{ "<a>"|e }} {{ "<a>"|safe }} {{ "%s-%s"|format(1, 2) }} {{ d|length }} {{ ""|length }})J", true, R"J(42x [1, 'a'] None ['a', 'b', 'c'] &lt;a&gt; <a> 1-2 2 0)J"},
    {R"J({{ messages[0].role }} {{ messages[0]["content"] }} {{ messages[0].nope }}|{{ messages[5] }}|{{ z.foo }}|{{ s.nope }})J", true, R"J(system Sys |||)J"},
    {R"J({{ x.y }})J", false, R"J()J"},
    {R"J({{ x[0] }})J", false, R"J()J"},
    {R"J({{ l.append(4) }})J", false, R"J()J"},
    {R"J({% set _ = d.update({"c": 1}) %}{{ d }})J", false, R"J()J"},
    {R"J({{ l.append is defined }} {{ d.pop is defined }})J", true, R"J(False False)J"},
    {R"J({{ raise_exception("boom") }})J", false, R"J()J"},
    {R"J({{ strftime_now("%Y-%m-%d %H:%M:%S %b %B %a %A %d %j %I%p") }} {{ strftime_now("%d %b %Y") }})J", true, R"J(2026-01-15 12:00:00 Jan January Thu Thursday 15 015 12PM 15 Jan 2026)J"},
    {R"J({{ 1 + "a" }})J", false, R"J()J"},
    {R"J({{ "a" + 1 }})J", false, R"J()J"},
    {R"J({{ x + 1 }})J", false, R"J()J"},
    {R"J({{ x ~ "k" }}|{{ x|length }}|{{ x|list }}|{% for i in x %}a{% endfor %}|{{ x|join }}|{{ x|string }}|{{ x is iterable }}|{{ x is sequence }})J", true, R"J(k|0|[]||||True|True)J"},
    {R"J({{ 1 / 0 }})J", false, R"J()J"},
    {R"J({{ range(1000000)|length }})J", false, R"J()J"},
    {R"J({{ dict(a=1, b=2) }} {{ namespace(a=1) }})J", true, R"J({'a': 1, 'b': 2} <Namespace {'a': 1}>)J"},
    {R"J({% for a, b in [[1, 2], [3, 4]] %}{{ a + b }}{% endfor %})J", true, R"J(37)J"},
    {R"J({% for a, b in [[1, 2, 3]] %}{{ a }}{% endfor %})J", false, R"J()J"},
    {R"J({%- if true -%}
  x  
{%- endif -%}
  y)J", true, R"J(xy)J"},
    {R"J(  {% if true %}
    a
  {% endif %}
  b {{ "c" }}  
  {# c #}
d)J", true, R"J(    a
  b c  
d)J"},
    {R"J({% if true %}a{% endif %}
{%+ if true %}b{% endif +%}
c
  {%+ if true %}d{% endif %})J", true, R"J(ab
c
  d)J"},
    {R"J({{- "x" -}}   {{ "y" }}  {{- "z" }})J", true, R"J(xyz)J"},
    {R"J({% for m in messages %}{{ m.content.split("</think>")[-1].lstrip("
") }}|{% endfor %})J", true, R"J(Sys|Héllo  wörld|Hi!|)J"},
    {R"J({{ "%s" % "x" }} {{ "%r" % "x" }} {{ "%d%%" % 50 }} {{ "%(a)s-%(b)s" % {"a": 1, "b": 2} }})J", true, R"J(x 'x' 50% 1-2)J"},
    {R"J({{ "ab"[5:] }}|{{ l[5:] }}|{{ "abc"[-10:2] }}|{{ l[::-2] }}|{{ "abcdef"[4:1:-1] }})J", true, R"J(|[]|ab|[2, 3]|edc)J"},
    {R"J({{ -2 ** 2 }} {{ (-2) ** 2 }} {{ 2 ** -1 }} {{ 10 - 2 - 3 }} {{ 2 * 3 + 4 }} {{ 2 + 3 * 4 }} {{ "a" ~ 1 + 2 }} {{ not true == false }})J", false, R"J()J"},
    {R"J({{ -1|abs }} {{ [3,1]|sort|first }} {{ "Hi"|lower == "hi" }} {{ 1 if "x" is string }})J", true, R"J(1 1 True 1)J"},
    {R"J({{ s|replace("l", "L") }} {{ s|center(15) }}| {{ l|join(", ") }} {{ messages|map(attribute="role")|join(", ") }} {{ messages|length is divisibleby 3 }})J", true, R"J(HeLLo WorLd   Hello World  | 3, 1, 2 system, user, assistant True)J"},
    {R"J({{ "Abc".isupper() }} {{ "abc".islower() }} {{ "123".isdigit() }} {{ "ab".isalpha() }} {{ "a b".title() }} {{ "AbC".swapcase() }} {{ "x".zfill(3) }})J", true, R"J(False True True True A B aBc 00x)J"},
    {R"J({{ true }} {{ True }} {{ none }} {{ None }} {{ false|string }} {{ 1.0 }} {{ 0.1 + 0.2 }} {{ 1e100 }} {{ 1/3 }} {{ 100000000000000000.0 }} {{ 0.0001 }} {{ 0.00001 }})J", true, R"J(True True None None False 1.0 0.30000000000000004 1e+100 0.3333333333333333 1e+17 0.0001 1e-05)J"},
    {R"J({% set x = 5 %}{% macro g() %}{{ x }}{% endmacro %}{% set x = 6 %}{{ g() }})J", true, R"J(6)J"},
    {R"J({% for i in range(2) %}{% set inner = i %}{% endfor %}{{ inner }}|)J", true, R"J(|)J"},
    {R"J({% for m in messages %}{% if loop.first %}{% set seen = 1 %}{% endif %}{{ seen }}{% endfor %})J", true, R"J(1)J"},
    {R"J({{ s.upper().lower().split(" ")|join("_") }})J", true, R"J(hello_world)J"},
    {R"J({{ messages|selectattr("role", "in", ["user", "system"])|list|length }})J", true, R"J(2)J"},
    {R"J({{ l|map("string")|join }} {{ l|map("int")|sum }} {{ messages|map(attribute="x", default="d")|list }})J", true, R"J(312 6 ['d', 'd', 'd'])J"},
    {R"J({{ "  multiple   spaces  ".split() }} {{ "a b c".split(None, 1) }} {{ "a b c".rsplit(" ", 1) }})J", true, R"J(['multiple', 'spaces'] ['a', 'b c'] ['a b', 'c'])J"},
    {R"J({{ loop }})J", true, R"J()J"},
    {R"J({% break %})J", false, R"J()J"},
    {R"J({% for %})J", false, R"J()J"},
    {R"J({{ ( }})J", false, R"J()J"},
    {R"J({{ "abc }})J", false, R"J()J"},
    {R"J({% if x %})J", false, R"J()J"},
    {R"J({% endfor %})J", false, R"J()J"},
    {R"J({% unknown %})J", false, R"J()J"},
    {R"J({{ 1 | nofilter }})J", false, R"J()J"},
    {R"J({{ 1 is notest }})J", false, R"J()J"},
    {R"J({{ [1, 2, 3]|batch(2)|list }} {{ l|count }})J", true, R"J([[1, 2], [3]] 3)J"},
    {R"J({% set d2 = {"a": 1, "b": {"c": [1, 2]}} %}{{ d2.b.c[1] }} {{ d2["b"]["c"]|length }} {{ d2|tojson }})J", true, R"J(2 2 {"a": 1, "b": {"c": [1, 2]}})J"},
    {R"J({{ "x" ~ "😀"|length }} {{ "😀é"|upper }} {{ "ÉCOLE"|lower }} {{ "ßa"|upper }})J", true, R"J(x1 😀É école SSA)J"},
    {R"J(a
  {% if true %}
  b
  {% endif %}
c)J", true, R"J(a
  b
c)J"},
    {R"J(a
{% for i in [1,2] %}
  {{ i }}
{% endfor %}
d)J", true, R"J(a
  1
  2
d)J"},
    {R"J(  {%- if true %} x {% endif -%}  
  y)J", true, R"J( x y)J"},
    {R"J({% if true -%}

  x
{%- endif %})J", true, R"J(x)J"},
    {R"J({# a #}
{# b -#}  
  c {#- d #}  e)J", true, R"J(c  e)J"},
    {R"J({{ "a" }}
{{ "b" }}
)J", true, R"J(a
b)J"},
    {R"J({% set x = [1, 2,] %}{{ x }}{% set y = {"a": 1,} %}{{ y }})J", true, R"J([1, 2]{'a': 1})J"},
    {R"J({{ "a" "b" 'c' }})J", true, R"J(abc)J"},
    {R"J({{ 'it''s' }} {{ "say \"hi\"" }} {{ 'tab\there' }} {{ "\u00e9\x41" }} {{ "back\\slash" }} {{ "\d" }})J", true, R"J(its say "hi" tab	here éA back\slash \d)J"},
    {R"J({{ [1, 2, 3][1:2] }} {{ {"a": 1}["a"] }} {{ messages.0.role }})J", true, R"J([2] 1 system)J"},
    {R"J({% raw %}  {% if %}{{ x }}  {% endraw %})J", true, R"J(  {% if %}{{ x }}  )J"},
    {R"J(line1
    {% raw %}
  x
    {% endraw %}
line2)J", true, R"J(line1

  x
line2)J"},
    {R"J({% macro m() %}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, a=3) }})J", true, R"J((1, 2){'a': 3})J"},
    {R"J({% macro m(a) %}{{ a }}{% endmacro %}{{ m() }}|{{ m(1, 2) }})J", false, R"J()J"},
    {R"J({% for x in [1,2] %}{% for y in [3,4] %}{{ loop.index }}{{ x }}{{ y }} {% endfor %}{{ loop.index }}|{% endfor %})J", true, R"J(113 214 1|123 224 2|)J"},
    {R"J({% set ns = namespace(items=[]) %}{% for i in range(3) %}{% set ns.items = ns.items + [i] %}{% endfor %}{{ ns.items }})J", true, R"J([0, 1, 2])J"},
    {R"J({{ messages[-1]['content'] | trim }}|{{ messages|last|attr("role") }})J", true, R"J(<think>
hmm
</think>

Hi!|)J"},
    {R"J({% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{% else %}{% set loop_messages = messages %}{% endif %}{{ loop_messages|length }})J", true, R"J(2)J"},
    {R"J({%- for message in messages %}{%- if message.role == "user" %}{{ message.content }}{% endif %}{%- endfor %})J", true, R"J(Héllo  wörld)J"},
    {R"J({{ "%5.1f|%-6d|%x|%o|%e" % (3.14159, 42, 255, 8, 12345.678) }})J", true, R"J(  3.1|42    |ff|10|1.234568e+04)J"},
    {R"J({{ "{:>5}|{:<5}|{:^5}|{:.2f}|{:05d}".format("a", "b", "c", 3.14159, 42) }})J", true, R"J(    a|b    |  c  |3.14|00042)J"},
    {R"J({{ 10 // 3 * 3 + 10 % 3 }} {{ 2 ** 3 ** 2 }} {{ -3 % 5 }} {{ 3.5 // 1 }} {{ -3.5 % 2 }})J", true, R"J(10 64 2 3.0 0.5)J"},
    {R"J({{ "abc" < "abd" }} {{ [1] == [1] }} {{ {"a": 1} == {"a": 1} }} {{ (1, 2) == [1, 2] }} {{ none == none }} {{ x == none }})J", true, R"J(True True True False True False)J"},
    {R"J({{ [{"a": 1}, {"a": 0}, {}]|selectattr("a")|list }} {{ [{"a": 1}, {"b": 0}]|selectattr("a", "defined")|list }} {{ [{"a": 2}, {"a": 1}]|sort(attribute="a") }})J", true, R"J([{'a': 1}] [{'a': 1}] [{'a': 1}, {'a': 2}])J"},
    {R"J({{ "x"|indent(4, first=true) }}|{{ "a
b
"|indent }}|)J", true, R"J(    x|a
    b
|)J"},
    {R"J({{ s|truncate(5) }})J", true, R"J(He...)J"},
    {R"J({{ [3, 1, 2]|max }} {{ ["b", "A"]|max }} {{ []|max }}|{{ []|first }}|{{ []|sum }})J", true, R"J(3 b ||0)J"},
    {R"J({{ 3 is sameas 3 }} {{ none is sameas none }} {{ 1 is eq 1.0 }})J", true, R"J(True True True)J"},
    {R"J({{ ["a", "b"] | join }} {{ [1, 2] | join(attribute="x") }})J", true, R"J(ab )J"},
    {R"J({{ messages | map(attribute='content') | map('length') | list }})J", true, R"J([3, 12, 25])J"},
    {R"J({{ "Hello"|replace("", "-") }} {{ "aaa".replace("a", "b", 2) }} {{ "a" in ["a"] }})J", true, R"J(-H-e-l-l-o- bba True)J"},
    {R"J({% set x = 1 %}{% set x = x + 1 %}{{ x }}{% if true %}{% set x = 10 %}{% endif %}{{ x }})J", true, R"J(210)J"},
    {R"J({{ (1, 2)|list }} {{ {"a":1}|list }} {{ "ab"|list }} {{ {"a": 1}|length }})J", true, R"J([1, 2] ['a'] ['a', 'b'] 1)J"},
    {R"J({{ "%s" % [1, 2] }} {{ "%s %s" % (1,) }})J", false, R"J()J"},
    {R"J({{ "a,b".split(",")[0] }} {{ "abc".index("c") }} {{ "abc".rfind("z") }})J", true, R"J(a 2 -1)J"},
    {R"J({% for c in "héy" %}{{ c }}.{% endfor %})J", true, R"J(h.é.y.)J"},
    {R"J({{ 1.5|int }} {{ true|int }} {{ "  12  "|int }} {{ "0x1A"|int(0, 16) }} {{ "1_000"|int }} {{ "1e3"|float }} {{ "inf"|float }} {{ "x"|float }})J", true, R"J(1 1 12 26 1000 1000.0 inf 0.0)J"},
    {R"J({{ 255|round }} {{ 2.675|round(2) }} {{ -0.5|round }} {{ 1.5|round }} {{ 12345|round(-2) }})J", true, R"J(255 2.67 -0.0 2.0 12300)J"},
    {R"J({%- set tools = none %}{{ tools is not none }})J", true, R"J(False)J"},
    {R"J({{ 'tool_calls' in messages[0] }} {{ messages[0].tool_calls is defined }} {{ messages[0].get('tool_calls') }})J", true, R"J(False False None)J"},
    {R"J({{ messages[0].content is string }} {{ messages[0].content.content is defined }})J", true, R"J(True False)J"},
    {R"J({% for m in messages %}{{ loop.index0 }}{{ messages[loop.index0 + 1].role if not loop.last }}{% endfor %})J", true, R"J(0user1assistant2)J"},
    {R"J({{ "x"|tojson(ensure_ascii=true) }} {{ "é😀"|tojson(ensure_ascii=true) }} {{ "\x01\x7f"|tojson }})J", true, R"J("x" "\u00e9\ud83d\ude00" "\u0001")J"},
    {R"J({{ {"a": 1, "b": [1, {"c": none}]}|tojson(indent=2) }})J", true, R"J({
  "a": 1,
  "b": [
    1,
    {
      "c": null
    }
  ]
})J"},
    {R"J({{ [1, 2]|tojson(separators=(",", ":")) }})J", true, R"J([1,2])J"},
    {R"J({{ {1: "a", true: "b"}|tojson }})J", true, R"J({"1": "b"})J"},
    {R"J({{ x|tojson }})J", false, R"J()J"},
    {R"J({{ d|dictsort(by="value") }} {{ d|dictsort(reverse=true) }})J", true, R"J([('b', 1), ('a', 2)] [('b', 1), ('a', 2)])J"},
    {R"J({{ "a" * 0 }}|{{ [1] * 3 }}|{{ 3 * "ab" }}|{{ "a" * -1 }}|)J", true, R"J(|[1, 1, 1]|ababab||)J"},
    {R"J({{ "Ab"|lower is lower }} {{ "AB" is upper }} {{ "ab1" is lower }})J", true, R"J(True True True)J"},
    {R"J({{ 5 is in [1, 5] }} {{ "filter" is filter }} {{ "upper" is filter }} {{ "odd" is test }})J", true, R"J(True False True True)J"},
    {R"J({%- macro render(x) -%}
  [{{ x }}]
{%- endmacro -%}
{{ render(1) }}{{ render(2) }})J", true, R"J([1][2])J"},
    {R"J({{ (messages | selectattr('role', 'equalto', 'assistant') | list | last).content }})J", true, R"J(<think>
hmm
</think>

Hi!)J"},
    {R"J({{ "abc"[1:] + "x" }} {{ l[1:][0] }} {{ -l[0] }} {{ not l }} {{ not e }})J", true, R"J(bcx 1 -3 False True)J"},
    {R"J({{ [1, 2, 3] | select("gt", 1) | list }} {{ [1, 2, 3] | select("in", [1, 3]) | list }} {{ ["a", "b"] | select("equalto", "a") | list }})J", true, R"J([2, 3] [1, 3] ['a'])J"},
    {R"J({{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} {{ 1 == 1 != 2 }} {{ "a" in "abc" in "xabcx" }} {{ 1 < 2 > 0 }} {{ 1 < 0 < x }})J", true, R"J(True False True True True False)J"},
    {R"J({{ 1 < x < 3 }})J", false, R"J()J"},
    {R"J({% with a = 1, b = "x" %}{{ a }}{{ b }}{% endwith %}[{{ a }}])J", true, R"J(1x[])J"},
    {R"J({% set a = 5 %}{% with a = a + 1 %}{{ a }}{% set c = 3 %}{% endwith %}{{ a }}{{ c }})J", true, R"J(65)J"},
    {R"J({% with %}{% set q = 1 %}{{ q }}{% endwith %}{{ q }})J", true, R"J(1)J"},
    {R"J({% with a %}{% endwith %})J", false, R"J()J"},
    {R"J({{ n }})J", true, R"J(5)J"},
    {R"J({{ (d).strip() }})J", false, R"J()J"},
    {R"J({% for i in -3 %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ -3 }})J", true, R"J(-3)J"},
    {R"J({{ d }})J", true, R"J({'b': 1, 'a': 2})J"},
    {R"J({{ n }})J", true, R"J(5)J"},
    {R"J({{ d }})J", true, R"J({'b': 1, 'a': 2})J"},
    {R"J({{ (not " pad ") }})J", true, R"J(False)J"},
    {R"J({{ (2.5|format(1)|batch(2)|abs >= z) }})J", false, R"J()J"},
    {R"J({{ "ab" }})J", true, R"J(ab)J"},
    {R"J({{ (((not 'x y') % (d is not eq 1))).isdigit()|sum }})J", false, R"J()J"},
    {R"J({{ -3 }})J", true, R"J(-3)J"},
    {R"J({{ (((1, "b")).lstrip("H") - (not l)) }})J", false, R"J()J"},
    {R"J({{ ((({"a": 1}|title is sequence) or (x is not upper)) if (not ([1, 2]).a) else ((not ((1, "b") - none)) // (((1, "b") * [1, 2]) is not integer))) }})J", true, R"J(True)J"},
    {R"J({% for i in ([] if (not ((-3 % f) is defined)) else (1|last not in 0.1|e|lower)) %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ ((not ([1, 2]|string is not false)) if -3 else (not (e - d))) }})J", true, R"J(False)J"},
    {R"J({{ false }})J", true, R"J(False)J"},
    {R"J({{ "ab" }})J", true, R"J(ab)J"},
    {R"J({{ "" }})J", true, R"J()J"},
    {R"J({% for i in ((1, "b") and ((x < (1, "b")) % "%s"|center(7)))|max %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ s|sort }})J", true, R"J([' ', 'd', 'e', 'H', 'l', 'l', 'l', 'o', 'o', 'r', 'W'])J"},
    {R"J({% for i in ((false is true) if (('x y')[::-1]|abs).title() else ((s is not true)).upper()) %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({% for i in ((e >= ((not "%s") >= 2.5))).title() %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ (((not "a,b"|min) * ([1, 2]).replace("a", "z")) or (("%s"|wordcount and (x % 0.1)) if d else (("Héllo")[::-1] if (not false) else l))) }})J", false, R"J()J"},
    {R"J({{ x }})J", true, R"J()J"},
    {R"J({{ (not (("ab" if "ab" else 'x y') < []))|first }})J", false, R"J()J"},
    {R"J({{ (((("Héllo")[0] is lower) if s else {"a": 1}) is defined) }})J", true, R"J(True)J"},
    {R"J({{ 0.1 }})J", true, R"J(0.1)J"},
    {R"J({{ ((messages[1].content|string - "")|upper is eq 1) }})J", false, R"J()J"},
    {R"J({{ (messages[0] // (not (0.1 and "%s")|string)) }})J", false, R"J()J"},
    {R"J({{ ((not ([])[0]) in (true * (l is not divisibleby 2))) }})J", false, R"J()J"},
    {R"J({{ ("%s"|title / (not ((not "")).items())) }})J", false, R"J()J"},
    {R"J({{ (0.1).lstrip("H") }})J", false, R"J()J"},
    {R"J({% for i in ((not ((1, "b")|unique * messages[1].content)) is boolean) %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({% for i in 1 %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ (" pad ").title() }})J", true, R"J( Pad )J"},
    {R"J({{ (((""|first - 2.5|int) == "ab") if (not {"a": 1}|e|float) else messages[1].content) }})J", false, R"J()J"},
    {R"J({{ 1 }})J", true, R"J(1)J"},
    {R"J({{ (not {"a": 1}|string)|replace("a", "b") }})J", true, R"J(Fblse)J"},
    {R"J({{ ((not ('x y' < range(3))) if (false|lower is defined) else x)|join(", ") }})J", false, R"J()J"},
    {R"J({{ f }})J", true, R"J(2.5)J"},
    {R"J({% for i in (('x y' is not none) if ({"a": 1} + "%s") else ((not (range(3) != 1e3)) + ("" ** messages[0]))) %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ -3 }})J", true, R"J(-3)J"},
    {R"J({{ (n ~ "%s")|center(7) }})J", true, R"J(  5%s  )J"},
    {R"J({% for i in range(3) %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", true, R"J(0,1;1,2;2,3;)J"},
    {R"J({{ ((((not x) // "Héllo") not in ((s)[0] is upper)) if (((not -3) is none)).startswith("a") else (not (0 + f))|join) }})J", false, R"J()J"},
    {R"J({{ messages[1].content }})J", true, R"J(Héllo  wörld)J"},
    {R"J({{ (not (s if x else (('x y').replace("a", "z") ~ ((1, "b") is not string)))) }})J", true, R"J(False)J"},
    {R"J({{ ((0.1|sum|join(", "))[::2] is not upper) }})J", false, R"J()J"},
    {R"J({{ (((not "ab") or s) != ((range(3) ** ((1, "b") + -3)) and (not ("a,b" ** -3)))) }})J", false, R"J()J"},
    {R"J({{ (not "Héllo")|e }})J", true, R"J(False)J"},
    {R"J({{ false }})J", true, R"J(False)J"},
    {R"J({{ ((1 or (([] >= 2.5) is not defined)) if ((("ab" + none) == (" pad " * [])) == (0 if ("a,b").startswith("a") else "")) else ((([]).upper() in (l if -3 else x)) not in ((none).isdigit() - (1e3 if true else "")))) }})J", false, R"J()J"},
    {R"J({{ (not n) }})J", true, R"J(False)J"},
    {R"J({{ ((n is string) ** (true|map("string")).lstrip("H")|first) }})J", false, R"J()J"},
    {R"J({{ 1e3 }})J", true, R"J(1000.0)J"},
    {R"J({{ 'x y' }})J", true, R"J(x y)J"},
    {R"J({{ (1).lstrip("H") }})J", false, R"J()J"},
    {R"J({{ ("" is not none) }})J", true, R"J(True)J"},
    {R"J({{ ((" pad "|round is sequence) ~ (none|trim // z))|reject }})J", false, R"J()J"},
    {R"J({% for i in ("a,b" and (not 2.5)) %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ f }})J", true, R"J(2.5)J"},
    {R"J({{ ((((messages[0] if messages[1].content else d)).strip() is not integer))[::2] }})J", false, R"J()J"},
    {R"J({{ (-3 is not eq 1)|format(1) }})J", false, R"J()J"},
    {R"J({{ messages[1].content }})J", true, R"J(Héllo  wörld)J"},
    {R"J({{ none }})J", true, R"J(None)J"},
    {R"J({% for i in true %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ (('x y' + (not (1 is in [1, "ab"]))) if ('x y'|replace("a", "b") if (not 0) else (([1, 2] is defined) is not eq 1)) else (1, "b")) }})J", false, R"J()J"},
    {R"J({% for i in (('x y').items() != e) %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ 'x y' }})J", true, R"J(x y)J"},
    {R"J({{ (e if [1, 2] else 1) }})J", true, R"J([])J"},
    {R"J({% for i in 0 %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ {"a": 1} }})J", true, R"J({'a': 1})J"},
    {R"J({% for i in (((not (not 1e3)) is not none) if ((({"a": 1}).endswith("b") is defined) * false) else (([1, 2]|min if (messages[1].content).lstrip("H") else z) or l)) %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({% for i in false %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ (n|wordcount - ((("ab").split() < ("%s" - z)) < (not x))) }})J", false, R"J()J"},
    {R"J({{ ((not 'x y')|string if ((not (not "")) not in ((1, "b")).endswith("b")) else "a,b") }})J", false, R"J()J"},
    {R"J({{ (((false * [1, 2])|int).title()).lstrip("H") }})J", false, R"J()J"},
    {R"J({{ l }})J", true, R"J([3, 1, 2])J"},
    {R"J({{ [] }})J", true, R"J([])J"},
    {R"J({% for i in (not -3) %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ ((not (not 0.1)) not in ((l if (2.5).keys() else d) == (('x y' is iterable) ~ range(3)))) }})J", false, R"J()J"},
    {R"J({% for i in -3 %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ (not messages[1].content|string) }})J", true, R"J(False)J"},
    {R"J({{ (not (1, "b")) }})J", true, R"J(False)J"},
    {R"J({% for i in {"a": 1} %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", true, R"J(a,1;)J"},
    {R"J({% for i in none %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ e }})J", true, R"J([])J"},
    {R"J({% for i in (not (("" if f else 2.5) >= false))|sum %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ "" }})J", true, R"J()J"},
    {R"J({{ ((((false).endswith("b"))[::-1] if (messages[1].content or 2.5|wordcount) else (l is float)) is not sequence) }})J", false, R"J()J"},
    {R"J({{ none }})J", true, R"J(None)J"},
    {R"J({{ x }})J", true, R"J()J"},
    {R"J({{ ((((not "ab") if ("%s" + 1e3) else ([1, 2] >= 1e3)) // l) // (e if (not 1e3) else none)|int) }})J", false, R"J()J"},
    {R"J({{ (not (1, "b")) }})J", true, R"J(False)J"},
    {R"J({{ (((("a,b").isdigit() < "a,b"))[::2]).index(1) }})J", false, R"J()J"},
    {R"J({{ (((e|wordcount if (1, "b")|float else "%s"|center(7)) is false) is not number) }})J", true, R"J(False)J"},
    {R"J({{ (not (range(3))[-1]) }})J", true, R"J(False)J"},
    {R"J({% for i in ((((" pad " != none) ~ ({"a": 1} and 1)) is not divisibleby 2) is divisibleby 2) %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ (((1, "b") in 0.1)).count(1) }})J", false, R"J()J"},
    {R"J({{ {"a": 1} }})J", true, R"J({'a': 1})J"},
    {R"J({{ (0.1 is even) }})J", true, R"J(False)J"},
    {R"J({{ (-3)[::-1] }})J", true, R"J()J"},
    {R"J({{ (range(3)).isdigit() }})J", false, R"J()J"},
    {R"J({{ (((("Héllo" is not sequence) is even))[::-1]).items() }})J", false, R"J()J"},
    {R"J({% for i in ("%s" or "") %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", true, R"J(%,1;s,2;)J"},
    {R"J({{ false }})J", true, R"J(False)J"},
    {R"J({{ 1e3 }})J", true, R"J(1000.0)J"},
    {R"J({{ true }})J", true, R"J(True)J"},
    {R"J({% for i in messages[1].content %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", true, R"J(H,1;é,2;l,3;l,4;o,5; ,6; ,7;w,8;ö,9;r,10;l,11;d,12;)J"},
    {R"J({{ (" pad ").count(1) }})J", false, R"J()J"},
    {R"J({% for i in (((l if [1, 2] else false) is not false)|max // (((x - s)).items() != (not f)|unique)) %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ (none is not boolean) }})J", true, R"J(True)J"},
    {R"J({{ ('x y' if 0|length else ([]|format(1) != e|reject)|int) }})J", false, R"J()J"},
    {R"J({{ (not 0.1) }})J", true, R"J(False)J"},
    {R"J({{ 0.1 }})J", true, R"J(0.1)J"},
    {R"J({% for i in ((1 - n|format(1)|map("string")))[::-1] %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({% for i in (range(3) is none) %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ 1e3 }})J", true, R"J(1000.0)J"},
    {R"J({{ messages[0] }})J", true, R"J({'role': 'system', 'content': 'Sys'})J"},
    {R"J({{ ([] is eq 1)|e }})J", true, R"J(False)J"},
    {R"J({{ (n|lower|reject + (((n if 'x y' else "") ~ range(3)|join(", ")) - l)) }})J", false, R"J()J"},
    {R"J({{ (((not "a,b") if (not range(3)) else range(3)|join) is float) }})J", true, R"J(False)J"},
    {R"J({{ ((("a,b" or (1 + x)) if range(3) else (e * 0|trim)) / "a,b") }})J", false, R"J()J"},
    {R"J({{ (not (0.1 is string)) }})J", true, R"J(True)J"},
    {R"J({{ d }})J", true, R"J({'b': 1, 'a': 2})J"},
    {R"J({{ "%s" }})J", true, R"J(%s)J"},
    {R"J({% for i in (" pad " if ((("ab" / "%s") is odd)).isdigit() else 2.5) %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ true|replace("a", "b") }})J", true, R"J(True)J"},
    {R"J({{ ((not messages[0]) >= ((none|trim).lstrip("H") if s else ((l ** "Héllo")).split())) }})J", false, R"J()J"},
    {R"J({{ [] }})J", true, R"J([])J"},
    {R"J({{ messages[0] }})J", true, R"J({'role': 'system', 'content': 'Sys'})J"},
    {R"J({{ false }})J", true, R"J(False)J"},
    {R"J({{ (((1, "b"))[1:] >= (not "Héllo"|round|tojson)) }})J", false, R"J()J"},
    {R"J({{ n }})J", true, R"J(5)J"},
    {R"J({{ ((not true|min) / (((range(3) if false else "") not in ([1, 2] if n else {"a": 1})) // (n).strip()|min)) }})J", false, R"J()J"},
    {R"J({{ (({"a": 1}|map("string") == {"a": 1}|join) if messages[0]|last else ((not e) is not float))|join }})J", false, R"J()J"},
    {R"J({{ "%s" }})J", true, R"J(%s)J"},
    {R"J({{ "%s" }})J", true, R"J(%s)J"},
    {R"J({{ 0.1 }})J", true, R"J(0.1)J"},
    {R"J({% for i in (((n / range(3)) is not divisibleby 2)).strip() %}{{ i }},{{ loop.index }};{% else %}E{% endfor %})J", false, R"J()J"},
    {R"J({{ ((n != (e in 'x y')) if (([]|tojson ~ ({"a": 1} is not even)) if z else []) else [1, 2]) }})J", true, R"J([1, 2])J"},
    {R"J({{ (((not n) is not defined) in (("" if 1e3 else "%s")).replace("a", "z"))|center(7) }})J", false, R"J()J"},
    {R"J({{ (((1, "b") + ([]).format(1, 2)|round)).a }})J", false, R"J()J"},
    {R"J({{ (not (""|default("D") is not false))|lower }})J", true, R"J(false)J"},
    {R"J({{ (((('x y' != "%s") is false) and 0.1) * (('x y' // n)|indent(2)).format(1, 2)) }})J", false, R"J()J"},
};

inline const char* kJinjaContext = R"J({"messages": [{"role": "system", "content": "Sys"}, {"role": "user", "content": "Héllo  wörld"}, {"role": "assistant", "content": "<think>\nhmm\n</think>\n\nHi!"}], "add_generation_prompt": true, "bos_token": "<s>", "eos_token": "</s>", "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Get weather", "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "City"}}, "required": ["city"]}}}], "n": 5, "f": 2.5, "s": "Hello World", "l": [3, 1, 2], "d": {"b": 1, "a": 2}, "e": [], "z": null, "t": true})J";
