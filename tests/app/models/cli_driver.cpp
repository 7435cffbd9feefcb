// Runs app/cli/cmd_models.cpp on its own (`causerie-models-cli models ...`) so that the command
// is tested before causerie-cli links causerie_core.
#include "commands.h"

#include <cstdio>
#include <string>

namespace causerie::cli {
int fail(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return 1;
}
int cmd_models(int argc, char** argv);
}  // namespace causerie::cli

int main(int argc, char** argv) { return causerie::cli::cmd_models(argc, argv); }
