-- Replaced by tracker_hits_tracker_upsell_started_idx.
drop index concurrently public.tracker_hits_tracker_upsell_idx;
