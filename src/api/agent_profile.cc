// GET /api/v1/agents/{id}/profile?from&to: what the agent page shows beyond the KPIs (which come
// from /api/v1/kpis and /kpis/timeseries with and without agent_id): each script item's hit rate
// for the agent against the team's over the range, weakest first, and the latest comments and
// overrides managers left on the agent's calls. An id of another tenant (RLS hides the agent) is a
// 404.
#include "api/params.h"
#include "api/routes.h"

namespace converza::api {
namespace {

constexpr std::string_view kAgent = R"sql(
  select json_build_object('id', id, 'name', name, 'active', active)::text
    from public.agents where tenant_id = $1::uuid and id = $2::uuid)sql";

// $1 tenant, $2 agent, $3 from, $4 to. Items are the keys of insights.script over the range, so
// an item renamed or removed since still shows for the calls it was scored on.
constexpr std::string_view kScriptItems = R"sql(
  with s as (
    select c.agent_id = $2::uuid mine, e.key, coalesce((e.value ->> 'met')::boolean, false) met
      from public.calls c
      join public.insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
      cross join lateral jsonb_each(case jsonb_typeof(i.script) when 'object' then i.script
                                                                 else '{}' end) e
     where c.tenant_id = $1::uuid
       and c.started_at >= ($3::date::timestamp at time zone 'UTC')
       and c.started_at < (($4::date + 1)::timestamp at time zone 'UTC')),
  r as (
    select key, count(*) filter (where mine) agent_calls,
           count(*) filter (where mine and met) agent_met,
           count(*) team_calls, count(*) filter (where met) team_met
      from s group by key)
  select coalesce(json_agg(json_build_object(
           'key', key, 'agent_calls', agent_calls,
           'agent_rate', round(agent_met::numeric / nullif(agent_calls, 0), 4),
           'team_calls', team_calls, 'team_rate', round(team_met::numeric / team_calls, 4))
           order by agent_met::numeric / nullif(agent_calls, 0) nulls last, key), '[]')::text
    from r)sql";

// The latest comments on the agent's calls, newest first.
constexpr std::string_view kComments = R"sql(
  select coalesce(json_agg(t.x order by t.created_at desc), '[]')::text from (
    select json_build_object('call_id', m.call_id, 'at_ms', m.at_ms, 'body', m.body,
                             'author_email', m.author_email, 'created_at', m.created_at,
                             'call_started_at', c.started_at) x, m.created_at
      from public.call_comments m
      join public.calls c on c.tenant_id = m.tenant_id and c.id = m.call_id
     where m.tenant_id = $1::uuid and c.agent_id = $2::uuid
     order by m.created_at desc
     limit 20) t)sql";

// The latest overrides of the AI's findings on the agent's calls, newest first.
constexpr std::string_view kOverrides = R"sql(
  select coalesce(json_agg(t.x order by t.created_at desc, t.seq desc), '[]')::text from (
    select json_build_object('call_id', o.call_id, 'field', o.field, 'ai_value', o.ai_value,
                             'value', o.value, 'reason', o.reason,
                             'author_email', o.author_email, 'created_at', o.created_at,
                             'call_started_at', c.started_at) x, o.created_at, o.seq
      from public.insight_overrides o
      join public.calls c on c.tenant_id = o.tenant_id and c.id = o.call_id
     where o.tenant_id = $1::uuid and c.agent_id = $2::uuid
     order by o.created_at desc, o.seq desc
     limit 20) t)sql";

}  // namespace

void AddAgentProfileRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/agents/{id}/profile", [&ctx](http::Request& req) {
    QueryParams q(req);
    auto range = q.Range(731);
    if (auto bad = q.Finish()) return *bad;
    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      const std::string& id = req.params["id"];
      if (!IsUuid(id)) return http::Response::Error(404, "not_found", "no such agent");
      auto agent = tx.exec(kAgent, {who.tenant_id, id});
      if (agent.empty()) return http::Response::Error(404, "not_found", "no such agent");
      auto items = tx.exec(kScriptItems, {who.tenant_id, id, range->from, range->to});
      auto comments = tx.exec(kComments, {who.tenant_id, id});
      auto overrides = tx.exec(kOverrides, {who.tenant_id, id});
      return http::Response::Json(
          200, "{\"agent\":" + std::string(agent.get(0, 0)) + ",\"from\":\"" + range->from +
                   "\",\"to\":\"" + range->to +
                   "\",\"script_items\":" + std::string(items.get(0, 0)) +
                   ",\"comments\":" + std::string(comments.get(0, 0)) +
                   ",\"overrides\":" + std::string(overrides.get(0, 0)) + "}");
    });
  });
}

}  // namespace converza::api
