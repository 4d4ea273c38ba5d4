-- The tracker's hits, which carry their call's sort keys and started_at, ordered as the calls are:
-- equal keys by started_at, then the call's id (20261219100100).
create index concurrently tracker_hits_tracker_upsell_started_idx
  on public.tracker_hits (tenant_id, tracker_id, sort_upsell_cents, started_at, call_id);
