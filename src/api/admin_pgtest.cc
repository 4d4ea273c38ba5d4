// The admin console endpoints through the real server: margin per tenant against the 80%
// target from plan prices and metered cost, usage by day, tenants, pipeline health, dead
// letters and their retry; managers get 403 and change nothing.
#include <boost/json.hpp>

#include "api/api_pgtest_fixture.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

class AdminTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    // On top of the fixture (A's main line, B's dead transcribe job, all on 2026-03-10): a number
    // A released, October's usage, recent calls and the pipeline's queue.
    Script(R"sql(
      insert into public.phone_numbers (tenant_id, e164, twilio_sid, status) values
        ('aaaaaaaa-0000-4000-8000-000000000000', '+14155550101', 'PNa2', 'released');
      insert into public.usage_events (tenant_id, at, provider, unit, quantity, cost_micros) values
        ('aaaaaaaa-0000-4000-8000-000000000000', '2026-10-01 12:00+00', 'openai', 'prompt_tokens', 1200, 3000),
        ('aaaaaaaa-0000-4000-8000-000000000000', '2026-10-02 12:00+00', 'twilio', 'call_minutes', 3000, 50000000),
        ('bbbbbbbb-0000-4000-8000-000000000000', '2026-10-02 23:59+00', 'openai', 'prompt_tokens', 9, 1000000),
        ('aaaaaaaa-0000-4000-8000-000000000000', '2026-11-01 00:00+00', 'openai', 'prompt_tokens', 9, 777);
      insert into public.calls (tenant_id, id, call_sid, started_at, created_at, updated_at, pipeline_status) values
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000011', 'CA1', '2026-10-02 10:00+00', now() - interval '2 seconds', now(), 'done'),
        ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000011', 'CB1', now() - interval '1 day', now(), now(), 'failed'),
        ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000012', 'CB2', now() - interval '1 day', now(), now(), 'failed'),
        ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000013', 'CB3', now() - interval '1 day', now(), now() - interval '3 days', 'failed');
      insert into public.insights (tenant_id, call_id, ai_score, sentiment_score, sentiment_label) values
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000011', 70, 0, 'neutral');
      insert into public.jobs (tenant_id, kind, call_id, state, attempts, last_error, run_at, created_at) values
        ('aaaaaaaa-0000-4000-8000-000000000000', 'analyze', 'aaaaaaaa-ca11-4000-8000-000000000011', 'queued', 0, null,
         now() - interval '10 minutes', now() - interval '10 minutes'),
        ('bbbbbbbb-0000-4000-8000-000000000000', 'transcribe', 'bbbbbbbb-ca11-4000-8000-000000000013', 'running', 1, null, now(), now()),
        ('bbbbbbbb-0000-4000-8000-000000000000', 'analyze', 'bbbbbbbb-ca11-4000-8000-000000000012', 'dead', 5, 'schema violation', now(), now());
    )sql");
    RefreshKpis();
  }
  json::value AdminJson(const std::string& target) {
    auto r = GetAs(target, TokenAdmin());
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return json::parse(r.body);
  }
};

TEST_F(AdminTest, MarginPerTenantAgainstTheTarget) {
  auto m = AdminJson("/api/v1/admin/margin?month=2026-10");
  EXPECT_EQ(m.at("month"), "2026-10");
  EXPECT_DOUBLE_EQ(m.at("target").to_number<double>(), 0.8);
  const auto& tenants = m.at("tenants").as_array();
  ASSERT_EQ(tenants.size(), 2u);
  const auto& a = tenants[0];  // lowest margin first
  EXPECT_EQ(a.at("name"), "Acme Plumbing");
  EXPECT_EQ(a.at("revenue_cents").to_number<int>(), 9900);
  EXPECT_EQ(a.at("cost_micros").at("openai").to_number<long long>(), 3000);
  EXPECT_EQ(a.at("cost_micros").at("twilio").to_number<long long>(), 50000000);
  EXPECT_EQ(a.at("cost_micros").at("total").to_number<long long>(), 50003000);
  EXPECT_NEAR(a.at("gross_margin").to_number<double>(), 1 - 50003000.0 / 99000000, 1e-12);
  EXPECT_EQ(a.at("below_target"), true);
  const auto& b = tenants[1];
  EXPECT_EQ(b.at("name"), "Bolt Hotels");
  EXPECT_NEAR(b.at("gross_margin").to_number<double>(), 1 - 1000000.0 / 499000000, 1e-12);
  EXPECT_EQ(b.at("below_target"), false);
  const auto& total = m.at("total");
  EXPECT_EQ(total.at("revenue_cents").to_number<int>(), 59800);
  EXPECT_EQ(total.at("cost_micros").at("total").to_number<long long>(), 51003000);
  EXPECT_NEAR(total.at("gross_margin").to_number<double>(), 1 - 51003000.0 / 598000000, 1e-12);

  // A month without usage: full margin; before the tenants existed: none listed.
  auto sept = AdminJson("/api/v1/admin/margin?month=2026-09");
  EXPECT_DOUBLE_EQ(sept.at("tenants").at(0).at("gross_margin").to_number<double>(), 1.0);
  EXPECT_TRUE(AdminJson("/api/v1/admin/margin?month=2025-06").at("tenants").as_array().empty());
  EXPECT_TRUE(AdminJson("/api/v1/admin/margin").at("month").is_string());
  for (const char* bad : {"month=2026-13", "month=oct", "month=2026-1", "month=2026-10-01"}) {
    auto r = GetAs(std::string("/api/v1/admin/margin?") + bad, TokenAdmin());
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_NE(r.body.find("`month`"), std::string::npos) << r.body;
  }
}

// What the margin view must not hide: a tenant billed nothing is "no revenue" (not below
// target), tenants sharing a name carry their slugs, a missing cost source says why, a tenant
// created after its (backfilled) calls is still listed for their month, and the headline says
// how far it is from the target.
TEST_F(AdminTest, MarginStatusSlugsAndMissingCostSources) {
  Script(R"sql(
    insert into public.tenants (id, name, slug, plan, plan_price_cents, created_at) values
      ('cccccccc-0000-4000-8000-000000000000', 'Acme Plumbing', 'acme-2', 'growth', 0, '2026-12-01 00:00+00');
    insert into public.calls (tenant_id, id, call_sid, started_at, pipeline_status) values
      ('cccccccc-0000-4000-8000-000000000000', 'cccccccc-ca11-4000-8000-000000000001', 'CC1',
       '2026-10-05 10:00+00', 'done');
    insert into public.insights (tenant_id, call_id, analyzer, sentiment_score, sentiment_label) values
      ('cccccccc-0000-4000-8000-000000000000', 'cccccccc-ca11-4000-8000-000000000001', 'rules', 0, 'neutral');
    insert into public.usage_events (tenant_id, at, provider, unit, quantity, cost_micros, call_id) values
      ('cccccccc-0000-4000-8000-000000000000', '2026-10-05 10:00+00', 'twilio', 'inbound_minutes', 2, 17000,
       'cccccccc-ca11-4000-8000-000000000001');
  )sql");
  auto m = AdminJson("/api/v1/admin/margin?month=2026-10");
  const auto& tenants = m.at("tenants").as_array();
  ASSERT_EQ(tenants.size(), 3u);
  const auto& none = tenants[2];  // tenants without revenue last
  EXPECT_EQ(none.at("name"), "Acme Plumbing");
  EXPECT_EQ(none.at("slug"), "acme-2");
  EXPECT_EQ(none.at("status"), "no_revenue");
  EXPECT_EQ(none.at("below_target"), false);
  EXPECT_TRUE(none.at("gross_margin").is_null());
  EXPECT_EQ(none.at("calls").to_number<int>(), 1);
  const auto& missing = none.at("missing_costs").as_array();
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].at("provider"), "openai");
  EXPECT_EQ(missing[0].at("reason"), "rules_analyzer");

  EXPECT_EQ(tenants[0].at("slug"), "acme");
  EXPECT_EQ(tenants[0].at("status"), "below_target");
  EXPECT_TRUE(tenants[0].at("missing_costs").as_array().empty());
  EXPECT_EQ(tenants[1].at("status"), "on_target");
  EXPECT_EQ(tenants[1].at("missing_costs").at(0).at("reason"), "no_calls");  // Bolt: no Twilio

  const auto& total = m.at("total");
  EXPECT_EQ(total.at("calls").to_number<int>(), 2);
  EXPECT_NEAR(total.at("target_gap").to_number<double>(), 1 - 51020000.0 / 598000000 - 0.8, 1e-12);
  EXPECT_TRUE(total.at("missing_costs").as_array().empty());

  // A month with calls but no OpenAI spend at all says so in the total.
  Sql("delete from public.usage_events where provider = 'openai'");
  const auto gone_doc = AdminJson("/api/v1/admin/margin?month=2026-10");
  const auto& gone = gone_doc.at("total");
  ASSERT_EQ(gone.at("missing_costs").as_array().size(), 1u);
  EXPECT_EQ(gone.at("missing_costs").at(0).at("reason"), "rules_analyzer");

  // The tenants list and the dead letters carry slugs too.
  auto t = AdminJson("/api/v1/admin/tenants").at("tenants").as_array();
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].at("slug"), "acme");
  EXPECT_EQ(t[1].at("slug"), "acme-2");
  EXPECT_EQ(AdminJson("/api/v1/admin/dead-jobs").at("jobs").at(0).at("tenant_slug"), "bolt");
}

// The LLM path for a month: outcome counts, cost per analysed call per tenant and model with
// the margin it implies, and each paying tenant's LLM budget.
TEST_F(AdminTest, LlmOutcomesCostPerCallAndBudgets) {
  Script(R"sql(
    insert into public.calls (tenant_id, id, call_sid, started_at, created_at, updated_at,
                              pipeline_status, not_analysed_reason) values
      ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000802', 'CA802',
       '2026-08-10 10:00+00', '2026-08-10 10:00+00', '2026-08-10 10:05+00', 'done', null),
      ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000803', 'CA803',
       '2026-08-11 10:00+00', '2026-08-11 10:00+00', '2026-08-11 10:05+00', 'done', null),
      ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000804', 'CA804',
       '2026-08-12 10:00+00', '2026-08-12 10:00+00', '2026-08-12 10:05+00', 'not_analysed', 'refused');
    insert into public.insights (tenant_id, call_id, analyzer, model, flags, review, created_at,
                                 sentiment_score, sentiment_label) values
      ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000802', 'openai:gpt-4o',
       'gpt-4o', '{trimmed}', '[{"field": "upsell_cents", "reason": "not the sum"}]', '2026-08-10 10:05+00',
       0, 'neutral'),
      ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000803', 'rules',
       null, '{llm_budget}', '[]', '2026-08-11 10:05+00', 0, 'neutral');
    insert into public.usage_events (tenant_id, at, provider, unit, quantity, cost_micros, call_id, meta) values
      ('aaaaaaaa-0000-4000-8000-000000000000', '2026-08-10 10:05+00', 'openai', 'prompt_tokens', 1000, 2000,
       'aaaaaaaa-ca11-4000-8000-000000000802', '{"model": "gpt-4o", "cached_tokens": 400}'),
      ('aaaaaaaa-0000-4000-8000-000000000000', '2026-08-10 10:05+00', 'openai', 'completion_tokens', 200, 2000,
       'aaaaaaaa-ca11-4000-8000-000000000802', '{"model": "gpt-4o"}'),
      ('aaaaaaaa-0000-4000-8000-000000000000', '2026-08-10 10:05+00', 'twilio', 'call_minutes', 100, 10000000,
       'aaaaaaaa-ca11-4000-8000-000000000802', '{}');
  )sql");
  auto m = AdminJson("/api/v1/admin/llm?month=2026-08");
  EXPECT_EQ(m.at("month"), "2026-08");
  const auto& o = m.at("outcomes");
  auto count = [&](const char* k) { return o.at(k).to_number<int>(); };
  EXPECT_EQ(count("analysed"), 1);
  EXPECT_EQ(count("partial"), 1);
  EXPECT_EQ(count("trimmed"), 1);
  EXPECT_EQ(count("llm_budget"), 1);
  EXPECT_EQ(count("rules"), 1);
  EXPECT_EQ(count("refused"), 1);
  EXPECT_EQ(count("content_filter"), 0);
  EXPECT_EQ(count("repaired"), 0);

  const auto& models = m.at("models").as_array();
  ASSERT_EQ(models.size(), 1u);
  const auto& row = models[0];
  EXPECT_EQ(row.at("tenant_slug"), "acme");
  EXPECT_EQ(row.at("model"), "gpt-4o");
  EXPECT_EQ(row.at("calls").to_number<int>(), 1);
  EXPECT_EQ(row.at("prompt_tokens").to_number<int>(), 1000);
  EXPECT_EQ(row.at("cached_tokens").to_number<int>(), 400);
  EXPECT_EQ(row.at("completion_tokens").to_number<int>(), 200);
  EXPECT_EQ(row.at("cost_per_call_micros").to_number<long long>(), 4000);
  // Two calls analysed this month at $0.004 each, plus $10 of Twilio, against $99 of revenue.
  EXPECT_NEAR(row.at("implied_margin").to_number<double>(), 1 - 10008000.0 / 99000000, 1e-12);

  const auto& budgets = m.at("budgets").as_array();
  ASSERT_EQ(budgets.size(), 2u);
  const auto& a = budgets[0];  // tenants whose budget ran out first
  EXPECT_EQ(a.at("tenant_name"), "Acme Plumbing");
  EXPECT_EQ(a.at("budget_micros").to_number<long long>(), 19800000 - 10000000);
  EXPECT_EQ(a.at("llm_spend_micros").to_number<long long>(), 4000);
  EXPECT_EQ(a.at("other_spend_micros").to_number<long long>(), 10000000);
  EXPECT_EQ(a.at("fallback_calls").to_number<int>(), 1);
  EXPECT_EQ(a.at("budget_reached"), true);
  EXPECT_EQ(budgets[1].at("tenant_name"), "Bolt Hotels");
  EXPECT_EQ(budgets[1].at("budget_reached"), false);
  EXPECT_EQ(budgets[1].at("budget_micros").to_number<long long>(), 99800000);

  EXPECT_EQ(GetAs("/api/v1/admin/llm?month=2026-8", TokenAdmin()).status, 400);
  EXPECT_EQ(GetAs("/api/v1/admin/llm?month=2026-08", TokenA()).status, 403);
}

TEST_F(AdminTest, UsageByDayAndTenants) {
  auto u = AdminJson("/api/v1/admin/usage?from=2026-10-01&to=2026-10-03");
  const auto& days = u.at("days").as_array();
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days[0].at("day"), "2026-10-01");
  EXPECT_EQ(days[0].at("openai_micros").to_number<long long>(), 3000);
  EXPECT_EQ(days[1].at("openai_micros").to_number<long long>(), 1000000);
  EXPECT_EQ(days[1].at("twilio_micros").to_number<long long>(), 50000000);
  EXPECT_EQ(days[1].at("calls").to_number<int>(), 1);
  EXPECT_EQ(days[2].at("openai_micros").to_number<long long>(), 0);
  EXPECT_EQ(GetAs("/api/v1/admin/usage?from=2026-10-03&to=2026-10-01", TokenAdmin()).status, 400);

  auto t = AdminJson("/api/v1/admin/tenants");
  const auto& tenants = t.at("tenants").as_array();
  ASSERT_EQ(tenants.size(), 2u);
  EXPECT_EQ(tenants[0].at("name"), "Acme Plumbing");
  EXPECT_EQ(tenants[0].at("plan_price_cents").to_number<int>(), 9900);
  EXPECT_EQ(tenants[0].at("numbers").to_number<int>(), 1);
  EXPECT_EQ(tenants[1].at("calls_30d").to_number<int>(), 3);
  EXPECT_EQ(tenants[1].at("plan"), "growth");
}

TEST_F(AdminTest, PipelineHealth) {
  auto p = AdminJson("/api/v1/admin/pipeline");
  EXPECT_EQ(p.at("queue").at("queued").to_number<int>(), 1);
  EXPECT_EQ(p.at("queue").at("running").to_number<int>(), 1);
  EXPECT_EQ(p.at("queue").at("dead").to_number<int>(), 2);
  EXPECT_GE(p.at("oldest_queued_s").to_number<double>(), 599);
  EXPECT_DOUBLE_EQ(p.at("latency_ms").at("p50").to_number<double>(), 2000);
  EXPECT_DOUBLE_EQ(p.at("latency_ms").at("p95").to_number<double>(), 2000);
  EXPECT_EQ(p.at("processed_1h").to_number<int>(), 1);
  EXPECT_EQ(p.at("failed_calls_24h").to_number<int>(), 2);
}

TEST_F(AdminTest, DeadJobsAndRetry) {
  auto d = AdminJson("/api/v1/admin/dead-jobs");
  const auto& jobs = d.at("jobs").as_array();
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].at("tenant_name"), "Bolt Hotels");
  EXPECT_EQ(jobs[0].at("tenant_id"), kTenantB);
  EXPECT_EQ(jobs[0].at("attempts").to_number<int>(), 5);
  EXPECT_TRUE(jobs[0].at("last_error").is_string());
  EXPECT_EQ(AdminJson("/api/v1/admin/dead-jobs?limit=1").at("jobs").as_array().size(), 1u);
  EXPECT_EQ(GetAs("/api/v1/admin/dead-jobs?limit=0", TokenAdmin()).status, 400);

  const std::string id = std::to_string(jobs[0].at("id").to_number<long long>());
  const std::string retry =
      std::string("/api/v1/admin/dead-jobs/") + kTenantB + "/" + id + "/retry";
  // A manager (even of that tenant) cannot retry.
  EXPECT_EQ(Call("POST", retry, TokenB()).status, 403);
  EXPECT_EQ(Sql("select state from public.jobs where id = $1::bigint", {id}).get(0, 0), "dead");

  auto r = Call("POST", retry, TokenAdmin());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, R"({"retried":true})");
  EXPECT_EQ(
      Sql("select state || '/' || attempts from public.jobs where id = $1::bigint", {id}).get(0, 0),
      "queued/0");
  EXPECT_EQ(Call("POST", retry, TokenAdmin()).status, 404);  // no longer dead
  EXPECT_EQ(Call("POST", std::string("/api/v1/admin/dead-jobs/") + kTenantA + "/" + id + "/retry",
                 TokenAdmin())
                .status,
            404);  // wrong tenant for that job
  EXPECT_EQ(Call("POST", "/api/v1/admin/dead-jobs/x/1/retry", TokenAdmin()).status, 404);
  EXPECT_EQ(
      Call("POST", std::string("/api/v1/admin/dead-jobs/") + kTenantB + "/-1/retry", TokenAdmin())
          .status,
      404);
}

TEST_F(AdminTest, ManagersAndStrangersAreRefused) {
  for (const char* path :
       {"/api/v1/admin/tenants", "/api/v1/admin/margin", "/api/v1/admin/usage",
        "/api/v1/admin/pipeline", "/api/v1/admin/dead-jobs", "/api/v1/admin/margin?month=bad"}) {
    auto m = GetAs(path, TokenA());
    EXPECT_EQ(m.status, 403) << path;
    EXPECT_EQ(m.body.find("Bolt"), std::string::npos);
    EXPECT_EQ(GetAs(path, "").status, 401) << path;
  }
}

}  // namespace
}  // namespace converza::testing::rest
