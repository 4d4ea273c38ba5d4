#include "pipeline/analyze_stage.h"

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
#include "pipeline/call_turns.h"
#include "pipeline/trackers_stage.h"

namespace converza::pipeline {

namespace asio = boost::asio;

namespace {

// The rest of what the analysis needs, in one round trip: the recording's length (voicemail and
// silence checks), the tenant's latest script (none: the default checklist), its plan (the LLM
// model and budget).
constexpr std::string_view kLoadContext = R"sql(
  select (select coalesce(recording_duration_s, duration_s, 0) from calls
           where tenant_id = $1 and id = $2),
         s.items::text, s.version, t.plan, t.plan_price_cents
    from tenants t
    left join lateral (select items, version from scripts where tenant_id = t.id
                        order by version desc limit 1) s on true
   where t.id = $1)sql";

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
  -- The day's rollup is refreshed by the worker's rollup pass (see worker.h), not here: its mark
  -- is a plain insert, never waiting on a refresh under way (migration 20261216100200).
  insert into private.kpi_dirty (tenant_id, day) select $1, day from c where day is not null)sql";

// A call deliberately left without an insight: not worth scoring (analysis/unscorable.h), or the
// model refused, or the content filter blocked its answer.
constexpr std::string_view kNotAnalysed = R"sql(
  with gone as (delete from insights where tenant_id = $1 and call_id = $2),
  c as (
    update calls set pipeline_status = 'not_analysed', not_analysed_reason = $3,
                     not_analysed_detail = nullif($4, ''), updated_at = now()
     where tenant_id = $1 and id = $2
    returning (started_at at time zone 'UTC')::date as day)
  insert into private.kpi_dirty (tenant_id, day) select $1, day from c where day is not null)sql";

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

namespace {

// What a call's analysis reads from the database.
struct Input {
  std::vector<analysis::Turn> turns;
  std::vector<analysis::ScriptItem> script;
  std::string script_version;  // "" = the built-in default checklist
  std::vector<analysis::TrackerDefinition> trackers;
  std::string plan;
  long long revenue_cents = 0;
  int recording_s = 0;
};

Input LoadInput(db::Connection& c, const Job& job) {
  Input input;
  input.turns = LoadTurns(c, job.tenant_id, job.call_id);
  auto context = c.exec(kLoadContext, {job.tenant_id, job.call_id});
  if (!context.empty()) {
    input.recording_s = static_cast<int>(context.get_int(0, 0));
    if (!context.is_null(0, 1)) input.script = analysis::ScriptFromJson(context.get(0, 1));
    if (!input.script.empty()) input.script_version = std::string(context.get(0, 2));
    input.plan = context.get(0, 3);
    input.revenue_cents = context.get_int(0, 4);
  }
  if (input.script.empty()) input.script = analysis::DefaultScript();
  input.trackers = LoadTrackers(c, job.tenant_id);
  return input;
}

// An insight made ready to store, whichever analyzer answered: a finding whose quote or amount is
// not in the call is not shown as fact (analysis/grounding.h), each field gets its confidence,
// and the tenant's trackers are spotted in the call.
struct Analysed {
  analysis::Insight insight;
  std::vector<analysis::TrackerHit> hits;
};

Analysed Finish(const Input& in, analysis::Insight insight) {
  analysis::GroundInsight(in.turns, insight);
  analysis::AssessConfidence(in.turns, insight);
  Analysed out{std::move(insight), {}};
  if (!in.trackers.empty()) out.hits = analysis::TrackerMatcher(in.trackers).Match(in.turns);
  return out;
}

// The rules analyzer's insight, made ready like any other (budget_spent: an LLM is configured
// but this call would exceed the tenant's budget, so the insight says so).
Analysed ByRules(const Input& in, bool budget_spent) {
  analysis::Insight insight = analysis::AnalyzeWithRules(in.turns, in.script);
  if (budget_spent) insight.flags.push_back("llm_budget");
  return Finish(in, std::move(insight));
}

}  // namespace

asio::awaitable<Outcome> AnalyzeStage::Run(const Job& job) {
  const bool llm_configured = !openai_.api_key.empty();
  // Voicemail, silence and very short calls get no insight at all, and no paid analysis. Without
  // an LLM the rules analyzer answers at once: reading and analysing take one trip to the pool.
  struct Loaded {
    Input input;
    std::optional<std::string_view> unscorable;
    std::optional<Analysed> by_rules;
  };
  Loaded loaded = co_await Blocking(ctx_.blocking, [&] {
    Loaded l;
    l.input = LoadInput(*ctx_.pool.acquire(), job);
    l.unscorable = analysis::UnscorableReason(l.input.turns, l.input.recording_s);
    if (!l.unscorable && !llm_configured) l.by_rules = ByRules(l.input, false);
    return l;
  });
  const Input& in = loaded.input;
  std::optional<Analysed> analysed = std::move(loaded.by_rules);
  std::string model;
  long prompt_tokens = 0, cached_tokens = 0, completion_tokens = 0;
  std::optional<std::pair<std::string, std::string>> not_analysed;  // reason, detail
  if (loaded.unscorable) {
    not_analysed.emplace(std::string(*loaded.unscorable), "");
  } else if (!analysed) {
    auto pm = openai_.plan_models.find(in.plan);
    model = pm != openai_.plan_models.end() ? pm->second : openai_.model;
    LlmRequest request = PrepareLlmRequest(openai_, model, in.turns, in.script);
    const long long worst = prices_.OpenAiMicros(model, request.body.estimated_prompt_tokens,
                                                 openai_.max_completion_tokens);
    const bool within = co_await Blocking(
        ctx_.blocking, [&] { return WithinBudget(job.tenant_id, in.revenue_cents, worst); });
    if (!within) {
      model.clear();
      analysed = co_await Blocking(ctx_.blocking, [&] { return ByRules(in, true); });
    } else {
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
      if (!not_analysed) {
        analysed = co_await Blocking(ctx_.blocking, [&] {
          return Finish(in, answer.insight ? std::move(*answer.insight) : analysis::Insight{});
        });
      }
    }
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
      not_analysed ? std::vector<db::Param>{job.tenant_id, job.call_id, not_analysed->first,
                                            not_analysed->second}
                   : std::vector<db::Param>{job.tenant_id, job.call_id,
                                            analysis::InsightToJson(analysed->insight), model,
                                            in.script_version};
  std::vector<analysis::TrackerHit> hits;
  if (analysed && !not_analysed) hits = std::move(analysed->hits);
  std::function<void()> told;
  if (insight_ready_) {
    told = [this, tenant = job.tenant_id, call = job.call_id] { insight_ready_(tenant, call); };
  }
  co_return Outcome::Done(
      [sql, row = std::move(row), meter = std::move(meter), hits = std::move(hits),
       stored = !not_analysed, tenant = job.tenant_id, call = job.call_id](db::Transaction& tx) {
        tx.exec(sql, row);
        StoreTrackerHits(tx, tenant, call, hits);
        if (stored) alerts::QueueAlerts(tx, tenant, call);
        if (!meter.empty()) tx.exec(kMeterTokens, meter);
      },
      std::move(told));
}

}  // namespace converza::pipeline
