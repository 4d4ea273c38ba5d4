// A burst of ten times the normal webhook rate after a stretch of normal traffic: every acked
// webhook is stored and every call processed once; the backlog drains after the burst.
//
// "Normal" here is 5 calls/s (15 webhooks/s, ~430,000 calls a day) in the short version and
// 10 calls/s in the long one; the burst is 10x that.
#include <thread>

#include "fault_test.h"

namespace converza::faults {
namespace {

class BurstTest : public FaultTest {};

TEST_F(BurstTest, TenTimesTheNormalRateIsAllStoredAndProcessedOnce) {
  StartStack(std::chrono::milliseconds(50));
  ASSERT_GE(stack().AddServer(), 0) << stack().error();
  const int normal_rate = Scaled(5, 10), seconds = Scaled(4, 20);
  const int normal_calls = normal_rate * seconds, burst_calls = 10 * normal_calls;
  auto a = stack().StartWorker("--concurrency 32", OpenAiEnv());
  auto b = stack().StartWorker("--concurrency 32", OpenAiEnv());

  ASSERT_EQ(Simulate("--calls " + std::to_string(normal_calls) + " --seed 7501 --rate " +
                     std::to_string(normal_rate) + " --concurrency 2 --retries 3"),
            0)
      << stack().error();
  const auto burst_started = std::chrono::steady_clock::now();
  ASSERT_EQ(Simulate("--calls " + std::to_string(burst_calls) + " --seed 7502 --rate " +
                     std::to_string(10 * normal_rate) + " --concurrency 16 --retries 3"),
            0)
      << stack().error();
  const double burst_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - burst_started).count();
  const long long backlog =
      stack().Count("select count(*) from jobs where state in ('queued', 'running')");
  ASSERT_TRUE(WaitQuiet(normal_calls + burst_calls, std::chrono::seconds(Scaled(120, 600))))
      << a->log() << b->log();
  const double drained_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - burst_started).count();

  Figures f = Measure();
  ExpectNothingLostNothingTwice(f);
  EXPECT_EQ(f.webhooks.failed, 0);
  EXPECT_EQ(f.stored, normal_calls + burst_calls);
  EXPECT_EQ(f.processed, normal_calls + burst_calls);
  EXPECT_EQ(f.dead, 0);
  char extra[200];
  std::snprintf(extra, sizeof extra,
                "%d calls at %d/s, then %d at %d/s sent in %.1f s; backlog at the end of the "
                "burst %lld jobs, all processed %.1f s after it began",
                normal_calls, normal_rate, burst_calls, 10 * normal_rate, burst_s, backlog,
                drained_s);
  Print("10x burst", f, extra);
}

}  // namespace
}  // namespace converza::faults
