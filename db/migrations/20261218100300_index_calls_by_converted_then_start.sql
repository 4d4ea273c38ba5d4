-- The calls list counts the calls a `converted` filter matches in the range (up to 10,001)
-- here, reading only the matching calls: through the started_at index it read every call of
-- the range to find them, as it did for a score band (20261218100200), and a 1M-call tenant's
-- `converted=true` pages took 15-21 ms at p95 (11-13 ms with this index, docs/benchmarks.md).
-- It carries the list's other filter columns and sort values, so the count and the sort of up
-- to 10,000 matches read nothing else. Built concurrently, so webhooks keep writing calls while
-- it builds (db/migrator.h).
create index concurrently calls_tenant_converted_started_idx
  on public.calls (tenant_id, insight_converted, started_at, id)
  include (agent_id, insight_sentiment_label, sort_ai_score, insight_low_performer,
           sort_upsell_cents, sort_sentiment, sort_duration_s);
