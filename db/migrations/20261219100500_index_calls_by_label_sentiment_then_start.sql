-- One of the indexes that order calls with equal keys by started_at (20261219100100).
-- A `sentiment` filter with the sentiment order (the two are correlated).
create index concurrently calls_tenant_label_sentiment_started_idx
  on public.calls (tenant_id, insight_sentiment_label, sort_sentiment, started_at, id)
  include (agent_id, insight_converted, sort_ai_score, insight_low_performer);
