// `devices`: the Vulkan devices, best first, with what the engine uses of each.
#include "args.h"
#include "commands.h"
#include "vulkan/device.h"

#include <cstdio>

namespace causerie::cli {

double measure_bandwidth(int device, std::string& error);  // cmd_bench.cpp

int cmd_devices(int argc, char** argv) {
    Args args(argc, argv, 2, {"measure"});
    auto list = vk::list_devices();
    if (!list) return fail(list.error().message);
    if (list->empty()) return fail("no Vulkan device found");
    for (const auto& d : *list) {
        std::printf("%u: %s\n", d.index, d.name.c_str());
        std::printf("   type %s, Vulkan %u.%u, driver %s\n", d.type.c_str(), VK_API_VERSION_MAJOR(d.api_version),
                    VK_API_VERSION_MINOR(d.api_version), d.driver.c_str());
        std::printf("   memory %.1f GiB, subgroup %u, max buffer range %llu MiB, shared memory %u KiB\n",
                    double(d.device_local_bytes) / (1 << 30), d.subgroup_size, (unsigned long long)(d.max_storage_range >> 20),
                    d.max_shared_memory >> 10);
        std::printf("   fp16 %s, int8 dot %s, cooperative matrix %s, push descriptors %s\n", d.fp16 ? "yes" : "no",
                    d.int8_dot ? "yes" : "no", d.cooperative_matrix ? "yes" : "no", d.push_descriptor ? "yes" : "no");
        if (args.has("measure")) {
            std::string err;
            double gbs = measure_bandwidth(int(d.index), err);
            if (gbs > 0) std::printf("   measured bandwidth %.1f GB/s (copy shader)\n", gbs);
            else std::printf("   bandwidth not measured: %s\n", err.c_str());
        }
    }
    return 0;
}

}  // namespace causerie::cli
