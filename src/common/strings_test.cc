#include "common/strings.h"

#include <gtest/gtest.h>

namespace converza {
namespace {

TEST(StringsTest, TrimRemovesAsciiWhitespaceAtBothEndsOnly) {
  EXPECT_EQ(Trim("  a b\t\r\n"), "a b");
  EXPECT_EQ(Trim("\t\v\f"), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("x"), "x");
  EXPECT_EQ(Trim("\xc2\xa0x"), "\xc2\xa0x");  // a UTF-8 no-break space is not ASCII whitespace
}

TEST(StringsTest, AsciiLowerLeavesNonAsciiBytesAlone) {
  EXPECT_EQ(AsciiLower("Content-TYPE"), "content-type");
  EXPECT_EQ(AsciiLower("ÉCOLE@Example.COM"), "École@example.com");
  EXPECT_EQ(AsciiLower("09-_[]"), "09-_[]");
}

TEST(StringsTest, IsDateAcceptsOnlyRealCalendarDates) {
  EXPECT_TRUE(IsDate("2026-12-04"));
  EXPECT_TRUE(IsDate("2024-02-29"));
  EXPECT_FALSE(IsDate("2025-02-29"));
  EXPECT_FALSE(IsDate("2026-13-01"));
  EXPECT_FALSE(IsDate("1969-12-31"));
  EXPECT_FALSE(IsDate("2026-1-04"));
  EXPECT_FALSE(IsDate("2026-12-04T00:00"));
  EXPECT_FALSE(IsDate("+026-12-04"));
}

TEST(StringsTest, IsUuidAndIsTwilioSidCheckShapeAndAlphabet) {
  EXPECT_TRUE(IsUuid("123e4567-E89B-12d3-a456-426614174000"));
  EXPECT_FALSE(IsUuid("123e4567e89b12d3a456426614174000"));
  EXPECT_FALSE(IsUuid("123e4567-e89b-12d3-a456-42661417400g"));
  EXPECT_TRUE(IsTwilioSid("AC0123456789abcdef0123456789abcdef", "AC"));
  EXPECT_FALSE(IsTwilioSid("SK0123456789abcdef0123456789abcdef", "AC"));
  EXPECT_FALSE(IsTwilioSid("AC0123456789abcdef0123456789abcde", "AC"));
}

TEST(StringsTest, JsonEscapeAndNulDetection) {
  EXPECT_EQ(JsonEscape("a\"b\\c\n\x01"), "a\\\"b\\\\c\\n\\u0001");
  EXPECT_TRUE(JsonHasNulEscape(R"({"a":"x\u0000y"})"));
  EXPECT_FALSE(JsonHasNulEscape(R"({"a":"x\\u0000y"})"));  // an escaped backslash, then text
}

}  // namespace
}  // namespace converza
