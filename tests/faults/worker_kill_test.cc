// A worker SIGKILLed mid-burst, with analyze jobs in flight at a slow OpenAI: the other worker
// keeps going, a new one starts, and the dead worker's jobs come back when their lease runs out.
#include <signal.h>

#include <thread>

#include "fault_test.h"

namespace converza::faults {
namespace {

class WorkerKillTest : public FaultTest {};

TEST_F(WorkerKillTest, OthersKeepGoingAndItsJobsReturnAfterTheLease) {
  StartStack(std::chrono::milliseconds(300));
  ASSERT_GE(stack().AddServer(), 0) << stack().error();
  const int calls = Scaled(40, 400);
  auto env = OpenAiEnv();
  auto victim = stack().StartWorker("--lease 3 --concurrency 8", env);
  auto survivor = stack().StartWorker("--lease 3 --concurrency 8", env);
  auto sim =
      stack().StartSimulation("--calls " + std::to_string(calls) + " --seed 7101 --rate " +
                              std::to_string(Scaled(20, 40)) + " --concurrency 4 --retries 3");

  // Kill the victim once it holds analyze jobs (answers from the "model" pending).
  const std::string victim_id = testing::Stack::WorkerId(*victim);
  const std::string held_sql =
      "select count(*) from jobs where state = 'running' and kind = "
      "'analyze' and locked_by = '" +
      victim_id + "'";
  long long held = 0;
  for (int i = 0; i < 600 && held == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    held = stack().Count(held_sql);
  }
  ASSERT_GT(held, 0) << victim->log();
  victim->Signal(SIGKILL);
  victim->Wait();
  held = stack().Count(held_sql);  // what it held when it died
  const long long held_all = stack().Count(
      "select count(*) from jobs where state = 'running' and locked_by = '" + victim_id + "'");
  auto replacement = stack().StartWorker("--lease 3 --concurrency 8", env);

  ASSERT_EQ(sim->Wait(300000), 0) << sim->log();
  AddSimulation(sim->log());
  ASSERT_TRUE(WaitQuiet(calls, std::chrono::seconds(Scaled(90, 300))))
      << survivor->log() << replacement->log();

  Figures f = Measure();
  ExpectNothingLostNothingTwice(f, held);
  EXPECT_EQ(f.stored, calls);
  EXPECT_EQ(f.processed, calls);
  EXPECT_EQ(f.dead, 0);
  // The victim's jobs were redone by others after the lease.
  EXPECT_GE(stack().Count("select count(*) from jobs where attempts > 1"), held_all);
  EXPECT_EQ(stack().Count("select count(*) from jobs where state = 'done' and locked_by = '" +
                          victim_id + "'") +
                stack().Count("select count(*) from jobs where state = 'done' and locked_by in ('" +
                              testing::Stack::WorkerId(*survivor) + "', '" +
                              testing::Stack::WorkerId(*replacement) + "')"),
            2 * calls);
  const long long by_survivor = stack().Count("select count(*) from jobs where locked_by = '" +
                                              testing::Stack::WorkerId(*survivor) + "'");
  const long long by_replacement = stack().Count("select count(*) from jobs where locked_by = '" +
                                                 testing::Stack::WorkerId(*replacement) + "'");
  EXPECT_GT(by_survivor, 0);
  Print("worker SIGKILL", f,
        "killed holding " + std::to_string(held_all) + " jobs (" + std::to_string(held) +
            " awaiting the LLM); jobs done by survivor " + std::to_string(by_survivor) +
            ", by replacement " + std::to_string(by_replacement));
}

}  // namespace
}  // namespace converza::faults
