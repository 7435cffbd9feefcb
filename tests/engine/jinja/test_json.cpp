// JSON parser and serializer.
#include "text/json.h"

#include <gtest/gtest.h>

using namespace causerie;

TEST(Json, ParsesAllTypesAndKeepsOrder) {
    auto r = parse_json(R"( {"z": null, "a": [true, false, 1, -2, 3.5, 1e2, "s\u00e9\n"], "m": {"k": {}}} )");
    ASSERT_TRUE(r.ok()) << r.error().message;
    const auto& o = r->as_object();
    ASSERT_EQ(o.size(), 3u);
    EXPECT_EQ(o[0].first, "z");
    EXPECT_EQ(o[1].first, "a");
    EXPECT_TRUE(o[0].second.is_null());
    const auto& a = o[1].second.as_array();
    EXPECT_TRUE(a[0].as_bool());
    EXPECT_EQ(a[2].as_int(), 1);
    EXPECT_EQ(a[3].as_int(), -2);
    EXPECT_DOUBLE_EQ(a[4].as_double(), 3.5);
    EXPECT_TRUE(a[5].is_double());
    EXPECT_EQ(a[6].as_string(), "s\xc3\xa9\n");
    EXPECT_TRUE(r->find("m")->find("k")->is_object());
}

TEST(Json, SurrogatePairsAndUtf8) {
    auto r = parse_json(R"("\ud83d\ude00 é")");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->as_string(), "\xf0\x9f\x98\x80 \xc3\xa9");
    EXPECT_FALSE(parse_json(R"("\ud83d")").ok());
    EXPECT_FALSE(parse_json("\"\xff\"").ok());
    EXPECT_FALSE(parse_json("\"\xc3\"").ok());
}

TEST(Json, DuplicateKeysKeepFirstPositionLastValue) {
    auto r = parse_json(R"({"a": 1, "b": 2, "a": 3})");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->as_object().size(), 2u);
    EXPECT_EQ(r->as_object()[0].first, "a");
    EXPECT_EQ(r->as_object()[0].second.as_int(), 3);
}

TEST(Json, RejectsMalformedInputWithOffset) {
    for (const char* bad : {"", " ", "{", "[1,]", "{\"a\":1,}", "[1 2]", "01", "-", "1.", "1e", ".5", "+1", "tru", "nul",
                            "\"abc", "\"\\x\"", "\"a\nb\"", "{a:1}", "[1]x", "{\"a\" 1}", "NaN", "Infinity", "//c\n1"}) {
        auto r = parse_json(bad);
        EXPECT_FALSE(r.ok()) << "accepted: " << bad;
        if (!r.ok()) {
            EXPECT_NE(r.error().message.find("byte"), std::string::npos) << r.error().message;
        }
    }
    auto r = parse_json("[1, 2, x]");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("byte 7"), std::string::npos) << r.error().message;
}

TEST(Json, DepthLimit) {
    std::string deep(100000, '[');
    auto r = parse_json(deep);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("nesting"), std::string::npos);
    std::string ok = std::string(100, '[') + std::string(100, ']');
    EXPECT_TRUE(parse_json(ok).ok());
    JsonParseOptions o;
    o.max_depth = 10;
    EXPECT_FALSE(parse_json(ok, o).ok());
}

TEST(Json, NumbersAtTheEdges) {
    EXPECT_EQ(parse_json("9223372036854775807")->as_int(), INT64_MAX);
    EXPECT_EQ(parse_json("-9223372036854775808")->as_int(), INT64_MIN);
    EXPECT_TRUE(parse_json("9223372036854775808")->is_double());
    EXPECT_TRUE(parse_json("1e999")->is_double());
    EXPECT_DOUBLE_EQ(parse_json("-0.0")->as_double(), 0.0);
}

TEST(Json, Serializer) {
    auto v = parse_json(R"({"a": [1, 2.5, "é\"\n", null, true], "b": {}, "c": []})");
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(to_json(*v), R"({"a":[1,2.5,"é\"\n",null,true],"b":{},"c":[]})");
    JsonWriteOptions py;
    py.python_separators = true;
    EXPECT_EQ(to_json(*v, py), R"({"a": [1, 2.5, "é\"\n", null, true], "b": {}, "c": []})");
    JsonWriteOptions ind;
    ind.indent = 2;
    EXPECT_EQ(to_json(parse_json(R"({"a": [1]})").value(), ind), "{\n  \"a\": [\n    1\n  ]\n}");
    JsonWriteOptions ascii;
    ascii.ensure_ascii = true;
    EXPECT_EQ(to_json(Json("é😀"), ascii), R"("\u00e9\ud83d\ude00")");
    // Round trip.
    auto again = parse_json(to_json(*v));
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(*again == *v);
}

TEST(Json, PythonFloatRepr) {
    EXPECT_EQ(python_float_repr(1.0), "1.0");
    EXPECT_EQ(python_float_repr(0.1), "0.1");
    EXPECT_EQ(python_float_repr(1e16), "1e+16");
    EXPECT_EQ(python_float_repr(1e15), "1000000000000000.0");
    EXPECT_EQ(python_float_repr(0.0001), "0.0001");
    EXPECT_EQ(python_float_repr(0.00001), "1e-05");
    EXPECT_EQ(python_float_repr(-2.5e-300), "-2.5e-300");
    EXPECT_EQ(python_float_repr(0.30000000000000004), "0.30000000000000004");
}

TEST(Json, HostileBytesNeverCrash) {
    std::string s;
    for (int i = 0; i < 5000; ++i) {
        s.push_back(char((i * 7919) % 256));
        (void)parse_json(s);
    }
}
