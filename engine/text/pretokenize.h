// Pre-tokenizers of byte-level BPE vocabularies: the regular expressions Hugging Face tokenizers
// (and llama.cpp, the reference for GGUF files) use to cut text into words before merging,
// implemented as hand-written matchers over Unicode code points.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace causerie {

enum class PreTokenizerKind {
    Default,        // llama.cpp's fallback: punctuation runs, GPT-2 words, digit runs, 3-digit groups
    Gpt2,           // gpt-2, mpt, olmo, jais, phi-2, roberta-bpe
    Llama3,         // llama-bpe / llama3, dbrx, smaug-bpe, falcon3
    Qwen2,          // qwen2, stablelm2, megrez, deepseek-r1-qwen
    DeepseekLlm,    // deepseek-llm
    DeepseekCoder,  // deepseek-coder
    DeepseekV3,     // deepseek-v3
    Falcon,         // falcon
    Starcoder,      // starcoder, refact, command-r, smollm, codeshell, exaone, minerva-7b
    Tekken,         // tekken (Mistral NeMo and later)
    Gpt4o,          // gpt-4o (Phi-4-mini)
    Bloom,          // bloom, poro-chat, gpt3-finnish
    Viking,         // viking
    Qwen35,         // qwen35: Qwen2's with combining marks in letter runs
};

struct PreTokenizerInfo {
    PreTokenizerKind kind = PreTokenizerKind::Default;
    bool ignore_merges = false;  // a word found whole in the vocabulary is one token
    bool add_bos = false;        // default for tokenizer.ggml.add_bos_token
};

// The pre-tokenizer named by `tokenizer.ggml.pre` ("" means default), or nothing if unknown.
std::optional<PreTokenizerInfo> find_pre_tokenizer(std::string_view name);
// Names accepted by find_pre_tokenizer, for error messages.
std::string supported_pre_tokenizers();

// Cuts `text` into consecutive pieces covering it entirely, in order. Malformed UTF-8 bytes are
// classified as U+FFFD but stay in the pieces unchanged.
std::vector<std::string_view> pre_tokenize(PreTokenizerKind kind, std::string_view text);

}  // namespace causerie
