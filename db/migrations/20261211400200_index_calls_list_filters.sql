-- The calls list counts the calls its filters match (up to 10,001, api/calls.cc) over the range:
-- with the filter columns in the index, that count is an index-only scan of the range instead of
-- a heap fetch per call in it (~1 s for `converted=true` over 30 days of a 1M-call tenant, cold).
-- Same key as calls_tenant_started_id_idx, which it replaces under the same name.
create index calls_tenant_started_list_idx on public.calls (tenant_id, started_at, id)
  include (insight_converted, insight_sentiment_label, insight_ai_score);
drop index public.calls_tenant_started_id_idx;
alter index public.calls_tenant_started_list_idx rename to calls_tenant_started_id_idx;
analyze public.calls;
