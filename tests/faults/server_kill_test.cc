// A `serve` process SIGKILLed mid-burst, behind a "load balancer" of two servers: webhooks in
// flight on it get no answer, so the sender retries them (as Twilio does) on the next server;
// the killed server comes back a second later. Every webhook acked before or after is stored.
#include <signal.h>

#include <thread>

#include "fault_test.h"

namespace converza::faults {
namespace {

class ServerKillTest : public FaultTest {};

TEST_F(ServerKillTest, AckedWebhooksAreStoredAndUnackedOnesRetried) {
  StartStack();
  ASSERT_EQ(stack().AddServer(), 0) << stack().error();
  ASSERT_EQ(stack().AddServer(), 1) << stack().error();
  const int calls = Scaled(60, 600);
  auto worker = stack().StartWorker("--concurrency 16", OpenAiEnv());
  auto sim =
      stack().StartSimulation("--calls " + std::to_string(calls) + " --seed 7201 --rate " +
                              std::to_string(Scaled(30, 60)) + " --concurrency 8 --retries 5");
  // Mid-burst: a third of the calls are in.
  for (int i = 0; i < 1200 && stack().Count("select count(*) from calls") < calls / 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  const long long calls_at_kill = stack().Count("select count(*) from calls");
  stack().server(0).Signal(SIGKILL);
  stack().server(0).Wait();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  ASSERT_TRUE(stack().RestartServer(0)) << stack().error();

  ASSERT_EQ(sim->Wait(300000), 0) << sim->log();
  AddSimulation(sim->log());
  ASSERT_TRUE(WaitQuiet(calls, std::chrono::seconds(Scaled(60, 300)))) << worker->log();

  Figures f = Measure();
  ExpectNothingLostNothingTwice(f);
  EXPECT_EQ(f.webhooks.failed, 0);  // every webhook got through on some try
  EXPECT_EQ(f.recordings_acked, calls);
  EXPECT_EQ(f.stored, calls);
  EXPECT_EQ(f.processed, calls);
  EXPECT_EQ(f.dead, 0);
  Print("serve SIGKILL", f,
        "killed after " + std::to_string(calls_at_kill) + " calls, restarted 1 s later");
}

}  // namespace
}  // namespace converza::faults
