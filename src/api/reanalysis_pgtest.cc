// Re-analysis through the real server: the estimate (calls with a transcript; their cost at the
// price table for the analyzer that will run, checked against the analyze stage's own requests),
// a run queuing exactly one analyze job per call under its id, one run at a time (409), bad
// ranges (400, nothing written), viewers (403) and other tenants (nothing seen), progress
// counted from the run's done and dead jobs, and a run's jobs claimed only after the live
// calls' (jobs.priority).
#include <boost/json.hpp>

#include "analysis/script.h"
#include "analysis/transcript.h"
#include "api/api_pgtest_fixture.h"
#include "db/pool.h"
#include "pipeline/job_queue.h"
#include "pipeline/openai_analyzer.h"
#include "pipeline/prices.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

constexpr char kCallA3[] = "aaaaaaaa-ca11-4000-8000-000000000003";
constexpr char kCallA4[] = "aaaaaaaa-ca11-4000-8000-000000000004";
constexpr char kViewerA[] = "aaaaaaaa-1111-4000-8000-0000000000ee";

class ReanalysisTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    // A: A1 (transcript) and A2 (none) an hour ago, A3 and A4 (transcripts) two days ago.
    // B: B1 (transcript) an hour ago.
    Sql("update public.calls set started_at = now() - interval '1 hour'");
    Script(R"sql(
      insert into public.calls (tenant_id, id, call_sid, account_sid, from_number, to_number,
                                direction, started_at, pipeline_status)
      select 'aaaaaaaa-0000-4000-8000-000000000000', x.id::uuid, x.sid,
             'AC00000000000000000000000000000001', '+14155551234', '+14155550100', 'inbound',
             now() - interval '2 days', 'done'
        from (values ('aaaaaaaa-ca11-4000-8000-000000000003', 'CAa3'),
                     ('aaaaaaaa-ca11-4000-8000-000000000004', 'CAa4')) x(id, sid);
      insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text, redactions)
      select 'aaaaaaaa-0000-4000-8000-000000000000', x.id::uuid, 0, 'agent', 0, 1000, 'Hello', '[]'
        from (values ('aaaaaaaa-ca11-4000-8000-000000000003'),
                     ('aaaaaaaa-ca11-4000-8000-000000000004')) x(id);
      -- A's OpenAI spend over the last 30 days: 4000 micros on A1 and 2000 on A3, so 3000 a call;
      -- Twilio's and older spend do not count.
      insert into public.usage_events (tenant_id, at, provider, unit, quantity, cost_micros, call_id) values
        ('aaaaaaaa-0000-4000-8000-000000000000', now() - interval '1 day', 'openai', 'prompt_tokens', 1000, 3000, 'aaaaaaaa-ca11-4000-8000-000000000001'),
        ('aaaaaaaa-0000-4000-8000-000000000000', now() - interval '1 day', 'openai', 'completion_tokens', 100, 1000, 'aaaaaaaa-ca11-4000-8000-000000000001'),
        ('aaaaaaaa-0000-4000-8000-000000000000', now() - interval '2 days', 'openai', 'prompt_tokens', 700, 2000, 'aaaaaaaa-ca11-4000-8000-000000000003'),
        ('aaaaaaaa-0000-4000-8000-000000000000', now() - interval '2 days', 'twilio', 'recording_minutes', 2, 50000, 'aaaaaaaa-ca11-4000-8000-000000000003'),
        ('aaaaaaaa-0000-4000-8000-000000000000', now() - interval '40 days', 'openai', 'prompt_tokens', 9000, 90000, 'aaaaaaaa-ca11-4000-8000-000000000004');
    )sql");
  }

  // The UTC day `offset` days from today, YYYY-MM-DD.
  std::string Day(int offset) {
    return std::string(
        Sql("select ((now() at time zone 'UTC')::date + $1::int)::text", {std::to_string(offset)})
            .get(0, 0));
  }
  std::string Range(int from, int to) {
    return R"({"from":")" + Day(from) + R"(","to":")" + Day(to) + R"("})";
  }
  HttpReply Start(const std::string& body, const std::string& token = TokenA()) {
    return Call("POST", "/api/v1/reanalysis", token, body);
  }
  long long Count(std::string_view sql) { return Sql(sql).get_int(0, 0); }
  // GET /api/v1/reanalysis as `token`: the runs, newest first.
  json::array Runs(const std::string& token = TokenA()) {
    auto r = GetAs("/api/v1/reanalysis", token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? json::parse(r.body).at("runs").as_array() : json::array{};
  }
};

TEST_F(ReanalysisTest, EstimateCountsCallsWithATranscriptAndTheRulesAnalyzerIsFree) {
  auto r = GetAs("/api/v1/reanalysis/estimate?from=" + Day(-7) + "&to=" + Day(0), TokenA());
  ASSERT_EQ(r.status, 200) << r.body;
  auto e = json::parse(r.body);
  EXPECT_EQ(e.at("calls").to_number<int>(), 3);  // A1, A3, A4; A2 has no transcript
  // This server has no OPENAI_API_KEY: the rules analyzer runs, whatever A spent before.
  EXPECT_EQ(e.at("estimated_cost_micros").to_number<long long>(), 0);
  EXPECT_EQ(e.at("analyzer"), "rules");
  EXPECT_TRUE(e.at("model").is_null());
  EXPECT_EQ(e.at("from").as_string(), Day(-7));
  // Yesterday and today only: A1.
  auto one = json::parse(
      GetAs("/api/v1/reanalysis/estimate?from=" + Day(-1) + "&to=" + Day(0), TokenA()).body);
  EXPECT_EQ(one.at("calls").to_number<int>(), 1);
  // The default range is the last 30 days. B has one call.
  auto b = json::parse(GetAs("/api/v1/reanalysis/estimate", TokenB()).body);
  EXPECT_EQ(b.at("calls").to_number<int>(), 1);
}

// With OpenAI configured, the estimate is what the analyze stage's requests would cost at the
// price table: each call's real prompt (built from its transcript as the stage builds it) and the
// tenant's recent completion tokens per call, for the model of the tenant's plan.
class PricedReanalysisTest : public ReanalysisTest {
 protected:
  std::map<std::string, std::string> ServerEnv() override {
    return {{"OPENAI_API_KEY", "sk-test-not-used"},
            {"OPENAI_BASE_URL", "http://127.0.0.1:9/v1"},
            {"OPENAI_MODEL", "gpt-4o"},
            {"OPENAI_PLAN_MODELS", "growth=gpt-4o-mini"}};
  }
  // What the analyze stage would send for each of the tenant's calls in the last `days` days:
  // the sum of the requests' prompt tokens.
  long long PromptTokens(const std::string& tenant, int days) {
    auto calls = Sql(
        "select c.id::text from public.calls c where c.tenant_id = $1::uuid"
        " and c.started_at >= ((now() at time zone 'UTC')::date - $2::int)::timestamp at time zone"
        " 'UTC' and exists (select 1 from public.transcripts t where t.call_id = c.id)",
        {tenant, std::to_string(days)});
    pipeline::OpenAiOptions o;  // the defaults: the server sets no OPENAI_MAX_* either
    auto stored = Sql(
        "select items::text from public.scripts where tenant_id = $1::uuid order by version desc"
        " limit 1",
        {tenant});
    auto script = stored.empty() ? std::vector<analysis::ScriptItem>{}
                                 : analysis::ScriptFromJson(stored.get(0, 0));
    if (script.empty()) script = analysis::DefaultScript();
    long long total = 0;
    for (int i = 0; i < calls.size(); ++i) {
      auto rows = Sql(
          "select speaker, start_ms, end_ms, text from public.transcripts where call_id = $1::uuid"
          " order by seq",
          {std::string(calls.get(i, 0))});
      std::vector<analysis::Turn> turns;
      for (int j = 0; j < rows.size(); ++j) {
        analysis::Turn t;
        t.speaker =
            rows.get(j, 0) == "agent" ? analysis::Speaker::kAgent : analysis::Speaker::kCustomer;
        t.start_ms = static_cast<int>(rows.get_int(j, 1));
        t.end_ms = static_cast<int>(rows.get_int(j, 2));
        t.text = rows.get(j, 3);
        turns.push_back(std::move(t));
      }
      total += pipeline::PrepareLlmRequest(o, "gpt-4o", turns, script).body.estimated_prompt_tokens;
    }
    return total;
  }
};

TEST_F(PricedReanalysisTest, EstimateIsThePromptsAndTheAverageAnswerAtThePriceTable) {
  auto e = json::parse(
      GetAs("/api/v1/reanalysis/estimate?from=" + Day(-7) + "&to=" + Day(0), TokenA()).body);
  EXPECT_EQ(e.at("calls").to_number<int>(), 3);
  EXPECT_EQ(e.at("analyzer"), "openai");
  EXPECT_EQ(e.at("model"), "gpt-4o");
  // A's OpenAI answers of the last 30 days: 100 completion tokens on one call (the older usage
  // does not count), so 100 a call.
  const auto prices = pipeline::Prices::Defaults();
  const long long expected = prices.OpenAiMicros("gpt-4o", PromptTokens(kTenantA, 7), 3 * 100);
  const long long got = e.at("estimated_cost_micros").to_number<long long>();
  EXPECT_GT(got, 0);
  EXPECT_NEAR(static_cast<double>(got), static_cast<double>(expected), 0.02 * expected)
      << "estimate " << got << " vs the requests' " << expected;

  // B (growth) is analysed with gpt-4o-mini and has no OpenAI history: each answer is counted
  // at the completion limit (1,500 tokens), an upper estimate.
  auto b = json::parse(GetAs("/api/v1/reanalysis/estimate", TokenB()).body);
  EXPECT_EQ(b.at("model"), "gpt-4o-mini");
  const long long b_expected =
      prices.OpenAiMicros("gpt-4o-mini", PromptTokens(kTenantB, 29), 1 * 1500);
  EXPECT_NEAR(b.at("estimated_cost_micros").to_number<double>(), static_cast<double>(b_expected),
              0.02 * b_expected);

  // The run records the estimate it was started with.
  auto r = Start(Range(-7, 0));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body).at("estimated_cost_micros").to_number<long long>(), got);
}

TEST_F(ReanalysisTest, StartQueuesOneAnalyzeJobPerCallThenProgressCountsThem) {
  auto r = Start(Range(-7, 0));
  ASSERT_EQ(r.status, 201) << r.body;
  auto run = json::parse(r.body);
  const std::string id(run.at("id").as_string());
  EXPECT_EQ(run.at("total").to_number<int>(), 3);
  EXPECT_EQ(run.at("estimated_cost_micros").to_number<long long>(), 0);  // the rules analyzer
  EXPECT_EQ(run.at("done").to_number<int>(), 0);
  EXPECT_EQ(run.at("finished"), false);

  EXPECT_EQ(Count("select count(*) from public.jobs where run_id is not null"), 3);
  EXPECT_EQ(Sql("select count(*) from public.jobs where run_id = $1::uuid and kind = 'analyze'"
                " and state = 'queued' and attempts = 0",
                {id})
                .get_int(0, 0),
            3);
  // A1's finished analyze job was re-armed, not duplicated; B's jobs are untouched.
  EXPECT_EQ(
      Sql("select count(*) from public.jobs where call_id = $1::uuid", {kCallA1}).get_int(0, 0), 1);
  EXPECT_EQ(Count("select count(*) from public.jobs where tenant_id = "
                  "'bbbbbbbb-0000-4000-8000-000000000000' and run_id is not null"),
            0);

  // One run at a time.
  auto again = Start(Range(-1, 0));
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(again.body.find("run_in_progress"), std::string::npos) << again.body;
  EXPECT_EQ(Count("select count(*) from public.reanalysis_runs"), 1);

  // Two done, one dead-lettered: finished.
  Sql("update public.jobs set state = 'done' where call_id in ($1::uuid, $2::uuid)",
      {kCallA1, kCallA3});
  auto mid = Runs().at(0);
  EXPECT_EQ(mid.at("done").to_number<int>(), 2);
  EXPECT_EQ(mid.at("finished"), false);
  Sql("update public.jobs set state = 'dead' where call_id = $1::uuid", {kCallA4});
  auto runs = Runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs.at(0).at("id").as_string(), id);
  EXPECT_EQ(runs.at(0).at("total").to_number<int>(), 3);
  EXPECT_EQ(runs.at(0).at("done").to_number<int>(), 2);
  EXPECT_EQ(runs.at(0).at("failed").to_number<int>(), 1);
  EXPECT_EQ(runs.at(0).at("finished"), true);

  // Finished, so the next run may start; B sees none of A's runs.
  auto next = Start(Range(-1, 0));
  ASSERT_EQ(next.status, 201) << next.body;
  EXPECT_EQ(json::parse(next.body).at("total").to_number<int>(), 1);
  EXPECT_EQ(Runs().size(), 2u);
  EXPECT_TRUE(Runs(TokenB()).empty());
}

TEST_F(ReanalysisTest, LiveCallsAreClaimedBeforeARunsBacklog) {
  // 500 more analysed calls of A's from yesterday, each with a transcript and a finished job.
  Script(R"sql(
    with c as (
      insert into public.calls (tenant_id, call_sid, account_sid, from_number, to_number,
                                direction, started_at, pipeline_status)
      select 'aaaaaaaa-0000-4000-8000-000000000000', 'CAold' || g,
             'AC00000000000000000000000000000001', '+14155551234', '+14155550100', 'inbound',
             now() - interval '1 day', 'done'
        from generate_series(1, 500) g
      returning tenant_id, id),
    t as (
      insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text,
                                      redactions)
      select tenant_id, id, 0, 'agent', 0, 1000, 'Hello', '[]' from c)
    insert into public.jobs (tenant_id, kind, call_id, state)
    select tenant_id, 'analyze', id, 'done' from c;
  )sql");
  auto r = Start(Range(-7, 0));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body).at("total").to_number<int>(), 503);
  // Re-armed with run_at = now(), ahead of anything queued later in run_at order...
  EXPECT_EQ(Count("select count(*) from public.jobs where run_id is not null and state = 'queued'"
                  " and priority = 1"),
            503);
  // ...then a call comes in: its webhook queues the transcribe job, at the default priority.
  Script(R"sql(
    insert into public.calls (tenant_id, id, call_sid, account_sid, from_number, to_number,
                              direction, started_at, pipeline_status)
    values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-0000000000f1',
            'CAlive', 'AC00000000000000000000000000000001', '+14155551234', '+14155550100',
            'inbound', now(), 'received');
    insert into public.jobs (tenant_id, kind, call_id)
    values ('aaaaaaaa-0000-4000-8000-000000000000', 'transcribe',
            'aaaaaaaa-ca11-4000-8000-0000000000f1');
  )sql");
  db::Pool pool(db_->conninfo(), 1);
  pipeline::JobQueue queue(pool, "test-worker", std::chrono::seconds(60));
  auto first = queue.Claim(1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].kind, "transcribe");
  EXPECT_EQ(first[0].call_id, "aaaaaaaa-ca11-4000-8000-0000000000f1");
  // With no live job due, the run's jobs are claimed.
  auto next = queue.Claim(10);
  ASSERT_EQ(next.size(), 10u);
  for (const auto& job : next) EXPECT_EQ(job.kind, "analyze");
  // One of them fails for good: a failed job of the run, and the call keeps its analysis.
  EXPECT_TRUE(queue.Fail(next[0], "HTTP 400 from provider", std::nullopt, /*permanent=*/true));
  EXPECT_EQ(Sql("select pipeline_status from public.calls where id = $1::uuid", {next[0].call_id})
                .get(0, 0),
            "done");
  EXPECT_EQ(Runs().at(0).at("failed").to_number<int>(), 1);
}

TEST_F(ReanalysisTest, BadRangesAre400AndChangeNothing) {
  const std::string cases[] = {
      "{}",
      R"({"from":")" + Day(-1) + R"("})",
      R"({"from":"yesterday","to":")" + Day(0) + R"("})",
      R"({"from":")" + Day(0) + R"(","to":")" + Day(-1) + R"("})",
      Range(-366, 0),  // 367 days
      R"({"from":")" + Day(-1) + R"(","to":")" + Day(0) + R"(","agent":"x"})",
      R"({"from":"2020-01-01","to":"2020-01-31"})",  // no calls then
      "not json",
  };
  for (const auto& body : cases) {
    auto r = Start(body);
    EXPECT_EQ(r.status, 400) << body << " -> " << r.body;
    EXPECT_NE(r.body.find("invalid_request"), std::string::npos) << r.body;
  }
  EXPECT_EQ(Start(Range(-365, 0)).status, 201);  // 366 days is allowed
  EXPECT_EQ(GetAs("/api/v1/reanalysis/estimate?from=" + Day(0) + "&to=" + Day(-1), TokenA()).status,
            400);
  EXPECT_EQ(
      GetAs("/api/v1/reanalysis/estimate?from=" + Day(-366) + "&to=" + Day(0), TokenA()).status,
      400);
  EXPECT_EQ(GetAs("/api/v1/reanalysis?limit=0", TokenA()).status, 400);
  EXPECT_EQ(Count("select count(*) from public.reanalysis_runs"), 1);
  EXPECT_EQ(Count("select count(*) from public.jobs where run_id is not null"), 3);
}

TEST_F(ReanalysisTest, ViewersSeeRunsButCannotStartOne) {
  Sql("insert into auth.users (id, email) values ($1::uuid, 'viewer@example.com')", {kViewerA});
  Sql("insert into public.members (tenant_id, user_id, role) values ($1::uuid, $2::uuid, 'viewer')",
      {kTenantA, kViewerA});
  const std::string viewer = Token(kViewerA, kTenantA);
  auto r = Start(Range(-7, 0), viewer);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_NE(r.body.find("read_only"), std::string::npos) << r.body;
  EXPECT_EQ(Count("select count(*) from public.reanalysis_runs"), 0);
  EXPECT_EQ(GetAs("/api/v1/reanalysis/estimate", viewer).status, 200);
  ASSERT_EQ(Start(Range(-7, 0)).status, 201);
  auto runs = Runs(viewer);
  EXPECT_EQ(runs.size(), 1u);
  EXPECT_EQ(Call("POST", "/api/v1/reanalysis", "", Range(-7, 0)).status, 401);
}

}  // namespace
}  // namespace converza::testing::rest
