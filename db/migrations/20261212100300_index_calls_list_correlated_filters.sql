-- Two of the calls list's filters are correlated with an order: an upsell comes with a
-- conversion (`converted=false` sorted by upsell_cents desc walked every converted call first),
-- and the sentiment label bands the sentiment score (`sentiment=positive` sorted by sentiment asc
-- walked every negative and neutral call first): 35-75 ms at 1M calls when the filter matches
-- too many calls for the page to be sorted from them (docs/benchmarks.md, 2026-12-05). Led by the
-- filter's column, these indexes start the walk at the first matching call. The agent filter's
-- index carries the list's other filter columns and sort values, so the calls one agent had in
-- the range are read from it alone (the list counts and sorts them, api/calls.cc).
create index calls_tenant_converted_upsell_id_idx
  on public.calls (tenant_id, insight_converted, sort_upsell_cents, id)
  include (started_at, agent_id, insight_sentiment_label, sort_ai_score, insight_low_performer);
create index calls_tenant_label_sentiment_id_idx
  on public.calls (tenant_id, insight_sentiment_label, sort_sentiment, id)
  include (started_at, agent_id, insight_converted, sort_ai_score, insight_low_performer);

create index calls_tenant_agent_started_list_idx on public.calls (tenant_id, agent_id, started_at, id)
  include (insight_converted, insight_sentiment_label, sort_ai_score, insight_low_performer,
           sort_upsell_cents, sort_sentiment, sort_duration_s);
drop index public.calls_tenant_agent_started_id_idx;
alter index public.calls_tenant_agent_started_list_idx rename to calls_tenant_agent_started_id_idx;
analyze public.calls;
