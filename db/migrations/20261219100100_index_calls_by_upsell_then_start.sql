-- The calls list orders calls with equal sort keys by started_at, then id (api/call_query.cc),
-- so that a page's walk of a key's index can bound the range within each value. Ordered by id,
-- which is time order since 20261217100100, an ascending walk read a tenant's older calls with the
-- key's lowest value before it reached the range's: 45,676 index entries and 7-11 ms for a 30-day
-- page of `sort=upsell_cents&order=asc` at 1M calls (docs/benchmarks.md, session 21). Each key's
-- index becomes (tenant_id, <key>, started_at, id), built concurrently (db/migrator.h) before the
-- (tenant_id, <key>, id) one it replaces is dropped concurrently (20261219100600-101100);
-- the ai_score order already has one, calls_tenant_score_started_idx (20261218100200).
create index concurrently calls_tenant_upsell_started_idx
  on public.calls (tenant_id, sort_upsell_cents, started_at, id)
  include (agent_id, insight_converted, insight_sentiment_label, sort_ai_score, insight_low_performer);
