#include "storage/auto_title.h"

#include <gtest/gtest.h>

namespace causerie::storage {
namespace {

TEST(AutoTitle, ShortTextIsKeptSimplified) {
  EXPECT_EQ(autoTitle(QStringLiteral("  Hello\n\tworld  ")), "Hello world");
  EXPECT_EQ(autoTitle(QStringLiteral("   ")), "");
}

TEST(AutoTitle, CutOnAWordBoundary) {
  const QString text = QStringLiteral(
      "Explain how the rotary position embedding works in transformer models please");
  const QString title = autoTitle(text);
  EXPECT_LE(title.size(), 48);
  EXPECT_TRUE(title.endsWith(QStringLiteral("…")));
  EXPECT_EQ(title, "Explain how the rotary position embedding works…");
  EXPECT_TRUE(text.startsWith(title.chopped(1)));
}

TEST(AutoTitle, LongSingleWordIsCut) {
  const QString title = autoTitle(QString(100, QLatin1Char('a')), 10);
  EXPECT_EQ(title, QString(9, QLatin1Char('a')) + QStringLiteral("…"));
}

TEST(AutoTitle, TrailingPunctuationDropped) {
  EXPECT_EQ(autoTitle(QStringLiteral("one two, three four five"), 10), "one two…");
}

}  // namespace
}  // namespace causerie::storage
