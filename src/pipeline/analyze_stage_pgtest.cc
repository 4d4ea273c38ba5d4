// The analyze stage's OpenAI path through real processes — the Twilio sandbox, `converza serve`,
// the simulator's signed webhooks and `converza work` — against the fake OpenAI server, which
// refuses what the real API refuses (tests/support/fake_openai.h). Every answer the schema
// allows becomes an insight with one request; refusals, the content filter, answers cut at their
// token limit, two-hour calls and a tenant over its LLM budget are each cheap and visible.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "fake_openai.h"
#include "stack.h"

namespace converza::pipeline {
namespace {

using testing::ConverzaProcess;
using Behaviour = testing::FakeOpenAi::Behaviour;

constexpr const char* kTenant = "de30de30-0000-4000-8000-000000000001";  // `converza seed`

class AnalyzeStageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_ = std::make_unique<testing::Stack>(
        db_.conninfo(),
        std::string("analyze-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_TRUE(stack_->Start()) << stack_->error();
    ASSERT_EQ(stack_->AddServer(), 0) << stack_->error();
  }

  void Simulate(int calls, const std::string& seed) {
    ASSERT_EQ(stack_->Simulate("--calls " + std::to_string(calls) + " --seed " + seed), 0)
        << stack_->error();
  }

  // Runs one worker against `openai` until the queue is idle (one job at a time unless told:
  // the fake's scripted answers then go to calls in claim order).
  void Work(const testing::FakeOpenAi& openai, const testing::Stack::EnvMap& extra = {},
            int concurrency = 1) {
    testing::Stack::EnvMap env = {{"OPENAI_API_KEY", "sk-test"},
                                  {"OPENAI_BASE_URL", openai.base_url()}};
    for (const auto& kv : extra) env[kv.first] = kv.second;
    ConverzaProcess work(
        "work --concurrency " + std::to_string(concurrency) + " --exit-when-idle 2",
        stack_->Env(env));
    ASSERT_EQ(work.Wait(120000), 0) << work.log();
  }

  long long Count(const std::string& sql) { return stack_->Count(sql); }

  // Runs the pipeline without OpenAI until idle, then deletes the insights and transcripts: a
  // test writes the transcripts it needs and queues the analysis again (RequeueAnalysis).
  void TranscribeWithoutInsights() {
    ConverzaProcess work("work --exit-when-idle 1", stack_->Env({}));
    ASSERT_EQ(work.Wait(120000), 0) << work.log();
    stack_->sql().exec("delete from insights");
    stack_->sql().exec("delete from transcripts");
  }
  void RequeueAnalysis() {
    stack_->sql().exec("update calls set pipeline_status = 'analyzing'");
    stack_->sql().exec(
        "update jobs set state = 'queued', attempts = 0, run_at = now() where kind = 'analyze'");
  }

  testing::TestDatabase db_;
  std::unique_ptr<testing::Stack> stack_;
};

// The run of the issue: a clean call — no upsell, no coaching, no evidence, neutral — is an
// answer the schema allows; it must be stored as it is, with one paid request per call.
TEST_F(AnalyzeStageTest, ACleanCallWithNothingToCoachIsStoredWithOneRequest) {
  testing::FakeOpenAi openai;
  openai.Script({}, Behaviour::kClean);
  Simulate(3, "1801");
  Work(openai);
  EXPECT_EQ(Count("select count(*) from insights"), 3);
  EXPECT_EQ(openai.requests(), 3);
  EXPECT_EQ(openai.invalid_requests(), 0);
  EXPECT_EQ(Count("select count(*) from insights where coaching = '[]' and upsell_cents = 0 "
                  "and sentiment_label = 'neutral' and review = '[]' and flags = '{}'"),
            3);
  EXPECT_EQ(Count("select count(*) from jobs where state = 'dead'"), 0);
}

// Property test through the real pipeline: answers generated from the very schema each request
// carries (empty and maximal arrays, nulls, bounds, long and non-ASCII strings, NUL bytes,
// totals that disagree with their items) all become insights, flaws noted for review.
TEST_F(AnalyzeStageTest, EveryAnswerTheSchemaAllowsBecomesAnInsightWithOneRequest) {
  testing::FakeOpenAi openai;
  openai.set_sample_seed(7);
  openai.Script({}, Behaviour::kSchemaSample);
  Simulate(24, "1802");
  Work(openai, {}, 12);
  EXPECT_EQ(openai.invalid_requests(), 0);
  EXPECT_EQ(openai.requests(), 24);
  EXPECT_EQ(Count("select count(*) from insights"), 24);
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'done'"), 24);
  EXPECT_GT(Count("select count(*) from insights where jsonb_array_length(review) > 0"), 0);
  // Stored consistently: the total is the items' sum, at most three notes, no NUL.
  EXPECT_EQ(Count("select count(*) from insights where upsell_cents <> coalesce((select "
                  "sum((x->>'cents')::bigint) from jsonb_array_elements(upsell_items) x), 0) "
                  "or jsonb_array_length(coaching) > 3 or summary like '%' || chr(1) || '%'"),
            0);
}

// The fake's valid answer quotes "Yes, let's do it." and "Thanks for calling." and sells a
// $20 "premium plan" on every call, whatever was said: an LLM inventing evidence. What is stored
// keeps only what the call contains (analysis/grounding.h); the rest is noted for review.
TEST_F(AnalyzeStageTest, QuotesAndAmountsThatAreNotInTheCallAreNotStoredAsFact) {
  testing::FakeOpenAi openai;
  openai.Script({}, Behaviour::kValid);
  Simulate(8, "1809");
  Work(openai);
  ASSERT_EQ(Count("select count(*) from insights"), 8);
  // In quote form (lower-case words), each call's transcript, and each stored quote.
  const std::string norm = "trim(regexp_replace(lower(%s), '[^a-z0-9]+', ' ', 'g'))";
  auto normalized = [&](const std::string& expr) {
    std::string out = norm;
    return out.replace(out.find("%s"), 2, expr);
  };
  const std::string spoken = "(select ' ' || string_agg(" + normalized("t.text") +
                             ", ' ' order by t.seq) || ' ' from transcripts t "
                             "where t.tenant_id = i.tenant_id and t.call_id = i.call_id)";
  // Every quote kept is in its call; every quote dropped is noted.
  EXPECT_EQ(Count("select count(*) from insights i where converted_evidence is not null and "
                  "position(' ' || " +
                  normalized("converted_evidence") + " || ' ' in " + spoken + ") = 0"),
            0);
  EXPECT_EQ(Count("select count(*) from insights i, jsonb_each(i.script) s "
                  "where coalesce(s.value->>'evidence', '') <> '' and "
                  "position(' ' || " +
                  normalized("s.value->>'evidence'") + " || ' ' in " + spoken + ") = 0"),
            0);
  EXPECT_EQ(Count("select count(*) from insights i where (converted_evidence is null) <> "
                  "(review @> '[{\"field\": \"converted_evidence\", \"reason\": \"quote not in the "
                  "transcript, so it was left out\"}]')"),
            0);
  // The invented quote is not in these calls: dropped everywhere, with its invented moment.
  EXPECT_EQ(Count("select count(*) from insights where converted_evidence is null and "
                  "converted_at_ms is null and converted"),
            8);
  // $20 is kept only on calls where twenty dollars was said; the total is what is left.
  EXPECT_EQ(Count("select count(*) from insights i where upsell_cents <> coalesce((select "
                  "sum((x->>'cents')::bigint) from jsonb_array_elements(upsell_items) x), 0)"),
            0);
  EXPECT_EQ(Count("select count(*) from insights where jsonb_array_length(upsell_items) = 0 and "
                  "review @> '[{\"field\": \"upsell_items[0]\", \"reason\": \"amount $20 not "
                  "spoken in the call, so it was left out of the total\"}]'"),
            Count("select count(*) from insights where upsell_cents = 0"));
  EXPECT_GT(Count("select count(*) from insights where upsell_cents = 0"), 0);
}

TEST_F(AnalyzeStageTest, RefusalsAndTheContentFilterLeaveTheCallNotAnalysedWithoutRetries) {
  testing::FakeOpenAi openai;
  openai.Script({Behaviour::kRefusal, Behaviour::kContentFilter});
  Simulate(3, "1803");
  Work(openai);
  EXPECT_EQ(openai.requests(), 3);  // no retry, no repair
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'not_analysed' and "
                  "not_analysed_reason = 'refused' and not_analysed_detail like 'I''m sorry%'"),
            1);
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'not_analysed' and "
                  "not_analysed_reason = 'content_filter'"),
            1);
  EXPECT_EQ(Count("select count(*) from insights"), 1);
  EXPECT_EQ(Count("select count(*) from jobs where state = 'dead'"), 0);
  // The refused requests were billed, so they are metered.
  EXPECT_EQ(Count("select count(distinct call_id) from usage_events where provider = 'openai' "
                  "and unit = 'prompt_tokens'"),
            3);
}

TEST_F(AnalyzeStageTest, AnAnswerCutAtItsTokenLimitIsAskedOnceMoreWithALargerLimit) {
  testing::FakeOpenAi openai;
  openai.Script({Behaviour::kLong, Behaviour::kLong});
  Simulate(1, "1804");
  Work(openai);
  EXPECT_EQ(openai.requests(), 2);
  EXPECT_EQ(openai.answered(Behaviour::kLong), 2);
  auto last = boost::json::parse(openai.last_request());
  EXPECT_EQ(last.at("max_completion_tokens"), 6000);
  EXPECT_EQ(Count("select count(*) from insights where flags = '{length_retry}'"), 1);
  // Both answers were billed.
  EXPECT_GT(Count("select sum(quantity)::bigint from usage_events where unit = "
                  "'completion_tokens'"),
            1500 + 3000);
}

TEST_F(AnalyzeStageTest, AnUnusableAnswerGetsOneRepairAndInsufficientQuotaIsNotRetried) {
  testing::FakeOpenAi openai;
  openai.Script({Behaviour::kMalformed, Behaviour::kValid, Behaviour::kInsufficientQuota});
  Simulate(2, "1805");
  Work(openai);
  EXPECT_EQ(openai.requests(), 3);
  EXPECT_EQ(Count("select count(*) from insights where flags = '{repaired}'"), 1);
  EXPECT_EQ(Count("select count(*) from jobs where state = 'dead' and attempts = 1 and "
                  "last_error like '%insufficient_quota%'"),
            1);
}

// Two hours of talk against a model with a 16,000-token window: the middle is left out (with a
// marker) so the request fits; the real API would answer context_length_exceeded otherwise.
TEST_F(AnalyzeStageTest, ATwoHourCallIsFittedToTheModelsWindow) {
  testing::FakeOpenAi openai;
  openai.set_context_tokens(16000);
  Simulate(1, "1806");
  // Transcribe first, then make the call two hours long.
  TranscribeWithoutInsights();
  auto& sql = stack_->sql();
  sql.exec(R"sql(
    insert into transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
    select c.tenant_id, c.id, g, case when g % 2 = 0 then 'agent' else 'customer' end,
           g * 3000, g * 3000 + 2800,
           'Line ' || g || ' about the delivery window, the warranty and the price of the unit.'
      from calls c, generate_series(0, 2399) g)sql");
  RequeueAnalysis();
  Work(openai, {{"OPENAI_CONTEXT_TOKENS", "16000"}});
  EXPECT_EQ(openai.invalid_requests(), 0);
  EXPECT_EQ(openai.requests(), 1);
  EXPECT_LE(openai.max_prompt_tokens_seen() + 1500, 16000);
  EXPECT_EQ(Count("select count(*) from insights where flags = '{trimmed}'"), 1);
  EXPECT_NE(openai.last_request().find("left out to fit the model's context window"),
            std::string::npos);
}

// Voicemail, silence and very short calls are recognised before any paid analysis: no request,
// no insight (so nothing invented and nothing in the conversion or sentiment KPIs), and the
// reason on the call.
TEST_F(AnalyzeStageTest, CallsNotWorthScoringCostNothingAndGetNoInsight) {
  testing::FakeOpenAi openai;
  Simulate(3, "1809");
  TranscribeWithoutInsights();
  auto& sql = stack_->sql();
  sql.exec(R"sql(
    with c as (select tenant_id, id, row_number() over (order by id) n from calls),
    lines (n, seq, speaker, start_ms, end_ms, text) as (values
      (1, 0, 'customer', 0, 8000, 'Hi, you''ve reached Dana. Please leave a message after the beep.'),
      (1, 1, 'agent', 9000, 30000, 'Hi Dana, it''s Sam from Bright Pools about your quote, call me back.'),
      (2, 0, 'agent', 0, 3000, 'Bright Pools, this is Sam.'),
      (2, 1, 'customer', 3500, 8000, 'Sorry, wrong number.'))
    insert into transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
    select c.tenant_id, c.id, l.seq, l.speaker, l.start_ms, l.end_ms, l.text
      from c join lines l on l.n = c.n)sql");
  // The second call's recording is 9 seconds long; the third has no words at all.
  sql.exec(
      "update calls set recording_duration_s = 9 where id = (select id from calls order by "
      "id offset 1 limit 1)");
  RequeueAnalysis();
  Work(openai);
  EXPECT_EQ(openai.requests(), 0);
  EXPECT_EQ(Count("select count(*) from insights"), 0);
  EXPECT_EQ(Count("select count(*) from jobs where state = 'dead'"), 0);
  const auto reasons = sql.exec(
      "select string_agg(not_analysed_reason, ',' order by id) from calls "
      "where pipeline_status = 'not_analysed'");
  EXPECT_EQ(std::string(reasons.get(0, 0)), "voicemail,too_short,silent");
}

TEST_F(AnalyzeStageTest, ATenantOverItsLlmBudgetFallsBackToTheRulesAnalyzer) {
  testing::FakeOpenAi openai;
  Simulate(2, "1807");
  Work(openai);
  EXPECT_EQ(openai.requests(), 2);
  // The demo plan is $499 a month: at an 80% margin, $99.80 may be spent. Spend all but a
  // tenth of a cent of it, and the next calls' worst case does not fit.
  stack_->sql().exec(
      "insert into usage_events (tenant_id, provider, unit, quantity, cost_micros) "
      "select $1, 'twilio', 'call_minutes', 1, 99800000 - 1000 - coalesce(sum(cost_micros), 0) "
      "from usage_events where tenant_id = $1",
      {kTenant});
  Simulate(2, "1808");
  Work(openai);
  EXPECT_EQ(openai.requests(), 2);  // no more requests
  EXPECT_EQ(Count("select count(*) from insights where analyzer = 'rules' and "
                  "flags = '{llm_budget}'"),
            2);
  EXPECT_EQ(Count("select count(*) from insights where analyzer = 'openai:gpt-4o'"), 2);
}

// The model is chosen per plan; the instructions and schema form a prefix the provider caches,
// and cached prompt tokens are metered at the cached rate.
TEST_F(AnalyzeStageTest, PlanModelsChooseTheModelAndCachedTokensCostLess) {
  testing::FakeOpenAi openai;
  Simulate(3, "1809");
  Work(openai, {{"OPENAI_PLAN_MODELS", "starter=gpt-4o,growth=gpt-4o-mini"}});
  EXPECT_EQ(Count("select count(*) from insights where analyzer = 'openai:gpt-4o-mini' and "
                  "model = 'gpt-4o-mini'"),
            3);
  EXPECT_EQ(Count("select count(*) from usage_events where unit = 'prompt_tokens' and "
                  "(meta->>'cached_tokens')::bigint > 0"),
            2);  // every request after the first
  // gpt-4o-mini: $0.15 per 1M prompt tokens, $0.075 cached.
  EXPECT_EQ(Count("select count(*) from usage_events where unit = 'prompt_tokens' and "
                  "meta->>'model' = 'gpt-4o-mini' and cost_micros = round(((quantity - "
                  "(meta->>'cached_tokens')::bigint) * 150000 + (meta->>'cached_tokens')::bigint "
                  "* 75000) / 1e6)"),
            3);
}

}  // namespace
}  // namespace converza::pipeline
