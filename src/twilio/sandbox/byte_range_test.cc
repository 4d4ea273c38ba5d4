#include "twilio/sandbox/byte_range.h"

#include <gtest/gtest.h>

namespace converza::twilio::sandbox {
namespace {

TEST(SandboxByteRange, Forms) {
  ByteRange r;
  EXPECT_EQ(ParseByteRange("bytes=0-99", 1000, &r), RangeResult::kSatisfiable);
  EXPECT_EQ(r.first, 0u);
  EXPECT_EQ(r.last, 99u);
  EXPECT_EQ(ParseByteRange("bytes=900-", 1000, &r), RangeResult::kSatisfiable);
  EXPECT_EQ(r.first, 900u);
  EXPECT_EQ(r.last, 999u);
  EXPECT_EQ(ParseByteRange("bytes=-10", 1000, &r), RangeResult::kSatisfiable);
  EXPECT_EQ(r.first, 990u);
  EXPECT_EQ(ParseByteRange("bytes=-5000", 1000, &r), RangeResult::kSatisfiable);
  EXPECT_EQ(r.first, 0u);
  EXPECT_EQ(ParseByteRange("bytes=10-5000", 1000, &r), RangeResult::kSatisfiable);
  EXPECT_EQ(r.last, 999u);
}

TEST(SandboxByteRange, IgnoredAndUnsatisfiable) {
  ByteRange r;
  EXPECT_EQ(ParseByteRange("", 1000, &r), RangeResult::kNone);
  EXPECT_EQ(ParseByteRange("items=0-1", 1000, &r), RangeResult::kNone);
  EXPECT_EQ(ParseByteRange("bytes=0-1,5-6", 1000, &r), RangeResult::kNone);
  EXPECT_EQ(ParseByteRange("bytes=9-3", 1000, &r), RangeResult::kNone);
  EXPECT_EQ(ParseByteRange("bytes=x-3", 1000, &r), RangeResult::kNone);
  EXPECT_EQ(ParseByteRange("bytes=1000-", 1000, &r), RangeResult::kUnsatisfiable);
  EXPECT_EQ(ParseByteRange("bytes=-0", 1000, &r), RangeResult::kUnsatisfiable);
}

}  // namespace
}  // namespace converza::twilio::sandbox
