-- Replaced by tracker_hits_tracker_duration_started_idx.
drop index concurrently public.tracker_hits_tracker_duration_idx;
