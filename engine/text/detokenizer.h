// Streaming detokenization: ids in one at a time, text out only as complete UTF-8.
#pragma once
#include "text/tokenizer.h"

#include <string>

namespace causerie {

class Detokenizer {
public:
    explicit Detokenizer(const Tokenizer& tokenizer, bool render_special = false);
    // The text completed by this token: bytes of a character split across tokens are held back
    // until it is whole; a malformed sequence is emitted as U+FFFD. As Tokenizer::decode, the
    // first piece loses the SentencePiece space prefix (control tokens such as BOS don't count).
    std::string push(int32_t id);
    // Ends the stream: whatever is held back (an incomplete character becomes U+FFFD), and
    // resets to the start of a new stream.
    std::string flush();
    void reset();
    size_t pending_bytes() const { return pending_.size(); }

private:
    const Tokenizer& tok_;
    bool render_special_;
    bool strip_space_;
    std::string pending_;
};

}  // namespace causerie
