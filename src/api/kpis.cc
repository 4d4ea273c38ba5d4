// GET /api/v1/kpis and /api/v1/kpis/timeseries: a tenant's KPIs for a date range (optionally one
// agent), compared with the period before, and per day. Both read only the kpi_daily rollup
// (one row per tenant, day and agent), never raw calls, so they cost O(days x agents) whatever
// the call volume. Averages divide sums by the number of calls that have the value.
#include "api/kpis.h"

#include "api/kpi_sql.h"
#include "api/params.h"
#include "api/routes.h"

namespace converza::api {
namespace {

// $1 tenant, $2 from, $3 to, $4 previous_from, $5 agent ('' = all).
constexpr std::string_view kKpis = db::kSql<R"sql(
  with k as (
    select day >= $2::date as cur, )sql",
                                            kKpiSums, R"sql(,
           sum(sentiment_positive) sentiment_positive, sum(sentiment_neutral) sentiment_neutral,
           sum(sentiment_negative) sentiment_negative
      from public.kpi_daily
     where tenant_id = $1::uuid and day between $4::date and $3::date
       and (nullif($5, '') is null or agent_id = nullif($5, '')::uuid)
     group by 1),
  p as (
    select period.cur, json_build_object(
             'calls', coalesce(k.calls, 0), 'analyzed', coalesce(k.analyzed, 0),
             'converted', coalesce(k.converted, 0), 'conversion_rate', r.conversion_rate,
             'upsell_cents', coalesce(k.upsell_cents, 0), 'avg_sentiment', r.avg_sentiment,
             'avg_ai_score', r.avg_ai_score, 'script_adherence', r.script_adherence,
             'talk_ratio', r.talk_ratio,
             'sentiment', json_build_object('positive', coalesce(k.sentiment_positive, 0),
                                            'neutral', coalesce(k.sentiment_neutral, 0),
                                            'negative', coalesce(k.sentiment_negative, 0))) kpis
      from (values (true), (false)) period(cur)
      left join k on k.cur = period.cur
      )sql",
                                            kKpiRatiosOfK, R"sql( r)
  select json_build_object('from', $2::date, 'to', $3::date, 'agent_id', nullif($5, '')::uuid,
    'current', cur.kpis, 'previous', prev.kpis,
    'change', json_build_object(
      'calls', (cur.kpis->>'calls')::bigint - (prev.kpis->>'calls')::bigint,
      'conversion_rate',
        (cur.kpis->>'conversion_rate')::float8 - (prev.kpis->>'conversion_rate')::float8,
      'upsell_cents', (cur.kpis->>'upsell_cents')::bigint - (prev.kpis->>'upsell_cents')::bigint,
      'avg_sentiment', (cur.kpis->>'avg_sentiment')::float8 - (prev.kpis->>'avg_sentiment')::float8,
      'avg_ai_score', (cur.kpis->>'avg_ai_score')::float8 - (prev.kpis->>'avg_ai_score')::float8,
      'script_adherence',
        (cur.kpis->>'script_adherence')::float8 - (prev.kpis->>'script_adherence')::float8))::text
    from p cur, p prev
   where cur.cur and not prev.cur)sql">;

// $1 tenant, $2 from, $3 to, $4 agent ('' = all).
constexpr std::string_view kTimeseries = db::kSql<R"sql(
  with k as (
    select day, )sql",
                                                  kKpiSums, R"sql(
      from public.kpi_daily
     where tenant_id = $1::uuid and day between $2::date and $3::date
       and (nullif($4, '') is null or agent_id = nullif($4, '')::uuid)
     group by day)
  select json_build_object('days', json_agg(json_build_object(
      'day', d.day::date, 'calls', coalesce(k.calls, 0), 'analyzed', coalesce(k.analyzed, 0),
      'converted', coalesce(k.converted, 0), 'conversion_rate', r.conversion_rate,
      'upsell_cents', coalesce(k.upsell_cents, 0), 'avg_sentiment', r.avg_sentiment,
      'avg_ai_score', r.avg_ai_score) order by d.day))::text
    from generate_series($2::date::timestamp, $3::date::timestamp, interval '1 day') d(day)
    left join k on k.day = d.day::date
    )sql",
                                                  kKpiRatiosOfK, " r">;

constexpr std::string_view kAgentVisible =
    "select 1 from public.agents where tenant_id = $1::uuid and id = $2::uuid";

constexpr int kMaxDays = 731;

http::Response Kpis(const ApiContext& ctx, http::Request& req, bool timeseries) {
  QueryParams q(req);
  auto range = q.Range(kMaxDays);
  auto agent = q.Uuid("agent_id");
  if (auto bad = q.Finish()) return *bad;
  return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
    if (agent && !AgentVisible(tx, who.tenant_id, *agent)) {
      return http::Response::Error(404, "not_found", "no such agent");
    }
    const std::string agent_id = agent.value_or("");
    auto rows = timeseries ? tx.exec(kTimeseries, {who.tenant_id, range->from, range->to, agent_id})
                           : tx.exec(kKpis, {who.tenant_id, range->from, range->to,
                                             range->previous_from, agent_id});
    return http::Response::Json(200, std::string(rows.get(0, 0)));
  });
}

}  // namespace

bool AgentVisible(db::Transaction& tx, const std::string& tenant_id, const std::string& agent_id) {
  return !tx.exec(kAgentVisible, {tenant_id, agent_id}).empty();
}

void AddKpiRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/kpis", [&ctx](http::Request& req) { return Kpis(ctx, req, false); });
  router.Get("/api/v1/kpis/timeseries",
             [&ctx](http::Request& req) { return Kpis(ctx, req, true); });
}

}  // namespace converza::api
