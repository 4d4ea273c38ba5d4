#include "http/message.h"

#include <gtest/gtest.h>

namespace converza::http {
namespace {

TEST(CanonicalPathTest, CollapsesRunsOfSlashes) {
  EXPECT_EQ(CanonicalPath("//api/v1/me"), "/api/v1/me");
  EXPECT_EQ(CanonicalPath("///api//v1///me/"), "/api/v1/me/");
  EXPECT_EQ(CanonicalPath("/"), "/");
  EXPECT_EQ(CanonicalPath("/calls/view"), "/calls/view");
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
