-- Replaced by tracker_hits_tracker_sentiment_started_idx.
drop index concurrently public.tracker_hits_tracker_sentiment_idx;
