// GET /api/v1/calls/{id}: one call with its transcript turns (timings and redaction markers, for
// the synchronized player) and its insight (sentiment, conversion, upsell, script checklist,
// talk metrics, coaching) and the trackers that hit it. A call of another tenant is invisible under
// RLS and the query also filters by the caller's tenant, so it answers 404 exactly like an id that
// never existed.
#include "api/params.h"
#include "api/routes.h"

namespace converza::api {
namespace {

constexpr std::string_view kCallDetail = R"sql(
  select json_build_object(
    'call', json_build_object(
      'id', c.id, 'call_sid', c.call_sid, 'started_at', c.started_at,
      'agent', (select json_build_object('id', a.id, 'name', a.name) from public.agents a
                 where a.tenant_id = c.tenant_id and a.id = c.agent_id),
      'from_number', c.from_number, 'to_number', c.to_number, 'direction', c.direction,
      'duration_s', c.duration_s, 'pipeline_status', c.pipeline_status,
      'not_analysed_reason', c.not_analysed_reason, 'not_analysed_detail', c.not_analysed_detail,
      'recording', json_build_object('available', c.recording_sid is not null,
                                     'duration_s', c.recording_duration_s,
                                     'channels', c.recording_channels)),
    'transcript', coalesce((
      select json_agg(json_build_object('seq', t.seq, 'speaker', t.speaker, 'start_ms', t.start_ms,
                                        'end_ms', t.end_ms, 'text', t.text,
                                        'redactions', t.redactions) order by t.seq)
        from public.transcripts t where t.tenant_id = c.tenant_id and t.call_id = c.id), '[]'),
    'trackers', coalesce((
      select json_agg(json_build_object('id', tr.id, 'name', tr.name, 'hits', h.hits,
                                        'first_ms', h.first_ms, 'speaker', h.speaker)
                      order by h.first_ms)
        from public.tracker_hits h
        join public.trackers tr on tr.tenant_id = h.tenant_id and tr.id = h.tracker_id
       where h.tenant_id = c.tenant_id and h.call_id = c.id), '[]'),
    'insight', (
      select json_build_object(
               'sentiment', json_build_object('score', i.sentiment_score, 'label', i.sentiment_label),
               'converted', i.converted, 'converted_evidence', i.converted_evidence,
               'converted_at_ms', i.converted_at_ms, 'upsell_cents', i.upsell_cents,
               'upsell_items', i.upsell_items, 'script', i.script, 'script_met', i.script_met,
               'script_total', i.script_total, 'talk', i.talk, 'ai_score', i.ai_score,
               'summary', i.summary, 'coaching', i.coaching, 'analyzer', i.analyzer,
               'model', i.model, 'script_version', i.script_version,
               'analyzed_at', i.analyzed_at, 'review', i.review, 'flags', to_jsonb(i.flags),
               'confidence', i.confidence, 'objection', i.objection,
               'ai_values', i.ai_values, 'overrides', i.overrides,
               'created_at', i.created_at)
        from public.insights i where i.tenant_id = c.tenant_id and i.call_id = c.id))::text
    from public.calls c
   where c.tenant_id = $1::uuid and c.id = $2::uuid)sql";

}  // namespace

void AddCallDetailRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/calls/{id}", [&ctx](http::Request& req) {
    QueryParams q(req);
    if (auto bad = q.Finish()) return *bad;
    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      const std::string& id = req.params["id"];
      auto not_found = http::Response::Error(404, "not_found", "no such call");
      if (!IsUuid(id)) return not_found;
      auto rows = tx.exec(kCallDetail, {who.tenant_id, id});
      if (rows.empty()) return not_found;
      return http::Response::Json(200, std::string(rows.get(0, 0)));
    });
  });
}

}  // namespace converza::api
