#include "remote/sse_parser.h"

namespace causerie::remote {

QList<SseEvent> SseParser::push(const QByteArray& bytes) {
    QList<SseEvent> out;
    for (const char c : bytes) {
        if (overflowed_) break;
        if (skipLf_) {
            skipLf_ = false;
            if (c == '\n') continue;
        }
        if (c == '\n' || c == '\r') {
            skipLf_ = c == '\r';
            takeLine(out);
            continue;
        }
        line_ += c;
        if (line_.size() > kMaxLine) overflowed_ = true;
    }
    return out;
}

void SseParser::takeLine(QList<SseEvent>& out) {
    QByteArray line;
    line.swap(line_);
    if (!bomChecked_) {  // a UTF-8 byte order mark may open the stream
        bomChecked_ = true;
        if (line.startsWith("\xEF\xBB\xBF")) line.remove(0, 3);
    }
    if (line.isEmpty()) {  // dispatch
        if (hasData_) out.append({event_, data_});
        event_.clear();
        data_.clear();
        hasData_ = false;
        return;
    }
    if (line.startsWith(':')) {
        ++comments_;
        return;
    }
    const qsizetype colon = line.indexOf(':');
    QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
    if (value.startsWith(' ')) value.remove(0, 1);
    if (field == "data") {
        if (hasData_) data_ += '\n';
        data_ += value;
        hasData_ = true;
    } else if (field == "event") {
        event_ = value;
    }
    // `id` and `retry` matter to a browser reconnecting, not to a completion: ignored.
}

}  // namespace causerie::remote
