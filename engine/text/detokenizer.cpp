#include "text/detokenizer.h"

#include "text/unicode.h"

namespace causerie {

Detokenizer::Detokenizer(const Tokenizer& tokenizer, bool render_special)
    : tok_(tokenizer), render_special_(render_special), strip_space_(tokenizer.add_space_prefix()) {}

void Detokenizer::reset() {
    pending_.clear();
    strip_space_ = tok_.add_space_prefix();
}

std::string Detokenizer::push(int32_t id) {
    std::string p = tok_.piece(id, render_special_);
    if (strip_space_ && !tok_.is_control(id)) {
        if (!p.empty() && p[0] == ' ') p.erase(0, 1);
        strip_space_ = false;
    }
    pending_ += p;

    std::string out;
    size_t i = 0;
    while (i < pending_.size()) {
        const int len = unicode::utf8_sequence(pending_, i);
        if (len < 0) break;  // incomplete: wait for the next token
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(pending_, i, size_t(len));
            i += size_t(len);
        }
    }
    pending_.erase(0, i);
    return out;
}

std::string Detokenizer::flush() {
    std::string out = unicode::sanitize_utf8(pending_);
    reset();
    return out;
}

}  // namespace causerie
