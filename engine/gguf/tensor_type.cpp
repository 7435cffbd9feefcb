#include "gguf/tensor_type.h"

#include <array>
#include <cctype>
#include <string>

namespace causerie {
namespace {

struct Entry {
    uint32_t id;
    TypeTraits traits;
};

constexpr std::array kTypes = {
    Entry{0, {"F32", 1, 4}},        Entry{1, {"F16", 1, 2}},          Entry{2, {"Q4_0", 32, 18}},
    Entry{3, {"Q4_1", 32, 20}},     Entry{6, {"Q5_0", 32, 22}},       Entry{7, {"Q5_1", 32, 24}},
    Entry{8, {"Q8_0", 32, 34}},     Entry{9, {"Q8_1", 32, 36}},       Entry{10, {"Q2_K", 256, 84}},
    Entry{11, {"Q3_K", 256, 110}},  Entry{12, {"Q4_K", 256, 144}},    Entry{13, {"Q5_K", 256, 176}},
    Entry{14, {"Q6_K", 256, 210}},  Entry{15, {"Q8_K", 256, 292}},    Entry{16, {"IQ2_XXS", 256, 66}},
    Entry{17, {"IQ2_XS", 256, 74}}, Entry{18, {"IQ3_XXS", 256, 98}},  Entry{19, {"IQ1_S", 256, 50}},
    Entry{20, {"IQ4_NL", 32, 18}},  Entry{21, {"IQ3_S", 256, 110}},   Entry{22, {"IQ2_S", 256, 82}},
    Entry{23, {"IQ4_XS", 256, 136}}, Entry{24, {"I8", 1, 1}},         Entry{25, {"I16", 1, 2}},
    Entry{26, {"I32", 1, 4}},       Entry{27, {"I64", 1, 8}},         Entry{28, {"F64", 1, 8}},
    Entry{29, {"IQ1_M", 256, 56}},  Entry{30, {"BF16", 1, 2}},         Entry{39, {"MXFP4", 32, 17}},
};

}  // namespace

std::optional<TypeTraits> type_traits(uint32_t type_id) {
    for (const auto& e : kTypes)
        if (e.id == type_id) return e.traits;
    return std::nullopt;
}

std::string_view type_name(TensorType t) {
    auto tr = type_traits(uint32_t(t));
    return tr ? tr->name : std::string_view("unknown");
}

std::optional<TensorType> type_from_name(std::string_view name) {
    std::string upper(name);
    for (auto& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
    for (const auto& e : kTypes)
        if (e.traits.name == upper) return TensorType(e.id);
    return std::nullopt;
}

bool is_supported_weight_type(TensorType t) {
    switch (t) {
        case TensorType::F32: case TensorType::F16: case TensorType::BF16:
        case TensorType::Q4_0: case TensorType::Q4_1: case TensorType::Q5_0: case TensorType::Q5_1:
        case TensorType::Q8_0: case TensorType::Q2_K: case TensorType::Q3_K: case TensorType::Q4_K:
        case TensorType::Q5_K: case TensorType::Q6_K:
        case TensorType::IQ4_NL: case TensorType::IQ4_XS: case TensorType::IQ2_XXS: case TensorType::IQ2_XS:
        case TensorType::IQ2_S: case TensorType::IQ3_XXS: case TensorType::IQ3_S: case TensorType::IQ1_S:
        case TensorType::IQ1_M: case TensorType::MXFP4:
            return true;
        default:
            return false;
    }
}

std::optional<uint64_t> row_bytes(TensorType t, uint64_t elems) {
    auto tr = type_traits(uint32_t(t));
    if (!tr || elems % tr->block_elems != 0) return std::nullopt;
    return elems / tr->block_elems * tr->block_bytes;
}

}  // namespace causerie
