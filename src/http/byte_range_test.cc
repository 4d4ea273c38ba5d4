#include "http/byte_range.h"

#include <gtest/gtest.h>

namespace converza::http {
namespace {

// The range `header` asks for within `size` bytes, as "first-last", "416" or "ignored".
std::string Resolved(std::string_view header, std::uint64_t size) {
  auto r = ParseRange(header);
  if (!r) return "ignored";
  auto b = r->Resolve(size);
  if (!b) return "416";
  return std::to_string(b->first) + "-" + std::to_string(b->last);
}

TEST(ByteRangeTest, ResolvesTheThreeFormsAgainstTheSize) {
  EXPECT_EQ(Resolved("bytes=0-99", 1000), "0-99");
  EXPECT_EQ(Resolved("bytes=900-", 1000), "900-999");
  EXPECT_EQ(Resolved("bytes=-10", 1000), "990-999");
  EXPECT_EQ(Resolved("bytes=-5000", 1000), "0-999");
  EXPECT_EQ(Resolved("bytes=10-5000", 1000), "10-999");
  EXPECT_EQ(Resolved(" bytes= 4 - 13 ", 1000), "4-13");
}

TEST(ByteRangeTest, IgnoresWhatItDoesNotUnderstandAndRefusesWhatIsBeyondTheEnd) {
  for (const char* h : {"", "items=0-1", "bytes=0-1,5-6", "bytes=9-3", "bytes=x-3", "bytes=-",
                        "bytes=5", "bytes=+1-2", "bytes=99999999999999999999-"}) {
    EXPECT_EQ(Resolved(h, 1000), "ignored") << h;
  }
  EXPECT_EQ(Resolved("bytes=1000-", 1000), "416");
  EXPECT_EQ(Resolved("bytes=-0", 1000), "416");
  EXPECT_EQ(Resolved("bytes=0-", 0), "416");
  EXPECT_EQ(Resolved("bytes=-1", 0), "416");
}

TEST(ByteRangeTest, RangeRequestsWriteBackAsHeaders) {
  for (const char* h : {"bytes=0-99", "bytes=900-", "bytes=-10"}) {
    EXPECT_EQ(ParseRange(h)->ToString(), h);
  }
  EXPECT_EQ(ParseRange("bytes=007-9")->ToString(), "bytes=7-9");
}

TEST(ContentRangeTest, ParsesAndWritesBothForms) {
  auto c = ParseContentRange("bytes 4-13/1004");
  ASSERT_TRUE(c && c->range);
  EXPECT_EQ(c->range->first, 4u);
  EXPECT_EQ(c->range->last, 13u);
  EXPECT_EQ(c->length, 1004u);
  EXPECT_EQ(c->ToString(), "bytes 4-13/1004");
  c = ParseContentRange("bytes */1004");
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->range);
  EXPECT_EQ(c->length, 1004u);
  EXPECT_EQ(c->ToString(), "bytes */1004");
  for (const char* v : {"", "bytes 4-13", "bytes 4-13/*", "bytes 13-4/20", "bytes 4-/20",
                        "items 4-13/20", "bytes -4-13/20", "bytes 4-13/20x"}) {
    EXPECT_FALSE(ParseContentRange(v)) << v;
  }
}

}  // namespace
}  // namespace converza::http
