#include "text/reasoning_split.h"

#include <algorithm>

namespace causerie {

namespace {

constexpr std::string_view kOpen = "<think>", kClose = "</think>";

// Length of the longest suffix of `s` that is a proper prefix of `tag`.
size_t partial_tag_suffix(std::string_view s, std::string_view tag) {
    for (size_t n = std::min(s.size(), tag.size() - 1); n > 0; --n)
        if (s.substr(s.size() - n) == tag.substr(0, n)) return n;
    return 0;
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

}  // namespace

bool ReasoningSplitter::prompt_opens_thinking(std::string_view prompt) {
    while (!prompt.empty() && is_space(prompt.back())) prompt.remove_suffix(1);
    return prompt.ends_with(kOpen);
}

ReasoningSplitter::Parts ReasoningSplitter::push(std::string_view piece) {
    Parts out;
    held_.append(piece);
    for (;;) {
        if (after_close_) {
            size_t skip = 0;
            while (skip < held_.size() && is_space(held_[skip])) ++skip;
            held_.erase(0, skip);
            if (held_.empty()) break;
            after_close_ = false;
        }
        if (inside_) {
            size_t pos = held_.find(kClose);
            if (pos != std::string::npos) {
                out.reasoning += held_.substr(0, pos);
                held_.erase(0, pos + kClose.size());
                inside_ = false;
                after_close_ = true;
                continue;
            }
            size_t keep = partial_tag_suffix(held_, kClose);
            out.reasoning += held_.substr(0, held_.size() - keep);
            held_.erase(0, held_.size() - keep);
            break;
        }
        if (!seen_content_) {
            // Only leading whitespace so far: an opening tag may still come.
            size_t lead = 0;
            while (lead < held_.size() && is_space(held_[lead])) ++lead;
            std::string_view rest = std::string_view(held_).substr(lead);
            if (rest.starts_with(kOpen)) {
                held_.erase(0, lead + kOpen.size());
                inside_ = true;
                seen_content_ = true;
                continue;
            }
            if (rest.empty() || kOpen.starts_with(rest)) break;  // undecided: hold it
            seen_content_ = true;
        }
        out.content += held_;
        held_.clear();
        break;
    }
    return out;
}

ReasoningSplitter::Parts ReasoningSplitter::flush() {
    Parts out;
    if (after_close_) held_.clear();  // only whitespace is held after a closing tag
    (inside_ ? out.reasoning : out.content) += held_;
    held_.clear();
    return out;
}

}  // namespace causerie
