// Splits a growing reply into reasoning and content: what a reasoning model (Qwen3, DeepSeek-R1
// distills) writes between <think> and </think> is reasoning (`reasoning_content` in the
// OpenAI shapes), the rest is content. Fed piece by piece: a tag split across pieces is held
// back until it is complete or can no longer be one.
// A reply that opens with harmony's framing (gpt-oss: "<|channel|>analysis<|message|>...<|end|>
// <|start|>assistant<|channel|>final<|message|>...") is read as messages instead: the analysis
// channel's text is reasoning, any other channel's (final, commentary) content; the headers and
// framing tokens are neither.
// Gemma 4 (llama.cpp's peg-gemma4 format) writes its thoughts as a channel of their own:
// "<|channel>thought\n...<channel|>" then the answer; read like a <think> block, the
// whitespace after the channel's name skipped.
#pragma once
#include <string>
#include <string_view>

namespace causerie {

class ReasoningSplitter {
public:
    // `inside`: the prompt already opened the thinking block (its generation prompt ends with
    // "<think>"), so the reply starts as reasoning.
    explicit ReasoningSplitter(bool inside = false) : inside_(inside), seen_content_(inside) {}

    struct Parts {
        std::string reasoning, content;
        bool empty() const { return reasoning.empty() && content.empty(); }
    };
    Parts push(std::string_view piece);
    // Whatever is held back (an unfinished tag is text after all).
    Parts flush();

    // True when the rendered prompt ends with an open "<think>" (whitespace after it allowed).
    static bool prompt_opens_thinking(std::string_view prompt);

private:
    enum class Harmony { Off, Header, Body, Between };
    // One step of a harmony reply; false when it must wait for more text.
    bool harmony_step(Parts& out);
    Harmony harmony_ = Harmony::Off;
    bool analysis_ = false;       // the harmony message being read is on the analysis channel
    bool inside_ = false;
    std::string_view close_;      // the tag that ends the open thinking block
    bool seen_content_ = false;   // an opening tag counts only before any content
    bool after_close_ = false;    // skip the whitespace that follows </think>
    std::string held_;
};

}  // namespace causerie
