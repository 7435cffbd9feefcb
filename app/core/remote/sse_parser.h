// Server-sent events (the WHATWG "text/event-stream" format) as OpenAI-compatible servers stream
// completions: bytes in, whole events out. A chunk may end anywhere (inside a field name, a
// UTF-8 sequence, between the \r and \n of a line end); lines end with \n, \r\n or \r; lines
// starting with ':' are comments (keep-alives); several `data:` lines join with '\n'; an event is
// dispatched at a blank line. Bytes are only decoded once a line is whole.
#pragma once
#include <QByteArray>
#include <QList>

namespace causerie::remote {

struct SseEvent {
    QByteArray event;  // the `event:` field ("" when absent: a "message")
    QByteArray data;   // the `data:` lines joined with '\n'
    bool operator==(const SseEvent&) const = default;
};

class SseParser {
public:
    // The events completed by `bytes` (possibly none).
    QList<SseEvent> push(const QByteArray& bytes);
    // Comments (keep-alives) seen so far.
    int comments() const { return comments_; }
    // Whether bytes of an event not yet dispatched are waiting (a stream cut in the middle).
    bool pending() const { return !line_.isEmpty() || hasData_ || !event_.isEmpty(); }
    // Lines longer than this are an error (a stream that is not SSE); see overflowed().
    static constexpr qsizetype kMaxLine = 16 << 20;
    bool overflowed() const { return overflowed_; }

private:
    void takeLine(QList<SseEvent>& out);

    QByteArray line_;   // the line being read
    QByteArray event_, data_;
    bool hasData_ = false;
    bool skipLf_ = false;  // the last line ended with \r: a \n right after belongs to it
    bool bomChecked_ = false;
    bool overflowed_ = false;
    int comments_ = 0;
};

}  // namespace causerie::remote
