-- The day's dialling count was spread over 16 rows per tenant, picked by pg_backend_pid() % 16.
-- Sixteen pooled connections fall on fewer than sixteen of those rows (bench/pipeline/run used 12
-- of them), so two call-status webhooks on different connections still met on one row, and the
-- second waited for the first's commit: the counter's upsert took 1.5 ms mean inside the
-- call-status statement (pg_stat_statements with track = all, docs/benchmarks.md 2026-12-05).
-- The counter is now the writing connection's own (shard = pg_backend_pid()): no two open
-- transactions share a row. The day's rows are as many as the connections that wrote that day,
-- which a pool keeps to a few dozen; the budget check sums them in one index range.
alter table private.dial_seconds_daily drop constraint dial_seconds_daily_shard_check;
alter table private.dial_seconds_daily alter column shard type integer;
alter table private.dial_seconds_daily add constraint dial_seconds_daily_shard_check check (shard >= 0);
comment on column private.dial_seconds_daily.shard is 'The writing connection''s counter (its pg_backend_pid()); the day''s count is the sum of its rows.';
