// Horizontal scale: two `serve` and three `work` processes against one PostgreSQL, the way
// more capacity is added in production. Webhooks are spread over both servers (as a load
// balancer would); workers share the queue through FOR UPDATE SKIP LOCKED claims. Every call is
// processed exactly once and each process did part of the work. A client's rate limit is one
// budget however many servers its requests reach.
#include <cstdio>
#include <sstream>
#include <thread>

#include "fault_test.h"
#include "http_client.h"

namespace converza::faults {
namespace {

// Webhooks a server acked, from its /metrics.
long long AckedWebhooks(int port) {
  std::istringstream metrics(testing::Get(port, "/metrics").body);
  long long total = 0;
  for (std::string line; std::getline(metrics, line);) {
    if (line.rfind("converza_http_requests_total{", 0) == 0 &&
        line.find("route=\"/webhooks/twilio/") != std::string::npos &&
        line.find("status=\"200\"") != std::string::npos) {
      total += std::stoll(line.substr(line.rfind(' ') + 1));
    }
  }
  return total;
}

class HorizontalScaleTest : public FaultTest {};

TEST_F(HorizontalScaleTest, TwoServersThreeWorkersProcessEveryCallOnce) {
  // A model that takes 200 ms per call, so no single worker can take the whole burst at once.
  StartStack(std::chrono::milliseconds(200));
  ASSERT_EQ(stack().AddServer(), 0) << stack().error();
  ASSERT_EQ(stack().AddServer(), 1) << stack().error();
  const int calls = Scaled(60, 600);
  std::vector<std::unique_ptr<testing::ConverzaProcess>> workers;
  for (int i = 0; i < 3; ++i)
    workers.push_back(stack().StartWorker("--concurrency 4", OpenAiEnv()));

  ASSERT_EQ(Simulate("--calls " + std::to_string(calls) + " --seed 7601 --concurrency 8"), 0)
      << stack().error();
  ASSERT_TRUE(WaitQuiet(calls, std::chrono::seconds(Scaled(90, 600))));

  Figures f = Measure();
  ExpectNothingLostNothingTwice(f);
  EXPECT_EQ(f.stored, calls);
  EXPECT_EQ(f.processed, calls);
  EXPECT_EQ(f.dead, 0);
  // Exactly once: one done job per stage per call, each claimed once (no lease ran out).
  EXPECT_EQ(stack().Count("select count(*) from jobs where state = 'done' and attempts = 1"),
            2 * calls);

  std::string shares;
  long long by_workers = 0;
  for (std::size_t i = 0; i < workers.size(); ++i) {
    long long done =
        stack().Count("select count(*) from jobs where state = 'done' and locked_by = '" +
                      testing::Stack::WorkerId(*workers[i]) + "'");
    EXPECT_GT(done, 0) << "worker " << i << " did nothing";
    by_workers += done;
    shares += (i ? ", " : "") + std::to_string(done);
  }
  EXPECT_EQ(by_workers, 2 * calls);
  long long on_first = AckedWebhooks(stack().server_port(0)),
            on_second = AckedWebhooks(stack().server_port(1));
  EXPECT_GT(on_first, 0);
  EXPECT_GT(on_second, 0);
  EXPECT_EQ(on_first + on_second, f.webhooks.acked);
  Print("2 serve + 3 work", f,
        "webhooks acked per server " + std::to_string(on_first) + ", " + std::to_string(on_second) +
            "; jobs done per worker " + shares);
}

TEST_F(HorizontalScaleTest, TwoServersGiveAClientOneRateLimitBudget) {
  StartStack();
  // 30 requests a minute per address, counts shared every 50 ms; each server alone would admit
  // all 30 of its own.
  const testing::Stack::EnvMap limits{{"RATE_LIMIT_IP_PER_MIN", "30"},
                                      {"RATE_LIMIT_SYNC_MS", "50"}};
  ASSERT_EQ(stack().AddServer(limits), 0) << stack().error();
  ASSERT_EQ(stack().AddServer(limits), 1) << stack().error();

  // 80 requests from one address, alternating between the servers as a balancer would, over
  // about two seconds (a rate well past the budget, so the sync interval's lag is visible).
  int admitted[2] = {0, 0}, refused[2] = {0, 0};
  for (int i = 0; i < 80; ++i) {
    const int server = i % 2;
    auto reply = testing::Get(stack().server_port(server), "/api/v1/me");
    ASSERT_TRUE(reply.status == 401 || reply.status == 429) << reply.status << " " << reply.body;
    (reply.status == 429 ? refused : admitted)[server]++;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  const int total = admitted[0] + admitted[1];
  // One budget of 30, plus at most what both servers admit in one sync interval (50 ms at one
  // request per 25 ms: 2) before they see each other's counts; 60 if they did not share.
  EXPECT_GE(total, 30);
  EXPECT_LE(total, 33);
  EXPECT_GT(refused[0], 0);
  EXPECT_GT(refused[1], 0);
  std::printf(
      "[fault] 2 serve, one rate limit (30/min, sync 50 ms): 80 requests, %d admitted "
      "(%d + %d), %d refused\n",
      total, admitted[0], admitted[1], refused[0] + refused[1]);
}

}  // namespace
}  // namespace converza::faults
