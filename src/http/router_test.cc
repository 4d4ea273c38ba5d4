#include "http/router.h"

#include <gtest/gtest.h>

namespace converza::http {
namespace {

Response Tag(const char* t) { return Response::Text(200, t); }

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router_.Get("/api/v1/calls", [](Request&) { return Tag("list"); });
    router_.Get("/api/v1/calls/{id}", [](Request&) { return Tag("one"); });
    router_.Post("/api/v1/calls/{id}", [](Request&) { return Tag("post"); });
    router_.Add("DELETE", "/api/v1/agents/{id}", [](Request&) { return Tag("del"); });
  }
  Router::Match Find(std::string method, std::string path) {
    req_ = Request{};
    req_.method = std::move(method);
    req_.path = std::move(path);
    return router_.Find(req_);
  }
  Router router_;
  Request req_;
};

TEST_F(RouterTest, MatchesLiteralAndParameterSegments) {
  auto m = Find("GET", "/api/v1/calls/abc-123");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ((*m.handler)(req_).body, "one");
  EXPECT_EQ(m.route, "/api/v1/calls/{id}");
  EXPECT_EQ(req_.params.at("id"), "abc-123");

  m = Find("GET", "/api/v1/calls/");  // trailing slash is the same path
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ((*m.handler)(req_).body, "list");
}

TEST_F(RouterTest, HeadIsServedByGet) {
  auto m = Find("HEAD", "/api/v1/calls");
  ASSERT_NE(m.handler, nullptr);
}

TEST_F(RouterTest, WrongMethodReportsAllowedOnes) {
  auto m = Find("PUT", "/api/v1/calls/x");
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_EQ(m.allow, "GET, POST");
}

TEST_F(RouterTest, UnknownPathIsNoMatchWithoutFallback) {
  auto m = Find("GET", "/api/v1/nothing");
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_TRUE(m.allow.empty());
  m = Find("GET", "/api/v1/calls/x/extra");
  EXPECT_EQ(m.handler, nullptr);
}

TEST_F(RouterTest, FallbackOnlyForGetAndHead) {
  router_.SetFallback([](Request&) { return Tag("static"); });
  auto m = Find("GET", "/index.html");
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(m.route, "static");
  m = Find("POST", "/index.html");
  EXPECT_EQ(m.handler, nullptr);
}

}  // namespace
}  // namespace converza::http
