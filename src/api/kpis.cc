// GET /api/v1/kpis and /api/v1/kpis/timeseries: a tenant's KPIs for a date range (optionally one
// agent), compared with the period before, and per day. Both read only the kpi_daily rollup
// (one row per tenant, day and agent), never raw calls, so they cost O(days x agents) whatever
// the call volume. Averages divide sums by the number of calls that have the value.
#include "api/kpis.h"

#include "api/params.h"
#include "api/routes.h"

namespace converza::api {
namespace {

// One period's KPI object from summed kpi_daily columns of a CTE row `k`.
#define KPI_OBJECT(k)                                                            \
  "json_build_object('calls', coalesce(" k ".calls, 0), 'analyzed', coalesce(" k \
  ".analyzed, 0),"                                                               \
  " 'converted', coalesce(" k                                                    \
  ".converted, 0),"                                                              \
  " 'conversion_rate', " k ".converted::float8 / nullif(" k                      \
  ".analyzed, 0),"                                                               \
  " 'upsell_cents', coalesce(" k                                                 \
  ".upsell_cents, 0),"                                                           \
  " 'avg_sentiment', " k ".sentiment_sum / nullif(" k                            \
  ".sentiment_scored, 0),"                                                       \
  " 'avg_ai_score', " k ".ai_score_sum::float8 / nullif(" k                      \
  ".ai_scored, 0),"                                                              \
  " 'script_adherence', " k ".script_met::float8 / nullif(" k                    \
  ".script_total, 0),"                                                           \
  " 'talk_ratio', " k ".agent_talk_ms::float8 / nullif(" k ".agent_talk_ms + " k \
  ".customer_talk_ms, 0),"                                                       \
  " 'sentiment', json_build_object('positive', coalesce(" k                      \
  ".sentiment_positive, 0),"                                                     \
  " 'neutral', coalesce(" k ".sentiment_neutral, 0), 'negative', coalesce(" k    \
  ".sentiment_negative, 0)))"

// $1 tenant, $2 from, $3 to, $4 previous_from, $5 agent ('' = all).
constexpr std::string_view kKpis =
    "with k as ("
    "  select day >= $2::date as cur, sum(calls) calls, sum(analyzed) analyzed,"
    "         sum(converted) converted, sum(upsell_cents) upsell_cents,"
    "         sum(sentiment_sum) sentiment_sum, sum(sentiment_scored) sentiment_scored,"
    "         sum(ai_score_sum) ai_score_sum, sum(ai_scored) ai_scored,"
    "         sum(script_met) script_met, sum(script_total) script_total,"
    "         sum(agent_talk_ms) agent_talk_ms, sum(customer_talk_ms) customer_talk_ms,"
    "         sum(sentiment_positive) sentiment_positive, sum(sentiment_neutral) sentiment_neutral,"
    "         sum(sentiment_negative) sentiment_negative"
    "    from public.kpi_daily"
    "   where tenant_id = $1::uuid and day between $4::date and $3::date"
    "     and (nullif($5, '') is null or agent_id = nullif($5, '')::uuid)"
    "   group by 1),"
    " p as (select (select " KPI_OBJECT("c") " from (select 1) x left join k c on c.cur) cur,"
    "              (select " KPI_OBJECT("c") " from (select 1) x left join k c on not c.cur) prev)"
    "select json_build_object('from', $2::date, 'to', $3::date, 'agent_id', nullif($5, '')::uuid,"
    "  'current', p.cur, 'previous', p.prev,"
    "  'change', json_build_object("
    "    'calls', (p.cur->>'calls')::bigint - (p.prev->>'calls')::bigint,"
    "    'conversion_rate', (p.cur->>'conversion_rate')::float8 - (p.prev->>'conversion_rate')::float8,"
    "    'upsell_cents', (p.cur->>'upsell_cents')::bigint - (p.prev->>'upsell_cents')::bigint,"
    "    'avg_sentiment', (p.cur->>'avg_sentiment')::float8 - (p.prev->>'avg_sentiment')::float8,"
    "    'avg_ai_score', (p.cur->>'avg_ai_score')::float8 - (p.prev->>'avg_ai_score')::float8,"
    "    'script_adherence', (p.cur->>'script_adherence')::float8"
    "                        - (p.prev->>'script_adherence')::float8))::text"
    "  from p";

// $1 tenant, $2 from, $3 to, $4 agent ('' = all).
constexpr std::string_view kTimeseries =
    "with k as ("
    "  select day, sum(calls) calls, sum(analyzed) analyzed, sum(converted) converted,"
    "         sum(upsell_cents) upsell_cents, sum(sentiment_sum) sentiment_sum,"
    "         sum(sentiment_scored) sentiment_scored, sum(ai_score_sum) ai_score_sum,"
    "         sum(ai_scored) ai_scored"
    "    from public.kpi_daily"
    "   where tenant_id = $1::uuid and day between $2::date and $3::date"
    "     and (nullif($4, '') is null or agent_id = nullif($4, '')::uuid)"
    "   group by day)"
    "select json_build_object('days', json_agg(json_build_object("
    "    'day', d.day::date, 'calls', coalesce(k.calls, 0), 'analyzed', coalesce(k.analyzed, 0),"
    "    'converted', coalesce(k.converted, 0),"
    "    'conversion_rate', k.converted::float8 / nullif(k.analyzed, 0),"
    "    'upsell_cents', coalesce(k.upsell_cents, 0),"
    "    'avg_sentiment', k.sentiment_sum / nullif(k.sentiment_scored, 0),"
    "    'avg_ai_score', k.ai_score_sum::float8 / nullif(k.ai_scored, 0)) order by d.day))::text"
    "  from generate_series($2::date::timestamp, $3::date::timestamp, interval '1 day') d(day)"
    "  left join k on k.day = d.day::date";

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
