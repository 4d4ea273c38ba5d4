-- One of the indexes that order calls with equal keys by started_at (20261219100100).
-- A `converted` filter with the upsell order (the two are correlated).
create index concurrently calls_tenant_converted_upsell_started_idx
  on public.calls (tenant_id, insight_converted, sort_upsell_cents, started_at, id)
  include (agent_id, insight_sentiment_label, sort_ai_score, insight_low_performer);
