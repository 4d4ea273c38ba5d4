// Horizontal scale: two `serve` and three `work` processes against one PostgreSQL, the way
// more capacity is added in production. Webhooks are spread over both servers (as a load
// balancer would); workers share the queue through FOR UPDATE SKIP LOCKED claims. Every call is
// processed exactly once and each process did part of the work.
#include <sstream>

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

}  // namespace
}  // namespace converza::faults
