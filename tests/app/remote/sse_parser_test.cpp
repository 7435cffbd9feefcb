// The SSE parser: the same events whatever the chunk boundaries (every split of a stream in two,
// and byte by byte), every line ending, comments, multi-line data, a byte order mark, fields
// without a space, an unfinished event at the end.
#include "remote/sse_parser.h"

#include <gtest/gtest.h>

using causerie::remote::SseEvent;
using causerie::remote::SseParser;

namespace {

QList<SseEvent> parseAll(const QList<QByteArray>& chunks) {
    SseParser p;
    QList<SseEvent> out;
    for (const QByteArray& c : chunks) out += p.push(c);
    return out;
}

const QByteArray kStream =
    "\xEF\xBB\xBF: a comment first\r\n"
    "data: {\"a\":\"caf\xC3\xA9\"}\r\n\r\n"
    ": keep-alive\n\n"
    "event: error\ndata:{\"error\":{\"message\":\"boom\"}}\n\n"
    "data: line one\rdata: line two\r\r"
    "id: 7\nretry: 100\ndata: [DONE]\n\n";

const QList<SseEvent> kExpected{
    {"", "{\"a\":\"caf\xC3\xA9\"}"},
    {"error", "{\"error\":{\"message\":\"boom\"}}"},
    {"", "line one\nline two"},
    {"", "[DONE]"},
};

TEST(SseParser, WholeStream) {
    SseParser p;
    EXPECT_EQ(p.push(kStream), kExpected);
    EXPECT_EQ(p.comments(), 2);
    EXPECT_FALSE(p.pending());
}

TEST(SseParser, SplitInTwoAtEveryOffset) {
    for (qsizetype i = 0; i <= kStream.size(); ++i)
        EXPECT_EQ(parseAll({kStream.left(i), kStream.mid(i)}), kExpected) << "split at " << i;
}

TEST(SseParser, SplitInThreeAtEveryPairOfOffsets) {
    for (qsizetype i = 0; i <= kStream.size(); i += 3)
        for (qsizetype j = i; j <= kStream.size(); ++j)
            ASSERT_EQ(parseAll({kStream.left(i), kStream.mid(i, j - i), kStream.mid(j)}), kExpected) << i << " " << j;
}

TEST(SseParser, ByteByByte) {
    QList<QByteArray> bytes;
    for (char c : kStream) bytes.append(QByteArray(1, c));
    EXPECT_EQ(parseAll(bytes), kExpected);
}

TEST(SseParser, CrLfSplitBetweenCrAndLf) {
    // "\r" then "\n" in the next chunk is one line end, not an empty line (no spurious dispatch).
    SseParser p;
    EXPECT_TRUE(p.push("data: a\r").isEmpty());
    EXPECT_TRUE(p.push("\ndata: b\r").isEmpty());
    EXPECT_EQ(p.push("\n\r\n"), (QList<SseEvent>{{"", "a\nb"}}));
}

TEST(SseParser, UnfinishedEventIsPendingNotDispatched) {
    SseParser p;
    EXPECT_TRUE(p.push("data: {\"partial\":").isEmpty());
    EXPECT_TRUE(p.pending());
    SseParser q;
    EXPECT_EQ(q.push("data: x\n").size(), 0);
    EXPECT_TRUE(q.pending());
}

TEST(SseParser, EventWithoutDataIsNotDispatchedAndItsTypeDoesNotLeak) {
    SseParser p;
    EXPECT_EQ(p.push("event: ping\n\ndata: x\n\n"), (QList<SseEvent>{{"", "x"}}));
}

TEST(SseParser, EmptyDataLineIsAnEvent) {
    SseParser p;
    EXPECT_EQ(p.push("data\n\ndata:\n\n"), (QList<SseEvent>{{"", ""}, {"", ""}}));
}

}  // namespace
