#include "commands.h"
namespace causerie::cli {
int cmd_devices(int, char**) { return fail("not yet"); }
int cmd_generate(int, char**) { return fail("not yet"); }
int cmd_logits(int, char**) { return fail("not yet"); }
int cmd_make_model(int, char**) { return fail("not yet"); }
int cmd_bench(int, char**) { return fail("not yet"); }
}
