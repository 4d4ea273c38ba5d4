// Re-analysis of a date range of the tenant's calls, after the call script or the analyzer
// changed: GET /api/v1/reanalysis/estimate (how many calls, the estimated OpenAI cost) first,
// POST /api/v1/reanalysis to start a run (owners and managers; one at a time), and
// GET /api/v1/reanalysis for the latest runs with their progress. The work and the checks are in
// SQL (db/functions/public.{reanalysis_estimate,start_reanalysis,reanalysis_progress}.sql):
// users cannot read or write jobs, so those functions run as their owner and check the caller.
// The cost is priced here, with the analyzer `work` runs and the provider price table
// (pipeline/analysis_cost.h), from the calls' prompt tokens counted in SQL.
#include <boost/json.hpp>

#include "analysis/script.h"
#include "api/params.h"
#include "api/routes.h"
#include "common/strings.h"
#include "db/sql_text.h"
#include "pipeline/analysis_cost.h"

namespace converza::api {
namespace {

namespace json = boost::json;

constexpr int kMaxDays = 366;

// The tenant's plan (which model analyses its calls) and its current script (the prompt's size).
constexpr std::string_view kTenantAnalysis =
    "select t.plan, (select s.items::text from public.scripts s where s.tenant_id = t.id"
    " order by s.version desc limit 1) from public.tenants t where t.id = $1::uuid";

constexpr std::string_view kEstimate =
    "select e.calls, e.prompt_tokens, coalesce(e.completion_tokens_per_call, 0)"
    " from public.reanalysis_estimate($1::uuid, $2::date, $3::date, $4::int, $5::int, $6::int) e";

// A run as the API returns it, from a row `r` of public.reanalysis_progress().
constexpr db::SqlText kRunJson =
    "json_build_object('id', r.id, 'from', r.from_day, 'to', r.to_day, 'total', r.total,"
    " 'estimated_cost_micros', r.estimated_cost_micros, 'requested_at', r.requested_at,"
    " 'done', r.done, 'failed', r.failed, 'finished', r.finished)";

constexpr std::string_view kStart =
    "select id::text from public.start_reanalysis($1::uuid, $2::date, $3::date, $4::bigint)";

// A separate statement: the run that kStart inserted is not visible to kStart's own snapshot.
constexpr std::string_view kRun =
    db::kSql<"select ", kRunJson,
             "::text from public.reanalysis_progress($1::uuid, 50) r where r.id = $2::uuid">;

constexpr std::string_view kRuns =
    db::kSql<"select json_build_object('runs', coalesce(json_agg(", kRunJson,
             " order by r.requested_at desc), '[]'))::text"
             " from public.reanalysis_progress($1::uuid, $2::int) r">;

http::Response BadBody(const std::string& message) {
  return http::Response::Error(400, "invalid_request", message);
}

// {from, to}: two dates, from <= to (the span is checked by start_reanalysis), or the 400.
std::variant<std::pair<std::string, std::string>, http::Response> ParseRange(
    const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return BadBody("the body must be a JSON object");
  std::string from, to;
  for (const auto& [key, value] : v.as_object()) {
    std::string* slot = key == "from" ? &from : key == "to" ? &to : nullptr;
    if (slot == nullptr) return BadBody("unknown field `" + std::string(key) + "`");
    if (!value.is_string() || !IsDate(value.as_string())) {
      return BadBody("`" + std::string(key) + "` must be a date YYYY-MM-DD");
    }
    *slot = value.as_string();
  }
  if (from.empty()) return BadBody("`from` is required");
  if (to.empty()) return BadBody("`to` is required");
  if (from > to) return BadBody("`from` must not be after `to`");
  return std::pair{from, to};
}

struct Estimate {
  long long calls = 0;
  long long cost_micros = 0;
  pipeline::AnalysisCost::Analyzer analyzer{"rules", ""};
};

// The calls of from..to that a run would analyse again and what that would cost, priced for the
// analyzer and model the tenant's calls are analysed with (the rules analyzer, free, when the
// server has no pricing: no OPENAI_API_KEY, or a test that gave none).
Estimate EstimateRun(const ApiContext& ctx, db::Transaction& tx, const std::string& tenant,
                     const std::string& from, const std::string& to) {
  Estimate e;
  pipeline::AnalysisCost::PromptShape shape;
  if (ctx.analysis_cost != nullptr) {
    auto t = tx.exec(kTenantAnalysis, {tenant});
    const std::string plan = t.empty() ? "" : std::string(t.get(0, 0));
    e.analyzer = ctx.analysis_cost->For(plan);
    if (e.analyzer.kind == "openai") {
      auto script = t.empty() || t.is_null(0, 1) ? std::vector<analysis::ScriptItem>{}
                                                 : analysis::ScriptFromJson(t.get(0, 1));
      if (script.empty()) script = analysis::DefaultScript();
      shape = ctx.analysis_cost->Prompt(e.analyzer.model, script);
    }
  }
  auto rows = tx.exec(kEstimate, {tenant, from, to, std::to_string(shape.fixed),
                                  std::to_string(shape.line_bytes), std::to_string(shape.max)});
  e.calls = rows.get_int(0, 0);
  if (ctx.analysis_cost != nullptr && e.analyzer.kind == "openai") {
    const double average = std::stod(std::string(rows.get(0, 2)));
    e.cost_micros = ctx.analysis_cost->Micros(
        e.analyzer, rows.get_int(0, 1), e.calls * ctx.analysis_cost->CompletionTokens(average));
  }
  return e;
}

}  // namespace

void AddReanalysisRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/reanalysis/estimate", [&ctx](http::Request& req) {
    QueryParams q(req);
    auto range = q.Range(kMaxDays);
    if (auto bad = q.Finish()) return *bad;
    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      const Estimate e = EstimateRun(ctx, tx, who.tenant_id, range->from, range->to);
      json::object out{{"from", range->from},
                       {"to", range->to},
                       {"calls", e.calls},
                       {"estimated_cost_micros", e.cost_micros},
                       {"analyzer", e.analyzer.kind},
                       {"model", nullptr}};
      if (!e.analyzer.model.empty()) out["model"] = e.analyzer.model;
      return http::Response::Json(200, json::serialize(out));
    });
  });
  router.Get("/api/v1/reanalysis", [&ctx](http::Request& req) {
    QueryParams q(req);
    auto limit = q.Int("limit", 1, 50).value_or(10);
    if (auto bad = q.Finish()) return *bad;
    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      auto rows = tx.exec(kRuns, {who.tenant_id, std::to_string(limit)});
      return http::Response::Json(200, std::string(rows.get(0, 0)));
    });
  });
  router.Post("/api/v1/reanalysis", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          auto range = ParseRange(req.body);
          if (auto* bad = std::get_if<http::Response>(&range)) return *bad;
          const auto& [from, to] = std::get<0>(range);
          try {
            const Estimate e = EstimateRun(ctx, tx, who.tenant_id, from, to);
            const std::string id(
                tx.exec(kStart, {who.tenant_id, from, to, std::to_string(e.cost_micros)})
                    .get(0, 0));
            auto rows = tx.exec(kRun, {who.tenant_id, id});
            return http::Response::Json(201, std::string(rows.get(0, 0)));
          } catch (const db::Error& e) {
            // The refusals start_reanalysis documents; nothing was written (the caller rolls back).
            const std::string& state = e.sqlstate();
            if (state == "55000") {
              return http::Response::Error(
                  409, "run_in_progress",
                  "a re-analysis is already in progress; wait for it to finish");
            }
            if (state == "22023") {
              return BadBody("the range must be at most " + std::to_string(kMaxDays) + " days");
            }
            if (state == "54000") {
              return BadBody("more than 100,000 calls in that range; choose a shorter range");
            }
            if (state == "P0002") return BadBody("no call with a transcript in that range");
            throw;
          }
        },
        kWriteRoute);
  });
}

}  // namespace converza::api
