#include "api/request_policy.h"

#include <gtest/gtest.h>

#include "http_client.h"
#include "local_server.h"

namespace converza::api {
namespace {

http::Request Req(std::string path, std::string ip,
                  std::vector<std::pair<std::string, std::string>> headers = {}) {
  http::Request r;
  r.method = "GET";
  r.path = std::move(path);
  r.remote_ip = std::move(ip);
  r.headers = std::move(headers);
  return r;
}

class RequestPolicyTest : public ::testing::Test {
 protected:
  auth::TokenVerifier verifier_{"request-policy-test-secret-0123456789abcdef"};
};

TEST_F(RequestPolicyTest, ClientAddressComesFromXForwardedForOnlyBehindATrustedProxy) {
  RequestPolicy policy(verifier_, {"", 600, 1200, {"10.0.0.5", "10.0.0.6"}});
  // Through two of our proxies; the left-most entry is whatever the client claimed.
  auto r = Req("/", "10.0.0.5", {{"x-forwarded-for", "1.2.3.4, 203.0.113.9, 10.0.0.6"}});
  policy.ResolveClient(r);
  EXPECT_EQ(r.remote_ip, "203.0.113.9");
  // From anyone else the header is ignored.
  r = Req("/", "198.51.100.7", {{"x-forwarded-for", "203.0.113.9"}});
  policy.ResolveClient(r);
  EXPECT_EQ(r.remote_ip, "198.51.100.7");
  // No header: the proxy itself.
  r = Req("/", "10.0.0.5");
  policy.ResolveClient(r);
  EXPECT_EQ(r.remote_ip, "10.0.0.5");
}

TEST_F(RequestPolicyTest, ClientsBehindOneProxyHaveTheirOwnBudgets) {
  RequestPolicy policy(verifier_, {"", 2, 0, {"10.0.0.5"}});
  auto from = [&](const char* client) {
    auto r = Req("/api/v1/config", "10.0.0.5", {{"x-forwarded-for", client}});
    return policy.Before(r);
  };
  EXPECT_FALSE(from("203.0.113.1"));
  EXPECT_FALSE(from("203.0.113.1"));
  auto limited = from("203.0.113.1");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_FALSE(from("203.0.113.2"));  // another client, same proxy
  auto health = Req("/healthz", "10.0.0.5", {{"x-forwarded-for", "203.0.113.1"}});
  EXPECT_FALSE(policy.Before(health));  // not limited
}

TEST_F(RequestPolicyTest, CorsHeadersOnlyForTheConfiguredOrigin) {
  RequestPolicy policy(verifier_, {"https://app.example.com", 0, 0, {}});
  auto ok = Req("/api/v1/me", "127.0.0.1", {{"origin", "https://app.example.com"}});
  http::Response res = http::Response::Json(200, "{}");
  policy.After(ok, res);
  bool allowed = false;
  for (auto& [k, v] : res.headers) allowed |= k == "Access-Control-Allow-Origin";
  EXPECT_TRUE(allowed);
  auto evil = Req("/api/v1/me", "127.0.0.1", {{"origin", "https://app.example.com.evil.test"}});
  res = http::Response::Json(200, "{}");
  policy.After(evil, res);
  for (auto& [k, v] : res.headers) EXPECT_NE(k, "Access-Control-Allow-Origin");
}

// Through a real server: however the path is spelled, a request the router sends to an /api or
// /auth handler is counted by the limiter first (doubled slashes once skipped it).
TEST_F(RequestPolicyTest, EverySpellingOfAnApiPathIsRateLimited) {
  RequestPolicy policy(verifier_, {"", 3, 0, {}});
  http::Router router;
  router.Get("/api/v1/config", [](http::Request&) { return http::Response::Json(200, "{}"); });
  router.Post("/auth/v1/token", [](http::Request&) { return http::Response::Json(200, "{}"); });
  policy.Install(router);
  testing::LocalServer server(router);
  for (const char* target : {"/api/v1/config", "//api/v1/config", "///api//v1/config"}) {
    EXPECT_EQ(testing::Get(server.port(), target).status, 200) << target;
  }
  for (const char* target : {"//api/v1/config", "/api/v1/config", "/%2Fapi/v1/config"}) {
    EXPECT_EQ(testing::Get(server.port(), target).status, 429) << target;
  }
  auto post = testing::SendRaw(server.port(),
                               "POST //auth/v1/token HTTP/1.1\r\nHost: x\r\nContent-Length: "
                               "0\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(post.status, 429);
}

}  // namespace
}  // namespace converza::api
