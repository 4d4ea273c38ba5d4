#include "http/message.h"

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

TEST(CanonicalPathTest, CollapsesRunsOfSlashes) {
  EXPECT_EQ(CanonicalPath("//api/v1/me"), "/api/v1/me");
  EXPECT_EQ(CanonicalPath("///api//v1///me/"), "/api/v1/me/");
  EXPECT_EQ(CanonicalPath("/"), "/");
  EXPECT_EQ(CanonicalPath("/calls/view"), "/calls/view");
}

TEST(ParseFormTest, KeepsOrderRepeatsAndEmptyValues) {
  std::vector<std::pair<std::string, std::string>> f;
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
  std::vector<std::pair<std::string, std::string>> in = {
      {"To", "+14155550100"}, {"Body", "caf\xC3\xA9 & more=yes"}, {"Empty", ""}};
  std::string encoded = FormEncode(in);
  EXPECT_EQ(encoded, "To=%2B14155550100&Body=caf%C3%A9+%26+more%3Dyes&Empty=");
  std::vector<std::pair<std::string, std::string>> out;
  ASSERT_TRUE(ParseForm(encoded, &out));
  EXPECT_EQ(out, in);
}

TEST(ResponseTest, ErrorHasTheOneJsonShapeWithEscaping) {
  auto r = Response::Error(400, "bad_input", "field \"x\" is\nwrong");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, R"({"error":{"code":"bad_input","message":"field \"x\" is\nwrong"}})");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].second, "application/json");
}

TEST(RequestTest, HeaderAndQueryLookup) {
  Request req;
  req.headers = {{"x-a", "1"}, {"x-a", "2"}};
  req.query = "q=hello+world&n=5";
  EXPECT_EQ(req.header("x-a"), "1");
  EXPECT_EQ(req.header("missing"), "");
  EXPECT_EQ(req.query_param("q"), "hello world");
  EXPECT_EQ(req.query_param("n"), "5");
  EXPECT_EQ(req.query_param("zz"), "");
}

}  // namespace
}  // namespace converza::http
