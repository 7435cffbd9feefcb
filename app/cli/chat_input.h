// What `causerie-cli chat` reads after its prompt, local or remote: a message or a command
// (/help, /reset, /quit, /exit, an empty line or the end of input).
#pragma once
#include <string>

namespace causerie::cli {

enum class ChatInput {
    Quit,     // /quit, /exit, an empty line, Ctrl-D
    Reset,    // /reset: the caller drops all but the system prompt ("started over" is printed)
    Handled,  // /help or an unknown command, answered on stderr
    Message,  // `line` holds the user's message
};

// Prints the prompt on stderr, reads one line into `line`, answers the commands it can.
ChatInput read_chat_input(std::string& line);

}  // namespace causerie::cli
