-- The calls list counts the calls a score filter matches in the range (up to 10,001) by looking
-- each score of the band up here, reading only the matching calls: through the started_at index
-- it read every call of the range to find them (a band of a sixth of the scores: 58,000 index
-- entries, 14 ms for a 1M-call tenant, docs/benchmarks.md). It carries the list's other filter
-- columns and sort values, as the started_at index does, so the count and the sort of up to
-- 10,000 matches read nothing else (api/call_query.cc).
-- Built concurrently, so webhooks keep writing calls while it builds (db/migrator.h).
create index concurrently calls_tenant_score_started_idx
  on public.calls (tenant_id, sort_ai_score, started_at, id)
  include (agent_id, insight_converted, insight_sentiment_label, insight_low_performer,
           sort_upsell_cents, sort_sentiment, sort_duration_s);
