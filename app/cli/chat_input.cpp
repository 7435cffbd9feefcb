#include "chat_input.h"

#include <cstdio>
#include <iostream>

namespace causerie::cli {

ChatInput read_chat_input(std::string& line) {
    std::fprintf(stderr, "\n> ");
    if (!std::getline(std::cin, line) || line.empty() || line == "/quit" || line == "/exit") return ChatInput::Quit;
    if (line == "/help") {
        std::fprintf(stderr, "/reset  start the conversation over (the system prompt stays)\n"
                             "/quit   leave (also /exit, an empty line or Ctrl-D)\n"
                             "/help   this list\n"
                             "Ctrl-C  stops the reply being written\n");
        return ChatInput::Handled;
    }
    if (line == "/reset") {
        std::fprintf(stderr, "(conversation started over)\n");
        return ChatInput::Reset;
    }
    if (line[0] == '/') {
        std::fprintf(stderr, "unknown command %s: /help lists them\n", line.c_str());
        return ChatInput::Handled;
    }
    return ChatInput::Message;
}

}  // namespace causerie::cli
