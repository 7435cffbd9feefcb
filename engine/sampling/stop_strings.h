// Streaming stop strings: pieces of generated text go in, text that can no longer be part of a
// stop string comes out. Bytes that could still begin a stop string are held back; when a stop
// string completes, everything before it is emitted and the stop string itself never is.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace causerie {

class StopMatcher {
public:
    struct Out {
        std::string emit;
        bool stopped = false;
    };

    // Empty stop strings are ignored.
    explicit StopMatcher(std::vector<std::string> stops);

    // Feeds one piece. After a stop, every later push returns {"", true}.
    Out push(std::string_view piece);

    // End of generation without a stop: returns the text still held back.
    std::string flush();

    bool stopped() const { return stopped_; }
    // The stop string that ended the text ("" until one has).
    const std::string& matched() const { return matched_; }
    // Bytes currently held back.
    std::string_view pending() const { return pending_; }

    // Ready for a new generation with the same stop strings.
    void reset();

private:
    std::vector<std::string> stops_;
    std::string pending_;
    std::string matched_;
    bool stopped_ = false;
};

}  // namespace causerie
