#include "pipeline/analyze_stage.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <ctime>

#include "analysis/grounding.h"
#include "analysis/insight.h"
#include "analysis/openai_prompt.h"
#include "analysis/rules_analyzer.h"
#include "analysis/script.h"
#include "analysis/talk_metrics.h"
#include "http/client_async.h"
#include "pipeline/blocking.h"

namespace converza::pipeline {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr std::string_view kLoadTurns = R"sql(
  select speaker, start_ms, end_ms, text, redactions::text
    from transcripts where tenant_id = $1 and call_id = $2 order by seq)sql";

constexpr std::string_view kLoadScript = R"sql(
  select items::text from scripts where tenant_id = $1 order by version desc limit 1)sql";

constexpr std::string_view kLoadPlan = R"sql(
  select plan, plan_price_cents from tenants where id = $1)sql";

// The tenant's provider spend this UTC month (USD micros), for the LLM budget.
constexpr std::string_view kMonthSpend = R"sql(
  select coalesce(sum(cost_micros), 0) from usage_events
   where tenant_id = $1
     and at >= (date_trunc('month', now() at time zone 'UTC') at time zone 'UTC'))sql";

// The insight arrives as the analyzer's JSON (analysis::InsightToJson); SQL unpacks it.
constexpr std::string_view kStoreInsight = R"sql(
  with j as (select $3::jsonb as j),
  i as (
    insert into insights (tenant_id, call_id, sentiment_score, sentiment_label, converted,
                          converted_evidence, converted_at_ms, upsell_cents, currency,
                          upsell_items, script, script_met, script_total, talk, ai_score,
                          summary, coaching, analyzer, model, prompt_version, review, flags)
    select $1, $2, (j->'sentiment'->>'score')::real, j->'sentiment'->>'label',
           (j->>'converted')::bool, nullif(j->>'converted_evidence', ''),
           nullif((j->>'converted_at_ms')::int, -1), (j->>'upsell_cents')::bigint, j->>'currency',
           j->'upsell_items',
           coalesce((select jsonb_object_agg(e.key, jsonb_build_object(
                       'met', e.value, 'evidence', j->'script_evidence'->>e.key))
                       from jsonb_each(j->'script') e), '{}'::jsonb),
           (select count(*) from jsonb_each(j->'script') e where e.value = 'true'::jsonb),
           (select count(*) from jsonb_each(j->'script')),
           j->'talk', (j->>'ai_score')::int, j->>'summary', j->'coaching', j->>'analyzer',
           nullif($4, ''), nullif(j->>'prompt_version', ''), j->'review',
           array(select jsonb_array_elements_text(j->'flags'))
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
      review = excluded.review, flags = excluded.flags),
  c as (
    update calls set pipeline_status = 'done', not_analysed_reason = null,
                     not_analysed_detail = null, updated_at = now()
     where tenant_id = $1 and id = $2
    returning (started_at at time zone 'UTC')::date as day)
  select day from c)sql";

// The day's rollup is refreshed by the worker's rollup pass (see worker.h), not here.
constexpr std::string_view kMarkDayAndNotify = R"sql(
  with d as (
    insert into private.kpi_dirty (tenant_id, day) values ($1, $2::date)
    on conflict do nothing)
  select pg_notify($3, json_build_object('type', 'insight.ready', 'call_id', $4::text)::text))sql";

// A call deliberately left without an insight (the model refused, or the content filter).
constexpr std::string_view kNotAnalysed = R"sql(
  with gone as (delete from insights where tenant_id = $1 and call_id = $2)
  update calls set pipeline_status = 'not_analysed', not_analysed_reason = $3,
                   not_analysed_detail = nullif($4, ''), updated_at = now()
   where tenant_id = $1 and id = $2
  returning (started_at at time zone 'UTC')::date as day)sql";

// Cached prompt tokens are part of prompt_tokens, billed at the cached rate (meta.cached_tokens).
constexpr std::string_view kMeterTokens = R"sql(
  insert into usage_events (tenant_id, provider, unit, quantity, cost_micros, call_id, meta)
  values ($1, 'openai', 'prompt_tokens', $3::numeric, $5::bigint, $2,
          jsonb_build_object('model', $7::text, 'cached_tokens', $8::bigint)),
         ($1, 'openai', 'completion_tokens', $4::numeric, $6::bigint, $2,
          jsonb_build_object('model', $7::text)))sql";

// OpenAI's view of the account's budgets (x-ratelimit-remaining-*, x-ratelimit-reset-*; see
// api_contracts.md §6.3) lowers the worker's own limiter.
void ObserveRateLimits(const http::ClientResponse& r, RateLimiter& limiter) {
  auto number = [&](std::string_view name) -> std::optional<double> {
    std::string_view v = r.header(name);
    if (v.empty()) return std::nullopt;
    char* end = nullptr;
    const std::string text(v);
    double d = std::strtod(text.c_str(), &end);
    return end != text.c_str() && *end == '\0' && d >= 0 ? std::optional<double>(d) : std::nullopt;
  };
  limiter.Observe(number("x-ratelimit-remaining-requests"),
                  ParseResetDuration(r.header("x-ratelimit-reset-requests")),
                  number("x-ratelimit-remaining-tokens"),
                  ParseResetDuration(r.header("x-ratelimit-reset-tokens")));
}

std::vector<analysis::ScriptItem> ParseScript(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  std::vector<analysis::ScriptItem> out;
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    auto str = [&](const char* k) {
      auto it = o.find(k);
      return (it != o.end() && it->value().is_string()) ? std::string(it->value().as_string()) : "";
    };
    if (!str("key").empty()) out.push_back({str("key"), str("label"), str("description")});
  }
  return out;
}

}  // namespace

long ContextTokens(const std::string& model) {
  (void)model;  // every model we price (gpt-4o, gpt-4o-mini and their snapshots) has 128k
  return 128000;
}

std::string TenantChannel(const std::string& tenant_id) { return "converza_tenant_" + tenant_id; }

struct AnalyzeStage::Spend {
  std::chrono::steady_clock::time_point read_at{};
  long long micros = 0;  // the month's spend when read, plus what this process added since
  int month = -1;        // months since 1970 of `read_at`
};

AnalyzeStage::AnalyzeStage(StageContext ctx, OpenAiOptions openai, const Prices& prices)
    : ctx_(ctx), openai_(std::move(openai)), prices_(prices) {
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
    std::string plan;
    long long revenue_cents = 0;
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
    auto script = c->exec(kLoadScript, {job.tenant_id});
    if (!script.empty()) input.script = ParseScript(script.get(0, 0));
    if (input.script.empty()) input.script = analysis::DefaultScript();
    auto plan = c->exec(kLoadPlan, {job.tenant_id});
    if (!plan.empty()) {
      input.plan = plan.get(0, 0);
      input.revenue_cents = plan.get_int(0, 1);
    }
    return input;
  });
  if (in.turns.empty()) co_return Outcome::Permanent("call has no transcript");
  int duration_ms = 0;
  for (const auto& t : in.turns) duration_ms = std::max(duration_ms, t.end_ms);

  analysis::Insight insight;
  std::string model;
  long prompt_tokens = 0, cached_tokens = 0, completion_tokens = 0;
  std::optional<std::pair<std::string, std::string>> not_analysed;  // reason, detail
  bool use_llm = !openai_.api_key.empty();
  analysis::ChatRequestOptions request;
  analysis::ChatRequest body;
  if (use_llm) {
    auto pm = openai_.plan_models.find(in.plan);
    model = pm != openai_.plan_models.end() ? pm->second : openai_.model;
    request.model = model;
    request.max_completion_tokens = openai_.max_completion_tokens;
    // Room for the largest answer we may ask for (a length retry), inside the model's window.
    const long window = openai_.context_tokens > 0 ? openai_.context_tokens : ContextTokens(model);
    request.max_prompt_tokens =
        std::min(openai_.max_prompt_tokens, window - 4L * openai_.max_completion_tokens);
    body = analysis::BuildChatCompletionRequest(in.turns, in.script, request);
    const long long worst =
        prices_.OpenAiMicros(model, body.estimated_prompt_tokens, openai_.max_completion_tokens);
    use_llm = co_await Blocking(
        ctx_.blocking, [&] { return WithinBudget(job.tenant_id, in.revenue_cents, worst); });
    if (!use_llm) model.clear();
  }
  if (!use_llm) {
    insight = co_await Blocking(ctx_.blocking,
                                [&] { return analysis::AnalyzeWithRules(in.turns, in.script); });
    if (!openai_.api_key.empty()) insight.flags.push_back("llm_budget");
  } else {
    std::vector<std::string> flags;
    if (body.trimmed) flags.push_back("trimmed");
    std::optional<analysis::CompletionResult> parsed;
    bool repaired = false, lengthened = false;
    while (!parsed && !not_analysed) {
      co_await limiter_->Acquire(static_cast<double>(body.estimated_prompt_tokens) +
                                 request.max_completion_tokens);
      http::ClientRequest req;
      req.method = "POST";
      req.url = openai_.base_url + "/chat/completions";
      req.timeout = openai_.timeout;
      req.headers = {{"Authorization", "Bearer " + openai_.api_key},
                     {"Content-Type", "application/json"}};
      req.body = body.body;
      auto r = co_await http::AsyncFetch(std::move(req));
      if (!r.ok()) co_return Outcome::Retry("OpenAI unreachable: " + r.status().message());
      ObserveRateLimits(*r, *limiter_);
      // insufficient_quota is a billing state, not a rate limit: retrying only burns attempts.
      if (r->status == 429 && r->body.find("\"insufficient_quota\"") != std::string::npos) {
        co_return Outcome::Permanent("OpenAI HTTP 429 insufficient_quota: " +
                                     r->body.substr(0, 300));
      }
      if (r->status == 429 || r->status >= 500) {
        co_return Outcome::Retry("OpenAI HTTP " + std::to_string(r->status), r->retry_after());
      }
      if (r->status != 200) {
        co_return Outcome::Permanent("OpenAI HTTP " + std::to_string(r->status) + ": " +
                                     r->body.substr(0, 300));
      }
      analysis::CompletionResult usage;
      auto result = analysis::ParseChatCompletion(r->body, in.script, duration_ms, &usage);
      prompt_tokens += usage.prompt_tokens;
      cached_tokens += usage.cached_tokens;
      completion_tokens += usage.completion_tokens;
      const auto code = result.ok() ? Status::Code::kOk : result.status().code();
      if (result.ok()) {
        parsed = std::move(*result);
      } else if (code == Status::Code::kPermissionDenied) {
        not_analysed.emplace(usage.finish_reason == "content_filter" ? "content_filter" : "refused",
                             usage.refusal.substr(0, 500));
      } else if (code == Status::Code::kOutOfRange && !lengthened) {
        lengthened = true;
        flags.push_back("length_retry");
        request.max_completion_tokens *= 4;
        body = analysis::BuildChatCompletionRequest(in.turns, in.script, request);
      } else if (code == Status::Code::kInvalidArgument && !repaired) {
        repaired = true;
        flags.push_back("repaired");
        body = analysis::BuildRepairRequest(in.turns, in.script, request, usage.content,
                                            result.status().message());
      } else {
        co_return Outcome::Permanent("unusable model output: " + result.status().message());
      }
    }
    if (parsed) {
      insight = std::move(parsed->insight);
      // Timings are measured, not guessed by the model.
      insight.talk = analysis::ComputeTalkMetrics(in.turns);
      insight.analyzer = "openai:" + model;
      insight.prompt_version = analysis::kPromptVersion;
      insight.flags = std::move(flags);
    }
  }

  // Whichever analyzer answered, a finding whose quote or amount is not in the call is not
  // shown as fact (analysis/grounding.h).
  if (!not_analysed) analysis::GroundInsight(in.turns, insight);

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
  // One write either way: the insight (or why there is none), the day's rollup marked stale and
  // the dashboards told, the tokens metered.
  std::string_view sql = not_analysed ? kNotAnalysed : kStoreInsight;
  std::vector<db::Param> row =
      not_analysed ? std::vector<db::Param>{job.tenant_id, job.call_id, not_analysed->first,
                                            not_analysed->second}
                   : std::vector<db::Param>{job.tenant_id, job.call_id,
                                            analysis::InsightToJson(insight), model};
  co_return Outcome::Done(
      [sql, row = std::move(row), meter = std::move(meter)](db::Transaction& tx) {
        auto day = tx.exec(sql, row);
        if (!day.empty()) {
          tx.exec(kMarkDayAndNotify,
                  {row[0], std::string(day.get(0, 0)), TenantChannel(*row[0]), row[1]});
        }
        if (!meter.empty()) tx.exec(kMeterTokens, meter);
      });
}

}  // namespace converza::pipeline
