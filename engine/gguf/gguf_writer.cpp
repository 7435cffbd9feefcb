#include "gguf/gguf_writer.h"

#include <cstdio>
#include <cstring>
#include <filesystem>

namespace causerie {
namespace {

template <class T>
void put(std::vector<uint8_t>& out, T v) {
    size_t n = out.size();
    out.resize(n + sizeof(T));
    std::memcpy(out.data() + n, &v, sizeof(T));
}

void put_string(std::vector<uint8_t>& out, const std::string& s) {
    put<uint64_t>(out, s.size());
    out.insert(out.end(), s.begin(), s.end());
}

void put_scalar(std::vector<uint8_t>& out, const GgufValue& v) {
    switch (v.type) {
        case GgufType::U8: case GgufType::I8: case GgufType::BOOL: put<uint8_t>(out, uint8_t(v.u)); break;
        case GgufType::U16: case GgufType::I16: put<uint16_t>(out, uint16_t(v.u)); break;
        case GgufType::U32: case GgufType::I32: put<uint32_t>(out, uint32_t(v.u)); break;
        case GgufType::U64: case GgufType::I64: put<uint64_t>(out, v.u); break;
        case GgufType::F32: put<float>(out, float(v.f)); break;
        case GgufType::F64: put<double>(out, v.f); break;
        case GgufType::STRING: put_string(out, v.s); break;
        case GgufType::ARRAY: {
            put<uint32_t>(out, uint32_t(v.array->elem));
            put<uint64_t>(out, v.array->size());
            if (v.array->elem == GgufType::STRING)
                for (const auto& s : v.array->strings) put_string(out, s);
            else
                for (const auto& item : v.array->items) put_scalar(out, item);
            break;
        }
    }
}

GgufValue scalar(GgufType t, uint64_t u, double f = 0) {
    GgufValue v;
    v.type = t;
    v.u = u;
    v.f = f;
    return v;
}

}  // namespace

void GgufWriter::set_u32(const std::string& k, uint32_t v) { kv_.emplace_back(k, scalar(GgufType::U32, v)); }
void GgufWriter::set_i32(const std::string& k, int32_t v) { kv_.emplace_back(k, scalar(GgufType::I32, uint64_t(int64_t(v)))); }
void GgufWriter::set_u64(const std::string& k, uint64_t v) { kv_.emplace_back(k, scalar(GgufType::U64, v)); }
void GgufWriter::set_f32(const std::string& k, float v) { kv_.emplace_back(k, scalar(GgufType::F32, 0, v)); }
void GgufWriter::set_bool(const std::string& k, bool v) { kv_.emplace_back(k, scalar(GgufType::BOOL, v ? 1 : 0)); }
void GgufWriter::set_string(const std::string& k, const std::string& s) {
    GgufValue v;
    v.type = GgufType::STRING;
    v.s = s;
    kv_.emplace_back(k, std::move(v));
}
void GgufWriter::set_strings(const std::string& k, const std::vector<std::string>& s) {
    auto a = std::make_shared<GgufArray>();
    a->elem = GgufType::STRING;
    a->strings = s;
    GgufValue v;
    v.type = GgufType::ARRAY;
    v.array = a;
    kv_.emplace_back(k, std::move(v));
}
void GgufWriter::set_f32s(const std::string& k, const std::vector<float>& xs) {
    auto a = std::make_shared<GgufArray>();
    a->elem = GgufType::F32;
    for (float x : xs) a->items.push_back(scalar(GgufType::F32, 0, x));
    GgufValue v;
    v.type = GgufType::ARRAY;
    v.array = a;
    kv_.emplace_back(k, std::move(v));
}
void GgufWriter::set_i32s(const std::string& k, const std::vector<int32_t>& xs) {
    auto a = std::make_shared<GgufArray>();
    a->elem = GgufType::I32;
    for (int32_t x : xs) a->items.push_back(scalar(GgufType::I32, uint64_t(int64_t(x))));
    GgufValue v;
    v.type = GgufType::ARRAY;
    v.array = a;
    kv_.emplace_back(k, std::move(v));
}
void GgufWriter::set_value(const std::string& k, const GgufValue& v) { kv_.emplace_back(k, v); }

void GgufWriter::erase(const std::string& key) {
    std::erase_if(kv_, [&](const auto& kv) { return kv.first == key; });
}

void GgufWriter::add_tensor(const std::string& name, std::vector<uint64_t> dims, TensorType type, std::vector<uint8_t> data) {
    tensors_.push_back(Tensor{name, std::move(dims), type, std::move(data)});
}

std::vector<uint8_t> GgufWriter::bytes(uint32_t alignment) const {
    std::vector<uint8_t> out;
    put<uint32_t>(out, 0x46554747);
    put<uint32_t>(out, 3);
    put<uint64_t>(out, tensors_.size());
    bool has_alignment = false;
    for (const auto& [k, v] : kv_) has_alignment |= k == "general.alignment";
    put<uint64_t>(out, kv_.size() + (has_alignment || alignment == 32 ? 0 : 1));
    for (const auto& [k, v] : kv_) {
        put_string(out, k);
        put<uint32_t>(out, uint32_t(v.type));
        put_scalar(out, v);
    }
    if (!has_alignment && alignment != 32) {
        put_string(out, "general.alignment");
        put<uint32_t>(out, uint32_t(GgufType::U32));
        put<uint32_t>(out, alignment);
    }
    uint64_t offset = 0;
    std::vector<uint64_t> offsets;
    for (const auto& t : tensors_) {
        put_string(out, t.name);
        put<uint32_t>(out, uint32_t(t.dims.size()));
        for (uint64_t d : t.dims) put<uint64_t>(out, d);
        put<uint32_t>(out, uint32_t(t.type));
        put<uint64_t>(out, offset);
        offsets.push_back(offset);
        offset += (t.data.size() + alignment - 1) / alignment * alignment;
    }
    out.resize((out.size() + alignment - 1) / alignment * alignment, 0);
    size_t base = out.size();
    for (size_t i = 0; i < tensors_.size(); ++i) {
        out.resize(base + offsets[i], 0);
        out.insert(out.end(), tensors_[i].data.begin(), tensors_[i].data.end());
    }
    if (!tensors_.empty()) out.resize(base + offset, 0);
    return out;
}

Status GgufWriter::write(const std::string& path) const {
    std::vector<uint8_t> b = bytes();
    std::string tmp = path + ".tmp";
    FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return make_error("cannot create '" + tmp + "': " + std::strerror(errno));
    bool ok = std::fwrite(b.data(), 1, b.size(), f) == b.size();
    ok = (std::fclose(f) == 0) && ok;
    if (!ok) {
        std::remove(tmp.c_str());
        return make_error("cannot write '" + path + "' (disk full?)");
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) return make_error("cannot rename '" + tmp + "': " + ec.message());
    return {};
}

}  // namespace causerie
