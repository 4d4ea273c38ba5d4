-- The daily dialling count was one row per tenant and day, updated by every call-status webhook
-- that carries a duration: each such webhook waited for the previous one's commit on that row
-- (bench/pipeline/run: Lock:transactionid on the call-status upsert, 23 ms mean, the webhooks
-- of one tenant capped near 1 / commit time). The count is now spread over 16 rows per tenant
-- and day, picked by the writing connection (pg_backend_pid() % 16), so webhooks on different
-- connections no longer queue behind each other; the voice webhook's budget check sums the
-- day's rows (at most 16, one index range).
alter table private.dial_seconds_daily
  add column shard smallint not null default 0 check (shard between 0 and 15);
alter table private.dial_seconds_daily drop constraint dial_seconds_daily_pkey;
alter table private.dial_seconds_daily add primary key (tenant_id, day, shard);
comment on column private.dial_seconds_daily.shard is 'Which of the day''s 16 counters (the writing connection''s pg_backend_pid() % 16); the day''s count is their sum.';
