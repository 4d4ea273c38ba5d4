#include "http/form.h"

#include <gtest/gtest.h>

namespace converza::http {
namespace {

TEST(PercentDecodeTest, DecodesEscapesAndRejectsMalformedOnes) {
  std::string out;
  ASSERT_TRUE(PercentDecode("/a%20b/%C3%A9", &out));
  EXPECT_EQ(out, "/a b/\xC3\xA9");
  ASSERT_TRUE(PercentDecode("a+b", &out));
  EXPECT_EQ(out, "a+b");  // '+' is a space only in forms
  ASSERT_TRUE(PercentDecode("a+b", &out, /*form=*/true));
  EXPECT_EQ(out, "a b");
  EXPECT_FALSE(PercentDecode("%4", &out));
  EXPECT_FALSE(PercentDecode("%zz", &out));
  EXPECT_FALSE(PercentDecode("abc%", &out));
}

TEST(ParseFormTest, KeepsOrderRepeatsAndEmptyValues) {
  Form f;
  ASSERT_TRUE(ParseForm("b=2&a=1&a=&c&d=x%26y+z", &f));
  ASSERT_EQ(f.size(), 5u);
  EXPECT_EQ(f[0], (std::pair<std::string, std::string>{"b", "2"}));
  EXPECT_EQ(f[1], (std::pair<std::string, std::string>{"a", "1"}));
  EXPECT_EQ(f[2], (std::pair<std::string, std::string>{"a", ""}));
  EXPECT_EQ(f[3], (std::pair<std::string, std::string>{"c", ""}));
  EXPECT_EQ(f[4], (std::pair<std::string, std::string>{"d", "x&y z"}));
  EXPECT_FALSE(ParseForm("a=%G1", &f));
}

TEST(FormEncodeTest, RoundTripsThroughParseForm) {
  Form in = {{"To", "+14155550100"}, {"Body", "caf\xC3\xA9 & more=yes"}, {"Empty", ""}};
  std::string encoded = FormEncode(in);
  EXPECT_EQ(encoded, "To=%2B14155550100&Body=caf%C3%A9+%26+more%3Dyes&Empty=");
  Form out;
  ASSERT_TRUE(ParseForm(encoded, &out));
  EXPECT_EQ(out, in);
}

TEST(FormFieldTest, FirstFieldOfTheNameEmptyIsNotAbsent) {
  Form f = {{"a", "1"}, {"b", ""}, {"a", "2"}};
  ASSERT_NE(FindFormField(f, "a"), nullptr);
  EXPECT_EQ(*FindFormField(f, "a"), "1");
  ASSERT_NE(FindFormField(f, "b"), nullptr);
  EXPECT_EQ(*FindFormField(f, "b"), "");
  EXPECT_EQ(FindFormField(f, "c"), nullptr);
  EXPECT_EQ(FormValue(f, "a"), "1");
  EXPECT_EQ(FormValue(f, "c"), "");
}

}  // namespace
}  // namespace converza::http
