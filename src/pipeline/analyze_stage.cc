#include "pipeline/analyze_stage.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <ctime>

#include "alerts/queue.h"
#include "analysis/confidence.h"
#include "analysis/grounding.h"
#include "analysis/insight.h"
#include "analysis/openai_prompt.h"
#include "analysis/rules_analyzer.h"
#include "analysis/script.h"
#include "analysis/unscorable.h"
#include "pipeline/blocking.h"
#include "pipeline/trackers_stage.h"

namespace converza::pipeline {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr std::string_view kLoadTurns = R"sql(
  select speaker, start_ms, end_ms, text, redactions::text
    from transcripts where tenant_id = $1 and call_id = $2 order by seq)sql";

constexpr std::string_view kLoadRecordingSeconds = R"sql(
  select coalesce(recording_duration_s, duration_s, 0) from calls
   where tenant_id = $1 and id = $2)sql";

constexpr std::string_view kLoadScript = R"sql(
  select items::text, version from scripts where tenant_id = $1 order by version desc limit 1)sql";

constexpr std::string_view kLoadPlan = R"sql(
  select plan, plan_price_cents from tenants where id = $1)sql";

// The tenant's provider spend this UTC month (USD micros), for the LLM budget.
constexpr std::string_view kMonthSpend = R"sql(
  select coalesce(sum(cost_micros), 0) from usage_events
   where tenant_id = $1
     and at >= (date_trunc('month', now() at time zone 'UTC') at time zone 'UTC'))sql";

// The insight arrives as the analyzer's JSON (analysis::InsightToJson); SQL unpacks it.
// Re-analysing a call never discards a manager's override: the trigger on insights
// (db/functions/private.apply_insight_overrides.sql) stores these values as the analyzer's
// (insights.ai_values) and writes the latest override of each field over them again.
constexpr std::string_view kStoreInsight = R"sql(
  with j as (select $3::jsonb as j),
  i as (
    insert into insights (tenant_id, call_id, sentiment_score, sentiment_label, converted,
                          converted_evidence, converted_at_ms, upsell_cents, currency,
                          upsell_items, script, script_met, script_total, talk, ai_score,
                          summary, coaching, analyzer, model, prompt_version, review, flags,
                          confidence, objection, script_version, analyzed_at)
    select $1, $2, (j->'sentiment'->>'score')::real, j->'sentiment'->>'label',
           (j->>'converted')::bool, nullif(j->>'converted_evidence', ''),
           nullif((j->>'converted_at_ms')::int, -1), (j->>'upsell_cents')::bigint, j->>'currency',
           j->'upsell_items',
           coalesce((select jsonb_object_agg(e.key, jsonb_build_object(
                       'met', e.value, 'evidence', j->'script_evidence'->>e.key,
                       'at_ms', (j->'script_at_ms'->>e.key)::int))
                       from jsonb_each(j->'script') e), '{}'::jsonb),
           (select count(*) from jsonb_each(j->'script') e where e.value = 'true'::jsonb),
           (select count(*) from jsonb_each(j->'script')),
           j->'talk', (j->>'ai_score')::int, j->>'summary', j->'coaching', j->>'analyzer',
           nullif($4, ''), nullif(j->>'prompt_version', ''), j->'review',
           array(select jsonb_array_elements_text(j->'flags')), coalesce(j->'confidence', '{}'),
           nullif(j->'objection', 'null'::jsonb), nullif($5, '')::int, now()
      from j
    on conflict (tenant_id, call_id) do update set
      sentiment_score = excluded.sentiment_score, sentiment_label = excluded.sentiment_label,
      converted = excluded.converted, converted_evidence = excluded.converted_evidence,
      converted_at_ms = excluded.converted_at_ms, upsell_cents = excluded.upsell_cents,
      currency = excluded.currency, upsell_items = excluded.upsell_items,
      script = excluded.script, script_met = excluded.script_met,
      script_total = excluded.script_total, talk = excluded.talk, ai_score = excluded.ai_score,
      summary = excluded.summary, coaching = excluded.coaching, analyzer = excluded.analyzer,
      model = excluded.model, prompt_version = excluded.prompt_version,
      review = excluded.review, flags = excluded.flags, confidence = excluded.confidence,
      objection = excluded.objection, script_version = excluded.script_version,
      analyzed_at = excluded.analyzed_at
    returning ai_score, upsell_cents, sentiment_score, sentiment_label, converted, script_total,
              script_met, objection),
  -- The calls list's copies are set here, with "done", so the call's row is written once; the
  -- trigger on insights (private.copy_insight_to_call) then finds them equal and writes nothing.
  -- `i` returns the row as stored, a manager's overrides applied.
  c as (
    update calls set pipeline_status = 'done', not_analysed_reason = null,
                     not_analysed_detail = null, updated_at = now(),
                     insight_ai_score = i.ai_score, insight_upsell_cents = i.upsell_cents,
                     insight_sentiment_score = i.sentiment_score,
                     insight_sentiment_label = i.sentiment_label,
                     insight_converted = i.converted,
                     insight_low_performer = private.insight_low_performer(
                       i.script_total, i.script_met, i.sentiment_label, i.converted, i.objection)
      from i
     where tenant_id = $1 and id = $2
    returning (started_at at time zone 'UTC')::date as day)
  select day from c)sql";

// The day's rollup is refreshed by the worker's rollup pass (see worker.h), not here. A mark is a
// plain insert, never waiting on a refresh under way (migration 20261216100200).
constexpr std::string_view kMarkDay = R"sql(
  insert into private.kpi_dirty (tenant_id, day) values ($1, $2::date))sql";

// A call deliberately left without an insight: not worth scoring (analysis/unscorable.h), or the
// model refused, or the content filter blocked its answer.
constexpr std::string_view kNotAnalysed = R"sql(
  with gone as (delete from insights where tenant_id = $1 and call_id = $2)
  update calls set pipeline_status = 'not_analysed', not_analysed_reason = $3,
                   not_analysed_detail = nullif($4, ''), updated_at = now()
   where tenant_id = $1 and id = $2
  returning (started_at at time zone 'UTC')::date as day)sql";

// Cached prompt tokens are part of prompt_tokens, billed at the cached rate (meta.cached_tokens).
// Dated with the call they analysed (as its Twilio minutes are, see transcribe_stage.cc), so a
// call's whole cost falls on its day and in its month whenever its analysis ran.
constexpr std::string_view kMeterTokens = R"sql(
  insert into usage_events (tenant_id, at, provider, unit, quantity, cost_micros, call_id, meta)
  select $1, coalesce((select least(started_at, now()) from calls
                        where tenant_id = $1 and id = $2), now()), v.*
    from (values ('openai', 'prompt_tokens', $3::numeric, $5::bigint, $2::uuid,
                  jsonb_build_object('model', $7::text, 'cached_tokens', $8::bigint)),
                 ('openai', 'completion_tokens', $4::numeric, $6::bigint, $2::uuid,
                  jsonb_build_object('model', $7::text))) v)sql";

}  // namespace

struct AnalyzeStage::Spend {
  std::chrono::steady_clock::time_point read_at{};
  long long micros = 0;  // the month's spend when read, plus what this process added since
  int month = -1;        // months since 1970 of `read_at`
};

AnalyzeStage::AnalyzeStage(StageContext ctx, OpenAiOptions openai, const Prices& prices,
                           InsightReady insight_ready)
    : ctx_(ctx),
      openai_(std::move(openai)),
      prices_(prices),
      insight_ready_(std::move(insight_ready)) {
  if (!openai_.api_key.empty()) limiter_ = std::make_unique<RateLimiter>(openai_.rpm, openai_.tpm);
}

namespace {
int MonthNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return (tm.tm_year + 1900 - 1970) * 12 + tm.tm_mon;
}
}  // namespace

bool AnalyzeStage::WithinBudget(const std::string& tenant_id, long long revenue_cents,
                                long long estimate_micros) {
  const long long budget =
      std::llround(static_cast<double>(revenue_cents) * 10000.0 * (1.0 - openai_.target_margin));
  if (estimate_micros > budget) return false;
  std::shared_ptr<Spend> spend;
  {
    std::lock_guard lock(spend_mu_);
    auto& slot = spend_[tenant_id];
    if (!slot) slot = std::make_shared<Spend>();
    spend = slot;
  }
  const auto now = std::chrono::steady_clock::now();
  const int month = MonthNow();
  bool stale;
  {
    std::lock_guard lock(spend_mu_);
    stale = spend->month != month || now - spend->read_at > std::chrono::seconds(10);
  }
  if (stale) {
    auto c = ctx_.pool.acquire();
    long long micros = c->exec(kMonthSpend, {tenant_id}).get_int(0, 0);
    std::lock_guard lock(spend_mu_);
    spend->micros = micros;
    spend->read_at = now;
    spend->month = month;
  }
  std::lock_guard lock(spend_mu_);
  return spend->micros + estimate_micros <= budget;
}

void AnalyzeStage::AddSpend(const std::string& tenant_id, long long micros) {
  std::lock_guard lock(spend_mu_);
  auto it = spend_.find(tenant_id);
  if (it != spend_.end()) it->second->micros += micros;
}

asio::awaitable<Outcome> AnalyzeStage::Run(const Job& job) {
  struct Input {
    std::vector<analysis::Turn> turns;
    std::vector<analysis::ScriptItem> script;
    std::string script_version;  // "" = the built-in default checklist
    std::vector<analysis::TrackerDefinition> trackers;
    std::string plan;
    long long revenue_cents = 0;
    int recording_s = 0;
  };
  Input in = co_await Blocking(ctx_.blocking, [&] {
    Input input;
    auto c = ctx_.pool.acquire();
    auto rows = c->exec(kLoadTurns, {job.tenant_id, job.call_id});
    for (int i = 0; i < rows.size(); ++i) {
      analysis::Turn t;
      t.speaker =
          rows.get(i, 0) == "agent" ? analysis::Speaker::kAgent : analysis::Speaker::kCustomer;
      t.start_ms = static_cast<int>(rows.get_int(i, 1));
      t.end_ms = static_cast<int>(rows.get_int(i, 2));
      t.text = rows.get(i, 3);
      boost::system::error_code ec;
      auto red = json::parse(rows.get(i, 4), ec);
      if (!ec && red.is_array()) {
        for (const auto& r : red.as_array()) {
          if (!r.is_object()) continue;
          const auto& o = r.as_object();
          analysis::Redaction x;
          if (auto k = o.if_contains("kind"); k && k->is_string()) x.kind = k->as_string();
          if (auto s = o.if_contains("start"); s && s->is_int64()) x.start = s->as_int64();
          if (auto e = o.if_contains("end"); e && e->is_int64()) x.end = e->as_int64();
          t.redactions.push_back(std::move(x));
        }
      }
      input.turns.push_back(std::move(t));
    }
    auto seconds = c->exec(kLoadRecordingSeconds, {job.tenant_id, job.call_id});
    if (!seconds.empty()) input.recording_s = static_cast<int>(seconds.get_int(0, 0));
    auto script = c->exec(kLoadScript, {job.tenant_id});
    if (!script.empty()) input.script = analysis::ScriptFromJson(script.get(0, 0));
    if (input.script.empty()) {
      input.script = analysis::DefaultScript();
    } else {
      input.script_version = std::string(script.get(0, 1));
    }
    input.trackers = LoadTrackers(*c, job.tenant_id);
    auto plan = c->exec(kLoadPlan, {job.tenant_id});
    if (!plan.empty()) {
      input.plan = plan.get(0, 0);
      input.revenue_cents = plan.get_int(0, 1);
    }
    return input;
  });
  analysis::Insight insight;
  std::string model;
  long prompt_tokens = 0, cached_tokens = 0, completion_tokens = 0;
  std::optional<std::pair<std::string, std::string>> not_analysed;  // reason, detail
  // Voicemail, silence and very short calls get no insight at all, and no paid analysis.
  if (auto reason = analysis::UnscorableReason(in.turns, in.recording_s)) {
    not_analysed.emplace(std::string(*reason), "");
  }
  bool use_llm = !not_analysed && !openai_.api_key.empty();
  LlmRequest request;
  if (use_llm) {
    auto pm = openai_.plan_models.find(in.plan);
    model = pm != openai_.plan_models.end() ? pm->second : openai_.model;
    request = PrepareLlmRequest(openai_, model, in.turns, in.script);
    const long long worst = prices_.OpenAiMicros(model, request.body.estimated_prompt_tokens,
                                                 openai_.max_completion_tokens);
    use_llm = co_await Blocking(
        ctx_.blocking, [&] { return WithinBudget(job.tenant_id, in.revenue_cents, worst); });
    if (!use_llm) model.clear();
  }
  if (!use_llm && !not_analysed) {
    insight = co_await Blocking(ctx_.blocking,
                                [&] { return analysis::AnalyzeWithRules(in.turns, in.script); });
    if (!openai_.api_key.empty()) insight.flags.push_back("llm_budget");
  } else if (use_llm) {
    LlmAnswer answer =
        co_await AskOpenAi(openai_, *limiter_, model, std::move(request), in.turns, in.script);
    if (!answer.error.ok()) {
      co_return answer.retryable ? Outcome::Retry(answer.error.message(), answer.retry_after)
                                 : Outcome::Permanent(answer.error.message());
    }
    prompt_tokens = answer.prompt_tokens;
    cached_tokens = answer.cached_tokens;
    completion_tokens = answer.completion_tokens;
    not_analysed = std::move(answer.not_analysed);
    if (answer.insight) insight = std::move(*answer.insight);
  }

  // Whichever analyzer answered, a finding whose quote or amount is not in the call is not
  // shown as fact (analysis/grounding.h).
  if (!not_analysed) {
    analysis::GroundInsight(in.turns, insight);
    analysis::AssessConfidence(in.turns, insight);
  }
  // Trackers are spotted in every analysed call; a call without an insight keeps no hits.
  std::vector<analysis::TrackerHit> hits;
  if (!not_analysed && !in.trackers.empty()) {
    hits = co_await Blocking(ctx_.blocking,
                             [&] { return analysis::TrackerMatcher(in.trackers).Match(in.turns); });
  }

  std::vector<db::Param> meter;
  if (prompt_tokens + completion_tokens > 0) {
    const long long prompt_cost = prices_.OpenAiMicros(model, prompt_tokens, 0, cached_tokens);
    const long long completion_cost = prices_.OpenAiMicros(model, 0, completion_tokens);
    AddSpend(job.tenant_id, prompt_cost + completion_cost);
    meter = {job.tenant_id,
             job.call_id,
             std::to_string(prompt_tokens),
             std::to_string(completion_tokens),
             std::to_string(prompt_cost),
             std::to_string(completion_cost),
             model,
             std::to_string(cached_tokens)};
  }
  // One write either way: the insight (or why there is none) with the call's tracker hits, the
  // day's rollup marked stale, the tokens metered; the dashboards are told once it committed.
  std::string_view sql = not_analysed ? kNotAnalysed : kStoreInsight;
  std::vector<db::Param> row =
      not_analysed
          ? std::vector<db::Param>{job.tenant_id, job.call_id, not_analysed->first,
                                   not_analysed->second}
          : std::vector<db::Param>{job.tenant_id, job.call_id, analysis::InsightToJson(insight),
                                   model, in.script_version};
  std::function<void()> told;
  if (insight_ready_) {
    told = [this, tenant = job.tenant_id, call = job.call_id] { insight_ready_(tenant, call); };
  }
  co_return Outcome::Done(
      [sql, row = std::move(row), meter = std::move(meter), hits = std::move(hits),
       analysed = !not_analysed, tenant = job.tenant_id, call = job.call_id](db::Transaction& tx) {
        auto day = tx.exec(sql, row);
        StoreTrackerHits(tx, tenant, call, hits);
        if (analysed) alerts::QueueAlerts(tx, tenant, call);
        if (!day.empty()) tx.exec(kMarkDay, {tenant, std::string(day.get(0, 0))});
        if (!meter.empty()) tx.exec(kMeterTokens, meter);
      },
      std::move(told));
}

}  // namespace converza::pipeline
