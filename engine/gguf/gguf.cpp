#include "gguf/gguf.h"

#include <cstring>
#include <sstream>

namespace causerie {
namespace {

constexpr uint32_t kMagic = 0x46554747;  // "GGUF" little-endian

// Bounds-checked little-endian reader over the span.
class Reader {
public:
    explicit Reader(std::span<const uint8_t> b) : b_(b) {}
    uint64_t pos() const { return pos_; }
    uint64_t remaining() const { return b_.size() - pos_; }

    template <class T>
    Result<T> read(const char* what) {
        if (remaining() < sizeof(T))
            return make_error("truncated file: " + std::string(what) + " at byte " + std::to_string(pos_));
        T v;
        std::memcpy(&v, b_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return v;
    }

    Result<std::string> read_string(const char* what, uint64_t max_len) {
        TRY_ASSIGN(uint64_t len, read<uint64_t>(what));
        if (len > max_len) return make_error(std::string(what) + ": string of " + std::to_string(len) + " bytes is too long");
        if (len > remaining()) return make_error("truncated file: " + std::string(what) + " at byte " + std::to_string(pos_));
        std::string s(reinterpret_cast<const char*>(b_.data() + pos_), size_t(len));
        pos_ += len;
        return s;
    }

private:
    std::span<const uint8_t> b_;
    uint64_t pos_ = 0;
};

// Smallest encoded size of one value of type t, for bounding array counts.
uint64_t min_encoded_size(GgufType t) {
    switch (t) {
        case GgufType::U8: case GgufType::I8: case GgufType::BOOL: return 1;
        case GgufType::U16: case GgufType::I16: return 2;
        case GgufType::U32: case GgufType::I32: case GgufType::F32: return 4;
        case GgufType::U64: case GgufType::I64: case GgufType::F64: case GgufType::STRING: return 8;
        case GgufType::ARRAY: return 12;
    }
    return 1;
}

bool valid_type(uint32_t t) { return t <= uint32_t(GgufType::F64); }

Result<GgufValue> read_value(Reader& r, GgufType type, const GgufLimits& lim, uint32_t depth, const std::string& key) {
    GgufValue v;
    v.type = type;
    const char* what = "metadata value";
    switch (type) {
        case GgufType::U8: { TRY_ASSIGN(uint8_t x, r.read<uint8_t>(what)); v.u = x; break; }
        case GgufType::I8: { TRY_ASSIGN(int8_t x, r.read<int8_t>(what)); v.u = uint64_t(int64_t(x)); break; }
        case GgufType::U16: { TRY_ASSIGN(uint16_t x, r.read<uint16_t>(what)); v.u = x; break; }
        case GgufType::I16: { TRY_ASSIGN(int16_t x, r.read<int16_t>(what)); v.u = uint64_t(int64_t(x)); break; }
        case GgufType::U32: { TRY_ASSIGN(uint32_t x, r.read<uint32_t>(what)); v.u = x; break; }
        case GgufType::I32: { TRY_ASSIGN(int32_t x, r.read<int32_t>(what)); v.u = uint64_t(int64_t(x)); break; }
        case GgufType::U64: { TRY_ASSIGN(uint64_t x, r.read<uint64_t>(what)); v.u = x; break; }
        case GgufType::I64: { TRY_ASSIGN(int64_t x, r.read<int64_t>(what)); v.u = uint64_t(x); break; }
        case GgufType::F32: { TRY_ASSIGN(float x, r.read<float>(what)); v.f = x; break; }
        case GgufType::F64: { TRY_ASSIGN(double x, r.read<double>(what)); v.f = x; break; }
        case GgufType::BOOL: {
            TRY_ASSIGN(uint8_t x, r.read<uint8_t>(what));
            if (x > 1) return make_error("metadata '" + key + "': boolean value " + std::to_string(x));
            v.u = x;
            break;
        }
        case GgufType::STRING: { TRY_ASSIGN(v.s, r.read_string(what, lim.max_string)); break; }
        case GgufType::ARRAY: {
            if (depth >= lim.max_depth) return make_error("metadata '" + key + "': arrays nested too deeply");
            TRY_ASSIGN(uint32_t et, r.read<uint32_t>("array type"));
            if (!valid_type(et)) return make_error("metadata '" + key + "': unknown array element type " + std::to_string(et));
            TRY_ASSIGN(uint64_t n, r.read<uint64_t>("array length"));
            auto elem = GgufType(et);
            if (n > lim.max_array || n > r.remaining() / min_encoded_size(elem))
                return make_error("metadata '" + key + "': array of " + std::to_string(n) + " elements does not fit the file");
            auto arr = std::make_shared<GgufArray>();
            arr->elem = elem;
            if (elem == GgufType::STRING) {
                arr->strings.reserve(size_t(n));
                for (uint64_t i = 0; i < n; ++i) {
                    TRY_ASSIGN(std::string s, r.read_string("array string", lim.max_string));
                    arr->strings.push_back(std::move(s));
                }
            } else {
                arr->items.reserve(size_t(n));
                for (uint64_t i = 0; i < n; ++i) {
                    TRY_ASSIGN(GgufValue item, read_value(r, elem, lim, depth + 1, key));
                    arr->items.push_back(std::move(item));
                }
            }
            v.array = std::move(arr);
            break;
        }
    }
    return v;
}

bool mul_overflows(uint64_t a, uint64_t b, uint64_t& out) { return __builtin_mul_overflow(a, b, &out); }

}  // namespace

const char* gguf_type_name(GgufType t) {
    static const char* names[] = {"u8", "i8", "u16", "i16", "u32", "i32", "f32", "bool", "string", "array", "u64", "i64", "f64"};
    return uint32_t(t) <= 12 ? names[uint32_t(t)] : "unknown";
}

bool GgufValue::is_integer() const {
    switch (type) {
        case GgufType::U8: case GgufType::I8: case GgufType::U16: case GgufType::I16: case GgufType::U32:
        case GgufType::I32: case GgufType::U64: case GgufType::I64: return true;
        default: return false;
    }
}

std::string GgufValue::to_string(size_t max_items) const {
    std::ostringstream o;
    switch (type) {
        case GgufType::I8: case GgufType::I16: case GgufType::I32: case GgufType::I64: o << as_int(); break;
        case GgufType::U8: case GgufType::U16: case GgufType::U32: case GgufType::U64: o << u; break;
        case GgufType::F32: case GgufType::F64: o << f; break;
        case GgufType::BOOL: o << (u ? "true" : "false"); break;
        case GgufType::STRING: o << '"' << (s.size() > 80 ? s.substr(0, 80) + "..." : s) << '"'; break;
        case GgufType::ARRAY: {
            o << gguf_type_name(array->elem) << "[" << array->size() << "] [";
            for (size_t i = 0; i < array->size() && i < max_items; ++i) {
                if (i) o << ", ";
                if (array->elem == GgufType::STRING) o << '"' << array->strings[i] << '"';
                else o << array->items[i].to_string(max_items);
            }
            if (array->size() > max_items) o << ", ...";
            o << "]";
            break;
        }
    }
    return o.str();
}

std::string TensorInfo::shape_string() const {
    std::string s = "[";
    for (size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + "]";
}

const GgufValue* Gguf::find(const std::string& key) const {
    auto it = key_index.find(key);
    return it == key_index.end() ? nullptr : &metadata[it->second].second;
}

const TensorInfo* Gguf::tensor(const std::string& name) const {
    auto it = tensor_index.find(name);
    return it == tensor_index.end() ? nullptr : &tensors[it->second];
}

Result<uint64_t> Gguf::get_uint(const std::string& key) const {
    const GgufValue* v = find(key);
    if (!v) return make_error("missing metadata key '" + key + "'");
    if (!v->is_integer()) return make_error("metadata '" + key + "' is " + gguf_type_name(v->type) + ", expected an integer");
    if (v->type != GgufType::U64 && v->type != GgufType::U32 && v->type != GgufType::U16 && v->type != GgufType::U8 && v->as_int() < 0)
        return make_error("metadata '" + key + "' is negative");
    return v->u;
}

Result<double> Gguf::get_float(const std::string& key) const {
    const GgufValue* v = find(key);
    if (!v) return make_error("missing metadata key '" + key + "'");
    if (v->is_float()) return v->f;
    if (v->is_integer()) return double(v->as_int());
    return make_error("metadata '" + key + "' is " + gguf_type_name(v->type) + ", expected a number");
}

Result<std::string> Gguf::get_string(const std::string& key) const {
    const GgufValue* v = find(key);
    if (!v) return make_error("missing metadata key '" + key + "'");
    if (v->type != GgufType::STRING) return make_error("metadata '" + key + "' is " + gguf_type_name(v->type) + ", expected a string");
    return v->s;
}

Result<bool> Gguf::get_bool(const std::string& key) const {
    const GgufValue* v = find(key);
    if (!v) return make_error("missing metadata key '" + key + "'");
    if (v->type == GgufType::BOOL || v->is_integer()) return v->u != 0;
    return make_error("metadata '" + key + "' is " + gguf_type_name(v->type) + ", expected a bool");
}

uint64_t Gguf::uint_or(const std::string& key, uint64_t fallback) const {
    auto r = get_uint(key);
    return r ? *r : fallback;
}
double Gguf::float_or(const std::string& key, double fallback) const {
    auto r = get_float(key);
    return r ? *r : fallback;
}
std::string Gguf::string_or(const std::string& key, const std::string& fallback) const {
    auto r = get_string(key);
    return r ? *r : fallback;
}
bool Gguf::bool_or(const std::string& key, bool fallback) const {
    auto r = get_bool(key);
    return r ? *r : fallback;
}
const GgufArray* Gguf::array(const std::string& key) const {
    const GgufValue* v = find(key);
    return v && v->type == GgufType::ARRAY ? v->array.get() : nullptr;
}

Result<Gguf> parse_gguf(std::span<const uint8_t> bytes, const GgufLimits& lim) {
    Reader r(bytes);
    Gguf g;
    TRY_ASSIGN(uint32_t magic, r.read<uint32_t>("magic"));
    if (magic != kMagic) return make_error("not a GGUF file (bad magic)");
    TRY_ASSIGN(g.version, r.read<uint32_t>("version"));
    if (g.version != 2 && g.version != 3)
        return make_error("unsupported GGUF version " + std::to_string(g.version) + " (2 and 3 are supported)");
    TRY_ASSIGN(uint64_t n_tensors, r.read<uint64_t>("tensor count"));
    TRY_ASSIGN(uint64_t n_kv, r.read<uint64_t>("metadata count"));
    if (n_tensors > lim.max_tensors || n_tensors > r.remaining() / 24)
        return make_error("tensor count " + std::to_string(n_tensors) + " does not fit the file");
    if (n_kv > lim.max_kv || n_kv > r.remaining() / 12)
        return make_error("metadata count " + std::to_string(n_kv) + " does not fit the file");

    // Metadata.
    g.metadata.reserve(size_t(n_kv));
    for (uint64_t i = 0; i < n_kv; ++i) {
        TRY_ASSIGN(std::string key, r.read_string("metadata key", 65536));
        TRY_ASSIGN(uint32_t t, r.read<uint32_t>("metadata type"));
        if (!valid_type(t)) return make_error("metadata '" + key + "': unknown value type " + std::to_string(t));
        TRY_ASSIGN(GgufValue v, read_value(r, GgufType(t), lim, 0, key));
        if (g.key_index.count(key)) return make_error("duplicate metadata key '" + key + "'");
        g.key_index.emplace(key, g.metadata.size());
        g.metadata.emplace_back(std::move(key), std::move(v));
    }
    if (const GgufValue* a = g.find("general.alignment")) {
        if (a->type != GgufType::U32 || a->u == 0 || (a->u & (a->u - 1)) != 0 || a->u > (1u << 20))
            return make_error("general.alignment must be a power-of-two u32, got " + a->to_string());
        g.alignment = uint32_t(a->u);
    }

    // Tensor infos.
    g.tensors.reserve(size_t(n_tensors));
    for (uint64_t i = 0; i < n_tensors; ++i) {
        TensorInfo t;
        TRY_ASSIGN(t.name, r.read_string("tensor name", 65536));
        TRY_ASSIGN(uint32_t n_dims, r.read<uint32_t>("tensor dimension count"));
        if (n_dims == 0 || n_dims > 4)
            return make_error("tensor '" + t.name + "': " + std::to_string(n_dims) + " dimensions (1 to 4 supported)");
        t.n_elements = 1;
        for (uint32_t d = 0; d < n_dims; ++d) {
            TRY_ASSIGN(uint64_t dim, r.read<uint64_t>("tensor dimension"));
            if (dim == 0 || dim > (1ull << 40)) return make_error("tensor '" + t.name + "': dimension " + std::to_string(dim) + " is invalid");
            if (mul_overflows(t.n_elements, dim, t.n_elements)) return make_error("tensor '" + t.name + "': element count overflows");
            t.dims.push_back(dim);
        }
        TRY_ASSIGN(uint32_t type_id, r.read<uint32_t>("tensor type"));
        auto traits = type_traits(type_id);
        if (!traits) return make_error("tensor '" + t.name + "': unknown type id " + std::to_string(type_id));
        t.type = TensorType(type_id);
        if (t.dims[0] % traits->block_elems != 0)
            return make_error("tensor '" + t.name + "': row of " + std::to_string(t.dims[0]) + " elements is not a multiple of the " +
                              std::string(traits->name) + " block (" + std::to_string(traits->block_elems) + ")");
        if (mul_overflows(t.n_elements / traits->block_elems, traits->block_bytes, t.n_bytes))
            return make_error("tensor '" + t.name + "': byte size overflows");
        TRY_ASSIGN(t.offset, r.read<uint64_t>("tensor offset"));
        if (t.offset % g.alignment != 0)
            return make_error("tensor '" + t.name + "': offset " + std::to_string(t.offset) + " is not aligned to " + std::to_string(g.alignment));
        if (g.tensor_index.count(t.name)) return make_error("duplicate tensor '" + t.name + "'");
        g.tensor_index.emplace(t.name, g.tensors.size());
        g.tensors.push_back(std::move(t));
    }

    // Data section: aligned after the header; every tensor must lie inside the span.
    uint64_t header_end = r.pos();
    g.data_offset = (header_end + g.alignment - 1) / g.alignment * g.alignment;
    for (auto& t : g.tensors) {
        uint64_t begin, end;
        if (__builtin_add_overflow(g.data_offset, t.offset, &begin) || __builtin_add_overflow(begin, t.n_bytes, &end) || end > bytes.size())
            return make_error("tensor '" + t.name + "': data [" + std::to_string(t.offset) + ", +" + std::to_string(t.n_bytes) +
                              ") lies outside the file (truncated?)");
        t.file_offset = begin;
    }
    return g;
}

}  // namespace causerie
