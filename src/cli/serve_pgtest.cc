// The real `converza serve` binary against the test cluster: what an operator and a load
// balancer see (health, readiness, metrics, static files, errors, shutdown, bad config).
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "http_client.h"
#include "test_cluster.h"

namespace converza {
namespace {

namespace fs = std::filesystem;
using testing::ConverzaProcess;
using testing::Get;
using testing::SendRaw;

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static_dir_ = fs::temp_directory_path() / ("serve-static-" + std::to_string(getpid()));
    fs::create_directories(static_dir_);
    std::ofstream(static_dir_ / "index.html") << "<!doctype html><title>Converza</title>";
    port_ = testing::FreePort();
  }
  void TearDown() override { fs::remove_all(static_dir_); }
  std::map<std::string, std::string> Env(const std::string& database_url) {
    return {{"PORT", std::to_string(port_)},
            {"DATABASE_URL", database_url},
            {"STATIC_DIR", static_dir_.string()},
            {"LOG_LEVEL", "info"}};
  }
  fs::path static_dir_;
  int port_ = 0;
};

TEST_F(ServeTest, HealthReadinessMetricsAndDashboardFiles) {
  testing::TestDatabase db;
  ConverzaProcess serve("serve", Env(db.conninfo()));
  ASSERT_TRUE(serve.StartServer(port_)) << serve.log();

  auto health = Get(port_, "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, R"({"status":"ok"})");
  auto ready = Get(port_, "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_NE(ready.body.find("\"database\":\"ok\""), std::string::npos);

  auto index = Get(port_, "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("<title>Converza</title>"), std::string::npos);

  auto metrics = Get(port_, "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find(
                R"(converza_http_requests_total{route="/readyz",method="GET",status="200"} 1)"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("process_resident_memory_bytes"), std::string::npos);
  // Relayed by a reverse proxy (X-Forwarded-For), the request is not the local scraper's.
  EXPECT_EQ(Get(port_, "/metrics", "X-Forwarded-For: 203.0.113.9\r\n").status, 404);
}

// With METRICS_TOKEN, /metrics needs it, from anywhere.
TEST_F(ServeTest, MetricsNeedTheirTokenWhenOneIsSet) {
  testing::TestDatabase db;
  auto env = Env(db.conninfo());
  env["METRICS_TOKEN"] = "metrics-token-0123456789";
  ConverzaProcess serve("serve", env);
  ASSERT_TRUE(serve.StartServer(port_)) << serve.log();
  EXPECT_EQ(Get(port_, "/metrics").status, 404);
  EXPECT_EQ(Get(port_, "/metrics", "Authorization: Bearer wrong-token-0123456789\r\n").status, 404);
  auto ok = Get(port_, "/metrics", "Authorization: Bearer metrics-token-0123456789\r\n");
  EXPECT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("converza_http_requests_total"), std::string::npos);
}

TEST_F(ServeTest, ErrorsAreJsonAndTraversalNeverLeavesTheRoot) {
  testing::TestDatabase db;
  ConverzaProcess serve("serve", Env(db.conninfo()));
  ASSERT_TRUE(serve.StartServer(port_)) << serve.log();

  EXPECT_EQ(Get(port_, "/api/v1/nothing").status, 404);
  auto wrong = SendRaw(port_, "DELETE /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.headers["allow"], "GET");

  for (const char* target :
       {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e%2f%2e%2e%2fetc/passwd"}) {
    auto r = Get(port_, target);
    EXPECT_TRUE(r.status == 400 || r.status == 404) << target << " -> " << r.status;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
    EXPECT_NE(r.body.find("\"error\""), std::string::npos) << target;
  }
  auto big = testing::Post(port_, "/healthz", std::string(2 << 20, 'x'), "text/plain");
  EXPECT_EQ(big.status, 413);
}

TEST_F(ServeTest, NotReadyWhenTheDatabaseIsUnreachableButStillHealthy) {
  ConverzaProcess serve("serve", Env("host=/nonexistent port=1 dbname=x connect_timeout=1"));
  ASSERT_TRUE(serve.StartServer(port_)) << serve.log();
  EXPECT_EQ(Get(port_, "/healthz").status, 200);
  auto ready = Get(port_, "/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_NE(ready.body.find("not_ready"), std::string::npos);
}

TEST_F(ServeTest, SigtermStopsCleanly) {
  testing::TestDatabase db;
  ConverzaProcess serve("serve", Env(db.conninfo()));
  ASSERT_TRUE(serve.StartServer(port_)) << serve.log();
  serve.Signal(SIGTERM);
  EXPECT_EQ(serve.Wait(), 0) << serve.log();
  EXPECT_NE(serve.log().find("\"msg\":\"stopped\""), std::string::npos);
}

TEST_F(ServeTest, BadConfigurationStopsStartupNamingTheVariable) {
  auto env = Env("host=/nonexistent");
  env["PORT"] = "eighty";
  ConverzaProcess serve("serve", env);
  EXPECT_EQ(serve.Wait(), 2);
  EXPECT_NE(serve.log().find("PORT must be an integer"), std::string::npos) << serve.log();
}

TEST_F(ServeTest, PortInUseIsAClearError) {
  testing::TestDatabase db;
  ConverzaProcess first("serve", Env(db.conninfo()));
  ASSERT_TRUE(first.StartServer(port_)) << first.log();
  ConverzaProcess second("serve", Env(db.conninfo()));
  EXPECT_EQ(second.Wait(), 1);
  EXPECT_NE(second.log().find("cannot listen on 127.0.0.1:" + std::to_string(port_)),
            std::string::npos)
      << second.log();
}

}  // namespace
}  // namespace converza
