// Every expected rendering in ../shared/templates/expected matches byte for byte; a missing
// expected file means Jinja2 raised, so the engine must return an error too.
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

}  // namespace

TEST(ChatTemplateExpected, AllRenderingsMatch) {
    ASSERT_TRUE(fs::exists(kTemplates)) << kTemplates;
    jinja::DateTime now{2026, 1, 15, 12, 0, 0};
    int matched = 0, raised = 0;
    for (const auto& t : fs::directory_iterator(kTemplates)) {
        if (t.path().extension() != ".jinja") continue;
        std::string name = t.path().stem().string();
        std::string source = read_file(t.path());
        for (const auto& c : fs::directory_iterator(kTemplates / "conversations")) {
            std::string conv = c.path().stem().string();
            auto context = parse_json(read_file(c.path()));
            ASSERT_TRUE(context.ok()) << c.path() << ": " << context.error().message;
            auto out = render_chat_template(source, *context, now);
            fs::path expected = kTemplates / "expected" / (name + "." + conv + ".txt");
            if (fs::exists(expected)) {
                ASSERT_TRUE(out.ok()) << name << " / " << conv << ": " << out.error().message;
                EXPECT_EQ(*out, read_file(expected)) << name << " / " << conv;
                if (out.ok() && *out == read_file(expected)) ++matched;
            } else {
                EXPECT_FALSE(out.ok()) << name << " / " << conv << " should raise";
                if (!out.ok()) ++raised;
            }
        }
    }
    std::printf("%d renderings matched, %d raised as expected\n", matched, raised);
    EXPECT_GE(matched, 46);
}
