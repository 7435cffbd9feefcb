// `tokenize`: the token ids of a text file, as the model's tokenizer produces them.
#include "args.h"
#include "commands.h"
#include "gguf/gguf.h"
#include "gguf/mapped_file.h"
#include "text/tokenizer.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace causerie::cli {

int cmd_tokenize(int argc, char** argv) {
    Args args(argc, argv, 2, {"bos", "parse-special"});
    if (!args.error().empty()) return fail(args.error());
    auto model = args.get("model");
    auto text_file = args.get("text-file");
    if (!model || !text_file) return fail("tokenize needs --model F --text-file T [--bos] [--parse-special]");

    auto file = MappedFile::open(*model);
    if (!file) return fail(file.error().message);
    auto g = parse_gguf(file->bytes());
    if (!g) return fail(*model + ": " + g.error().message);
    auto tok = Tokenizer::from_gguf(*g);
    if (!tok) return fail(*model + ": " + tok.error().message);

    std::ifstream in(*text_file, std::ios::binary);
    if (!in) return fail("cannot read " + *text_file);
    std::ostringstream text;
    text << in.rdbuf();

    const auto ids = (*tok)->encode(text.str(), args.has("bos"), args.has("parse-special"));
    std::string line;
    for (int32_t id : ids) {
        if (!line.empty()) line += ' ';
        line += std::to_string(id);
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
    return 0;
}

}  // namespace causerie::cli
