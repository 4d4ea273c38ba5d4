-- The calls list counts the calls a `sentiment` filter (the label) matches in the range here,
-- reading only the matching calls, as the `converted` filter's count does (20261218100300).
-- Built concurrently, so webhooks keep writing calls while it builds (db/migrator.h).
create index concurrently calls_tenant_label_started_idx
  on public.calls (tenant_id, insight_sentiment_label, started_at, id)
  include (agent_id, insight_converted, sort_ai_score, insight_low_performer,
           sort_upsell_cents, sort_sentiment, sort_duration_s);
