// PostgreSQL restarted mid-burst, on a private cluster (the shared test cluster serves other
// tests in parallel): while it is down `serve` answers 503 — it cannot commit, so it does not
// ack — and the sender retries; the connection pools heal by themselves once it is back, and
// the worker's jobs interrupted by the restart are finished without waiting out their lease.
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "db/local_cluster.h"
#include "fault_test.h"
#include "http_client.h"

namespace converza::faults {
namespace {

namespace fs = std::filesystem;

class PostgresRestartTest : public FaultTest {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("fault-pg-" + std::to_string(getpid()));
    cluster_ = std::make_unique<db::LocalCluster>(dir_.string(), testing::FreePort());
    StopAndRemove();
    Status st = cluster_->Start();
    ASSERT_TRUE(st.ok()) << st.message();
    testing::ConverzaProcess migrate("migrate", {{"DATABASE_URL", cluster_->conninfo()}});
    ASSERT_EQ(migrate.Wait(60000), 0) << migrate.log();
  }
  void TearDown() override {
    stack_.reset();  // processes first
    StopAndRemove();
  }
  void StopAndRemove() {
    (void)cluster_->Stop();
    std::error_code ec;
    fs::remove_all(fs::canonical(dir_ / "pg", ec), ec);
    fs::remove_all(dir_, ec);
  }

  fs::path dir_;
  std::unique_ptr<db::LocalCluster> cluster_;
};

TEST_F(PostgresRestartTest, ServerAnswers503WhileDownAndNothingAckedIsLost) {
  StartStack(std::chrono::milliseconds(200), cluster_->conninfo());
  ASSERT_EQ(stack().AddServer(), 0) << stack().error();
  const int calls = Scaled(60, 600);
  // The default lease (300 s): jobs cut off by the restart must not wait for it.
  auto worker = stack().StartWorker("--concurrency 16", OpenAiEnv());
  auto sim =
      stack().StartSimulation("--calls " + std::to_string(calls) + " --seed 7301 --rate " +
                              std::to_string(Scaled(20, 40)) + " --concurrency 4 --retries 8");
  for (int i = 0; i < 1200 && stack().Count("select count(*) from jobs") < calls / 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  const long long jobs_at_stop = stack().Count("select count(*) from jobs");
  const auto down = std::chrono::steady_clock::now();
  Status st = cluster_->Stop();  // fast shutdown: every session is cut off
  ASSERT_TRUE(st.ok()) << st.message();
  // While it is down, the server says so instead of acking.
  int status_while_down = testing::Get(stack().server_port(0), "/readyz").status;
  std::this_thread::sleep_for(std::chrono::seconds(Scaled(2, 10)));
  st = cluster_->Start();
  ASSERT_TRUE(st.ok()) << st.message();
  const double outage_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - down).count();

  ASSERT_EQ(sim->Wait(300000), 0) << sim->log();
  AddSimulation(sim->log());
  ASSERT_TRUE(WaitQuiet(calls, std::chrono::seconds(Scaled(60, 300)))) << worker->log();

  Figures f = Measure();
  ExpectNothingLostNothingTwice(f);
  EXPECT_EQ(status_while_down, 503);
  EXPECT_EQ(f.webhooks.failed, 0);
  EXPECT_EQ(f.stored, calls);
  EXPECT_EQ(f.processed, calls);
  EXPECT_EQ(f.dead, 0);
  char extra[160];
  std::snprintf(extra, sizeof extra,
                "PostgreSQL down %.1f s after %lld jobs; /readyz while down: %d", outage_s,
                jobs_at_stop, status_while_down);
  Print("PostgreSQL restart", f, extra);
}

}  // namespace
}  // namespace converza::faults
