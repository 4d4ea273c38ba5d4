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

TEST_F(RouterTest, MiddlewareWrapsRoutesAddedBeforeAndAfterIt) {
  std::vector<std::string> seen;
  router_.AddBefore([&seen](Request& req) -> std::optional<Response> {
    seen.push_back("before " + req.path);
    if (req.path == "/api/v1/calls/blocked") return Response::Text(429, "slow down");
    return std::nullopt;
  });
  router_.AddAfter([&seen](const Request&, Response& res) {
    seen.push_back("after " + std::to_string(res.status));
    res.set_header("X-After", "1");
  });
  router_.SetFallback([](Request&) { return Tag("static"); });

  Request req;
  req.method = "GET";
  req.path = "/api/v1/calls/42";  // a route added before the hooks
  auto m = router_.Find(req);
  ASSERT_NE(m.handler, nullptr);
  Response res = (*m.handler)(req);
  EXPECT_EQ(res.body, "one");
  EXPECT_EQ(seen, (std::vector<std::string>{"before /api/v1/calls/42", "after 200"}));
  EXPECT_EQ(res.headers.back().first, "X-After");

  req.path = "/api/v1/calls/blocked";  // the before hook answers; the handler never runs
  m = router_.Find(req);
  res = (*m.handler)(req);
  EXPECT_EQ(res.status, 429);
  EXPECT_EQ(seen.back(), "after 429");

  req.path = "/index.html";  // the fallback is wrapped too
  m = router_.Find(req);
  res = (*m.handler)(req);
  EXPECT_EQ(seen.back(), "after 200");

  req.method = "OPTIONS";  // with hooks, OPTIONS on a routed path reaches them (preflight)
  req.path = "/api/v1/calls/42";
  m = router_.Find(req);
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(m.route, "/api/v1/calls/{id}");
  EXPECT_EQ((*m.handler)(req).status, 204);
}

}  // namespace
}  // namespace converza::http
