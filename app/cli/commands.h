// One function per causerie-cli subcommand; each returns the process exit code.
#pragma once
#include <string>

namespace causerie::cli {

int cmd_info(int argc, char** argv);
int cmd_devices(int argc, char** argv);
int cmd_generate(int argc, char** argv);
int cmd_logits(int argc, char** argv);
int cmd_make_model(int argc, char** argv);
int cmd_embed(int argc, char** argv);
int cmd_bench(int argc, char** argv);
int cmd_tokenize(int argc, char** argv);
int cmd_render_template(int argc, char** argv);
int cmd_chat(int argc, char** argv);
int cmd_serve(int argc, char** argv);
#ifdef CAUSERIE_CLI_MODELS
int cmd_models(int argc, char** argv);
#endif
#ifdef CAUSERIE_CLI_DOCS
int cmd_docs(int argc, char** argv);
int cmd_ask(int argc, char** argv);
#endif

class Args;
// `generate` and `chat` with --endpoint: on a remote OpenAI-compatible server (cmd_remote.cpp;
// they need app/core, so the app's build).
int cmd_generate_remote(Args& args);
int cmd_chat_remote(Args& args);
// The error when the CLI was built without app/core (no remote client).
int remote_unavailable();

// Prints "error: <message>" on stderr and returns 1.
int fail(const std::string& message);

}  // namespace causerie::cli
