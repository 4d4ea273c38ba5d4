-- Replaced by tracker_hits_tracker_ai_score_started_idx.
drop index concurrently public.tracker_hits_tracker_ai_score_idx;
