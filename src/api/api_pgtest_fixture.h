// Test fixture for the REST API's integration tests: a database of its own holding the two-tenant
// fixture (tests/support/two_tenants.sql: tenants A and B, their managers, agents, numbers and a
// few calls, the admin and an outsider), a real `converza serve` on it with a known JWT secret,
// and tokens signed like GoTrue's for those users.
//
// Each test adds the rows of its scenario as the database owner (RLS does not apply to the
// setup), and requests then go through the server exactly as the dashboard's would.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "auth/jwt.h"
#include "db/connection.h"
#include "http_client.h"
#include "test_cluster.h"
#include "two_tenants.h"

namespace converza::testing::rest {

inline constexpr char kJwtSecret[] = "api-pgtest-secret-0123456789abcdef-0123456789";

class ApiTest : public ::testing::Test {
 protected:
  // Extra environment for the server (e.g. AGENT_DIAL_COUNTRIES).
  virtual std::map<std::string, std::string> ServerEnv() { return {}; }

  void SetUp() override {
    db_ = std::make_unique<TestDatabase>();
    conn_ = std::make_unique<db::Connection>(db_->conninfo());
    LoadTwoTenants(*conn_);
    port_ = FreePort();
    auto env = ServerEnv();
    env.merge(std::map<std::string, std::string>{{"PORT", std::to_string(port_)},
                                                 {"DATABASE_URL", db_->conninfo()},
                                                 {"JWT_SECRET", kJwtSecret},
                                                 {"LOG_LEVEL", "warn"}});
    serve_ = std::make_unique<ConverzaProcess>("serve", env);
    ASSERT_TRUE(serve_->StartServer(port_)) << serve_->log();
  }

  // Runs SQL as the database owner (setup only).
  db::Rows Sql(std::string_view sql, const std::vector<db::Param>& params = {}) {
    return conn_->exec(sql, params);
  }
  void Script(const std::string& sql) { conn_->exec_script(sql); }
  // Rebuilds the KPI rollup for every tenant-day that has calls, as the workers would.
  void RefreshKpis() {
    Sql("select count(public.refresh_kpi_daily(tenant_id, day)) from (select distinct tenant_id,"
        " (started_at at time zone 'UTC')::date as day from public.calls) d");
  }

  // An access token with GoTrue's claims. `tenant` "" = no organisation yet.
  static std::string Token(const std::string& user, const std::string& tenant, bool admin = false,
                           std::chrono::seconds ttl = std::chrono::hours(1)) {
    const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    std::string app = R"({"provider":"email")";
    if (!tenant.empty()) app += R"(,"tenant_id":")" + tenant + "\"";
    if (admin) app += R"(,"role":"admin")";
    app += "}";
    return auth::SignHs256(
        R"({"sub":")" + user + R"(","role":"authenticated","aud":"authenticated","iat":)" +
            std::to_string(now) + R"(,"exp":)" + std::to_string(now + ttl.count()) +
            R"(,"email":"u@example.com",)" + R"("app_metadata":)" + app + R"(,"user_metadata":{}})",
        kJwtSecret);
  }
  static std::string TokenA() { return Token(kManagerA, kTenantA); }
  static std::string TokenB() { return Token(kManagerB, kTenantB); }
  static std::string TokenAdmin() { return Token(kAdmin, "", true); }

  // One request; `token` "" sends no Authorization header.
  HttpReply Call(const std::string& method, const std::string& target, const std::string& token,
                 const std::string& body = "") {
    std::string raw =
        method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!token.empty()) raw += "Authorization: Bearer " + token + "\r\n";
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
      raw += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
             "\r\n";
    }
    return SendRaw(port_, raw + "\r\n" + body);
  }
  HttpReply GetAs(const std::string& target, const std::string& token) {
    return Call("GET", target, token);
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<db::Connection> conn_;
  std::unique_ptr<ConverzaProcess> serve_;
  int port_ = 0;
};

}  // namespace converza::testing::rest
