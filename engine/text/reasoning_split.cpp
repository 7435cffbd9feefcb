#include "text/reasoning_split.h"

#include <algorithm>

namespace causerie {

namespace {

constexpr std::string_view kOpen = "<think>", kClose = "</think>";
// Gemma 4's thought channel (its opening then the channel's name).
constexpr std::string_view kGOpen = "<|channel>thought", kGClose = "<channel|>";
// Harmony's framing: a message is <|start|>role<|channel|>name ... <|message|>text, closed by
// <|end|> (more follows), <|return|> or <|call|> (the reply ends; rendered only by some readers).
constexpr std::string_view kHStart = "<|start|>", kHChannel = "<|channel|>", kHMessage = "<|message|>";
constexpr std::string_view kHEnds[] = {"<|end|>", "<|return|>", "<|call|>"};

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

bool ReasoningSplitter::harmony_step(Parts& out) {
    switch (harmony_) {
    case Harmony::Header: {
        // The header up to <|message|>: the channel's name follows the last <|channel|>.
        const size_t msg = held_.find(kHMessage);
        if (msg == std::string::npos) return false;
        const std::string_view header = std::string_view(held_).substr(0, msg);
        std::string_view channel;
        if (size_t c = header.rfind(kHChannel); c != std::string_view::npos) {
            channel = header.substr(c + kHChannel.size());
            channel = channel.substr(0, std::min(channel.find(' '), channel.find('<')));
        }
        analysis_ = channel == "analysis";
        held_.erase(0, msg + kHMessage.size());
        harmony_ = Harmony::Body;
        return true;
    }
    case Harmony::Body: {
        // The text up to the first framing token: one that ends the message, or a new header.
        size_t first = std::string::npos, tag_len = 0;
        bool header = false;
        auto consider = [&](std::string_view tag, bool starts_header) {
            const size_t p = held_.find(tag);
            if (p < first) first = p, tag_len = tag.size(), header = starts_header;
        };
        for (std::string_view e : kHEnds) consider(e, false);
        consider(kHStart, true);
        consider(kHChannel, true);
        std::string& to = analysis_ ? out.reasoning : out.content;
        if (first == std::string::npos) {
            size_t keep = 0;
            for (std::string_view t : {kHEnds[0], kHEnds[1], kHEnds[2], kHStart, kHChannel}) keep = std::max(keep, partial_tag_suffix(held_, t));
            to += held_.substr(0, held_.size() - keep);
            held_.erase(0, held_.size() - keep);
            return false;
        }
        to += held_.substr(0, first);
        held_.erase(0, header ? first : first + tag_len);
        harmony_ = header ? Harmony::Header : Harmony::Between;
        return true;
    }
    case Harmony::Between: {
        // Between messages: whitespace, then the next header; other text is read as content.
        size_t lead = 0;
        while (lead < held_.size() && is_space(held_[lead])) ++lead;
        held_.erase(0, lead);
        if (held_.empty()) return false;
        if (held_.starts_with(kHStart) || held_.starts_with(kHChannel)) {
            harmony_ = Harmony::Header;
            return true;
        }
        if (kHStart.starts_with(held_) || kHChannel.starts_with(held_)) return false;
        analysis_ = false;
        harmony_ = Harmony::Body;
        return true;
    }
    case Harmony::Off: break;
    }
    return false;
}

ReasoningSplitter::Parts ReasoningSplitter::push(std::string_view piece) {
    Parts out;
    held_.append(piece);
    if (harmony_ != Harmony::Off) {
        while (harmony_step(out)) {}
        return out;
    }
    for (;;) {
        if (after_close_) {
            size_t skip = 0;
            while (skip < held_.size() && is_space(held_[skip])) ++skip;
            held_.erase(0, skip);
            if (held_.empty()) break;
            after_close_ = false;
        }
        if (inside_) {
            const std::string_view close = close_.empty() ? kClose : close_;
            size_t pos = held_.find(close);
            if (pos != std::string::npos) {
                out.reasoning += held_.substr(0, pos);
                held_.erase(0, pos + close.size());
                inside_ = false;
                after_close_ = true;
                continue;
            }
            size_t keep = partial_tag_suffix(held_, close);
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
                close_ = kClose;
                seen_content_ = true;
                continue;
            }
            if (rest.starts_with(kGOpen)) {  // Gemma 4: the whitespace after the name is no reasoning
                held_.erase(0, lead + kGOpen.size());
                inside_ = true;
                close_ = kGClose;
                after_close_ = true;
                seen_content_ = true;
                continue;
            }
            if (rest.starts_with(kHChannel) || rest.starts_with(kHStart)) {  // a harmony reply
                held_.erase(0, lead);
                harmony_ = Harmony::Header;
                seen_content_ = true;
                while (harmony_step(out)) {}
                break;
            }
            if (rest.empty() || kOpen.starts_with(rest) || kGOpen.starts_with(rest) || kHChannel.starts_with(rest) || kHStart.starts_with(rest))
                break;  // undecided: hold it
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
    if (harmony_ != Harmony::Off) {
        // An unfinished header or the whitespace between messages is no text; a message's held
        // end (a partial framing token) is text after all.
        if (harmony_ == Harmony::Body) (analysis_ ? out.reasoning : out.content) += held_;
        held_.clear();
        return out;
    }
    if (after_close_) held_.clear();  // only whitespace is held after a closing tag
    (inside_ ? out.reasoning : out.content) += held_;
    held_.clear();
    return out;
}

}  // namespace causerie
