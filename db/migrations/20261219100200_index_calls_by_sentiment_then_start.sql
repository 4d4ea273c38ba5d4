-- One of the indexes that order calls with equal keys by started_at (20261219100100).
create index concurrently calls_tenant_sentiment_started_idx
  on public.calls (tenant_id, sort_sentiment, started_at, id)
  include (agent_id, insight_converted, insight_sentiment_label, sort_ai_score, insight_low_performer);
