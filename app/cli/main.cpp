// causerie-cli: dispatches to one subcommand.
#include "commands.h"
#include "causerie_version.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace causerie::cli {
int fail(const std::string& message) {
    std::fprintf(stderr, "error: %s\n", message.c_str());
    return 1;
}
}  // namespace causerie::cli

namespace {

struct Command {
    const char* name;
    int (*run)(int, char**);
    const char* help;
};

const Command kCommands[] = {
    {"devices", causerie::cli::cmd_devices, "list Vulkan devices [--measure]"},
    {"info", causerie::cli::cmd_info, "--model F: architecture, sizes, types, metadata"},
    {"generate", causerie::cli::cmd_generate, "--model F (--prompt TEXT | --tokens 1,2,3) [--n N] [--temp T] [--seed S] [--device I] [--cpu] [--experts-in-system-memory N]\n"
                                              "              | --endpoint URL --remote-model NAME [--api-key KEY] --prompt TEXT [--n N] [--temp T] [--seed S]"},
    {"chat", causerie::cli::cmd_chat, "--model F [--system TEXT] [--temp T] [--n N] [--ctx N] [--device I] [--experts-in-system-memory N]: a conversation in the terminal\n"
                                      "              | --endpoint URL --remote-model NAME [--api-key KEY]: the same on a remote OpenAI-compatible server"},
    {"logits", causerie::cli::cmd_logits, "--model F --tokens 1,2,3 --out FILE [--device I] [--cpu]"},
    {"embed", causerie::cli::cmd_embed, "--model F --text TEXT --out OUT.f32 [--pooling none|mean|cls|last] [--ctx N] [--device I] [--cpu]: a text's pooled, normalized embedding (float32 LE)"},
    {"make-model", causerie::cli::cmd_make_model, "--arch A --embd N --layers N --heads N --kv-heads N --ff N --vocab-from V.gguf --type T --out F [--seed S] [--sliding-window N --swa-period N --rope-base-swa B --attn-softcap C --final-softcap C] [--fused-qkv --qkv-bias --rope-dim N --ctx-orig N --longrope --rope-attn-factor F --yarn F --yarn-beta-fast B --yarn-beta-slow B --attn-temp-scale S --embedding-scale S --residual-scale S --attention-scale S --logit-scale S --attn-norm-2] [--experts N --experts-used K --expert-ff N --expert-type T --shared-expert-ff N] [--pooling P (embedding models: 0 none, 1 mean, 2 cls, 3 last)] [--ssm-conv N --ssm-state N --ssm-k-heads N --ssm-v-heads N --full-attn-interval N] [gemma4: --head-dim-swa N --rope-dim-swa N --per-layer-embd N --shared-kv-layers N --global-k-eq-v --layer-out-scale --kv-heads-global N --ff-shared N; with --experts: the MoE variant, --experts-gate-up-apart]"},
    {"serve", causerie::cli::cmd_serve, "--model F [--host 127.0.0.1] [--port N] [--api-key KEY] [--n-ctx N] [--allow-origin URL] [--experts-in-system-memory N]: the OpenAI-compatible server"},
    {"bench", causerie::cli::cmd_bench, "--model F [-p 512] [-n 128] [-d DEPTH] [-c CTX] [--full-kv] [--reps N] [--json] [--device I] [--experts-in-system-memory N] [--expert-grouping auto|always|never]"},
#ifdef CAUSERIE_CLI_MODELS
    {"models", causerie::cli::cmd_models, "list [--catalog] | download (ID | URL) [--sha256 HEX] [--dir DIR] | import FILE [--in-place] | remove ID [--yes]"},
#endif
#ifdef CAUSERIE_CLI_DOCS
    {"docs", causerie::cli::cmd_docs, "add PATH... | remove PATH | list [--json] | search [--k K] [--json] QUERY | bench [--chunks N]\n"
                                      "              (--data-dir D --collection NAME): index your documents and search them"},
    {"ask", causerie::cli::cmd_ask, "--data-dir D --collection NAME --model F [--embed-model F] [--k K] [--lang fr|en] QUESTION:\n"
                                    "              an answer from your documents (hybrid search with --embed-model), streamed, then its sources"},
#endif
    {"tokenize", causerie::cli::cmd_tokenize, "--model F --text-file T [--bos] [--parse-special]"},
    {"render-template", causerie::cli::cmd_render_template, "(--template F.jinja | --model F.gguf) --conversation C.json [--now T]"},
};

void usage() {
    std::fprintf(stderr, "usage: causerie-cli <command> [options] | --version | --help\n\ncommands:\n");
    for (const auto& c : kCommands) std::fprintf(stderr, "  %-11s %s\n", c.name, c.help);
}

}  // namespace

int main(int argc, char** argv) {
    if (const char* level = std::getenv("CAUSERIE_LOG")) spdlog::set_level(spdlog::level::from_str(level));
    else spdlog::set_level(spdlog::level::warn);
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    if (!std::strcmp(argv[1], "--version")) {
        std::printf("causerie-cli %s\n", CAUSERIE_VERSION);
        return 0;
    }
    for (const auto& c : kCommands)
        if (!std::strcmp(argv[1], c.name)) return c.run(argc, argv);
    std::fprintf(stderr, "error: unknown command '%s'\n", argv[1]);
    usage();
    return 2;
}
