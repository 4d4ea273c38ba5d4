-- The calls list reads the ids and sort values of the calls its filters match in the range (up to
-- 10,001, api/calls.cc `matched`): it counts them, and when there are at most 10,000 the page is
-- the first of them in order. With every sort value in the range's index too, that read is an
-- index-only scan whatever the order. Same key as calls_tenant_started_id_idx, which it replaces
-- under the same name.
create index calls_tenant_started_list_idx on public.calls (tenant_id, started_at, id)
  include (agent_id, insight_converted, insight_sentiment_label, sort_ai_score, insight_low_performer,
           sort_upsell_cents, sort_sentiment, sort_duration_s);
drop index public.calls_tenant_started_id_idx;
alter index public.calls_tenant_started_list_idx rename to calls_tenant_started_id_idx;
analyze public.calls;
