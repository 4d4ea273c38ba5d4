#include "pipeline/analyze_stage.h"

#include <boost/json.hpp>
#include <charconv>

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

// The insight arrives as the analyzer's JSON (analysis::InsightToJson); SQL unpacks it.
constexpr std::string_view kStoreInsight = R"sql(
  with j as (select $3::jsonb as j),
  i as (
    insert into insights (tenant_id, call_id, sentiment_score, sentiment_label, converted,
                          converted_evidence, converted_at_ms, upsell_cents, currency,
                          upsell_items, script, script_met, script_total, talk, ai_score,
                          summary, coaching, analyzer, model, prompt_version)
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
           nullif($4, ''), nullif(j->>'prompt_version', '')
      from j
    on conflict (tenant_id, call_id) do update set
      sentiment_score = excluded.sentiment_score, sentiment_label = excluded.sentiment_label,
      converted = excluded.converted, converted_evidence = excluded.converted_evidence,
      converted_at_ms = excluded.converted_at_ms, upsell_cents = excluded.upsell_cents,
      currency = excluded.currency, upsell_items = excluded.upsell_items,
      script = excluded.script, script_met = excluded.script_met,
      script_total = excluded.script_total, talk = excluded.talk, ai_score = excluded.ai_score,
      summary = excluded.summary, coaching = excluded.coaching, analyzer = excluded.analyzer,
      model = excluded.model, prompt_version = excluded.prompt_version),
  c as (
    update calls set pipeline_status = 'done', updated_at = now()
     where tenant_id = $1 and id = $2
    returning (started_at at time zone 'UTC')::date as day)
  select day from c)sql";

// The day's rollup is refreshed by the worker's rollup pass (see worker.h), not here.
constexpr std::string_view kMarkDayAndNotify = R"sql(
  with d as (
    insert into private.kpi_dirty (tenant_id, day) values ($1, $2::date)
    on conflict do nothing)
  select pg_notify($3, json_build_object('type', 'insight.ready', 'call_id', $4::text)::text))sql";

constexpr std::string_view kMeterTokens = R"sql(
  insert into usage_events (tenant_id, provider, unit, quantity, cost_micros, call_id, meta)
  values ($1, 'openai', 'prompt_tokens', $3::numeric, $5::bigint, $2, jsonb_build_object('model', $7::text)),
         ($1, 'openai', 'completion_tokens', $4::numeric, $6::bigint, $2, jsonb_build_object('model', $7::text)))sql";

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

std::string TenantChannel(const std::string& tenant_id) { return "converza_tenant_" + tenant_id; }

AnalyzeStage::AnalyzeStage(StageContext ctx, OpenAiOptions openai, const Prices& prices)
    : ctx_(ctx), openai_(std::move(openai)), prices_(prices) {
  if (!openai_.api_key.empty()) limiter_ = std::make_unique<RateLimiter>(openai_.rpm, openai_.tpm);
}

asio::awaitable<Outcome> AnalyzeStage::Run(const Job& job) {
  struct Input {
    std::vector<analysis::Turn> turns;
    std::vector<analysis::ScriptItem> script;
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
    return input;
  });
  if (in.turns.empty()) co_return Outcome::Permanent("call has no transcript");

  analysis::Insight insight;
  std::string model;
  long prompt_tokens = 0, completion_tokens = 0;
  if (openai_.api_key.empty()) {
    insight = co_await Blocking(ctx_.blocking,
                                [&] { return analysis::AnalyzeWithRules(in.turns, in.script); });
  } else {
    model = openai_.model;
    std::string body = analysis::BuildChatCompletionRequest(in.turns, in.script, model);
    std::optional<analysis::CompletionResult> parsed;
    for (int attempt = 0; attempt < 2 && !parsed; ++attempt) {
      co_await limiter_->Acquire(static_cast<double>(body.size()) / 4 + 1500);
      http::ClientRequest req;
      req.method = "POST";
      req.url = openai_.base_url + "/chat/completions";
      req.timeout = openai_.timeout;
      req.headers = {{"Authorization", "Bearer " + openai_.api_key},
                     {"Content-Type", "application/json"}};
      req.body = body;
      auto r = co_await http::AsyncFetch(std::move(req));
      if (!r.ok()) co_return Outcome::Retry("OpenAI unreachable: " + r.status().message());
      if (r->status == 429 || r->status >= 500) {
        co_return Outcome::Retry("OpenAI HTTP " + std::to_string(r->status), r->retry_after());
      }
      if (r->status != 200) {
        co_return Outcome::Permanent("OpenAI HTTP " + std::to_string(r->status) + ": " +
                                     r->body.substr(0, 300));
      }
      analysis::CompletionResult usage;
      auto result = analysis::ParseChatCompletion(r->body, in.script, &usage);
      prompt_tokens += usage.prompt_tokens;
      completion_tokens += usage.completion_tokens;
      if (result.ok()) {
        parsed = std::move(*result);
      } else if (result.status().code() == Status::Code::kPermissionDenied) {
        co_return Outcome::Permanent("model refused: " + result.status().message());
      } else if (attempt == 0) {
        body = analysis::BuildRepairRequest(in.turns, in.script, model, usage.content,
                                            result.status().message());
      } else {
        co_return Outcome::Permanent("invalid model output after one repair: " +
                                     result.status().message());
      }
    }
    insight = std::move(parsed->insight);
    // Timings are measured, not guessed by the model.
    insight.talk = analysis::ComputeTalkMetrics(in.turns);
    insight.analyzer = "openai:" + model;
    insight.prompt_version = analysis::kPromptVersion;
  }

  std::vector<db::Param> store = {job.tenant_id, job.call_id, analysis::InsightToJson(insight),
                                  model};
  std::vector<db::Param> meter;
  if (prompt_tokens + completion_tokens > 0) {
    meter = {job.tenant_id,
             job.call_id,
             std::to_string(prompt_tokens),
             std::to_string(completion_tokens),
             std::to_string(prices_.OpenAiMicros(model, prompt_tokens, 0)),
             std::to_string(prices_.OpenAiMicros(model, 0, completion_tokens)),
             model};
  }
  co_return Outcome::Done(
      [store = std::move(store), meter = std::move(meter)](db::Transaction& tx) {
        auto day = tx.exec(kStoreInsight, store);
        if (!day.empty()) {
          tx.exec(kMarkDayAndNotify,
                  {store[0], std::string(day.get(0, 0)), TenantChannel(*store[0]), store[1]});
        }
        if (!meter.empty()) tx.exec(kMeterTokens, meter);
      });
}

}  // namespace converza::pipeline
