// OpenAI failing for a while — 429 with Retry-After, 500, and requests that hang past the
// client's timeout, in turn — then recovering. Analyze jobs back off and retry; the ones that
// run out of attempts are dead letters, visible with their error, until an admin retries them
// (SQL retry_dead_job). In the end every call has exactly one insight and was paid for once.
#include <thread>

#include "fault_test.h"

namespace converza::faults {
namespace {

using Behaviour = testing::FakeOpenAi::Behaviour;

class OpenAiOutageTest : public FaultTest {};

TEST_F(OpenAiOutageTest, EveryCallEndsWithOneInsightAfterRetriesAndAdminRetry) {
  StartStack();
  ASSERT_GE(stack().AddServer(), 0) << stack().error();
  const int calls = Scaled(30, 300);
  const auto window = std::chrono::seconds(Scaled(10, 60));
  // The client gives up after 1 s; a hanging request is held for 2 s.
  auto env = OpenAiEnv({{"OPENAI_TIMEOUT_MS", "1000"}});
  auto a = stack().StartWorker("--concurrency 8", env);
  auto b = stack().StartWorker("--concurrency 8", env);
  openai_->FailFor(window, {Behaviour::kRateLimited, Behaviour::kServerError, Behaviour::kHang},
                   std::chrono::seconds(2));
  const auto outage_started = std::chrono::steady_clock::now();
  ASSERT_EQ(Simulate("--calls " + std::to_string(calls) + " --seed 7401 --rate " +
                     std::to_string(Scaled(10, 10)) + " --concurrency 2 --retries 3"),
            0)
      << stack().error();

  // Every call ends with an insight or a dead letter (the backoff may outlast the outage).
  ASSERT_TRUE(WaitQuiet(calls, window + std::chrono::seconds(Scaled(60, 600))))
      << a->log() << b->log();
  std::this_thread::sleep_until(outage_started + window);  // the admin acts after the outage
  Figures before = Measure();
  EXPECT_EQ(before.processed + before.dead, calls);
  EXPECT_EQ(stack().Count("select count(*) from jobs j join insights i on i.call_id = j.call_id "
                          "where j.state = 'dead'"),
            0);  // never both
  EXPECT_EQ(stack().Count("select count(*) from jobs where state = 'dead' and last_error <> ''"),
            before.dead);
  EXPECT_EQ(stack().Count("select count(*) from calls where pipeline_status = 'failed'"),
            before.dead);

  // The admin retries the dead letters; the recovered "OpenAI" completes them.
  const long long retried = RetryDeadJobs();
  EXPECT_EQ(retried, before.dead);
  ASSERT_TRUE(WaitQuiet(calls, std::chrono::seconds(Scaled(60, 300)))) << a->log() << b->log();

  Figures f = Measure();
  ExpectNothingLostNothingTwice(f);
  EXPECT_EQ(f.stored, calls);
  EXPECT_EQ(f.processed, calls);
  EXPECT_EQ(f.dead, 0);
  EXPECT_EQ(stack().Count("select count(*) from calls where pipeline_status = 'done'"), calls);
  Print("OpenAI outage", f,
        std::to_string(window.count()) +
            " s of 429/500/hang: " + std::to_string(openai_->answered(Behaviour::kRateLimited)) +
            " 429s, " + std::to_string(openai_->answered(Behaviour::kServerError)) + " 500s, " +
            std::to_string(openai_->answered(Behaviour::kHang)) + " timeouts; " +
            std::to_string(before.dead) + " dead-lettered, then retried by the admin");
}

}  // namespace
}  // namespace converza::faults
