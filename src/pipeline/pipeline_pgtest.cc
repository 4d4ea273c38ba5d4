// The whole pipeline with real processes: the Twilio sandbox, `converza serve`, the call
// simulator firing signed webhooks, and `converza work` — against a real database, with the
// rules analyzer or the fake OpenAI server. Checks what the pipeline promises
// (docs/architecture.md#one-call-end-to-end): every call reaches an insight or a visible dead
// letter (never both, never twice), duplicates are no-ops, and a worker killed mid-job loses
// nothing.
#include <gtest/gtest.h>
#include <signal.h>

#include <thread>

#include "fake_openai.h"
#include "stack.h"

namespace converza::pipeline {
namespace {

using testing::ConverzaProcess;
using Behaviour = testing::FakeOpenAi::Behaviour;

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_ = std::make_unique<testing::Stack>(
        db_.conninfo(),
        std::string("pipeline-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_TRUE(stack_->Start()) << stack_->error();
    ASSERT_EQ(stack_->AddServer(), 0) << stack_->error();
    sql_ = &stack_->sql();
  }

  testing::Stack::EnvMap Env(const testing::Stack::EnvMap& extra = {}) {
    return stack_->Env(extra);
  }

  void Simulate(int calls, const std::string& seed) {
    ASSERT_EQ(stack_->Simulate("--calls " + std::to_string(calls) + " --seed " + seed), 0)
        << stack_->error();
  }

  long long Count(const std::string& sql) { return stack_->Count(sql); }

  testing::TestDatabase db_;
  std::unique_ptr<testing::Stack> stack_;
  db::Connection* sql_ = nullptr;
};

TEST_F(PipelineTest, EveryCallReachesExactlyOneInsightWithTheRulesAnalyzer) {
  Simulate(12, "101");
  ASSERT_EQ(Count("select count(*) from jobs where kind = 'transcribe'"), 12);
  ConverzaProcess work("work --exit-when-idle 2", Env());
  ASSERT_EQ(work.Wait(120000), 0) << work.log();

  EXPECT_EQ(Count("select count(*) from insights"), 12);
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'done'"), 12);
  EXPECT_EQ(Count("select count(*) from jobs where state <> 'done'"), 0);
  EXPECT_EQ(Count("select count(*) from jobs where kind = 'analyze'"), 12);
  EXPECT_EQ(Count("select count(distinct call_id) from transcripts"), 12);
  EXPECT_EQ(
      Count("select count(*) from insights where analyzer = 'rules' and ai_score between 0 and 100 "
            "and sentiment_label in ('positive','neutral','negative') and script_total = 6"),
      12);
  // Every finding has its confidence, and each quoted script item the moment it was said.
  EXPECT_EQ(Count("select count(*) from insights where confidence ?& array['converted', 'upsell', "
                  "'sentiment', 'script.greeting']"),
            12);
  EXPECT_EQ(Count("select count(*) from insights, jsonb_each(script) s where s.value->>'evidence' "
                  "<> '' and (s.value->>'at_ms') is null"),
            0);
  EXPECT_GT(Count("select count(*) from insights, jsonb_each(script) s where "
                  "(s.value->>'at_ms')::int >= 0"),
            12);
  // Twilio usage metered once per call; the daily rollup matches the insights.
  EXPECT_EQ(Count("select count(distinct call_id) from usage_events where provider = 'twilio' "
                  "and unit = 'recording_minutes'"),
            12);
  EXPECT_EQ(Count("select coalesce(sum(analyzed), 0) from kpi_daily"), 12);
  // The demo number's monthly fee, once, whatever else ran.
  EXPECT_EQ(Count("select count(*) from usage_events where unit = 'number_months' "
                  "and cost_micros = 1150000 and meta->>'number' = '+14155550100'"),
            1);
  EXPECT_EQ(Count("select coalesce(sum(converted), 0) from kpi_daily"),
            Count("select count(*) from insights where converted"));
  // The simulated calls ring every agent on the main line; the agent who answered (reported by
  // Twilio's answered callback) owns each call, and the per-agent rollup counts every call.
  EXPECT_EQ(Count("select count(*) from calls where agent_id is null"), 0);
  EXPECT_GT(Count("select count(distinct agent_id) from calls"), 1);
  EXPECT_EQ(Count("select coalesce(sum(calls), 0) from kpi_daily k join agents a "
                  "on a.tenant_id = k.tenant_id and a.id = k.agent_id"),
            12);
  // No transcript row carries an unredacted card number.
  EXPECT_EQ(Count("select count(*) from transcripts where text ~ '[0-9]{4}[ -]?[0-9]{4}[ "
                  "-]?[0-9]{4}[ -]?[0-9]{4}'"),
            0);
}

// Re-analysis after the script changed (db/functions/public.start_reanalysis.sql): every insight
// records the script version it was scored with and when; re-analysing under a new version
// rewrites both, and the run's jobs all end done.
TEST_F(PipelineTest, ReanalysisRecordsTheNewScriptVersionAndTime) {
  Simulate(3, "505");
  ConverzaProcess work("work --exit-when-idle 2", Env());
  ASSERT_EQ(work.Wait(120000), 0) << work.log();
  ASSERT_EQ(Count("select count(*) from insights"), 3);
  // The seeded tenant's script is version 1.
  EXPECT_EQ(Count("select count(*) from insights where script_version = 1 and analyzed_at "
                  "between now() - interval '5 minutes' and now()"),
            3);
  const std::string first(sql_->exec("select max(analyzed_at)::text from insights").get(0, 0));

  sql_->exec(
      "insert into scripts (tenant_id, version, items) select tenant_id, 2, '[{\"key\":"
      "\"greeting\",\"label\":\"Greeting\",\"description\":\"Greets the caller\"}]' "
      "from scripts where version = 1");
  // Started by the tenant's owner, as the API does: the role and claims of a signed-in user.
  sql_->exec_script(R"sql(
    begin;
    select set_config('request.jwt.claims', json_build_object('sub', m.user_id,
                      'role', 'authenticated')::text, true)
      from members m where m.role = 'owner' limit 1;
    set local role authenticated;
    select public.start_reanalysis(m.tenant_id, (now() at time zone 'UTC')::date - 1,
                                   (now() at time zone 'UTC')::date, 0)
      from members m where m.role = 'owner' limit 1;
    commit;
  )sql");
  EXPECT_EQ(Count("select count(*) from jobs where run_id is not null and state = 'queued'"), 3);
  ConverzaProcess again("work --exit-when-idle 2", Env());
  ASSERT_EQ(again.Wait(120000), 0) << again.log();
  EXPECT_EQ(Count("select count(*) from jobs where run_id is not null and state = 'done'"), 3);
  EXPECT_EQ(Count("select count(*) from insights where script_version = 2 and script_total = 1 "
                  "and analyzed_at > '" +
                  first + "'"),
            3);
}

TEST_F(PipelineTest, DuplicateWebhooksProduceOneInsight) {
  Simulate(4, "202");
  Simulate(4, "202");  // the same calls again: Twilio retrying every webhook
  EXPECT_EQ(Count("select count(*) from calls"), 4);
  ConverzaProcess work("work --exit-when-idle 2", Env());
  ASSERT_EQ(work.Wait(120000), 0) << work.log();
  Simulate(4, "202");  // and once more after processing
  EXPECT_EQ(Count("select count(*) from jobs where state = 'queued'"), 0);
  ConverzaProcess again("work --exit-when-idle 1", Env());
  ASSERT_EQ(again.Wait(120000), 0) << again.log();
  // One monthly fee per number however often the worker runs (the seed has four numbers).
  EXPECT_EQ(Count("select count(*) from usage_events where unit = 'number_months'"),
            Count("select count(*) from phone_numbers"));
  EXPECT_EQ(Count("select count(*) from insights"), 4);
}

TEST_F(PipelineTest, OpenAiFailuresEndInAnInsightOrAVisibleDeadLetterNeverBoth) {
  testing::FakeOpenAi openai;
  // In claim order: a 429 and a 500 are retried; malformed output is repaired once (here the
  // repair is refused: the call is not analysed, nothing to retry); a double malformation is a
  // dead letter.
  openai.Script({Behaviour::kRateLimited, Behaviour::kServerError, Behaviour::kMalformed,
                 Behaviour::kRefusal, Behaviour::kMalformed, Behaviour::kMalformed});
  Simulate(6, "303");
  ConverzaProcess work(
      "work --concurrency 1 --exit-when-idle 4",
      Env({{"OPENAI_API_KEY", "sk-test"}, {"OPENAI_BASE_URL", openai.base_url()}}));
  // Retries wait for their backoff; rewind run_at so the test does not sleep through it.
  int exit_code = -2;
  for (int i = 0; i < 600 && (exit_code = work.Wait(100)) == -2; ++i) {
    sql_->exec("update jobs set run_at = now() where state = 'queued' and run_at > now()");
  }
  ASSERT_EQ(exit_code, 0) << work.log();

  long long insights = Count("select count(*) from insights");
  long long dead = Count("select count(*) from jobs where state = 'dead'");
  long long refused = Count("select count(*) from calls where pipeline_status = 'not_analysed'");
  EXPECT_EQ(insights + dead + refused, 6);
  EXPECT_EQ(dead, 1);
  EXPECT_EQ(refused, 1);
  EXPECT_EQ(Count("select count(*) from jobs j join insights i on i.call_id = j.call_id "
                  "where j.state = 'dead'"),
            0);  // never both
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'failed'"), dead);
  EXPECT_EQ(Count("select count(*) from jobs where state = 'dead' and last_error <> ''"), dead);
  EXPECT_EQ(Count("select count(*) from insights where analyzer = 'openai:gpt-4o' and "
                  "prompt_version <> ''"),
            insights);
  EXPECT_GT(
      Count("select count(*) from usage_events where provider = 'openai' and cost_micros > 0"), 0);
}

TEST_F(PipelineTest, OpenAiTranscriptionTranscribesEachChannelWithItsSpeaker) {
  testing::FakeOpenAi openai;
  ASSERT_EQ(stack_->Simulate("--calls 2 --audio tone --seed 505"), 0) << stack_->error();
  ConverzaProcess work("work --exit-when-idle 2", Env({{"OPENAI_API_KEY", "sk-test"},
                                                       {"OPENAI_BASE_URL", openai.base_url()},
                                                       {"TRANSCRIBE_PROVIDER", "openai"}}));
  ASSERT_EQ(work.Wait(120000), 0) << work.log();
  EXPECT_EQ(openai.transcriptions(), 4) << work.log();  // two channels per call
  EXPECT_EQ(Count("select count(*) from insights"), 2);
  // The agent's lines came from channel 2 and the caller's from channel 1.
  EXPECT_EQ(Count("select count(*) from transcripts where speaker = 'agent' and text like 'Thanks "
                  "for calling Acme%'"),
            2);
  EXPECT_EQ(Count("select count(*) from transcripts where speaker = 'customer' and text like 'Hi, "
                  "I''d like to upgrade%'"),
            2);
  EXPECT_EQ(Count("select count(*) from usage_events where provider = 'openai' and unit = "
                  "'transcription_minutes'"),
            2);
}

TEST_F(PipelineTest, AWorkerKilledMidJobLosesNothing) {
  testing::FakeOpenAi slow(std::chrono::milliseconds(2500));
  Simulate(4, "404");
  auto env = Env({{"OPENAI_API_KEY", "sk-test"}, {"OPENAI_BASE_URL", slow.base_url()}});
  auto first = std::make_unique<ConverzaProcess>("work --lease 2", env);
  // Wait until analyze jobs are in flight at the slow "model", then kill without warning.
  for (int i = 0; i < 300 && slow.requests() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_GT(slow.requests(), 0) << first->log();
  first->Signal(SIGKILL);
  first->Wait();
  EXPECT_GT(Count("select count(*) from jobs where state = 'running'"), 0);

  ConverzaProcess second("work --lease 30 --exit-when-idle 4", env);
  ASSERT_EQ(second.Wait(120000), 0) << second.log();
  EXPECT_EQ(Count("select count(*) from insights"), 4);
  EXPECT_EQ(Count("select count(*) from jobs where state <> 'done'"), 0);
  EXPECT_GT(Count("select count(*) from jobs where attempts > 1"), 0);  // redone after the lease
}

}  // namespace
}  // namespace converza::pipeline
