-- What carrying the call's started_at and sort keys on its tracker hits costs writes
-- (docs/benchmarks.md, 2026-12-05, the tracker filter): on a migrated throwaway database,
-- 60,000 calls of one tenant with insights, 30,000 with a hit, then timed in rounds of 10,000
-- calls each with one hit: the hits inserted (a trigger, private.copy_call_to_children since
-- 20261215100100, copies the call's keys onto each, five indexes), then the calls re-analysed
-- (an update of ai_score and upsell_cents, which the copy triggers carry to the call and on to
-- its hit); then the same with the hits as they were before migration 20261213100100 (no
-- copies, no trigger, one (tenant_id, tracker_id, call_id) index).
-- usage: psql -X -f bench/api/tracker_hits_write_cost.sql "<dsn of a freshly migrated database>"
\ir write_cost_setup.sql
insert into public.trackers (tenant_id, id, name, phrases)
values ('11111111-0000-4000-8000-000000000000', md5('wc-tracker')::uuid, 'Competitor', '{other vendor}');

create function pg_temp.add_hits(p_from int, p_to int) returns void language sql as $$
  insert into public.tracker_hits (tenant_id, call_id, tracker_id, hits, first_ms, speaker)
  select '11111111-0000-4000-8000-000000000000', md5('wc-call-' || g)::uuid, md5('wc-tracker')::uuid,
         1, 15000, 'customer'
    from generate_series(p_from, p_to) g
$$;

select pg_temp.add_calls(1, 90000);
select pg_temp.add_insights(1, 90000);
select pg_temp.add_hits(1, 30000);
vacuum analyze public.calls, public.insights, public.tracker_hits;

\timing on
\echo '== copies on the hits: 10,000 hits inserted, then their calls re-analysed (three rounds)'
select pg_temp.add_hits(30001, 40000);
select pg_temp.reanalyse(30001, 40000);
select pg_temp.add_hits(40001, 50000);
select pg_temp.reanalyse(40001, 50000);
select pg_temp.add_hits(50001, 60000);
select pg_temp.reanalyse(50001, 60000);
\timing off
select pg_size_pretty(sum(pg_relation_size(indexrelid))) as tracker_hits_index_size
  from pg_index where indrelid = 'public.tracker_hits'::regclass;

drop trigger copy_call_to_children_on_insert on public.tracker_hits;
drop trigger copy_call_to_children_on_update on public.calls;  -- the transcripts' copy too: none here
drop index public.tracker_hits_tracker_started_idx, public.tracker_hits_tracker_ai_score_started_idx,
           public.tracker_hits_tracker_upsell_started_idx, public.tracker_hits_tracker_sentiment_started_idx,
           public.tracker_hits_tracker_duration_started_idx;
alter table public.tracker_hits drop column started_at, drop column sort_ai_score,
  drop column sort_upsell_cents, drop column sort_sentiment, drop column sort_duration_s;
create index tracker_hits_tracker_idx on public.tracker_hits (tenant_id, tracker_id, call_id);
vacuum full analyze public.tracker_hits;

\timing on
\echo '== the hits as before 20261213100100: the same three rounds'
select pg_temp.add_hits(60001, 70000);
select pg_temp.reanalyse(60001, 70000);
select pg_temp.add_hits(70001, 80000);
select pg_temp.reanalyse(70001, 80000);
select pg_temp.add_hits(80001, 90000);
select pg_temp.reanalyse(80001, 90000);
\timing off
select pg_size_pretty(sum(pg_relation_size(indexrelid))) as tracker_hits_index_size
  from pg_index where indrelid = 'public.tracker_hits'::regclass;
