#include "twilio/timestamps.h"

#include <gtest/gtest.h>

namespace converza::twilio {
namespace {

// 1721680521 is 2024-07-22T20:35:21Z, the example in Twilio's RecordingStartTime docs.
TEST(TimestampsTest, FormatsAndParsesTwiliosForm) {
  EXPECT_EQ(FormatRfc2822(1721680521), "Mon, 22 Jul 2024 20:35:21 +0000");
  EXPECT_EQ(ParseRfc2822("Mon, 22 Jul 2024 20:35:21 +0000"), 1721680521);
  EXPECT_EQ(ParseRfc2822(FormatRfc2822(1764115200)), 1764115200);
}

TEST(TimestampsTest, AppliesTheZoneOffset) {
  EXPECT_EQ(ParseRfc2822("Mon, 22 Jul 2024 22:35:21 +0200"), 1721680521);
  EXPECT_EQ(ParseRfc2822("Mon, 22 Jul 2024 15:35:21 -0500"), 1721680521);
}

TEST(TimestampsTest, RejectsWhatIsNotATimestamp) {
  EXPECT_EQ(ParseRfc2822(""), std::nullopt);
  EXPECT_EQ(ParseRfc2822("2024-07-22T20:35:21Z"), std::nullopt);
  EXPECT_EQ(ParseRfc2822("Mon, 22 Jul 2024 20:35:21 +0000 trailing"), std::nullopt);
  EXPECT_EQ(ParseRfc2822("Mon, 22 Jul 1970 20:35:21 +0000"), std::nullopt);
  EXPECT_EQ(ParseRfc2822("Mon, 32 Jul 2024 20:35:21 +0000"), std::nullopt);
}

}  // namespace
}  // namespace converza::twilio
