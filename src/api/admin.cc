// Admin console endpoints (app_metadata.role = admin; anyone else gets 403 before any query):
// tenants, gross margin per tenant against the 80% target (plan price vs metered provider cost),
// usage by day, pipeline health and dead letters with retry. They run as the admin user under
// RLS like every other route; the admin policies, not a service key, make other tenants visible.
#include <charconv>

#include "api/params.h"
#include "api/routes.h"

namespace converza::api {
namespace {

constexpr std::string_view kTenants = R"sql(
  with k as (select tenant_id, sum(calls) calls from public.kpi_daily
              where day > (now() at time zone 'UTC')::date - 30 group by tenant_id),
       n as (select tenant_id, count(*) numbers from public.phone_numbers
              where status = 'active' group by tenant_id)
  select json_build_object('tenants', coalesce(json_agg(json_build_object(
           'id', t.id, 'name', t.name, 'slug', t.slug, 'plan', t.plan, 'plan_price_cents', t.plan_price_cents,
           'created_at', t.created_at, 'calls_30d', coalesce(k.calls, 0),
           'numbers', coalesce(n.numbers, 0)) order by t.name, t.id), '[]'))::text
    from public.tenants t left join k on k.tenant_id = t.id left join n on n.tenant_id = t.id)sql";

// $1 first day of the month, $2 the month as YYYY-MM, $3 the target margin. Revenue is the
// monthly plan price of every tenant that existed during the month or had calls in it (a tenant
// created after its backfilled calls still costs us for them); cost is what usage_events metered
// in it (USD micros; 1 cent = 10,000 micros). Each tenant says why it has no margin (status
// no_revenue: nothing billed, not "below target") and which cost source is missing and why
// (missing_costs: OpenAI absent because the rules analyzer ran, or no metered use at all), so a
// $0 cost is never mistaken for a cheap tenant.
constexpr std::string_view kMargin = R"sql(
  with b as (select ($1::date::timestamp at time zone 'UTC') lo,
                    (($1::date + interval '1 month')::timestamp at time zone 'UTC') hi),
  u as (
    select tenant_id, sum(cost_micros) filter (where provider = 'openai') openai,
           sum(cost_micros) filter (where provider = 'twilio') twilio
      from public.usage_events, b where at >= b.lo and at < b.hi
     group by tenant_id),
  c as (
    select c.tenant_id, count(*) calls,
           count(i.call_id) filter (where i.analyzer = 'rules') rules,
           count(i.call_id) filter (where i.analyzer like 'openai%') llm
      from public.calls c cross join b
      left join public.insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
     where c.started_at >= b.lo and c.started_at < b.hi
     group by c.tenant_id),
  m as (
    select t.id, t.name, t.slug, t.plan, t.plan_price_cents::bigint revenue,
           coalesce(u.openai, 0) openai, coalesce(u.twilio, 0) twilio,
           coalesce(u.openai, 0) + coalesce(u.twilio, 0) total, coalesce(c.calls, 0) calls,
           coalesce(c.rules, 0) rules, coalesce(c.llm, 0) llm
      from public.tenants t cross join b
      left join u on u.tenant_id = t.id left join c on c.tenant_id = t.id
     where t.created_at < b.hi or c.calls > 0),
  r as (
    select m.*, case when revenue > 0 then 1 - total::float8 / (revenue * 10000.0) end margin,
           array_remove(array[
             case when openai = 0 then jsonb_build_object('provider', 'openai', 'reason',
               case when rules > 0 then 'rules_analyzer' when calls = 0 then 'no_calls'
                    else 'not_metered' end) end,
             case when twilio = 0 then jsonb_build_object('provider', 'twilio', 'reason',
               case when calls = 0 then 'no_calls' else 'not_metered' end) end]::jsonb[], null)
             missing
      from m),
  s as (
    select coalesce(sum(revenue), 0) revenue, coalesce(sum(openai), 0) openai,
           coalesce(sum(twilio), 0) twilio, coalesce(sum(total), 0) total,
           coalesce(sum(calls), 0) calls, coalesce(sum(rules), 0) rules from r)
  select json_build_object('month', $2::text, 'target', $3::float8,
    'tenants', coalesce((select json_agg(json_build_object(
        'id', id, 'name', name, 'slug', slug, 'plan', plan, 'revenue_cents', revenue,
        'calls', calls,
        'cost_micros', json_build_object('openai', openai, 'twilio', twilio, 'total', total),
        'gross_margin', margin,
        'status', case when revenue = 0 then 'no_revenue'
                       when margin < $3::float8 then 'below_target' else 'on_target' end,
        'below_target', revenue > 0 and margin < $3::float8,
        'missing_costs', coalesce(array_to_json(missing), '[]'))
        order by revenue = 0, margin asc nulls last, name, slug, id) from r), '[]'),
    'total', json_build_object('revenue_cents', s.revenue, 'calls', s.calls,
        'cost_micros', json_build_object('openai', s.openai, 'twilio', s.twilio, 'total', s.total),
        'gross_margin', case when s.revenue > 0 then 1 - s.total::float8 / (s.revenue * 10000.0) end,
        'target_gap', case when s.revenue > 0
                           then 1 - s.total::float8 / (s.revenue * 10000.0) - $3::float8 end,
        'missing_costs', coalesce(array_to_json(array_remove(array[
          case when s.openai = 0 then jsonb_build_object('provider', 'openai', 'reason',
            case when s.rules > 0 then 'rules_analyzer' when s.calls = 0 then 'no_calls'
                 else 'not_metered' end) end,
          case when s.twilio = 0 then jsonb_build_object('provider', 'twilio', 'reason',
            case when s.calls = 0 then 'no_calls' else 'not_metered' end) end]::jsonb[], null)),
          '[]')))::text
    from s)sql";

// The LLM path for a month ($1 first day, $2 YYYY-MM, $3 target margin):
//  - outcomes: how the month's calls were analysed (insights by creation, calls not analysed or
//    failed by when they ended);
//  - models: per tenant and model, tokens and cost per analysed call, and the margin the tenant
//    would have this month if every call it analysed cost that much (plus its other spend);
//  - budgets: per paying tenant, the LLM budget that keeps the target margin (revenue x (1 -
//    target) - other provider spend, as the analyze stage computes it), the spend so far and the
//    calls that fell back to the rules analyzer.
// LLM spend is OpenAI's chat tokens; everything else metered (Twilio, transcription) is other.
constexpr std::string_view kLlm = R"sql(
  with b as (select ($1::date::timestamp at time zone 'UTC') lo,
                    (($1::date + interval '1 month')::timestamp at time zone 'UTC') hi),
  ins as (
    select i.tenant_id, i.analyzer, i.flags, jsonb_array_length(i.review) > 0 partial
      from public.insights i, b where i.created_at >= b.lo and i.created_at < b.hi),
  per_tenant as (
    select tenant_id, count(*) analysed, count(*) filter (where 'llm_budget' = any(flags)) fallback
      from ins group by tenant_id),
  e as (
    select e.tenant_id, e.unit, e.quantity, e.cost_micros, e.call_id, e.meta,
           e.provider = 'openai' and e.unit in ('prompt_tokens', 'completion_tokens') llm
      from public.usage_events e, b where e.at >= b.lo and e.at < b.hi),
  spend as (
    select tenant_id, coalesce(sum(cost_micros) filter (where llm), 0) llm,
           coalesce(sum(cost_micros) filter (where not llm), 0) other
      from e group by tenant_id),
  u as (
    select tenant_id, meta->>'model' model, count(distinct call_id) calls,
           coalesce(sum(quantity) filter (where unit = 'prompt_tokens'), 0)::bigint prompt_tokens,
           coalesce(sum((meta->>'cached_tokens')::bigint) filter (where unit = 'prompt_tokens'), 0) cached_tokens,
           coalesce(sum(quantity) filter (where unit = 'completion_tokens'), 0)::bigint completion_tokens,
           sum(cost_micros) cost
      from e where llm group by tenant_id, meta->>'model'),
  m as (
    select t.id, t.name, t.slug, t.plan, t.plan_price_cents revenue, u.*,
           u.cost / nullif(u.calls, 0) cpc, coalesce(s.other, 0) other,
           greatest(coalesce(p.analysed, 0), u.calls) analysed
      from u join public.tenants t on t.id = u.tenant_id
      left join spend s on s.tenant_id = u.tenant_id
      left join per_tenant p on p.tenant_id = u.tenant_id)
  select json_build_object('month', $2::text, 'target', $3::float8,
    'outcomes', (select json_build_object(
        'analysed', count(*) filter (where analyzer like 'openai%'),
        'partial', count(*) filter (where analyzer like 'openai%' and partial),
        'repaired', count(*) filter (where 'repaired' = any(flags)),
        'length_retry', count(*) filter (where 'length_retry' = any(flags)),
        'trimmed', count(*) filter (where 'trimmed' = any(flags)),
        'llm_budget', count(*) filter (where 'llm_budget' = any(flags)),
        'rules', count(*) filter (where analyzer = 'rules'),
        'refused', (select count(*) from public.calls c, b where c.pipeline_status = 'not_analysed'
                      and c.not_analysed_reason = 'refused' and c.stopped_at >= b.lo and c.stopped_at < b.hi),
        'content_filter', (select count(*) from public.calls c, b where c.pipeline_status = 'not_analysed'
                      and c.not_analysed_reason = 'content_filter' and c.stopped_at >= b.lo and c.stopped_at < b.hi),
        'failed', (select count(*) from public.calls c, b where c.pipeline_status = 'failed'
                      and c.stopped_at >= b.lo and c.stopped_at < b.hi)) from ins),
    'models', coalesce((select json_agg(json_build_object(
        'tenant_id', id, 'tenant_name', name, 'tenant_slug', slug, 'plan', plan, 'model', model,
        'calls', calls, 'prompt_tokens', prompt_tokens, 'cached_tokens', cached_tokens,
        'completion_tokens', completion_tokens, 'cost_micros', cost, 'cost_per_call_micros', cpc,
        'implied_margin', case when revenue > 0
                          then 1 - (cpc * analysed + other)::float8 / (revenue * 10000.0) end)
        order by name, id, model) from m), '[]'),
    'budgets', coalesce((select json_agg(json_build_object(
        'tenant_id', t.id, 'tenant_name', t.name, 'tenant_slug', t.slug, 'plan', t.plan,
        'revenue_cents', t.plan_price_cents,
        'budget_micros', greatest(round(t.plan_price_cents * 10000.0 * (1 - $3::float8))::bigint
                                  - coalesce(s.other, 0), 0),
        'llm_spend_micros', coalesce(s.llm, 0), 'other_spend_micros', coalesce(s.other, 0),
        'fallback_calls', coalesce(p.fallback, 0),
        'budget_reached', coalesce(p.fallback, 0) > 0
                          or coalesce(s.llm, 0) + coalesce(s.other, 0)
                             >= t.plan_price_cents * 10000.0 * (1 - $3::float8))
        order by coalesce(p.fallback, 0) > 0 desc, t.name, t.id)
        from public.tenants t cross join b
        left join spend s on s.tenant_id = t.id left join per_tenant p on p.tenant_id = t.id
       where t.plan_price_cents > 0 and t.created_at < b.hi), '[]')
  )::text)sql";

// $1 from, $2 to.
constexpr std::string_view kUsage = R"sql(
  with u as (
    select (at at time zone 'UTC')::date as day,
           sum(cost_micros) filter (where provider = 'openai') openai,
           sum(cost_micros) filter (where provider = 'twilio') twilio
      from public.usage_events
     where at >= ($1::date::timestamp at time zone 'UTC')
       and at < (($2::date + 1)::timestamp at time zone 'UTC')
     group by 1),
  k as (select day, sum(calls) calls from public.kpi_daily
         where day between $1::date and $2::date group by day)
  select json_build_object('days', json_agg(json_build_object(
           'day', d.day::date, 'openai_micros', coalesce(u.openai, 0),
           'twilio_micros', coalesce(u.twilio, 0), 'calls', coalesce(k.calls, 0))
           order by d.day))::text
    from generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') d(day)
    left join u on u.day = d.day::date left join k on k.day = d.day::date)sql";

// Latency: from the first webhook (the call row) to the insight, for insights of the last hour.
constexpr std::string_view kPipeline = R"sql(
  select json_build_object(
    'queue', json_build_object(
      'queued', (select count(*) from public.jobs where state = 'queued'),
      'running', (select count(*) from public.jobs where state = 'running'),
      'dead', (select count(*) from public.jobs where state = 'dead')),
    'oldest_queued_s', (select extract(epoch from now() - min(run_at))::float8
                          from public.jobs where state = 'queued'),
    'latency_ms', (
      select json_build_object('p50', round(percentile_cont(0.5) within group (order by ms)),
                               'p95', round(percentile_cont(0.95) within group (order by ms)))
        from (select extract(epoch from i.created_at - c.created_at)::float8 * 1000 ms
                from public.insights i
                join public.calls c on c.tenant_id = i.tenant_id and c.id = i.call_id
               where i.created_at > now() - interval '1 hour') x),
    'processed_1h', (select count(*) from public.insights
                      where created_at > now() - interval '1 hour'),
    'failed_calls_24h', (select count(*) from public.calls
                          where pipeline_status = 'failed'
                            and stopped_at > now() - interval '24 hours'))::text)sql";

constexpr std::string_view kDeadJobs = R"sql(
  select json_build_object('jobs', coalesce(json_agg(json_build_object(
           'tenant_id', d.tenant_id, 'tenant_name', t.name, 'tenant_slug', t.slug, 'id', d.id, 'kind', d.kind,
           'call_id', d.call_id, 'attempts', d.attempts, 'last_error', d.last_error,
           'updated_at', d.updated_at) order by d.updated_at desc, d.id), '[]'))::text
    from public.dead_jobs($1::int) d left join public.tenants t on t.id = d.tenant_id)sql";

constexpr std::string_view kRetry = "select public.retry_dead_job($1::uuid, $2::bigint)";

AsUserOptions AdminOnly() {
  AsUserOptions o;
  o.require_admin = true;
  return o;
}

}  // namespace

void AddAdminRoutes(http::Router& router, ApiContext& ctx) {
  // Runs `sql` with `params` as the admin and answers its one JSON value.
  auto run = [&ctx](http::Request& req, std::string_view sql, std::vector<db::Param> params) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal&) {
          auto rows = tx.exec(sql, params);
          return http::Response::Json(200, std::string(rows.get(0, 0)));
        },
        AdminOnly());
  };
  // Admin-only before anything else: a manager learns nothing, not even parameter errors.
  auto gate = [&ctx](http::Request& req) -> std::optional<http::Response> {
    auto who = Authenticate(ctx, req);
    if (!who.ok()) return Unauthorized(who.status().message());
    if (!who->admin) {
      return http::Response::Error(403, "forbidden", "this endpoint is for Converza admins");
    }
    return std::nullopt;
  };

  router.Get("/api/v1/admin/tenants", [=](http::Request& req) {
    if (auto denied = gate(req)) return *denied;
    QueryParams q(req);
    if (auto bad = q.Finish()) return *bad;
    return run(req, kTenants, {});
  });

  // ?month=YYYY-MM (default: this month, UTC) -> {first day, YYYY-MM, target}, or the 400.
  auto month_params = [&ctx](QueryParams& q) -> Result<std::vector<db::Param>> {
    auto month = q.Text("month", 7);
    std::string first;
    if (month) {
      int y = 0, m = 0;
      const char* s = month->data();
      auto [p1, e1] = std::from_chars(s, s + 4, y);
      auto [p2, e2] = std::from_chars(s + 5, s + 7, m);
      if (month->size() != 7 || (*month)[4] != '-' || e1 != std::errc() || p1 != s + 4 ||
          e2 != std::errc() || p2 != s + 7 || y < 1970 || m < 1 || m > 12) {
        return Status::InvalidArgument("query parameter `month` must be a month as YYYY-MM");
      }
      first = *month + "-01";
    } else {
      first = TodayUtc().substr(0, 8) + "01";
    }
    return std::vector<db::Param>{first, first.substr(0, 7), std::to_string(ctx.target_margin)};
  };

  for (auto [path, sql] :
       {std::pair{"/api/v1/admin/margin", kMargin}, std::pair{"/api/v1/admin/llm", kLlm}}) {
    router.Get(path, [=, sql = sql](http::Request& req) {
      if (auto denied = gate(req)) return *denied;
      QueryParams q(req);
      auto params = month_params(q);
      if (auto bad = q.Finish()) return *bad;
      if (!params.ok()) {
        return http::Response::Error(400, "invalid_parameter", params.status().message());
      }
      return run(req, sql, std::move(*params));
    });
  }

  router.Get("/api/v1/admin/usage", [=](http::Request& req) {
    if (auto denied = gate(req)) return *denied;
    QueryParams q(req);
    auto range = q.Range(731);
    if (auto bad = q.Finish()) return *bad;
    return run(req, kUsage, {range->from, range->to});
  });

  router.Get("/api/v1/admin/pipeline", [=](http::Request& req) {
    if (auto denied = gate(req)) return *denied;
    QueryParams q(req);
    if (auto bad = q.Finish()) return *bad;
    return run(req, kPipeline, {});
  });

  router.Get("/api/v1/admin/dead-jobs", [=](http::Request& req) {
    if (auto denied = gate(req)) return *denied;
    QueryParams q(req);
    auto limit = q.Int("limit", 1, 1000).value_or(100);
    if (auto bad = q.Finish()) return *bad;
    return run(req, kDeadJobs, {std::to_string(limit)});
  });

  router.Post("/api/v1/admin/dead-jobs/{tenant_id}/{id}/retry", [=, &ctx](http::Request& req) {
    if (auto denied = gate(req)) return *denied;
    const std::string& tenant = req.params["tenant_id"];
    const std::string& id = req.params["id"];
    long long job = 0;
    auto [p, ec] = std::from_chars(id.data(), id.data() + id.size(), job);
    auto not_found = http::Response::Error(404, "not_found", "no dead job with that id");
    if (!IsUuid(tenant) || ec != std::errc() || p != id.data() + id.size() || job <= 0) {
      return not_found;
    }
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal&) {
          auto rows = tx.exec(kRetry, {tenant, std::to_string(job)});
          if (!rows.get_bool(0, 0)) return not_found;
          return http::Response::Json(200, R"({"retried":true})");
        },
        AdminOnly());
  });
}

}  // namespace converza::api
