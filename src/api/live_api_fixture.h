// Test fixture for the live-update, recording and onboarding endpoints: the product as separate
// processes (testing::Stack: the Twilio sandbox, the seeded demo tenant, a real `converza serve`)
// on a database of its own, plus a second tenant, tokens signed like GoTrue's, and direct access
// to the sandbox's REST API and files so tests can check what Twilio was asked to do.
//
//   tenant A: the demo tenant from `converza seed` (kDemoTenant, manager kDemoManager, number
//             +14155550100), whose number the sandbox rings
//   tenant B: Bolt Hotels (kTenantB, manager kManagerB) as it signed up: unpaid, no numbers, no
//             calls. Its ids are the two-tenant fixture's (two_tenants.h), whose rows are not
//             loaded here: its tenant A would clash with the demo tenant, and the onboarding tests
//             need B before it paid or bought anything.
//   the outsider (kOutsider): signed up, no organisation yet
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "auth/jwt.h"
#include "common/base64.h"
#include "http/client.h"
#include "http_client.h"
#include "stack.h"
#include "stream_client.h"
#include "test_cluster.h"
#include "twilio/sandbox/credentials.h"
#include "two_tenants.h"

namespace converza::testing {

inline constexpr char kLiveJwtSecret[] = "live-pgtest-secret-0123456789abcdef-0123456789";
inline constexpr char kDemoTenant[] = "de30de30-0000-4000-8000-000000000001";
inline constexpr char kDemoManager[] = "de30de30-0000-4000-8000-00000000aaaa";

class LiveApiTest : public ::testing::Test {
 protected:
  // Extra environment for the server (e.g. a short SSE heartbeat).
  virtual Stack::EnvMap ServerEnv() { return {}; }
  // Extra environment for the Twilio sandbox (its fault knobs).
  virtual Stack::EnvMap SandboxEnv() { return {}; }

  void SetUp() override {
    stack_ = std::make_unique<Stack>(
        db_.conninfo(),
        std::string("live-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_TRUE(stack_->Start(SandboxEnv())) << stack_->error();
    Sql("insert into auth.users (id, aud, role, email, raw_app_meta_data) values"
        " ($1, 'authenticated', 'authenticated', 'manager-b@example.com', '{}'),"
        " ($2, 'authenticated', 'authenticated', 'outsider@example.com', '{}')",
        {kManagerB, kOutsider});
    Sql("insert into public.tenants (id, name, slug) values ($1, 'Bolt Hotels', 'bolt')",
        {kTenantB});
    Sql("insert into public.members (tenant_id, user_id, role) values ($1, $2, 'owner')",
        {kTenantB, kManagerB});
    Stack::EnvMap env = ServerEnv();
    env["JWT_SECRET"] = kLiveJwtSecret;
    ASSERT_EQ(stack_->AddServer(env), 0) << stack_->error();
    port_ = stack_->server_port(0);
    auto creds = twilio::sandbox::LoadOrCreateCredentials((stack_->dir() / "sandbox").string());
    ASSERT_TRUE(creds.ok());
    sandbox_creds_ = *creds;
    sandbox_url_ = "http://127.0.0.1:" + stack_->Env().at("SANDBOX_PORT");
  }

  // An access token with GoTrue's claims; `tenant` "" = no organisation yet.
  static std::string Token(const std::string& user, const std::string& tenant) {
    const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    std::string app = R"({"provider":"email")";
    if (!tenant.empty()) app += R"(,"tenant_id":")" + tenant + "\"";
    app += "}";
    return auth::SignHs256(
        R"({"sub":")" + user + R"(","role":"authenticated","aud":"authenticated","iat":)" +
            std::to_string(now) + R"(,"exp":)" + std::to_string(now + 3600) +
            R"(,"email":"u@example.com","app_metadata":)" + app + R"(,"user_metadata":{}})",
        kLiveJwtSecret);
  }
  static std::string TokenA() { return Token(kDemoManager, kDemoTenant); }
  static std::string TokenB() { return Token(kManagerB, kTenantB); }

  // One request to the server; `token` "" sends no Authorization header.
  HttpReply Call(const std::string& method, const std::string& target, const std::string& token,
                 const std::string& body = "", const std::string& extra_headers = "") {
    std::string raw = method + " " + target +
                      " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra_headers;
    if (!token.empty()) raw += "Authorization: Bearer " + token + "\r\n";
    if (method == "POST") {
      raw += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
             "\r\n";
    }
    return SendRaw(port_, raw + "\r\n" + body, 30000);
  }

  // GET on the sandbox's REST API, as Twilio's account would see it.
  http::ClientResponse Sandbox(const std::string& path) {
    http::ClientRequest req;
    req.url = sandbox_url_ + "/2010-04-01/Accounts/" + sandbox_creds_.account_sid + path;
    req.headers = {
        {"Authorization", http::BasicAuth(sandbox_creds_.account_sid, sandbox_creds_.auth_token)}};
    auto r = http::Fetch(req);
    return r.ok() ? *r : http::ClientResponse{};
  }

  long long Count(const std::string& sql) { return stack_->Count(sql); }
  db::Rows Sql(std::string_view sql, const std::vector<db::Param>& params = {}) {
    return stack_->sql().exec(sql, params);
  }

  TestDatabase db_;
  std::unique_ptr<Stack> stack_;
  int port_ = 0;
  twilio::sandbox::Credentials sandbox_creds_;
  std::string sandbox_url_;
};

}  // namespace converza::testing
