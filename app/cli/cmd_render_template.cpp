// `render-template`: prints a chat template's rendering of a conversation file, nothing added.
#include "args.h"
#include "commands.h"
#include "gguf/gguf.h"
#include "gguf/mapped_file.h"
#include "text/chat_template.h"
#include "text/json.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace causerie::cli {

namespace {

bool read_text(const std::string& path, std::string& out) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::stringstream ss;
    ss << f.rdbuf();
    out = ss.str();
    return true;
}

// "2026-01-15T12:00:00" (or with a space, or a date alone).
bool parse_now(const std::string& s, jinja::DateTime& t) {
    t = jinja::DateTime{};
    int n = std::sscanf(s.c_str(), "%d-%d-%d%*[T ]%d:%d:%d", &t.year, &t.month, &t.day, &t.hour, &t.minute, &t.second);
    if (n != 3 && n != 5 && n != 6) return false;
    return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31 && t.hour >= 0 && t.hour < 24 && t.minute >= 0 &&
           t.minute < 60 && t.second >= 0 && t.second <= 60;
}

}  // namespace

int cmd_render_template(int argc, char** argv) {
    Args args(argc, argv, 2, {});
    auto conv_path = args.get("conversation");
    if (!conv_path || (args.has("template") == args.has("model")))
        return fail("render-template needs (--template F.jinja | --model F.gguf) --conversation C.json [--now 2026-01-15T12:00:00]");

    std::string source;
    if (auto t = args.get("template")) {
        if (!read_text(*t, source)) return fail("cannot read " + *t);
    } else {
        auto path = *args.get("model");
        auto file = MappedFile::open(path);
        if (!file) return fail(file.error().message);
        auto g = parse_gguf(file->bytes());
        if (!g) return fail(path + ": " + g.error().message);
        auto tmpl = g->get_string("tokenizer.chat_template");
        if (tmpl) {
            source = *tmpl;
        } else {
            auto def = default_chat_template(g->string_or("general.architecture", ""));
            std::fprintf(stderr, "note: %s has no tokenizer.chat_template; using the default '%s' template\n", path.c_str(), def.name.c_str());
            source = def.source;
        }
    }

    std::string conv_text;
    if (!read_text(*conv_path, conv_text)) return fail("cannot read " + *conv_path);
    auto context = parse_json(conv_text);
    if (!context) return fail(*conv_path + ": " + context.error().message);

    jinja::DateTime now = jinja::DateTime::now_local();
    if (auto s = args.get("now"); s && !parse_now(*s, now)) return fail("--now expects YYYY-MM-DDTHH:MM:SS, got '" + *s + "'");

    auto out = render_chat_template(source, *context, now);
    if (!out) return fail(out.error().message);
    std::fwrite(out->data(), 1, out->size(), stdout);
    return 0;
}

}  // namespace causerie::cli
